package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

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
