package report_test

import (
	"io"
	"os"
	"testing"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/report"
)

// BenchmarkMonthly runs `report monthly` on the ledger in $HANMOTO_BENCH_LEDGER
// (make bench builds a ten-year one).
func BenchmarkMonthly(b *testing.B) {
	path := os.Getenv("HANMOTO_BENCH_LEDGER")
	if path == "" {
		b.Skip("HANMOTO_BENCH_LEDGER names no ledger")
	}
	l, err := ledger.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for i := 0; i < b.N; i++ {
		m, err := report.BuildMonthly(ctx, l, "", "", "")
		if err != nil {
			b.Fatal(err)
		}
		m.Write(io.Discard, "table")
	}
}

// BenchmarkHTML runs `report html` on the ledger in $HANMOTO_BENCH_LEDGER.
func BenchmarkHTML(b *testing.B) {
	path := os.Getenv("HANMOTO_BENCH_LEDGER")
	if path == "" {
		b.Skip("HANMOTO_BENCH_LEDGER names no ledger")
	}
	l, err := ledger.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for i := 0; i < b.N; i++ {
		if _, err := report.HTML(ctx, l, "marketplace"); err != nil {
			b.Fatal(err)
		}
	}
}
