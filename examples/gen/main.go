// Command gen draws the example book's art: the cover (a moonlit hill with a
// red-roofed post office) and an illustration map. It is ours, drawn by code,
// so the example carries no borrowed art. Run from the repository root:
//
//	go run ./examples/gen examples/tsukiyo/images
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := write(filepath.Join(dir, "cover.jpg"), cover(1600, 2560), true); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := write(filepath.Join(dir, "map.png"), townMap(1600, 1120), false); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(path string, img image.Image, asJPEG bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if asJPEG {
		err = jpeg.Encode(f, img, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(f, img)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func lerp(a, b uint8, t float64) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t) }

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	return color.RGBA{lerp(a.R, b.R, t), lerp(a.G, b.G, t), lerp(a.B, b.B, t), 255}
}

// hill is the height of the ridge at x, as a fraction of the image height.
func hill(x, w float64) float64 {
	u := x / w
	return 0.70 - 0.10*math.Sin(u*math.Pi*0.9+0.3) - 0.025*math.Sin(u*math.Pi*5.3)
}

func cover(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	top := color.RGBA{10, 14, 40, 255}
	bottom := color.RGBA{52, 58, 110, 255}
	moonX, moonY, moonR := float64(w)*0.68, float64(h)*0.24, float64(w)*0.13
	for y := 0; y < h; y++ {
		sky := mix(top, bottom, float64(y)/float64(h)*1.3)
		for x := 0; x < w; x++ {
			c := sky
			d := math.Hypot(float64(x)-moonX, float64(y)-moonY)
			if d < moonR*3 { // the glow around the moon
				c = mix(c, color.RGBA{120, 130, 170, 255}, math.Pow(1-d/(moonR*3), 2)*0.6)
			}
			if d < moonR {
				c = mix(color.RGBA{250, 244, 214, 255}, color.RGBA{230, 220, 180, 255}, d/moonR)
			}
			img.SetRGBA(x, y, c)
		}
	}
	r := rand.New(rand.NewPCG(2026, 11))
	for i := 0; i < 400; i++ {
		x, y := r.IntN(w), r.IntN(h*6/10)
		if math.Hypot(float64(x)-moonX, float64(y)-moonY) < moonR*1.6 {
			continue
		}
		b := uint8(150 + r.IntN(100))
		size := 1 + r.IntN(3)
		for dy := 0; dy < size; dy++ {
			for dx := 0; dx < size; dx++ {
				img.SetRGBA(x+dx, y+dy, color.RGBA{b, b, uint8(min(255, int(b)+20)), 255})
			}
		}
	}
	// the hill
	for x := 0; x < w; x++ {
		ridge := int(hill(float64(x), float64(w)) * float64(h))
		for y := ridge; y < h; y++ {
			img.SetRGBA(x, y, mix(color.RGBA{22, 36, 40, 255}, color.RGBA{8, 14, 18, 255}, float64(y-ridge)/float64(h-ridge)))
		}
	}
	// the post office: a white wall and a red roof on the ridge
	cx := int(float64(w) * 0.36)
	base := int(hill(float64(cx), float64(w)) * float64(h))
	bw, bh := w/7, h/18
	fill(img, cx-bw/2, base-bh, cx+bw/2, base+10, color.RGBA{225, 218, 200, 255})
	for y := 0; y < bh*7/10; y++ { // roof
		half := bw/2 + bw/8 - y*(bw/2+bw/8)/(bh*7/10)
		fill(img, cx-half, base-bh-y, cx+half, base-bh-y+1, color.RGBA{176, 40, 36, 255})
	}
	fill(img, cx-bw/10, base-bh/2, cx+bw/10, base+10, color.RGBA{90, 60, 40, 255})      // door
	fill(img, cx+bw/5, base-bh*3/4, cx+bw/3, base-bh/3, color.RGBA{255, 214, 120, 255}) // lit window
	// the cherry tree beside it
	tx := cx - bw
	fill(img, tx-8, base-bh*2, tx+8, base+10, color.RGBA{40, 28, 24, 255})
	for i := 0; i < 900; i++ {
		a, d := r.Float64()*2*math.Pi, math.Sqrt(r.Float64())*float64(bw)*0.75
		x, y := tx+int(math.Cos(a)*d), base-bh*2+int(math.Sin(a)*d*0.7)
		fill(img, x, y, x+5, y+5, color.RGBA{uint8(200 + r.IntN(40)), uint8(150 + r.IntN(40)), uint8(170 + r.IntN(40)), 255})
	}
	return img
}

func fill(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	for y := max(y0, 0); y < min(y1, img.Bounds().Dy()); y++ {
		for x := max(x0, 0); x < min(x1, img.Bounds().Dx()); x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// townMap is a hand-drawn-looking map: a road down the hill and houses.
func townMap(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, 0, 0, w, h, color.RGBA{244, 238, 222, 255})
	ink := color.RGBA{60, 50, 40, 255}
	s := w / 800 // drawn for 800 px, scaled: an illustration must fill a Kindle page
	// the winding road from the post office (top) to the shops (bottom)
	for t := 0.0; t < 1; t += 0.0005 / float64(s) {
		x := float64(w)*0.5 + math.Sin(t*math.Pi*3)*float64(w)*0.25
		y := float64(h)*0.08 + t*float64(h)*0.84
		fill(img, int(x)-3*s, int(y)-3*s, int(x)+3*s, int(y)+3*s, ink)
	}
	r := rand.New(rand.NewPCG(15, 9))
	for i := 0; i < 60; i++ {
		t := r.Float64()
		x := float64(w)*0.5 + math.Sin(t*math.Pi*3)*float64(w)*0.25 + (r.Float64()-0.5)*220*float64(s)
		y := float64(h)*0.08 + t*float64(h)*0.84
		fill(img, int(x)-9*s, int(y)-7*s, int(x)+9*s, int(y)+7*s, color.RGBA{120, 100, 80, 255})
	}
	fill(img, w/2-22*s, 10*s, w/2+22*s, 44*s, color.RGBA{176, 40, 36, 255}) // the post office
	return img
}
