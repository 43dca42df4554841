// Package nav reads fund price histories (基準価額) as asset managers publish
// them: Shift_JIS (cp932) or UTF-8 with a BOM, a fund-name title line or
// none, oldest or newest first, dates as 2025/10/17, 2025年10月17日,
// 20251017 or 2025-10-17, numbers quoted with thousands separators or with
// a ¥ before them. The header row is found by its columns.
package nav

import (
	"encoding/csv"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/lazyre"
	"github.com/hanmoto/hanmoto/sales/price"

	"github.com/hanmoto/hanmoto/internal/jtext"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

func decode(name string, data []byte) (string, error) { return jtext.Decode(name, data) }

func fold(s string) string { return jtext.Fold(s) }

var (
	dateHeaders = []string{"日付", "基準日", "年月日", "date"}
	reinvested  = lazyre.New(`分配金再投資|再投資`)
)

// columns finds the date, NAV and distribution columns of a header row.
func columns(rec []string) (date, nav, dist int, ok bool) {
	date, nav, dist = -1, -1, -1
	for i, h := range rec {
		f := strings.ToLower(fold(h))
		switch {
		case date < 0 && containsAny(f, dateHeaders):
			date = i
		case strings.HasPrefix(f, "基準価額") && !reinvested().MatchString(f):
			if nav < 0 {
				nav = i
			}
		case strings.HasPrefix(f, "分配金") && dist < 0:
			dist = i
		}
	}
	return date, nav, dist, date >= 0 && nav >= 0
}

func containsAny(s string, list []string) bool {
	for _, x := range list {
		if s == x || strings.HasPrefix(s, x) {
			return true
		}
	}
	return false
}

// parseDate reads a price's day as every date a person gives is read
// (jinput.Date). Investment trusts in Japan date from 1951, and no price
// is published for a day to come: a date in 2099 is a typo.
func parseDate(s string) (string, bool) {
	d, err := jinput.Date(s)
	if err != nil {
		return "", false
	}
	t, _ := time.Parse(time.DateOnly, d)
	return d, t.Year() >= 1950 && t.Before(time.Now().AddDate(0, 0, 31))
}

// Limits of a NAV file: the longest history a fund has is some 15,000
// days; a price is at most a few hundred thousand yen per 10,000 units.
const (
	MaxFileSize = 32 << 20
	MaxRows     = 100000
	maxDigits   = 24
	maxNAV      = 100000000
)

// parseAmount reads a price written as Japanese managers write it: 12,345
// with thousands commas, ￥ or \ before, 円 after. A comma that cannot be a
// thousands separator (12,34 or 12.345,67, Europe's decimal comma) is
// refused rather than read as a different number.
func parseAmount(s string) (decimal.Decimal, bool) {
	v := fold(s)
	for _, r := range []string{"￥", "¥", "\\", "円"} {
		v = strings.ReplaceAll(v, r, "")
	}
	if len(v) > maxDigits {
		return decimal.Decimal{}, false
	}
	if strings.Contains(v, ",") {
		intPart := v
		if i := strings.IndexByte(v, '.'); i >= 0 {
			intPart = v[:i]
			if strings.Contains(v[i:], ",") {
				return decimal.Decimal{}, false
			}
		}
		groups := strings.Split(strings.TrimLeft(intPart, "+-"), ",")
		for i, g := range groups {
			if (i > 0 && len(g) != 3) || (i == 0 && (len(g) == 0 || len(g) > 3)) {
				return decimal.Decimal{}, false
			}
		}
		v = strings.ReplaceAll(v, ",", "")
	}
	d, err := decimal.NewFromString(v)
	return d, err == nil
}

// Parse reads a NAV history; name is used in messages. Errors name the line.
func Parse(name string, data []byte) (*price.History, error) {
	if len(data) > MaxFileSize {
		return nil, inputerr.In(name, "%d MB is far larger than any fund's NAV history (at most %d MB)", len(data)>>20, MaxFileSize>>20)
	}
	text, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	f := &price.History{}
	dateCol, navCol, distCol, nameCol := -1, -1, -1, -1
	header := false
	var title []string
	seen := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, inputerr.At(name, line, "%v", err)
		}
		if !header {
			if d, n, dist, ok := columns(rec); ok {
				dateCol, navCol, distCol, header = d, n, dist, true
				if len(title) > 0 {
					f.FundName = strings.TrimSpace(norm.NFKC.String(strings.Join(title, " ")))
				}
				nameCol = fundNameColumn(rec)
				continue
			}
			if line > 10 {
				break
			}
			if t := strings.TrimSpace(strings.Join(rec, "")); t != "" {
				title = append(title, t)
			}
			continue
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if dateCol >= len(rec) || navCol >= len(rec) {
			return nil, inputerr.At(name, line, "%d columns, the header has more", len(rec))
		}
		date, ok := parseDate(rec[dateCol])
		if !ok {
			return nil, inputerr.At(name, line, "%q is not a date", rec[dateCol])
		}
		v, ok := parseAmount(rec[navCol])
		if !ok || !v.IsPositive() || v.GreaterThan(decimal.NewFromInt(maxNAV)) {
			return nil, inputerr.At(name, line, "基準価額 %q is not a price", rec[navCol])
		}
		if nameCol >= 0 && nameCol < len(rec) && f.FundName == "" {
			// some managers name the fund on every row instead of above
			f.FundName = strings.TrimSpace(norm.NFKC.String(rec[nameCol]))
		}
		row := price.Day{Date: date, NAV: v, Line: line}
		if distCol >= 0 && distCol < len(rec) && fold(rec[distCol]) != "" && fold(rec[distCol]) != "-" {
			d, ok := parseAmount(rec[distCol])
			if !ok {
				return nil, inputerr.At(name, line, "分配金 %q is not a number", rec[distCol])
			}
			if !d.IsZero() {
				row.Distribution = &d
			}
		}
		if i, dup := seen[date]; dup {
			if !f.Days[i].NAV.Equal(v) {
				return nil, inputerr.At(name, line, "%s appears again with 基準価額 %s (line %d says %s)", date, v, f.Days[i].Line, f.Days[i].NAV)
			}
			continue
		}
		seen[date] = len(f.Days)
		f.Days = append(f.Days, row)
		if len(f.Days) > MaxRows {
			return nil, inputerr.At(name, line, "more than %d days of prices: no fund has a history that long", MaxRows)
		}
	}
	if !header {
		return nil, inputerr.In(name, "no header row with a date column (日付, 基準日 or 年月日) and 基準価額: is this a NAV history?")
	}
	if len(f.Days) == 0 {
		return nil, inputerr.In(name, "a header but no prices")
	}
	sort.Slice(f.Days, func(i, j int) bool { return f.Days[i].Date < f.Days[j].Date })
	return f, nil
}

// fundNameColumn is the header's ファンド名 (or 銘柄名, ファンド) column, or -1.
func fundNameColumn(header []string) int {
	for i, h := range header {
		switch strings.TrimSpace(fold(h)) {
		case "ファンド名", "銘柄名", "ファンド", "ファンド名称", "銘柄":
			return i
		}
	}
	return -1
}
