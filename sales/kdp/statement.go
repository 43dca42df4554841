package kdp

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// isStatement: a Prior Months' Royalties statement says its month in row 1
// of each sheet ("Sales Period | January 2025", "販売期間 | 8月 2026").
func (wb *workbook) isStatement() bool {
	// the Japanese dashboard puts a 販売期間 banner above a sheet's header
	// too; a statement's royalty sheets are never dated by row
	if wb.isDashboard() {
		return false
	}
	for _, s := range wb.sheets {
		if len(s.rows) > 0 && isPeriodLabelRow(s.rows[0]) && s.header == 1 {
			return true
		}
	}
	return false
}

// isPeriodLabelRow: "Sales Period | …" in any language, or any two cells
// whose second is a month.
func isPeriodLabelRow(row []string) bool {
	if nonEmpty(row) != 2 || len(row) < 2 {
		return false
	}
	if _, ok := monthYear(row[1]); ok {
		return true
	}
	for _, l := range languages {
		for _, p := range l.period {
			if fold(p) == fold(row[0]) {
				return true
			}
		}
	}
	return false
}

var required = map[royalty.Format][]Field{
	royalty.Ebook:     {FMarketplace, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty},
	royalty.KENP:      {FMarketplace, FCurrency, FKENP, FRoyalty},
	royalty.Paperback: {FMarketplace, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty},
	royalty.Hardcover: {FMarketplace, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty},
}

// readStatement reads the format sheets of a Prior Months' Royalties
// statement and checks them against its Total Earnings sheet, which repeats
// them: the lines come from one, never both.
func (wb *workbook) readStatement(r *royalty.Report) error {
	wb.printFormats()
	var period string
	var total *sheet
	for _, s := range wb.sheets {
		if len(s.rows) == 0 || !isPeriodLabelRow(s.rows[0]) {
			// A royalty sheet by its name that lost its period row is damaged:
			// skipping it would only surface later as totals that disagree.
			if royaltySheet(s.kind) && !rowsEmpty(s.rows) {
				return &inputerr.Error{File: wb.name, Sheet: s.name, Row: 1, Msg: i18n.M("this royalty sheet does not start with its sales period (\"Sales Period | January 2025\"): the sheet is damaged; download the statement again")}
			}
			continue
		}
		p, ok := monthYear(s.rows[0][1])
		if ok {
			y, _ := strconv.Atoi(p[:4])
			m, _ := strconv.Atoi(p[5:])
			ok = plausible(y, m)
		}
		if !ok {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Row: 1, Column: "B", Msg: i18n.M("%q is not a sales period such as \"January 2025\" or \"8月 2026\"", s.rows[0][1])}
		}
		if period != "" && p != period {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Row: 1, Msg: i18n.M("sales period %s, but other sheets say %s", p, period)}
		}
		period = p
		if s.role == roleTotal {
			total = s
			continue
		}
		format, ok := s.format()
		if !ok {
			if len(s.readings) > 0 || !hasFigures(s.rows[min(2, len(s.rows)):]) {
				continue // told apart or refused with the sheets no reader takes
			}
			return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("a sheet of the statement that is neither eBook, KENP, paperback nor hardcover royalties")}
		}
		s.used = true
		if err := wb.requireColumns(s, required[format]...); err != nil {
			return err
		}
		lines, err := wb.readLines(s, format, func(*cellReader) string { return period }, false)
		if err != nil {
			return err
		}
		r.Lines = append(r.Lines, lines...)
	}
	if period == "" {
		return &inputerr.Error{File: wb.name, Msg: i18n.M("no sheet says its sales period in row 1")}
	}
	if total != nil {
		total.used = true
		return wb.crossCheck(total, r.Lines)
	}
	return nil
}

