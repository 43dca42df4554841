// Command spread sets two page images side by side as a book opens: for
// make shots' pictures of the paperback. spread OUT.png LEFT.png RIGHT.png
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: spread OUT.png LEFT.png RIGHT.png")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "spread:", err)
		os.Exit(1)
	}
}

func load(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

func run(out, left, right string) error {
	l, err := load(left)
	if err != nil {
		return err
	}
	r, err := load(right)
	if err != nil {
		return err
	}
	// a thin grey gutter between the pages and round them, so that white
	// pages show as pages on a white README
	const edge = 2
	lw, rw := l.Bounds().Dx(), r.Bounds().Dx()
	h := max(l.Bounds().Dy(), r.Bounds().Dy())
	dst := image.NewRGBA(image.Rect(0, 0, lw+rw+3*edge, h+2*edge))
	draw.Draw(dst, dst.Bounds(), &image.Uniform{color.Gray{0xb0}}, image.Point{}, draw.Src)
	draw.Draw(dst, image.Rect(edge, edge, edge+lw, edge+l.Bounds().Dy()), l, l.Bounds().Min, draw.Src)
	draw.Draw(dst, image.Rect(2*edge+lw, edge, 2*edge+lw+rw, edge+r.Bounds().Dy()), r, r.Bounds().Min, draw.Src)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := png.Encode(f, dst); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
