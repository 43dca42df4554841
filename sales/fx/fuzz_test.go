package fx_test

import (
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/sales/fx"
)

// FuzzParse: any bytes read as a rates file give positive rates of known
// currencies on real dates, or one line of error; never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("date,currency,rate\n2025-01-31,EUR,162.35\n2025-01-31,USD,155.2\n"))
	f.Add([]byte("\xef\xbb\xbfDATE,Currency,Rate\r\n2024-12-30,gbp,197\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rates, _, err := fx.Parse("r.csv", data, "JPY")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of several lines: %q", err)
			}
			return
		}
		for _, r := range rates {
			if !r.Rate.IsPositive() || len(r.Date) != 10 || r.Currency != strings.ToUpper(r.Currency) {
				t.Fatalf("a rate that makes no sense: %+v", r)
			}
		}
	})
}
