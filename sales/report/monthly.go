// Package report turns the ledger into what the user looks at: the monthly
// revenue table, terminal charts and a self-contained HTML page with SVG
// charts. Output is deterministic: the same ledger gives the same bytes.
package report

import (
	"context"
	"sort"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/shopspring/decimal"
)

// Row is one month (and group) of revenue.
type Row struct {
	Month        string
	Group        string // title, marketplace or format; "" when not grouped
	UnitsNet     int64  // paid units
	UnitsFree    int64  // free promotion downloads
	KENPPages    int64
	Royalty      ledger.Totals   // per currency, as reported
	Home         decimal.Decimal // in the home currency: only the converted part when Missing > 0
	Estimated    bool            // some of Home is at an imported rate, or the month has estimate lines
	Missing      int             // lines with no rate into the home currency (not in Home)
	Unrated      ledger.Totals   // their amounts, per currency
	Pending      int             // KENP lines KDP has not priced yet (not in Home nor Royalty)
	PendingPages int64
	Change       *float64 // Home against the previous month of the group; nil when either is partial
	Spark        []decimal.Decimal
	Unknown      []bool // per Spark value: nothing of that month converted
}

// Complete says whether every amount of the row is in Home: every line has
// a rate into the home currency and KDP has priced every KENP page.
func (r *Row) Complete() bool { return r.Missing == 0 && r.Pending == 0 }

// Monthly is the report.
type Monthly struct {
	From, To string
	By       string
	Home     string
	Rows     []Row
	Total    Row // Month "total"
	Average  decimal.Decimal
	Months   int
	// Unconverted says what to do about lines without a rate; set when
	// any line lacks one.
	Unconverted *ledger.Unconverted
	// Width fits the table (not the other formats) to a terminal this
	// wide; Shortened says, after writing, that a cell was cut to fit.
	Width     int
	Shortened bool
	// Words, when set, says a value of a column (the format a --by format
	// row groups) in the reader's words, in the table and Markdown.
	Words func(column, value string) string
}

// Groups are what --by may say.
var Groups = []string{"title", "marketplace", "format"}

// BuildMonthly aggregates the ledger's royalty lines by month (and group).
// from and to (YYYY-MM) may be empty.
func BuildMonthly(ctx context.Context, l *ledger.Ledger, from, to, by string) (*Monthly, error) {
	if err := checkBy(by); err != nil {
		return nil, err
	}
	home, err := l.HomeCurrency()
	if err != nil {
		return nil, err
	}
	var lines []ledger.Line
	if by == "title" {
		lines, err = l.TitleLines(ctx, from, to)
	} else {
		lines, err = l.MonthSums(ctx, from, to)
	}
	if err != nil {
		return nil, err
	}
	m := aggregate(lines, home, from, to, by, true)
	return m, m.advise(ctx, l)
}

// advise says, when lines lack a rate, what to run: from the report's own
// sums and the currencies KDP paid out in.
func (m *Monthly) advise(ctx context.Context, l *ledger.Ledger) error {
	if m.Total.Missing == 0 {
		return nil
	}
	payouts, err := l.PayoutCurrencies(ctx)
	if err != nil {
		return err
	}
	m.Unconverted = &ledger.Unconverted{Lines: m.Total.Missing, Currencies: m.Total.Unrated.Currencies(), Payouts: payouts, Home: m.Home}
	return nil
}

func checkBy(by string) error {
	switch by {
	case "", "title", "marketplace", "format":
		return nil
	}
	return i18n.Errorf("--by %q: use title, marketplace or format", by)
}

