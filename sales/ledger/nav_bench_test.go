package ledger_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/nav"
	"github.com/hanmoto/hanmoto/sales/price"
)

// BenchmarkNAVImport parses the manager's 1,698-day file and imports it into
// a ledger that does not hold the fund yet.
func BenchmarkNAVImport(b *testing.B) {
	data, err := os.ReadFile(kdptest.Fixture(b, "nav/mufg_emaxis_slim_allcountry_253425.csv"))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := ledger.Open(filepath.Join(b.TempDir(), "l.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		f, err := nav.Parse("nav.csv", data)
		if err != nil {
			b.Fatal(err)
		}
		prices := make([]price.Day, len(f.Days))
		for i, r := range f.Days {
			prices[i] = price.Day{Date: r.Date, NAV: r.NAV, Distribution: r.Distribution, Line: r.Line}
		}
		if _, err := l.ImportNAV(ctx, "253425", f.FundName, "nav.csv", prices, false); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		l.Close()
		b.StartTimer()
	}
}
