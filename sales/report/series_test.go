package report_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/report"
)

// The series report on the real downloads, three of their eBooks taken as
// volumes 1–3: every row equals the sums of that book's lines in that
// month, taken here from the ledger's lines one by one, and read-through
// is the next volume's units over this one's, per month and in all.
func TestSeriesAgainstTheLines(t *testing.T) {
	l := testLedger(t)
	rs, err := l.Royalties(ctx, ledger.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// three eBooks with KENP, in the order the ledger first lists them
	var asins []string
	seen := map[string]bool{}
	for _, r := range rs {
		if r.ASIN != "" && !seen[r.ASIN] && len(asins) < 3 {
			seen[r.ASIN] = true
			asins = append(asins, r.ASIN)
		}
	}
	if len(asins) < 2 {
		t.Fatalf("the fixtures hold %d eBooks", len(asins))
	}
	vols := []report.SeriesVolume{}
	for i, a := range asins {
		vols = append(vols, report.SeriesVolume{N: i + 1, ASIN: a, KENPC: 300 + 100*i})
	}
	s := report.BuildSeries("試し", rs, vols, "JPY")
	if len(s.Rows) == 0 {
		t.Fatal("no rows")
	}
	type sum struct {
		units, free, kenp int64
		roy               map[string]decimal.Decimal
	}
	want := map[[2]string]*sum{}
	for _, r := range rs {
		for _, v := range vols {
			if r.ASIN != v.ASIN {
				continue
			}
			k := [2]string{r.Month, v.ASIN}
			if want[k] == nil {
				want[k] = &sum{roy: map[string]decimal.Decimal{}}
			}
			if r.UnitsNet != nil {
				want[k].units += *r.UnitsNet
			}
			if r.UnitsFree != nil {
				want[k].free += *r.UnitsFree
			}
			if r.KENPPages != nil {
				want[k].kenp += *r.KENPPages
			}
			if r.Royalty != nil {
				want[k].roy[r.Currency] = want[k].roy[r.Currency].Add(*r.Royalty)
			}
		}
	}
	if len(want) != len(s.Rows) {
		t.Errorf("%d rows, the lines make %d month-volumes", len(s.Rows), len(want))
	}
	months := map[string]map[int]int64{}
	for _, row := range s.Rows {
		w := want[[2]string{row.Month, asins[row.Volume-1]}]
		if w == nil {
			t.Errorf("%s volume %d: a row no line makes", row.Month, row.Volume)
			continue
		}
		if row.Units != w.units || row.Free != w.free || row.KENP != w.kenp || len(row.Royalty) != len(w.roy) {
			t.Errorf("%s volume %d: %d units, %d free, %d KENP; the lines: %d, %d, %d", row.Month, row.Volume, row.Units, row.Free, row.KENP, w.units, w.free, w.kenp)
		}
		for c, d := range w.roy {
			if !row.Royalty[c].Equal(d) {
				t.Errorf("%s volume %d: %s %s, the lines %s", row.Month, row.Volume, c, row.Royalty[c], d)
			}
		}
		if months[row.Month] == nil {
			months[row.Month] = map[int]int64{}
		}
		months[row.Month][row.Volume] = row.Units
	}
	shown := 0
	for _, rt := range s.ReadThrough {
		if rt.Month == "" {
			continue
		}
		from, next := months[rt.Month][rt.From], months[rt.Month][rt.From+1]
		switch {
		case from == 0 && rt.Units != nil:
			t.Errorf("%s %d→%d: a read-through of nothing: %s", rt.Month, rt.From, rt.From+1, rt.Units)
		case from != 0 && (rt.Units == nil || !rt.Units.Equal(decimal.NewFromInt(next).DivRound(decimal.NewFromInt(from), 4))):
			t.Errorf("%s %d→%d: read-through %v, units %d over %d", rt.Month, rt.From, rt.From+1, rt.Units, next, from)
		case from != 0:
			shown++
		}
	}
	if shown == 0 {
		t.Error("no month shows a read-through")
	}
	rows, rtt := s.Tables()
	if len(rows.Rows) != len(s.Rows) || len(rtt.Rows) != len(s.ReadThrough) {
		t.Errorf("tables of %d and %d rows", len(rows.Rows), len(rtt.Rows))
	}
	t.Logf("%d eBooks as volumes: %d month-volumes, %d months with a read-through", len(asins), len(s.Rows), shown)
}
