package epub

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
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
		ws, _, err := checkCover(write("c.png", c.w, c.h), "c.png")
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

// An illustration too small for the page it fills is a warning; an image
// inside a sentence is not an illustration and is not measured.
func TestIllustrationWarnings(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
	os.MkdirAll(filepath.Join(dir, "images"), 0o755)
	for name, size := range map[string][2]int{"small.png": {800, 560}, "big.png": {1600, 1120}, "icon.png": {32, 32}} {
		f, _ := os.Create(filepath.Join(dir, "images", name))
		png.Encode(f, image.NewGray(image.Rect(0, 0, size[0], size[1])))
		f.Close()
	}
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: 挿絵\nauthor: 著\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000002\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "chapters", "1.md"), []byte("# 一\n\n![小](../images/small.png)\n\n![大](../images/big.png)\n\n道は![印](../images/icon.png)の方へ。\n"), 0o644)
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	ws := checkIllustrations(b)
	if len(ws) != 1 || !strings.Contains(ws[0].Msg.String(), "illustration images/small.png is 800×560") {
		t.Errorf("warnings %v", ws)
	}
}
