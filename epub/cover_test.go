package epub

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A cover KDP would show badly is a warning, not an error.
func TestCoverWarnings(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, w, h int) string {
		p := filepath.Join(dir, name)
		f, _ := os.Create(p)
		png.Encode(f, image.NewGray(image.Rect(0, 0, w, h)))
		f.Close()
		return p
	}
	cases := []struct {
		w, h int
		want []string
	}{
		{1600, 2560, nil},
		{1000, 1000, []string{"a height:width of 1.00:1"}},
		{400, 640, []string{"smaller than KDP's minimum of 625×1000"}},
	}
	for _, c := range cases {
		ws, err := checkCover(write("c.png", c.w, c.h), "c.png")
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) != len(c.want) {
			t.Errorf("%d×%d: warnings %v, want %v", c.w, c.h, ws, c.want)
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(ws[i].Msg.String(), w) {
				t.Errorf("%d×%d: %q does not say %q", c.w, c.h, ws[i].Msg.String(), w)
			}
		}
	}
}
