package paperback_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
)

// solid is a PNG of w × h pixels in one colour.
func solid(t *testing.T, w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pixelAt reads the colour of a PDF's first page at x, y mm from its
// top-left corner, from a raster of it (pdftoppm).
func pixelAt(t *testing.T, file string, xmm, ymm float64) color.RGBA {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r")
	run(t, "pdftoppm", "-r", "100", "-png", "-singlefile", file, out)
	fh, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, _ := img.At(int(xmm/25.4*100), int(ymm/25.4*100)).RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) < 24 && d(a.G, b.G) < 24 && d(a.B, b.B) < 24
}

// The paperback's own cover art (print: cover:): of the whole sheet's
// shape it is the whole cover, words and all; of another shape it is the
// front. The spine takes the colour of the front art's edge beside it,
// or book.yaml's spine-color; it was white under any art.
func TestPrintCover(t *testing.T) {
	needPrinter(t)
	body := "# 第一話\n\n" + strings.Repeat("　見習いは坂を登り、郵便局の扉を開けた。\n", 60)
	files := func(extra map[string][]byte) map[string][]byte {
		m := map[string][]byte{"chapters/01.md": []byte(body), "chapters/02.md": []byte(strings.Replace(body, "第一話", "第二話", 1))}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	a5, _ := paperback.FindTrim("a5")
	navy, green, blue := color.RGBA{20, 30, 70, 255}, color.RGBA{30, 140, 60, 255}, color.RGBA{40, 90, 200, 255}
	// a front-shaped print cover: the front is it, the spine its colour
	dir := writeBook(t, "表紙の試し", "print:\n  cover: images/front.png\n", files(map[string][]byte{"images/front.png": solid(t, 300, 420, navy)}))
	p := printBook(t, dir, paperback.Options{Trim: a5, Proof: true})
	cover := p.file("cover.pdf")
	w, h, spine := p.res.CoverW, p.res.CoverH, p.res.SpineMM
	front, mid := (w-spine)/4, (w-spine)/2+spine/2
	if c := pixelAt(t, cover, front, h/2); !near(c, navy) {
		t.Errorf("the front is %v, not the print cover's %v", c, navy)
	}
	if c := pixelAt(t, cover, mid, h/2); !near(c, navy) {
		t.Errorf("the spine is %v, not the front art's edge %v", c, navy)
	}
	if c := pixelAt(t, cover, w-front, h/2); !near(c, color.RGBA{255, 255, 255, 255}) {
		t.Errorf("the back is %v, not white", c)
	}
	// book.yaml's colour for it
	p = printBook(t, dir, paperback.Options{Trim: a5, Proof: true, SpineColor: "#1e8c3c"})
	if c := pixelAt(t, p.file("cover.pdf"), mid, h/2); !near(c, green) {
		t.Errorf("spine-color #1e8c3c printed %v", c)
	}
	// a print cover of the whole sheet's shape: it is the cover
	wrap := writeBook(t, "表紙の試し", "print:\n  cover: images/wrap.png\n", files(map[string][]byte{"images/wrap.png": solid(t, int(w*4), int(h*4), blue)}))
	p = printBook(t, wrap, paperback.Options{Trim: a5, Proof: true})
	for _, x := range []float64{front, mid, w - front} {
		if c := pixelAt(t, p.file("cover.pdf"), x, h/2); !near(c, blue) {
			t.Errorf("the whole-sheet cover at %.0f mm is %v, not %v", x, c, blue)
		}
	}
	if text := strings.TrimSpace(run(t, "pdftotext", p.file("cover.pdf"), "-")); text != "" {
		t.Errorf("a whole-sheet cover carries its own words; hanmoto set %q on it", text)
	}
	warned := false
	for _, wn := range p.res.Warnings {
		warned = warned || strings.Contains(wn.Msg.String(), "DPI as the whole cover")
	}
	if !warned {
		t.Error("a whole-sheet cover at 100 DPI without a warning")
	}
	if _, err := paperback.Settings(paperback.Flags{}, manuscript.PrintConfig{SpineColor: "navy"}); err == nil {
		t.Error("spine-color: navy accepted")
	}
}
