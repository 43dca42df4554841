package ledger_test

import (
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/hanmoto/hanmoto/sales/ledger"
)

// BenchmarkImport12 reads and imports a year of generated statements
// (50 titles × 13 marketplaces, eBook and KENP) into a fresh ledger.
func BenchmarkImport12(b *testing.B) {
	dir := b.TempDir()
	paths, err := kdptest.GenerateStatements(dir, 12)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l, err := ledger.Open(filepath.Join(b.TempDir(), "l.db"))
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			r, err := kdp.Read(p)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := l.Import(ctx, r, ledger.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		l.Close()
	}
}
