// Package fx reads exchange-rate files — as people download them — into
// the ledger's rates: the home currency's value of one unit of a currency
// on a day. It reads; it never writes nor opens the ledger.
//
// Three forms are read, told apart by their headers:
//
//   - the ECB's euro reference rates, eurofxref-hist.csv (or the .zip it
//     comes in): "Date,USD,JPY,…," and one row a day of each currency's
//     units for one euro, N/A where none was fixed;
//   - a Japanese bank's TTM history, as みずほ銀行's quote.csv (Shift_JIS):
//     title rows, a row of currency codes (",USD,GBP,EUR,…,IDR(100),…"),
//     then one row a day ("2025/6/30,144.81,…") of yen for one unit — for
//     100 units where the code says (100) — "*****" where none was set; a
//     blank column parts the TTM from the reference rates (参考相場), which
//     are read for the currencies the TTM lacks (BRL);
//   - a CSV of date,currency,rate, for any other source.
//
// From the first two, a rate into any home currency the file quotes is
// worked out per day: the ECB's JPY for EUR is its JPY column, for USD its
// JPY column over its USD column; the bank's EUR for USD is its USD column
// over its EUR column.
package fx

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/jtext"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// MaxFileSize bounds a rates file: the ECB's history since 1999 is 2 MB, a
// bank's since 2002 under 2 MB.
const MaxFileSize = 8 << 20

// Form is the kind of rates file.
type Form string

// The forms Parse reads.
const (
	ECB   Form = "ECB euro reference rates"
	TTM   Form = "bank TTM history (JPY)"
	Plain Form = "date,currency,rate"
)

// Bounds of a rate: the euro's first day on, and at most a million home
// units for one unit (no pair of the currencies KDP pays in comes near; a
// rate of 1e400 printed 400-digit yen figures).
var (
	firstDay = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	maxRate  = decimal.New(1, 6)
)

// parseDay reads a rate's day as every date a person gives is read
// (jinput.Date).
func parseDay(s string) (time.Time, error) {
	d, err := jinput.Date(s)
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.DateOnly, d)
}

// Parse reads a rates file into rates into home; name is used in messages,
// which name the line.
func Parse(name string, data []byte, home string) ([]price.Rate, Form, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		inner, err := unzipOne(name, data)
		if err != nil {
			return nil, "", err
		}
		data = inner
	}
	text, err := jtext.Decode(name, data)
	if err != nil {
		return nil, "", err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, "", inputerr.In(name, "%v (want a CSV file)", err)
	}
	for len(rows) > 0 && rowEmpty(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	if len(rows) == 0 {
		return nil, "", inputerr.In(name, "no rates")
	}
	first := strings.ToLower(strings.Join(trimAll(rows[0]), ","))
	switch {
	case first == "date,currency,rate":
		rates, err := plain(name, rows)
		return rates, Plain, err
	case strings.HasPrefix(first, "date,") && len(codes(rows[0][1:])) >= 2:
		rates, err := table(name, rows, 0, home, "EUR", "2006-01-02", true)
		return rates, ECB, err
	}
	for i := 0; i < min(6, len(rows)); i++ {
		if strings.TrimSpace(rows[i][0]) == "" && len(codes(rows[i][1:])) >= 3 {
			rates, err := table(name, rows, i, home, "JPY", "2006/1/2", false)
			return rates, TTM, err
		}
	}
	return nil, "", inputerr.In(name, "not a rates file hanmoto reads: the ECB's eurofxref-hist.csv, a bank's TTM history such as みずほ銀行's quote.csv, or a CSV of date,currency,rate")
}

// unzipOne is the one CSV a zip holds (the ECB's eurofxref-hist.zip).
func unzipOne(name string, data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, inputerr.In(name, "a damaged zip file (%v)", err)
	}
	for _, f := range zr.File {
		if strings.EqualFold(path.Ext(f.Name), ".csv") && f.UncompressedSize64 <= MaxFileSize {
			rc, err := f.Open()
			if err != nil {
				return nil, inputerr.In(name, "a damaged zip file (%v)", err)
			}
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, MaxFileSize+1))
			if err != nil || len(b) > MaxFileSize {
				return nil, inputerr.In(name, "a damaged zip file (%v)", err)
			}
			return b, nil
		}
	}
	return nil, inputerr.In(name, "the zip holds no CSV of at most %d MB", MaxFileSize>>20)
}

// column is a currency's column of a table of rates and how many units
// its figure is for.
type column struct {
	i    int
	per  int64
	code string
}

// codes finds the currency columns of a header row: "USD", "IDR(100)";
// the first of a code that stands twice (the bank's TTM, before its
// reference rate).
func codes(header []string) map[string]column {
	out := map[string]column{}
	for i, h := range header {
		h = strings.ToUpper(strings.ReplaceAll(jtext.Fold(h), " ", ""))
		per := int64(1)
		if c, n, ok := strings.Cut(h, "("); ok && strings.HasSuffix(n, ")") {
			d, err := decimal.NewFromString(strings.TrimSuffix(n, ")"))
			if err != nil || !d.IsInteger() || !d.IsPositive() {
				continue
			}
			h, per = c, d.IntPart()
		}
		if len(h) != 3 || strings.Trim(h, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			continue
		}
		if _, dup := out[h]; !dup {
			out[h] = column{i: i + 1, per: per, code: h}
		}
	}
	return out
}

