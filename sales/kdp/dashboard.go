package kdp

import (
	"sort"
	"strings"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/lazyre"
	"github.com/hanmoto/hanmoto/sales/royalty"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/shopspring/decimal"
)

func (wb *workbook) isDashboard() bool {
	for _, s := range wb.sheets {
		if _, ok := s.format(); ok && (s.has(FRoyaltyDate) || s.has(FDate)) {
			return true
		}
		if s.role == rolePrint && s.has(FRoyaltyDate) {
			return true
		}
	}
	return false
}

// readDashboard reads the estimate sheets of a reports-dashboard export.
// "Combined Sales" repeats the eBook, paperback and hardcover sheets: it is
// skipped. The KENP sheet gives pages without money; the royalty they
// earned is what the Summary sheet counts beyond the other sheets, and is
// spread over the month's KENP lines by pages (summary.go).
func (wb *workbook) readDashboard(r *royalty.Report) error {
	wb.printFormats()
	for _, s := range wb.sheets {
		format, ok := s.format()
		if !ok || !(s.has(FRoyaltyDate) || s.has(FDate)) {
			continue
		}
		dateField := FRoyaltyDate
		if !s.has(FRoyaltyDate) {
			dateField = FDate
		}
		need := []Field{FMarketplace, dateField}
		if format != royalty.KENP {
			need = append(need, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty)
		} else {
			need = append(need, FKENP)
		}
		if err := wb.requireColumns(s, need...); err != nil {
			return err
		}
		lines, err := wb.readLines(s, format, func(c *cellReader) string { return c.date(dateField) }, true)
		if err != nil {
			return err
		}
		s.used = true
		if format == royalty.KENP {
			for i := range lines {
				// the dashboard's KENP sheet has no currency: the marketplace's
				if lines[i].Currency == "" {
					lines[i].Currency = royalty.Marketplaces[lines[i].Marketplace]
				}
			}
		}
		r.Lines = append(r.Lines, lines...)
	}
	sum, err := wb.readSummary()
	if err != nil {
		return err
	}
	r.Summary = sum
	// a sheet left unread is named before the totals it would upset
	if err := wb.unread(); err != nil {
		return err
	}
	if err := wb.checkCombined(r.Lines); err != nil {
		return err
	}
	if r.Lines, err = kenpRoyalties(wb.name, r.Lines, sum, wb.created); err != nil {
		return err
	}
	if err := wb.checkSummary(r.Lines, sum); err != nil {
		return err
	}
	if !royalty.Daily(r.Lines) {
		// a monthly export dates its KENP rows on the month's first day
		for i := range r.Lines {
			r.Lines[i].Day = 0
		}
	}
	return nil
}

var currencyHeader = lazyre.New(`\(\s*([A-Za-z]{3})\s*\)\s*$`)

// isSummary: the sheet of monthly totals, by its shape in every language —
// a month in the first column and "Royalty (USD)"-like headers (currency
// codes are never translated) — or by its name where it holds no month yet.
func (wb *workbook) isSummary(s *sheet) bool {
	if len(s.rows) < 1 || royaltyColumn(s.rows[0]) < 0 {
		return false
	}
	if len(s.rows) == 1 || len(s.rows[1]) == 0 || s.kind == sheetSummary {
		return true
	}
	_, ok := monthYear(s.rows[1][0])
	return ok
}

func (wb *workbook) summarySheet() *sheet {
	for _, s := range wb.sheets {
		if s.role == roleSummary {
			return s
		}
	}
	return nil
}

// royaltyColumn is the first "Royalty (XXX)" column of a header, or -1.
func royaltyColumn(header []string) int {
	for i, h := range header {
		if m := currencyHeader().FindStringSubmatch(h); m != nil && royalty.Currencies[strings.ToUpper(m[1])] {
			return i
		}
	}
	return -1
}

