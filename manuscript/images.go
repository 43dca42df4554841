package manuscript

import (
	"bytes"
	"image"
	_ "image/gif" // the formats a book's images may be in
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"path"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// MaxImagePixels bounds an image of a book, the cover included: 40
// million pixels (an A4 page at 300 DPI with bleed is 9 million, KDP's
// largest eBook cover 10,000 × 10,000 is more than any reader shows).
// Decoded, an image takes four bytes a pixel: a 4 MB PNG of 30,000 ×
// 48,000 pixels once made build take 7.2 GB for two minutes. The size is
// read from the file's header, before anything is decoded, by build and by
// print before Chromium starts.
const MaxImagePixels = 40_000_000

// CheckImage reads an image's header and refuses what no reader shows
// well: bytes that are not the image the name says (a text file, an HTML
// page, an SVG, AVIF or HEIC named .png), a header that can't be read,
// and more pixels than MaxImagePixels. rel names it in messages.
func CheckImage(full, rel string) (image.Config, error) {
	f, err := os.Open(full)
	if err != nil {
		return image.Config{}, i18n.Errorf("%s: %v", rel, err)
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	ext := strings.ToLower(path.Ext(rel))
	want := map[string]string{".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif"}[ext]
	ok := false
	switch want {
	case "png":
		ok = bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n"))
	case "jpeg":
		ok = bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff})
	case "gif":
		ok = bytes.HasPrefix(head, []byte("GIF8"))
	}
	if !ok {
		return image.Config{}, i18n.Errorf("%s is not the image its name says (its bytes are no %s): save it again as that kind of image", rel, strings.ToUpper(strings.TrimPrefix(ext, ".")))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return image.Config{}, i18n.Errorf("%s: %v", rel, err)
	}
	cfg, format, err := image.DecodeConfig(io.LimitReader(f, 64<<20))
	if err != nil || format != want {
		return image.Config{}, i18n.Errorf("%s is not the image its name says (its bytes are no %s): save it again as that kind of image", rel, strings.ToUpper(strings.TrimPrefix(ext, ".")))
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return cfg, i18n.Errorf("%s is %d × %d pixels, more than the %d million an image of a book may have: make it smaller (a page at 300 DPI needs about 2,500 × 3,500)", rel, cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	return cfg, nil
}
