package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
)

// SeriesVolume is a volume as the ledger knows it: the eBook's ASIN (its
// KENP too), the paperback's ISBN, and its KENPC (KDP's page count for
// Kindle Unlimited, from book.yaml: no report carries it).
type SeriesVolume struct {
	N          int
	ASIN, ISBN string
	KENPC      int
}

// SeriesRow is one volume's month.
type SeriesRow struct {
	Month  string
	Volume int
	// Units are paid units net of refunds, eBook and paperback; Free the
	// free ones; KENP the pages read
	Units, Free, KENP int64
	// Royalty per currency, as the lines say (exact)
	Royalty map[string]decimal.Decimal
	// Home in the home currency: nil when a line has no rate yet
	Home *decimal.Decimal
	// Pending: some of the KENP pages are not priced yet
	Pending bool
}

// ReadThrough is how many readers of volume From went on to From+1: the
// units of the next over this one's, and the same with KENP pages made
// whole reads by each volume's KENPC; nil where it can't be computed (no
// units of From, or no KENPC).
type ReadThrough struct {
	Month     string // "" for the series' life
	From      int
	Units     *decimal.Decimal
	KENP      *decimal.Decimal
	UnitsNext int64
	UnitsFrom int64
	ReadsNext *decimal.Decimal
	ReadsFrom *decimal.Decimal
}

// SerialReport is the ledger's lines by volume and month, and the read-through.
type SerialReport struct {
	Name        string
	Home        string
	Volumes     []SeriesVolume
	Rows        []SeriesRow
	ReadThrough []ReadThrough
}

// BuildSeries groups royalty lines by the volumes' ASINs (eBook and KENP)
// and ISBNs (paperback); lines of other books are left out.
func BuildSeries(name string, rs []ledger.Royalty, vols []SeriesVolume, home string) *SerialReport {
	s := &SerialReport{Name: name, Home: home, Volumes: vols}
	byASIN, byISBN := map[string]int{}, map[string]int{}
	for _, v := range vols {
		if v.ASIN != "" {
			byASIN[strings.ToUpper(v.ASIN)] = v.N
		}
		if v.ISBN != "" {
			byISBN[strings.ReplaceAll(v.ISBN, "-", "")] = v.N
		}
	}
	type key struct {
		month string
		vol   int
	}
	rows := map[key]*SeriesRow{}
	missing := map[key]bool{}
	for _, r := range rs {
		n, ok := byASIN[strings.ToUpper(r.ASIN)]
		if !ok && r.ISBN != "" {
			n, ok = byISBN[strings.ReplaceAll(r.ISBN, "-", "")]
		}
		if !ok {
			continue
		}
		k := key{r.Month, n}
		row := rows[k]
		if row == nil {
			zero := decimal.Zero
			row = &SeriesRow{Month: r.Month, Volume: n, Royalty: map[string]decimal.Decimal{}, Home: &zero}
			rows[k] = row
		}
		row.Units += val(r.UnitsNet)
		row.Free += val(r.UnitsFree)
		row.KENP += val(r.KENPPages)
		row.Pending = row.Pending || r.Pending
		if r.Royalty != nil {
			row.Royalty[r.Currency] = row.Royalty[r.Currency].Add(*r.Royalty)
		}
		switch {
		case r.Pending && r.Royalty == nil:
			// pages not priced yet: in no currency, honestly
		case r.Home == nil:
			missing[k] = true
		default:
			h := row.Home.Add(*r.Home)
			row.Home = &h
		}
	}
	for k, row := range rows {
		if missing[k] {
			row.Home = nil
		}
		s.Rows = append(s.Rows, *row)
	}
	sort.Slice(s.Rows, func(i, j int) bool {
		if s.Rows[i].Month != s.Rows[j].Month {
			return s.Rows[i].Month < s.Rows[j].Month
		}
		return s.Rows[i].Volume < s.Rows[j].Volume
	})
	s.readThrough()
	return s
}