// readSummary reads the Summary sheet by its layout, the same in every
// language: Date, paid eBook units, free eBook units, paperback units,
// hardcover units, KOLL borrows, KENP read, then one royalty column per
// currency.
func (wb *workbook) readSummary() ([]royalty.SummaryMonth, error) {
	s := wb.summarySheet()
	if s == nil {
		return nil, nil
	}
	s.used = true
	if err := wb.full(s); err != nil {
		return nil, err
	}
	if len(s.rows) == 0 {
		return nil, nil
	}
	header := s.rows[0]
	first := royaltyColumn(header)
	if first < 7 {
		return nil, &inputerr.Error{File: wb.name, Sheet: s.name, Row: 1, Msg: i18n.M("the Summary sheet's columns are not KDP's: Date, units, KENP read, then Royalty (currency) columns")}
	}
	s.header, s.headers = 0, header
	s.cols = map[Field]int{FDate: 0}
	var out []royalty.SummaryMonth
	for i := 1; i < len(s.rows); i++ {
		row := s.rows[i]
		if rowEmpty(row) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: row, n: i + 1}
		m, ok := monthYear(row[0])
		if !ok {
			return nil, &inputerr.Error{File: wb.name, Sheet: s.name, Row: i + 1, Column: header[0], Msg: i18n.M("%q is not a month such as \"October 2025\" or \"octubre 2025\"", row[0])}
		}
		sm := royalty.SummaryMonth{Month: m, Royalty: map[string]decimal.Decimal{}, Sheet: s.name, Row: i + 1}
		whole := func(col int) int64 {
			if col >= len(row) {
				return 0
			}
			c.s.cols[FUnitsNet] = col
			if n := c.integer(FUnitsNet, true); n != nil {
				return *n
			}
			return 0
		}
		sm.PaidEbook, sm.FreeEbook, sm.Paperback, sm.Hardcover, sm.KENPPages = whole(1), whole(2), whole(3), whole(4), whole(first-1)
		for j := first; j < len(header); j++ {
			cm := currencyHeader().FindStringSubmatch(header[j])
			if cm == nil {
				continue
			}
			c.s.cols[FRoyalty] = j
			if d := c.decimal(FRoyalty, true); d != nil {
				sm.Royalty[strings.ToUpper(cm[1])] = *d
			}
		}
		if c.err != nil {
			return nil, c.err
		}
		out = append(out, sm)
	}
	return out, nil
}

