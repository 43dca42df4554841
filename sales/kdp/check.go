package kdp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// The checks every workbook passes after it is read: nothing in it that
// carries figures was left unread, and each figure agrees with the file's
// own totals — a second source inside the same download.

// unread refuses a workbook with a sheet of figures that no reader took:
// a sheet whose columns fit no layout KDP writes, or fit two alike. Such
// a sheet skipped without a word once booked its paperback money as KENP.
func (wb *workbook) unread() error {
	for _, s := range wb.sheets {
		if s.used {
			continue
		}
		switch s.role {
		case roleDefinition, roleOrders, roleCombined:
			// words only; units by order date, which the royalty sheets
			// count again by royalty date; a repeat of the royalty
			// sheets, which checkCombined holds them against
			continue
		}
		if err := wb.full(s); err != nil {
			return err
		}
		from := max(s.header+1, 0)
		if from >= len(s.rows) || !hasFigures(s.rows[from:]) {
			continue
		}
		if len(s.readings) > 0 {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("its columns read as %s alike, and neither its headers nor its name tell which: the file is refused rather than read in part; please report the download", strings.Join(s.readings, " or "))}
		}
		if s.role != "" {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("this sheet belongs to another kind of report: the file mixes reports; download each report on its own")}
		}
		return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("holds figures in columns that match no layout KDP writes (%s): the file is refused rather than read in part; please report the download", wb.describeRow(s))}
	}
	return nil
}

func (wb *workbook) describeRow(s *sheet) string {
	row := []string{}
	if len(s.rows) > 0 {
		row = s.rows[max(s.header, 0)]
	}
	if len(row) > 8 {
		row = append(row[:8:8], "…")
	}
	return fmt.Sprintf("%d columns: %s", nonEmpty(row), strings.Join(row, ", "))
}

// unmapped notes the columns of a sheet mapped by its headers (a layout
// KDP never wrote before) that hold figures nothing reads.
func (wb *workbook) unmapped() {
	for _, s := range wb.sheets {
		if !s.used || s.layout != "" || s.header < 0 || s.role == roleSummary {
			continue
		}
		mapped := map[int]bool{}
		for _, i := range s.cols {
			mapped[i] = true
		}
		for j, h := range s.headers {
			if mapped[j] {
				continue
			}
			col := make([][]string, 0, len(s.rows))
			for _, row := range s.rows[s.header+1:] {
				if j < len(row) {
					col = append(col, []string{row[j]})
				}
			}
			if hasFigures(col) {
				wb.notes = append(wb.notes, i18n.M("%s: sheet %q column %q holds figures hanmoto does not read", wb.name, s.name, h))
			}
		}
	}
}

// checkSummary holds the lines read against the Summary sheet, month by
// month and format by format: paid and free eBook units, paperback and
// hardcover units, KENP pages, and royalties per currency. A sheet read
// wrong, or not at all, shows here before its money is booked elsewhere.
func (wb *workbook) checkSummary(lines []royalty.Line, summary []royalty.SummaryMonth) error {
	if len(summary) == 0 {
		return nil
	}
	type tally struct {
		paid, free, paperback, hardcover, kenp int64
		royalty                                map[string]decimal.Decimal
	}
	got := map[string]*tally{}
	at := func(m string) *tally {
		if got[m] == nil {
			got[m] = &tally{royalty: map[string]decimal.Decimal{}}
		}
		return got[m]
	}
	n := func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
	for _, l := range lines {
		t := at(l.Month)
		switch l.Format {
		case royalty.Ebook:
			t.paid += n(l.UnitsNet)
			t.free += n(l.UnitsFree)
		case royalty.Paperback:
			t.paperback += n(l.UnitsNet)
		case royalty.Hardcover:
			t.hardcover += n(l.UnitsNet)
		case royalty.KENP:
			t.kenp += n(l.KENPPages)
		}
		if l.Royalty != nil {
			t.royalty[l.Currency] = t.royalty[l.Currency].Add(*l.Royalty)
		}
	}
	s := wb.summarySheet()
	seen := map[string]bool{}
	for _, sm := range summary {
		seen[sm.Month] = true
		t := at(sm.Month)
		var off []string
		for _, c := range []struct {
			what      string
			want, got int64
		}{
			{"paid eBook units", sm.PaidEbook, t.paid}, {"free eBook units", sm.FreeEbook, t.free},
			{"paperback units", sm.Paperback, t.paperback}, {"hardcover units", sm.Hardcover, t.hardcover},
			{"KENP pages", sm.KENPPages, t.kenp},
		} {
			if c.want != c.got {
				off = append(off, fmt.Sprintf("%s %d, the sheets %d", c.what, c.want, c.got))
			}
		}
		for _, cur := range unionKeys(sm.Royalty, t.royalty) {
			if !sm.Royalty[cur].Equal(t.royalty[cur]) && !wb.pendingOnly(lines, sm.Month, cur) {
				off = append(off, fmt.Sprintf("royalty %s %s, the sheets %s", cur, sm.Royalty[cur], t.royalty[cur]))
			}
		}
		if len(off) > 0 {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Row: sm.Row, Msg: i18n.M("%s: the Summary and the royalty sheets disagree (%s): a sheet was not read as KDP wrote it, so nothing is imported; download the report again, or report it", sm.Month, strings.Join(off, "; "))}
		}
	}
	months := make([]string, 0, len(got))
	for m := range got {
		months = append(months, m)
	}
	sort.Strings(months)
	for _, m := range months {
		if !seen[m] {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("the royalty sheets hold %s, which the Summary does not list: the file contradicts itself; download it again", m)}
		}
	}
	return nil
}

