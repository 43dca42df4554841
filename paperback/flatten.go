package paperback

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // illustrations in GIF
	"image/png"
)

// flatten lays a PNG or GIF with transparent pixels on white paper: KDP
// asks for transparency flattened, and Chromium prints an image's alpha as
// a soft mask (/SMask). Where nothing is printed the paper shows, so white
// is the paper's colour on white and cream alike. An opaque image, and a
// JPEG, keep their bytes.
func flatten(data []byte) ([]byte, error) {
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "gif") {
		return data, nil // not ours to judge: CheckImage has
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if opaque(img) {
		return data, nil
	}
	r := img.Bounds()
	out := image.NewRGBA(r)
	draw.Draw(out, r, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, r, img, r.Min, draw.Over)
	var b bytes.Buffer
	if err := png.Encode(&b, out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// opaque reports whether every pixel of img is opaque.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}
