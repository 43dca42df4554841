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

	"github.com/hanmoto/hanmoto/paperback"
)

// A picture titled "full-bleed" (a 口絵) fills its sheet to the bleed's
// edge when the book prints with bleed: each corner of its page is the
// picture's, read from a raster of the PDF (pdftoppm). Without bleed it
// fits the type area, and print says why. Nothing reached the bleed
// before.
func TestPrintFullBleed(t *testing.T) {
	needPrinter(t)
	red := color.RGBA{200, 20, 20, 255}
	img := image.NewRGBA(image.Rect(0, 0, 300, 420))
	for y := 0; y < 420; y++ {
		for x := 0; x < 300; x++ {
			img.Set(x, y, red)
		}
	}
	var art bytes.Buffer
	if err := png.Encode(&art, img); err != nil {
		t.Fatal(err)
	}
	body := "# 口絵\n\n![夜の郵便局](../images/kuchie.png \"full-bleed\")\n\n" + strings.Repeat("　見習いは坂を登り、郵便局の扉を開けた。\n\n", 10)
	dir := writeBook(t, "口絵の試し", "", map[string][]byte{"chapters/01.md": []byte(body), "images/kuchie.png": art.Bytes()})
	a5, _ := paperback.FindTrim("a5")
	// the pages whose corners are all red, and those with one red
	corners := func(p *printed) (all, some int) {
		out := t.TempDir()
		run(t, "pdftoppm", "-r", "12", "-png", p.file("interior.pdf"), filepath.Join(out, "p"))
		files, _ := filepath.Glob(filepath.Join(out, "p-*.png"))
		for _, file := range files {
			fh, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			im, err := png.Decode(fh)
			fh.Close()
			if err != nil {
				t.Fatal(err)
			}
			r := im.Bounds()
			n := 0
			// a pixel in from each corner (2 mm at 12 DPI): inside the
			// 3.2 mm of bleed, past the trim
			r = r.Inset(1)
			for _, pt := range []image.Point{r.Min, {r.Max.X - 1, r.Min.Y}, {r.Min.X, r.Max.Y - 1}, r.Max.Sub(image.Pt(1, 1))} {
				if c, _, _, _ := im.At(pt.X, pt.Y).RGBA(); c>>8 > 150 {
					if _, g, _, _ := im.At(pt.X, pt.Y).RGBA(); g>>8 < 80 {
						n++
					}
				}
			}
			if n == 4 {
				all++
			} else if n > 0 {
				some++
			}
		}
		return all, some
	}
	bled := printBook(t, dir, paperback.Options{Trim: a5, Bleed: true, Proof: true})
	if all, some := corners(bled); all != 1 || some != 0 {
		t.Errorf("with bleed: %d pages red to every corner, %d to some; want the 口絵's alone", all, some)
	}
	plain := printBook(t, dir, paperback.Options{Trim: a5, Proof: true})
	if all, some := corners(plain); all != 0 || some != 0 {
		t.Errorf("without bleed: %d pages red to every corner, %d to some; want none", all, some)
	}
	warned := false
	for _, w := range plain.res.Warnings {
		warned = warned || strings.Contains(w.Msg.String(), "full-bleed")
	}
	if !warned {
		t.Errorf("no warning that the full-bleed picture printed inside the margins: %v", plain.res.Warnings)
	}
}
