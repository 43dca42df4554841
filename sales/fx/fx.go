// Package fx reads an exchange-rate file — CSV of date,currency,rate, the
// home currency's value of one unit of currency on that date — into the
// ledger's rates. It reads; it never writes nor opens the ledger.
package fx

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// MaxFileSize bounds a rates file: years of daily rates in every currency
// KDP pays in are well under 1 MB.
const MaxFileSize = 8 << 20

// Bounds of a rate: the euro's first day on, and at most a million home
// units for one unit (no pair of the currencies KDP pays in comes near; a
// rate of 1e400 printed 400-digit yen figures).
var (
	firstDay = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	maxRate  = decimal.New(1, 6)
)

// Parse reads a rates file; name is used in messages, which name the line.
func Parse(name string, data []byte) ([]ledger.Rate, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 3
	var rates []ledger.Rate
	line := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, inputerr.At(name, line, "%v (want date,currency,rate)", err)
		}
		if line == 1 {
			if strings.ToLower(strings.Join(rec, ",")) != "date,currency,rate" {
				return nil, i18n.Errorf("%s:1: the header must be date,currency,rate, not %s", name, strings.Join(rec, ","))
			}
			continue
		}
		day, err := time.Parse("2006-01-02", rec[0])
		if err != nil {
			return nil, inputerr.At(name, line, "%q is not a date (YYYY-MM-DD)", rec[0])
		}
		if day.Before(firstDay) || day.After(time.Now().AddDate(0, 1, 0)) {
			return nil, inputerr.At(name, line, "%s is not a day a rate can be for (1999 to a month from today)", rec[0])
		}
		cur := strings.ToUpper(strings.TrimSpace(rec[1]))
		if !royalty.Currencies[cur] {
			return nil, inputerr.At(name, line, "unknown currency %q", rec[1])
		}
		v := strings.TrimSpace(rec[2])
		d, err := decimal.NewFromString(v)
		if err != nil || !d.IsPositive() || len(v) > 24 || strings.ContainsAny(v, "eE") {
			return nil, inputerr.At(name, line, "%q is not a positive rate", rec[2])
		}
		if d.GreaterThan(maxRate) {
			return nil, inputerr.At(name, line, "%s is not a rate of one currency in another: at most %s", v, maxRate)
		}
		rates = append(rates, ledger.Rate{Date: rec[0], Currency: cur, Rate: d})
	}
	if len(rates) == 0 {
		return nil, inputerr.In(name, "no rates")
	}
	return rates, nil
}
