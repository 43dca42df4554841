package fx_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/fx"
)

// TestRatesFileErrors: every bad rates file is one positioned line.
func TestRatesFileErrors(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"day,cur,x\n", "r.csv:1: the header must be date,currency,rate"},
		{"date,currency,rate\n2025-13-01,USD,1\n", `r.csv:2: "2025-13-01" is not a date`},
		{"date,currency,rate\n2025-01-01,XYZ,1\n", `r.csv:2: unknown currency "XYZ"`},
		{"date,currency,rate\n2025-01-01,USD,-1\n", `r.csv:2: "-1" is not a positive rate`},
		{"date,currency,rate\n2025-01-01,USD\n", `r.csv:2: `},
		{"date,currency,rate\n", "r.csv: no rates"},
		{"date,currency,rate\n9999-01-31,USD,150\n", "r.csv:2: 9999-01-31 is not a day a rate can be for"},
		{"date,currency,rate\n2025-01-31,USD,1e400\n", `r.csv:2: "1e400" is not a positive rate`},
		{"date,currency,rate\n2025-01-31,USD,20000000\n", "r.csv:2: 20000000 is not a rate of one currency in another: at most 1000000"},
		{"date,currency,rate\n2025-01-31,USD," + strings.Repeat("9", 5000) + "\n", `r.csv:2: "` + strings.Repeat("9", 40) + "…" + strings.Repeat("9", 20) + `" is not a positive rate`},
	} {
		if _, err := fx.Parse("r.csv", []byte(c.csv)); err == nil || err.Error()[:min(len(c.want), len(err.Error()))] != c.want {
			t.Errorf("%.80q: %v, want %s", c.csv, err, c.want)
		}
	}
	rates, err := fx.Parse("r.csv", []byte("\xef\xbb\xbfdate,currency,rate\n2025-01-31,eur,162.35\n"))
	if err != nil || len(rates) != 1 || rates[0].Currency != "EUR" || rates[0].Rate.String() != "162.35" {
		t.Errorf("%+v %v", rates, err)
	}
}

// TestRatesErrorIsPositioned: the reader's error is the one positioned
// input error every reader returns, with the file and the line.
func TestRatesErrorIsPositioned(t *testing.T) {
	_, err := fx.Parse("r.csv", []byte("date,currency,rate\n2025-01-31,EUR,1\n2025-02-30,EUR,1\n"))
	var pe *inputerr.Error
	if !errors.As(err, &pe) || pe.File != "r.csv" || pe.Line != 3 {
		t.Fatalf("%#v", err)
	}
}
