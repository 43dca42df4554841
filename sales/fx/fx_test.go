package fx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/fx"
	"github.com/hanmoto/hanmoto/sales/price"
)

// TestRatesFileErrors: every bad rates file is one positioned line.
func TestRatesFileErrors(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"day,cur,x\n", "r.csv: not a rates file hanmoto reads"},
		{"date,currency,rate\n2025-13-01,USD,1\n", `r.csv:2: "2025-13-01" is not a date`},
		{"date,currency,rate\n2025-01-01,XYZ,1\n", `r.csv:2: unknown currency "XYZ"`},
		{"date,currency,rate\n2025-01-01,USD,-1\n", `r.csv:2: "-1" is not a positive rate`},
		{"date,currency,rate\n2025-01-01,USD\n", `r.csv:2: 2 fields, want 3`},
		{"date,currency,rate\n", "r.csv: no rates"},
		{"date,currency,rate\n9999-01-31,USD,150\n", "r.csv:2: 9999-01-31 is not a day a rate can be for"},
		{"date,currency,rate\n2025-01-31,USD,1e400\n", `r.csv:2: "1e400" is not a positive rate`},
		{"date,currency,rate\n2025-01-31,USD,20000000\n", "r.csv:2: 20000000 is not a rate of one currency in another: at most 1000000"},
		{"date,currency,rate\n2025-01-31,USD," + strings.Repeat("9", 5000) + "\n", `r.csv:2: "` + strings.Repeat("9", 40) + "…" + strings.Repeat("9", 20) + `" is not a positive rate`},
	} {
		if _, _, err := fx.Parse("r.csv", []byte(c.csv), "JPY"); err == nil || err.Error()[:min(len(c.want), len(err.Error()))] != c.want {
			t.Errorf("%.80q: %v, want %s", c.csv, err, c.want)
		}
	}
	rates, _, err := fx.Parse("r.csv", []byte("\xef\xbb\xbfdate,currency,rate\n2025-01-31,eur,162.35\n"), "JPY")
	if err != nil || len(rates) != 1 || rates[0].Currency != "EUR" || rates[0].Rate.String() != "162.35" {
		t.Errorf("%+v %v", rates, err)
	}
}

// TestRatesErrorIsPositioned: the reader's error is the one positioned
// input error every reader returns, with the file and the line.
func TestRatesErrorIsPositioned(t *testing.T) {
	_, _, err := fx.Parse("r.csv", []byte("date,currency,rate\n2025-01-31,EUR,1\n2025-02-30,EUR,1\n"), "JPY")
	var pe *inputerr.Error
	if !errors.As(err, &pe) || pe.File != "r.csv" || pe.Line != 3 {
		t.Fatalf("%#v", err)
	}
}

// an ECB history in its published shape: a trailing comma, N/A, newest first
const ecbHist = "Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,\n" +
	"2024-06-28,1.0705,172.06,1.9558,N/A,25.025,7.4574,N/A,0.84638,395.2,N/A,N/A,N/A,4.3090,N/A,4.9763,11.3595,N/A,N/A,0.9603,148.9,11.4,N/A,N/A,N/A,35.1871,1.6079,5.8915,1.4670,7.7748,8.3589,17487.21,4.0283,89.2495,1474.86,19.5654,5.0501,1.7654,62.691,1.4524,39.3260,19.4970,\n" +
	"2024-06-27,1.0691,171.54,1.9558,N/A,25.000,7.4570,N/A,0.84575,395.4,N/A,N/A,N/A,4.3150,N/A,4.9768,11.3310,N/A,N/A,0.9601,148.9,11.391,N/A,N/A,N/A,35.2232,1.6076,5.8867,1.4652,7.7696,8.3485,17560.57,4.0303,89.1915,1479.88,19.7011,5.0428,1.7594,62.660,1.4520,39.3200,19.6009,\n"

// a bank's TTM history in みずほ銀行's shape: title rows, names, codes
// with (100), *****, a blank column before the reference rates
const quoteCSV = ",,,,,,,参考相場,,\n" +
	",米ドル,英ポンド,ユーロ,カナダドル,インドネシアルピア,韓国ウォン,,ブラジルレアル,ユーロ\n" +
	",USD,GBP,EUR,CAD,IDR(100),KRW(100),,BRL,EUR\n" +
	"2025/6/27,144.81,198.74,169.56,105.88,0.89,10.66,,26.11,*****\n" +
	"2025/6/30,144.40,*****,169.23,105.60,0.89,10.64,,26.40,*****\n"

func rateOf(t *testing.T, rates []price.Rate, date, cur string) string {
	t.Helper()
	for _, r := range rates {
		if r.Date == date && r.Currency == cur {
			return r.Rate.String()
		}
	}
	return "none"
}

// TestRatesAsDownloaded: the ECB's history (as CSV and as the zip it comes
// in) and a bank's TTM history (Shift_JIS) give each currency's rate into
// the home currency, worked out per day from the file's own figures: the
// ECB's into JPY is its JPY column over the currency's, a bank's per 100
// units is divided by 100, a day without a figure gives no rate.
func TestRatesAsDownloaded(t *testing.T) {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("eurofxref-hist.csv")
	w.Write([]byte(ecbHist))
	zw.Close()
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(quoteCSV))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		home string
		form fx.Form
		want map[string]string // date currency → rate
		none []string
	}{
		{"eurofxref-hist.csv", []byte(ecbHist), "JPY", fx.ECB, map[string]string{
			"2024-06-28 EUR": "172.06", "2024-06-28 USD": "160.72863148", "2024-06-28 GBP": "203.28930268", "2024-06-27 USD": "160.45271724",
		}, []string{"2024-06-28 JPY"}},
		{"eurofxref-hist.zip", zipped.Bytes(), "EUR", fx.ECB, map[string]string{
			"2024-06-28 USD": "0.93414292", "2024-06-28 JPY": "0.00581193",
		}, []string{"2024-06-28 EUR"}},
		{"quote.csv", sjis, "JPY", fx.TTM, map[string]string{
			"2025-06-27 USD": "144.81", "2025-06-27 EUR": "169.56", "2025-06-27 BRL": "26.11", "2025-06-30 CAD": "105.6",
		}, []string{"2025-06-30 GBP"}},
		{"quote.csv", sjis, "EUR", fx.TTM, map[string]string{
			"2025-06-27 USD": "0.85403397", "2025-06-27 JPY": "0.00589762",
		}, nil},
	} {
		rates, form, err := fx.Parse(c.name, c.data, c.home)
		if err != nil {
			t.Fatalf("%s into %s: %v", c.name, c.home, err)
		}
		if form != c.form {
			t.Errorf("%s: read as %s", c.name, form)
		}
		for k, v := range c.want {
			date, cur, _ := strings.Cut(k, " ")
			if got := rateOf(t, rates, date, cur); got != v {
				t.Errorf("%s into %s: %s %s = %s, want %s", c.name, c.home, date, cur, got, v)
			}
		}
		for _, k := range c.none {
			date, cur, _ := strings.Cut(k, " ")
			if got := rateOf(t, rates, date, cur); got != "none" {
				t.Errorf("%s into %s: %s %s = %s, want none", c.name, c.home, date, cur, got)
			}
		}
	}
	if _, _, err := fx.Parse("quote.csv", sjis, "SAR"); err == nil || !strings.Contains(err.Error(), "quotes no SAR, the home currency") {
		t.Errorf("a home the file does not quote: %v", err)
	}
}
