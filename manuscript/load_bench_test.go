package manuscript_test

import (
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
)

// BenchmarkLoad1000 reads and renders each 1,000-episode bench novel.
func BenchmarkLoad1000(b *testing.B) {
	for _, nb := range novelgen.Benches {
		b.Run(nb.Name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "novel")
			if err := novelgen.Write(dir, nb.Options); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := manuscript.Load(dir, manuscript.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
