package epub

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// MaxCoverPagePixels is the most pixels the cover page's image may have:
// Apple Books shows an image of more than 2 million pixels scaled down
// (and older readers run out of memory on it). KDP's recommended cover,
// 1600×2560, has 4.1 million, so the cover page shows a smaller copy while
// the cover-image, from which the stores make their thumbnails, stays
// the author's own.
const MaxCoverPagePixels = 2_000_000

// coverPage is the image the cover page shows: nil when the cover is
// small enough to show itself, else a JPEG copy scaled to fit 2 million
// pixels. Scaling a 4-megapixel cover takes a third of a second, more
// than a whole novel's build, so a copy is kept in the user's cache
// folder (hanmoto/covers/) across builds and a preview's rebuilds, under
// the hash of the source's bytes; the same source gives the same copy.
// Nothing is kept in the process: two books built at once share nothing.
func coverPage(src []byte, cfg image.Config) ([]byte, int, int, error) {
	if cfg.Width*cfg.Height <= MaxCoverPagePixels {
		return nil, cfg.Width, cfg.Height, nil
	}
	s := math.Sqrt(float64(MaxCoverPagePixels) / float64(cfg.Width*cfg.Height))
	w, h := int(float64(cfg.Width)*s), int(float64(cfg.Height)*s)
	sum := sha256.Sum256(src)
	key := hex.EncodeToString(sum[:16])
	var cacheFile string
	if dir, err := os.UserCacheDir(); err == nil {
		cacheFile = filepath.Join(dir, "hanmoto", "covers", key+".jpg")
		if data, err := os.ReadFile(cacheFile); err == nil && isCoverCopy(data, w, h) {
			return data, w, h, nil
		}
	}
	img, _, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, 0, 0, err
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// Catmull-Rom: a cover is looked at, and a bilinear copy of text on
	// it goes soft
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 90}); err != nil {
		return nil, 0, 0, err
	}
	data := out.Bytes()
	if cacheFile != "" {
		// a cache that can't be written is only slower next time
		if os.MkdirAll(filepath.Dir(cacheFile), 0o755) == nil {
			tmp := cacheFile + ".tmp" + hex.EncodeToString(sum[16:20])
			if os.WriteFile(tmp, data, 0o644) == nil {
				_ = os.Rename(tmp, cacheFile)
			}
		}
	}
	return data, w, h, nil
}

// isCoverCopy checks a cached copy before use: a whole JPEG (its end
// marker there) of the expected size; a truncated or foreign file is made
// again.
func isCoverCopy(data []byte, w, h int) bool {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil && format == "jpeg" && cfg.Width == w && cfg.Height == h && bytes.HasSuffix(data, []byte{0xFF, 0xD9})
}