func val(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// readThrough is volume N+1 over volume N, by month and over the life.
func (s *SerialReport) readThrough() {
	if len(s.Volumes) < 2 {
		return
	}
	kenpc := map[int]int{}
	for _, v := range s.Volumes {
		kenpc[v.N] = v.KENPC
	}
	type tally struct {
		units, kenp int64
	}
	months := map[string]map[int]tally{}
	life := map[int]tally{}
	var order []string
	for _, r := range s.Rows {
		if months[r.Month] == nil {
			months[r.Month] = map[int]tally{}
			order = append(order, r.Month)
		}
		t := months[r.Month][r.Volume]
		t.units += r.Units
		t.kenp += r.KENP
		months[r.Month][r.Volume] = t
		l := life[r.Volume]
		l.units += r.Units
		l.kenp += r.KENP
		life[r.Volume] = l
	}
	ratio := func(a, b decimal.Decimal) *decimal.Decimal {
		if b.IsZero() {
			return nil
		}
		r := a.DivRound(b, 4)
		return &r
	}
	reads := func(pages int64, n int) *decimal.Decimal {
		if kenpc[n] <= 0 {
			return nil
		}
		r := decimal.NewFromInt(pages).DivRound(decimal.NewFromInt(int64(kenpc[n])), 4)
		return &r
	}
	add := func(month string, ts map[int]tally) {
		for _, v := range s.Volumes[:len(s.Volumes)-1] {
			from, next := ts[v.N], ts[v.N+1]
			rt := ReadThrough{Month: month, From: v.N, UnitsFrom: from.units, UnitsNext: next.units,
				Units: ratio(decimal.NewFromInt(next.units), decimal.NewFromInt(from.units))}
			rt.ReadsFrom, rt.ReadsNext = reads(from.kenp, v.N), reads(next.kenp, v.N+1)
			if rt.ReadsFrom != nil && rt.ReadsNext != nil {
				rt.KENP = ratio(*rt.ReadsNext, *rt.ReadsFrom)
			}
			s.ReadThrough = append(s.ReadThrough, rt)
		}
	}
	for _, m := range order {
		add(m, months[m])
	}
	add("", life)
}

// Tables are the series' rows and its read-through as tables.
func (s *SerialReport) Tables() (rows, rt *textable.Table) {
	rows = &textable.Table{Header: []string{"month", "volume", "units_net", "units_free", "kenp_pages", "royalty", "royalty_home"},
		Numeric: map[string]bool{"volume": true, "units_net": true, "units_free": true, "kenp_pages": true, "royalty_home": true}}
	for _, r := range s.Rows {
		var curs []string
		for c := range r.Royalty {
			curs = append(curs, c)
		}
		sort.Strings(curs)
		var parts []string
		for _, c := range curs {
			parts = append(parts, c+" "+money.Plain(r.Royalty[c], c))
		}
		home := "—" // not computable yet: never 0
		if r.Home != nil {
			home = money.Plain(*r.Home, s.Home)
		}
		kenp := strconv.FormatInt(r.KENP, 10)
		if r.Pending {
			kenp += "*"
		}
		rows.Add(r.Month, strconv.Itoa(r.Volume), strconv.FormatInt(r.Units, 10), strconv.FormatInt(r.Free, 10), kenp, strings.Join(parts, "; "), home)
	}
	rt = &textable.Table{Header: []string{"month", "volumes", "units_from", "units_next", "units_read_through", "kenp_read_through"},
		Numeric: map[string]bool{"units_from": true, "units_next": true, "units_read_through": true, "kenp_read_through": true}}
	pct := func(d *decimal.Decimal) string {
		if d == nil {
			return "—"
		}
		return d.Mul(decimal.NewFromInt(100)).StringFixed(1) + "%"
	}
	for _, r := range s.ReadThrough {
		month := r.Month
		if month == "" {
			month = "all"
		}
		rt.Add(month, fmt.Sprintf("%d→%d", r.From, r.From+1), strconv.FormatInt(r.UnitsFrom, 10), strconv.FormatInt(r.UnitsNext, 10), pct(r.Units), pct(r.KENP))
	}
	return rows, rt
}

// Stack is the series by month for a stacked chart, a group a volume named
// by name(n): of is "royalty" (in the home currency), "units" (paid, net
// of refunds) or "kenp" (pages read). cur is the values' currency
// (money.Count for counts). A royalty month's mark is "—" when none of its
// money converts yet and "≥" when a part does not, or some KENP pages are
// not priced yet: the bar is then the least it will be.
func (s *SerialReport) Stack(of string, name func(n int) string) (months, groups []string, values map[string][]decimal.Decimal, marks []string, cur string) {
	// every month from the first sale to the last: a month without one is
	// an empty bar, not a month left out
	idx := map[string]int{}
	if len(s.Rows) > 0 {
		first, last := s.Rows[0].Month, s.Rows[len(s.Rows)-1].Month
		for m := first; m <= last; m = nextMonth(m) {
			idx[m] = len(months)
			months = append(months, m)
		}
	}
	values = map[string][]decimal.Decimal{}
	for _, v := range s.Volumes {
		g := name(v.N)
		groups = append(groups, g)
		values[g] = make([]decimal.Decimal, len(months))
	}
	cur = money.Count
	if of == "royalty" {
		cur = s.Home
	}
	marks = make([]string, len(months))
	converted := make([]bool, len(months))
	for _, r := range s.Rows {
		i := idx[r.Month]
		g := name(r.Volume)
		switch of {
		case "units":
			values[g][i] = values[g][i].Add(decimal.NewFromInt(r.Units))
		case "kenp":
			values[g][i] = values[g][i].Add(decimal.NewFromInt(r.KENP))
		default:
			if r.Home == nil || r.Pending {
				marks[i] = "≥"
			}
			if r.Home != nil {
				values[g][i] = values[g][i].Add(*r.Home)
				converted[i] = true
			}
		}
	}
	for i := range months {
		if of == "royalty" && !converted[i] && marks[i] != "" {
			marks[i] = "—"
		}
	}
	return months, groups, values, marks, cur
}

// SeriesMeasure reads what a series chart's bars are: royalty, units or
// kenp (in any case and width).
func SeriesMeasure(s string) (string, bool) {
	switch m := strings.ToLower(strings.TrimSpace(jinput.Fold(s))); m {
	case "royalty", "royalties":
		return "royalty", true
	case "units", "kenp":
		return m, true
	}
	return "", false
}

// MeasureTitle says what a series chart's bars are, for its title.
func MeasureTitle(of, home string) i18n.Msg {
	switch of {
	case "units":
		return i18n.M("paid units, net of refunds")
	case "kenp":
		return i18n.M("KENP pages read")
	}
	return i18n.M("royalties in %s", home)
}

// Last keeps the last n months of a chart's months, values and marks.
func Last(n int, months []string, values map[string][]decimal.Decimal, marks []string) ([]string, map[string][]decimal.Decimal, []string) {
	if len(months) <= n {
		return months, values, marks
	}
	cut := len(months) - n
	out := map[string][]decimal.Decimal{}
	for g, vs := range values {
		out[g] = vs[cut:]
	}
	return months[cut:], out, marks[cut:]
}

// nextMonth is the month after m (YYYY-MM); "9999-99" past anything
// that is not one, which ends a loop over months.
func nextMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return "9999-99"
	}
	return t.AddDate(0, 1, 0).Format("2006-01")
}