// readLines reads a royalty sheet; dateOf gives each row's month
// (YYYY-MM) or day (YYYY-MM-DD).
func (wb *workbook) readLines(s *sheet, format royalty.Format, dateOf func(c *cellReader) string, estimate bool) ([]royalty.Line, error) {
	if err := wb.full(s); err != nil {
		return nil, err
	}
	var lines []royalty.Line
	for i := s.header + 1; i < len(s.rows); i++ {
		row := s.rows[i]
		if rowEmpty(row) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: row, n: i + 1}
		l := royalty.Line{Format: format, Sheet: s.name, Row: i + 1}
		l.Month, l.Day = splitDate(dateOf(c))
		l.Title = c.text(FTitle)
		l.Author = c.text(FAuthor)
		l.Marketplace = c.marketplace()
		l.Currency = c.currency(FCurrency)
		l.ASIN = c.text(FASIN)
		l.ISBN = c.text(FISBN)
		if v := c.text(FASINOrISBN); v != "" {
			if strings.HasPrefix(strings.ToUpper(v), "B0") || len(v) == 10 && !isDigits(v) {
				l.ASIN = v
			} else {
				l.ISBN = v
			}
		}
		l.RoyaltyType = c.text(FRoyaltyType)
		l.TransactionType = c.text(FTransactionType)
		if format == royalty.KENP {
			l.KENPPages = c.count(FKENP, false)
			if !estimate {
				l.Royalty = c.decimal(FRoyalty, false)
			}
		} else {
			l.UnitsSold = c.count(FUnitsSold, false)
			l.UnitsRefunded = c.count(FUnitsRefunded, false)
			l.UnitsNet = c.count(FUnitsNet, true)
			switch {
			case l.UnitsSold != nil && *l.UnitsSold < 0:
				c.fail(FUnitsSold, "%d units sold: a count is never negative", *l.UnitsSold)
			case l.UnitsRefunded != nil && *l.UnitsRefunded < 0:
				c.fail(FUnitsRefunded, "%d units refunded: a count is never negative", *l.UnitsRefunded)
			case l.UnitsNet != nil && l.UnitsSold != nil && l.UnitsRefunded != nil && *l.UnitsNet != *l.UnitsSold-*l.UnitsRefunded:
				c.fail(FUnitsNet, "%d net units, but %d sold less %d refunded is %d: the row contradicts itself", *l.UnitsNet, *l.UnitsSold, *l.UnitsRefunded, *l.UnitsSold-*l.UnitsRefunded)
			}
			if l.UnitsNet == nil && l.UnitsSold != nil && l.UnitsRefunded != nil {
				// Statements' print sheets leave the net out: it is sold − refunded.
				n := *l.UnitsSold - *l.UnitsRefunded
				l.UnitsNet = &n
			}
			l.ListPrice = c.decimal(FListPrice, true)
			l.OfferPrice = c.decimal(FOfferPrice, true)
			l.FileSizeMB = c.decimal(FFileSize, true)
			if format == royalty.Ebook {
				l.DeliveryCost = c.decimal(FDeliveryCost, true)
			} else {
				l.DeliveryCost = c.decimal(FManufacturing, true)
			}
			l.Royalty = c.decimal(FRoyalty, false)
			if isFreePromotion(&l) {
				// a free download is no sale: its units are counted apart,
				// as KDP's own Summary counts them
				l.UnitsFree, l.UnitsNet = l.UnitsNet, new(int64)
			}
		}
		if c.err != nil {
			return nil, c.err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// isFreePromotion: KDP names a free promotion in every language's words;
// whatever the words, a free download is sold at 0 and earns 0.
func isFreePromotion(l *royalty.Line) bool {
	if l.Format != royalty.Ebook || l.UnitsNet == nil {
		return false
	}
	for _, lang := range languages {
		if lang.isFree(l.TransactionType) {
			return true
		}
	}
	return l.OfferPrice != nil && l.OfferPrice.IsZero() && l.Royalty != nil && l.Royalty.IsZero() && *l.UnitsNet > 0
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// crossCheck compares the Total Earnings sheet with the lines read, per
// currency, to the last cent.
func (wb *workbook) crossCheck(s *sheet, lines []royalty.Line) error {
	if !s.has(FEarnings) || !s.has(FCurrency) {
		return nil
	}
	if err := wb.full(s); err != nil {
		return err
	}
	want := map[string]decimal.Decimal{}
	for i := s.header + 1; i < len(s.rows); i++ {
		if rowEmpty(s.rows[i]) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: s.rows[i], n: i + 1}
		cur := c.currency(FCurrency)
		e := c.money(FEarnings)
		if c.err != nil {
			return c.err
		}
		want[cur] = want[cur].Add(e)
	}
	got := map[string]decimal.Decimal{}
	for _, l := range lines {
		if l.Royalty != nil {
			got[l.Currency] = got[l.Currency].Add(*l.Royalty)
		}
	}
	for _, cur := range unionKeys(want, got) {
		if !want[cur].Equal(got[cur]) {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("Total Earnings says %s %s but the royalty sheets add up to %s %s: the workbook contradicts itself; download it again", want[cur], cur, got[cur], cur)}
		}
	}
	return nil
}

func unionKeys(a, b map[string]decimal.Decimal) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]decimal.Decimal{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

func royaltySheet(k sheetKind) bool {
	return k == sheetEbook || k == sheetKENP || k == sheetPaperback || k == sheetHardcover
}

func rowsEmpty(rows [][]string) bool {
	for _, r := range rows {
		if !rowEmpty(r) {
			return false
		}
	}
	return true
}
