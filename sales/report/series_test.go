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
	rs, asins := seriesLines(t)
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

// The series chart's bars on the real downloads: each month's segment of a
// volume is that volume's units, KENP pages or home royalty summed from
// the ledger's lines here, and a month is marked where its money is not
// all converted or priced.
func TestSeriesStackAgainstTheLines(t *testing.T) {
	rs, asins := seriesLines(t)
	vols := []report.SeriesVolume{}
	for i, a := range asins {
		vols = append(vols, report.SeriesVolume{N: i + 1, ASIN: a})
	}
	s := report.BuildSeries("試し", rs, vols, "JPY")
	name := func(n int) string { return asins[n-1] }
	for _, of := range []string{"units", "kenp", "royalty"} {
		months, groups, values, marks, cur := s.Stack(of, name)
		if len(groups) != len(asins) || len(months) == 0 {
			t.Fatalf("%s: %d groups, %d months", of, len(groups), len(months))
		}
		if (cur == "JPY") != (of == "royalty") {
			t.Errorf("%s: in %q", of, cur)
		}
		nonzero := 0
		for i, m := range months {
			partial := false
			for _, a := range asins {
				want := decimal.Zero
				for _, r := range rs {
					if r.Month != m || r.ASIN != a {
						continue
					}
					switch {
					case of == "units" && r.UnitsNet != nil:
						want = want.Add(decimal.NewFromInt(*r.UnitsNet))
					case of == "kenp" && r.KENPPages != nil:
						want = want.Add(decimal.NewFromInt(*r.KENPPages))
					case of == "royalty":
						if r.Home != nil {
							want = want.Add(*r.Home)
						}
						partial = partial || r.Pending || r.Home == nil && r.Royalty != nil
					}
				}
				if !values[a][i].Equal(want) {
					t.Errorf("%s %s %s: %s, the lines %s", of, m, a, values[a][i], want)
				}
				if !want.IsZero() {
					nonzero++
				}
			}
			if of == "royalty" && partial != (marks[i] != "") {
				t.Errorf("royalty %s: mark %q, lines partial %v", m, marks[i], partial)
			}
		}
		if nonzero == 0 {
			t.Errorf("%s: every bar is empty", of)
		}
	}
}

// seriesLines are the real downloads' royalty lines, and three of their
// eBooks, in the order the ledger first lists them, to be a series'
// volumes.
func seriesLines(t *testing.T) ([]ledger.Royalty, []string) {
	t.Helper()
	rs, err := testLedger(t).Royalties(ctx, ledger.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var asins []string
	seen := map[string]bool{}
	for _, r := range rs {
		if r.ASIN != "" && !seen[r.ASIN] && len(asins) < 3 {
			seen[r.ASIN] = true
			asins = append(asins, r.ASIN)
		}
	}
	return rs, asins
}