// kenpRoyalties gives the dashboard's KENP lines the royalty the Summary
// counts for them: per month and currency, the Summary's royalty less the
// eBook, paperback and hardcover lines', spread over that month's KENP
// lines in that currency by pages read, to the cent, the remainder cents
// going to the largest fractions (then the earlier lines) so the parts add
// up exactly. Where the month has no KENP line in that currency, one line
// without a title carries the amount, in the currency's main marketplace.
//
// Before it is booked, the amount is checked: never below zero, and within
// the band KDP's KENP rates move in (kenpRate), else the file is refused
// with the figures — a royalty sheet left unread would otherwise land here.
func kenpRoyalties(file string, lines []royalty.Line, summary []royalty.SummaryMonth, created string) ([]royalty.Line, error) {
	type key struct{ month, cur string }
	sold := map[key]decimal.Decimal{}
	kenp := map[key][]int{}
	for i, l := range lines {
		k := key{l.Month, l.Currency}
		if l.Format == royalty.KENP {
			kenp[k] = append(kenp[k], i)
		} else if l.Royalty != nil {
			sold[k] = sold[k].Add(*l.Royalty)
		}
	}
	cent := decimal.New(1, -2)
	defer func() {
		// KENP lines the Summary gives no royalty for — no column for
		// their currency, or no Summary at all — are not priced either
		for _, idx := range kenp {
			for _, i := range idx {
				if lines[i].Royalty == nil && lines[i].KENPPages != nil && *lines[i].KENPPages > 0 {
					lines[i].Pending = true
				}
			}
		}
	}()
	// KDP prices a month's KENP pages once the month's KENP fund rate is
	// out, in the middle of the next month; until then the Summary counts
	// no KENP royalty in any currency. A month made that recently whose
	// Summary leaves nothing for the pages read is not priced yet: its
	// pages are pending, never 0. (In an older month a few pages can round
	// to 0.00 in one currency: that is a royalty of 0.)
	unpriced := map[string]bool{}
	for _, sm := range summary {
		if !royalty.Unpriced(sm.Month, created) {
			continue
		}
		pages, rest := false, false
		for k, idx := range kenp {
			if k.month != sm.Month {
				continue
			}
			for _, i := range idx {
				pages = pages || (lines[i].KENPPages != nil && *lines[i].KENPPages > 0)
			}
			if !sm.Royalty[k.cur].Sub(sold[k]).IsZero() {
				rest = true
			}
		}
		unpriced[sm.Month] = pages && !rest
	}
	for _, sm := range summary {
		curs := make([]string, 0, len(sm.Royalty))
		for c := range sm.Royalty {
			curs = append(curs, c)
		}
		sort.Strings(curs)
		for _, cur := range curs {
			k := key{sm.Month, cur}
			rest := sm.Royalty[cur].Sub(sold[k])
			idx := kenp[k]
			pages := int64(0)
			for _, i := range idx {
				if lines[i].KENPPages != nil {
					pages += *lines[i].KENPPages
				}
			}
			if rest.IsZero() {
				// pages read but nothing earned yet: KDP prices a month's
				// KENP when the fund's rate is out, until then the
				// Summary counts no royalty for them
				for _, i := range idx {
					if unpriced[sm.Month] && lines[i].KENPPages != nil && *lines[i].KENPPages > 0 {
						lines[i].Pending = true
						continue
					}
					z := decimal.Zero
					lines[i].Royalty = &z
				}
				continue
			}
			if lo, hi, ok := plausibleKENP(cur, rest, pages, len(idx)); !ok || rest.IsNegative() {
				per := "—"
				if pages > 0 {
					per = rest.Div(decimal.NewFromInt(pages)).Round(5).String()
				}
				return nil, &inputerr.Error{File: file, Sheet: sm.Sheet, Row: sm.Row, Msg: i18n.M("%s %s: the Summary leaves %s for %d KENP pages (%s a page) once the other sheets are counted, where KDP pays %s to %s a page: a royalty sheet was not read as KDP wrote it, so nothing is imported; download the report again, or report it",
					sm.Month, cur, rest.String(), pages, per, lo.String(), hi.String())}
			}
			if pages == 0 {
				mk := mainMarketplace(cur)
				lines = append(lines, royalty.Line{Month: sm.Month, Format: royalty.KENP, Marketplace: mk, Currency: cur, Royalty: &rest,
					Sheet: sm.Sheet, Row: sm.Row})
				continue
			}
			// whole cents first, then one more cent to the largest fractions
			units := rest.Div(cent).Round(0).IntPart()
			type share struct {
				i    int
				n    int64
				frac decimal.Decimal
			}
			shares := make([]share, len(idx))
			given := int64(0)
			for j, i := range idx {
				p := int64(0)
				if lines[i].KENPPages != nil {
					p = *lines[i].KENPPages
				}
				exact := decimal.NewFromInt(units).Mul(decimal.NewFromInt(p)).Div(decimal.NewFromInt(pages))
				n := exact.Floor().IntPart()
				shares[j] = share{i, n, exact.Sub(decimal.NewFromInt(n))}
				given += n
			}
			order := make([]int, len(shares))
			for j := range order {
				order[j] = j
			}
			sort.SliceStable(order, func(a, b int) bool { return shares[order[a]].frac.GreaterThan(shares[order[b]].frac) })
			for j := int64(0); j < units-given; j++ {
				shares[order[j%int64(len(order))]].n++
			}
			for _, sh := range shares {
				d := decimal.NewFromInt(sh.n).Mul(cent)
				lines[sh.i].Royalty = &d
			}
		}
	}
	return lines, nil
}

// mainMarketplace is the marketplace a currency is earned in, the first
// by name where several share it (EUR: Amazon.de).
func mainMarketplace(cur string) string {
	best := ""
	for m, c := range royalty.Marketplaces {
		if c == cur && (best == "" || m < best) {
			best = m
		}
	}
	if cur == "EUR" {
		return "Amazon.de"
	}
	return best
}
