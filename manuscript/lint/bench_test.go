package lint_test

import (
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript/lint"
)

func benchLint(b *testing.B) {
	for _, nb := range novelgen.Benches {
		b.Run(nb.Name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "novel")
			if err := novelgen.Write(dir, nb.Options); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := lint.Run(dir, lint.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