// table reads a table of one row a day. Each figure is a price: with
// perBase, units of the currency for one base unit (the ECB's); else base
// units for one unit (or per units) of the currency (a bank's yen).
func table(name string, rows [][]string, header int, home, base, layout string, perBase bool) ([]price.Rate, error) {
	cols := codes(rows[header][1:])
	if home != base {
		if _, ok := cols[home]; !ok {
			return nil, inputerr.At(name, header+1, "the file quotes no %s, the home currency: its rates into %s can't be worked out (hanmoto sales home shows it)", home, home)
		}
	}
	var wanted []column
	for code, c := range cols {
		if code != home && royalty.Currencies[code] {
			wanted = append(wanted, c)
		}
	}
	if base != home && royalty.Currencies[base] {
		wanted = append(wanted, column{i: -1, code: base, per: 1})
	}
	sort.Slice(wanted, func(i, j int) bool { return wanted[i].code < wanted[j].code })
	var rates []price.Rate
	for n := header + 1; n < len(rows); n++ {
		row := rows[n]
		if rowEmpty(row) {
			continue
		}
		day, err := parseDay(row[0])
		if err != nil {
			return nil, inputerr.At(name, n+1, "%q is not a date (%s)", row[0], map[string]string{"2006-01-02": "YYYY-MM-DD", "2006/1/2": "YYYY/M/D"}[layout])
		}
		if err := plausibleDay(day); err != nil {
			return nil, inputerr.At(name, n+1, "%v", err)
		}
		// a figure of the row: ok false where none was set
		figure := func(c column) (decimal.Decimal, bool, error) {
			if c.code == base {
				return decimal.NewFromInt(1), true, nil
			}
			if c.i >= len(row) {
				return decimal.Decimal{}, false, nil
			}
			v := strings.TrimSpace(row[c.i])
			if v == "" || v == "N/A" || strings.Trim(v, "*-") == "" {
				return decimal.Decimal{}, false, nil
			}
			d, err := rate(v)
			return d, err == nil, err
		}
		homeCol := cols[home]
		if home == base {
			homeCol = column{i: -1, code: base, per: 1}
		}
		h, ok, err := figure(homeCol)
		if err != nil {
			return nil, inputerr.At(name, n+1, "%v", err)
		}
		if !ok {
			continue // no home rate that day (a holiday of the home's)
		}
		for _, c := range wanted {
			f, ok, err := figure(c)
			if err != nil {
				return nil, inputerr.At(name, n+1, "%s: %v", c.code, err)
			}
			if !ok {
				continue
			}
			// one division of the file's own figures: the home's units
			// for one base unit over the currency's (the ECB's), or the
			// currency's base units over the home's, each per its units
			var v decimal.Decimal
			if perBase {
				v = h.DivRound(f, 8)
			} else {
				v = f.Mul(decimal.NewFromInt(max(homeCol.per, 1))).DivRound(h.Mul(decimal.NewFromInt(max(c.per, 1))), 8)
			}
			if !v.IsPositive() || v.GreaterThan(maxRate) {
				return nil, inputerr.At(name, n+1, "%s: %s is not a rate of one currency in another: at most %s", c.code, v, maxRate)
			}
			rates = append(rates, price.Rate{Date: day.Format("2006-01-02"), Currency: c.code, Rate: v})
		}
	}
	if len(rates) == 0 {
		return nil, inputerr.In(name, "no rates into %s", home)
	}
	return rates, nil
}

// plain reads date,currency,rate.
func plain(name string, rows [][]string) ([]price.Rate, error) {
	var rates []price.Rate
	for n, rec := range rows[1:] {
		line := n + 2
		if rowEmpty(rec) {
			continue
		}
		if len(rec) != 3 {
			return nil, inputerr.At(name, line, "%d fields, want 3 (date,currency,rate)", len(rec))
		}
		day, err := parseDay(rec[0])
		if err != nil {
			return nil, inputerr.At(name, line, "%q is not a date (YYYY-MM-DD)", rec[0])
		}
		if err := plausibleDay(day); err != nil {
			return nil, inputerr.At(name, line, "%v", err)
		}
		cur := strings.ToUpper(strings.TrimSpace(rec[1]))
		if !royalty.Currencies[cur] {
			return nil, inputerr.At(name, line, "unknown currency %q", rec[1])
		}
		d, err := rate(strings.TrimSpace(rec[2]))
		if err != nil {
			return nil, inputerr.At(name, line, "%v", err)
		}
		rates = append(rates, price.Rate{Date: day.Format("2006-01-02"), Currency: cur, Rate: d})
	}
	if len(rates) == 0 {
		return nil, inputerr.In(name, "no rates")
	}
	return rates, nil
}

// rate reads a figure of a rates file: a positive decimal of at most 24
// characters, no exponent, at most maxRate.
func rate(v string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(v)
	if err != nil || !d.IsPositive() || len(v) > 24 || strings.ContainsAny(v, "eE") {
		return decimal.Decimal{}, i18n.Errorf("%q is not a positive rate", v)
	}
	if d.GreaterThan(maxRate) {
		return decimal.Decimal{}, i18n.Errorf("%s is not a rate of one currency in another: at most %s", v, maxRate)
	}
	return d, nil
}

func plausibleDay(day time.Time) error {
	if day.Before(firstDay) || day.After(time.Now().AddDate(0, 1, 0)) {
		return i18n.Errorf("%s is not a day a rate can be for (1999 to a month from today)", day.Format("2006-01-02"))
	}
	return nil
}

func rowEmpty(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func trimAll(row []string) []string {
	out := make([]string, 0, len(row))
	for _, c := range row {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