// pendingOnly: a month and currency whose only difference from the
// Summary is KENP that KDP has not priced yet.
func (wb *workbook) pendingOnly(lines []royalty.Line, month, cur string) bool {
	for _, l := range lines {
		if l.Month == month && l.Currency == cur && l.Pending {
			return true
		}
	}
	return false
}

// checkCombined holds the eBook, paperback and hardcover lines against the
// Combined Sales sheet, which repeats them: per month and currency, units
// and royalty. A 2017–2020 dashboard has no Summary: this is its one total.
func (wb *workbook) checkCombined(lines []royalty.Line) error {
	for _, s := range wb.sheets {
		if s.role != roleCombined {
			continue
		}
		if err := wb.full(s); err != nil {
			return err
		}
		type key struct{ month, cur string }
		type tally struct {
			units   int64
			royalty decimal.Decimal
		}
		want, got := map[key]*tally{}, map[key]*tally{}
		add := func(m map[key]*tally, k key, units int64, r decimal.Decimal) {
			if m[k] == nil {
				m[k] = &tally{}
			}
			m[k].units += units
			m[k].royalty = m[k].royalty.Add(r)
		}
		for i := s.header + 1; i < len(s.rows); i++ {
			if rowEmpty(s.rows[i]) {
				continue
			}
			c := &cellReader{wb: wb, s: s, row: s.rows[i], n: i + 1}
			m := month(c.date(FRoyaltyDate))
			cur := c.currency(FCurrency)
			units := c.count(FUnitsNet, true)
			r := c.money(FRoyalty)
			if c.err != nil {
				return c.err
			}
			u := int64(0)
			if units != nil {
				u = *units
			}
			add(want, key{m, cur}, u, r)
		}
		for _, l := range lines {
			if l.Format == royalty.KENP {
				continue
			}
			u := int64(0)
			for _, p := range []*int64{l.UnitsNet, l.UnitsFree} {
				if p != nil {
					u += *p
				}
			}
			r := decimal.Zero
			if l.Royalty != nil {
				r = *l.Royalty
			}
			add(got, key{l.Month, l.Currency}, u, r)
		}
		keys := map[key]bool{}
		for k := range want {
			keys[k] = true
		}
		for k := range got {
			keys[k] = true
		}
		sorted := make([]key, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Slice(sorted, func(i, j int) bool {
			return sorted[i].month < sorted[j].month || sorted[i].month == sorted[j].month && sorted[i].cur < sorted[j].cur
		})
		for _, k := range sorted {
			w, g := want[k], got[k]
			if w == nil {
				w = &tally{}
			}
			if g == nil {
				g = &tally{}
			}
			if w.units != g.units || !w.royalty.Equal(g.royalty) {
				return &inputerr.Error{File: wb.name, Sheet: s.name, Msg: i18n.M("%s %s: this sheet counts %d units and %s, the eBook, paperback and hardcover sheets %d units and %s: a sheet was not read as KDP wrote it, so nothing is imported; download the report again, or report it",
					k.month, k.cur, w.units, w.royalty.String(), g.units, g.royalty.String())}
			}
		}
	}
	return nil
}

// kenpRate is the band a page read is paid in, per currency: the lowest
// and highest rate in the project's real downloads (docs/sales.md names
// the months), widened to half the lowest and twice the highest. KDP
// announces a fund each month, not a rate, so the rate moves; a rate far
// outside this band is not KENP money but another format's, booked as
// KENP because its sheet was not read.
var kenpRate = map[string][2]string{
	"USD": {"0.0042", "0.0047"}, "EUR": {"0.0026", "0.0031"}, "GBP": {"0.0029", "0.0032"},
	"JPY": {"0.43", "0.63"}, "INR": {"0.073", "0.080"}, "BRL": {"0.0075", "0.0079"}, "CAD": {"0.0036", "0.0038"},
	// no real download here holds these: the USD band at the exchange
	// rates of 2017–2026 (AUD 1.3–1.6, MXN 16–22 a dollar)
	"AUD": {"0.0055", "0.0075"}, "MXN": {"0.067", "0.103"},
}

// plausibleKENP says whether royalty for pages over lines KENP lines is
// inside the band, with half a cent (half a yen) for each line's rounding.
func plausibleKENP(cur string, royalty decimal.Decimal, pages int64, lines int) (lo, hi decimal.Decimal, ok bool) {
	band, known := kenpRate[cur]
	if !known {
		return decimal.Zero, decimal.Zero, true
	}
	lo = decimal.RequireFromString(band[0]).Div(decimal.NewFromInt(2))
	hi = decimal.RequireFromString(band[1]).Mul(decimal.NewFromInt(2))
	unit := decimal.New(5, -3)
	if cur == "JPY" {
		unit = decimal.New(5, -1)
	}
	slack := unit.Mul(decimal.NewFromInt(int64(max(lines, 1))))
	p := decimal.NewFromInt(pages)
	ok = royalty.GreaterThanOrEqual(lo.Mul(p).Sub(slack)) && royalty.LessThanOrEqual(hi.Mul(p).Add(slack))
	return lo, hi, ok
}