// aggregate sums lines by month (and group); sparks adds each row's
// trailing 12 months for the table's sparkline.
func aggregate(lines []ledger.Line, home, from, to, by string, sparks bool) *Monthly {
	m := &Monthly{From: from, To: to, By: by, Home: home, Total: Row{Month: "total", Royalty: ledger.Totals{}, Unrated: ledger.Totals{}}}
	type key struct{ month, group string }
	rows := map[key]*Row{}
	groups := map[string]bool{}
	minM, maxM := "", ""
	for _, line := range lines {
		g := ""
		switch by {
		case "title":
			g = line.Title
		case "marketplace":
			g = line.Marketplace
		case "format":
			g = line.Format
		}
		groups[g] = true
		k := key{line.Month, g}
		r := rows[k]
		if r == nil {
			r = &Row{Month: line.Month, Group: g, Royalty: ledger.Totals{}, Unrated: ledger.Totals{}}
			rows[k] = r
		}
		if minM == "" || line.Month < minM {
			minM = line.Month
		}
		if line.Month > maxM {
			maxM = line.Month
		}
		for _, t := range []*Row{r, &m.Total} {
			t.UnitsNet += line.UnitsNet
			t.UnitsFree += line.UnitsFree
			t.KENPPages += line.KENPPages
			if line.Source == "estimate" {
				t.Estimated = true
			}
			t.Pending += line.Pending
			t.PendingPages += line.PendingPages
			if line.Royalty == nil {
				continue
			}
			t.Royalty[line.Currency] = t.Royalty[line.Currency].Add(*line.Royalty)
			switch line.HomeBasis {
			case "none":
				t.Missing += max(line.Lines, 1)
				t.Unrated[line.Currency] = t.Unrated[line.Currency].Add(*line.Royalty)
			case "rate", "payment+rate":
				t.Estimated = true
				t.Home = t.Home.Add(*line.Home)
			default:
				t.Home = t.Home.Add(*line.Home)
			}
		}
	}
	if minM == "" {
		return m
	}
	if from == "" {
		m.From = minM
	}
	if to == "" {
		m.To = maxM
	}
	months := monthRange(m.From, m.To)
	m.Months = len(months)
	var gs []string
	for g := range groups {
		gs = append(gs, g)
	}
	sort.Strings(gs)
	for _, g := range gs {
		var prev *Row
		var series []decimal.Decimal
		var unknown []bool
		for _, mo := range months {
			r := rows[key{mo, g}]
			if r == nil {
				if by != "" {
					// grouped reports list months where the group earned
					series = append(series, decimal.Zero)
					unknown = append(unknown, false)
					prev = &Row{}
					continue
				}
				r = &Row{Month: mo, Royalty: ledger.Totals{}, Unrated: ledger.Totals{}}
			}
			series = append(series, r.Home)
			unknown = append(unknown, !r.Complete() && r.Home.IsZero())
			// a change is only said between two months whose totals are whole
			if prev != nil && prev.Home.IsPositive() && prev.Complete() && r.Complete() {
				c, _ := r.Home.Sub(prev.Home).Div(prev.Home).Float64()
				r.Change = &c
			}
			if sparks {
				r.Spark = append([]decimal.Decimal(nil), series[max(0, len(series)-12):]...)
				r.Unknown = append([]bool(nil), unknown[max(0, len(unknown)-12):]...)
			}
			m.Rows = append(m.Rows, *r)
			prev = r
		}
	}
	sort.SliceStable(m.Rows, func(i, j int) bool {
		if m.Rows[i].Month != m.Rows[j].Month {
			return m.Rows[i].Month < m.Rows[j].Month
		}
		return m.Rows[i].Group < m.Rows[j].Group
	})
	if m.Months > 0 {
		m.Average = m.Total.Home.Div(decimal.NewFromInt(int64(m.Months)))
	}
	return m
}

// monthRange lists the months from a to b inclusive.
func monthRange(a, b string) []string {
	t, err1 := time.Parse("2006-01", a)
	end, err2 := time.Parse("2006-01", b)
	if err1 != nil || err2 != nil {
		return nil
	}
	var ms []string
	for ; !t.After(end); t = t.AddDate(0, 1, 0) {
		ms = append(ms, t.Format("2006-01"))
	}
	return ms
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values as ▁▂▃▄▅▆▇█, scaled to their own maximum; a
// value marked unknown (nothing converted) is "—", the mark the table
// gives such a month, never a zero (a "?" there read as 文字化け).
func Sparkline(vs []decimal.Decimal, unknown ...bool) string {
	maxV := decimal.Zero
	for _, v := range vs {
		if v.GreaterThan(maxV) {
			maxV = v
		}
	}
	out := make([]rune, len(vs))
	for i, v := range vs {
		if i < len(unknown) && unknown[i] {
			out[i] = '—'
			continue
		}
		if !maxV.IsPositive() || !v.IsPositive() {
			out[i] = sparks[0]
			continue
		}
		k := v.Mul(decimal.NewFromInt(int64(len(sparks) - 1))).Div(maxV).Round(0).IntPart()
		out[i] = sparks[k]
	}
	return string(out)
}

// Stack lays a grouped report out for a stacked chart: each group's home
// total per month of months (zero where it earned nothing).
func Stack(m *Monthly, months []string) ([]string, map[string][]decimal.Decimal) {
	idx := map[string]int{}
	for i, mo := range months {
		idx[mo] = i
	}
	values := map[string][]decimal.Decimal{}
	var groups []string
	for _, r := range m.Rows {
		i, ok := idx[r.Month]
		if !ok {
			continue
		}
		if _, seen := values[r.Group]; !seen {
			values[r.Group] = make([]decimal.Decimal, len(months))
			groups = append(groups, r.Group)
		}
		values[r.Group][i] = r.Home
	}
	sort.Strings(groups)
	return groups, values
}
