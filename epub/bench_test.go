package epub_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
)

// BenchmarkBuild1000 is `hanmoto build` on the generated 1,000-episode,
// 3.3M-character novel: rendering and packaging, no disk writes.
func BenchmarkBuild1000(b *testing.B) {
	for _, nb := range novelgen.Benches {
		b.Run(nb.Name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "novel")
			if err := novelgen.Write(dir, nb.Options); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				book, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: epub.ImagePrefix})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := epub.Write(book, io.Discard, epub.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
