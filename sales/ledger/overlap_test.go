package ledger_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The downloads of one account as a person takes them over a few weeks,
// built from the real dashboard's May and June 2025 lines: each line is
// given a day of its month, and each export holds the lines of the days it
// covers, in KDP's shape — one row per month for a long range, one row per
// day for a short one — with a Summary sheet of its own.

// dayOf spreads the real lines over the days of their month.
func dayOf(i int, month string) int { return i*11%royalty.DaysIn(month) + 1 }

type export struct {
	name    string
	created string            // docProps' creation time
	daily   bool              // one row per day
	days    map[string][2]int // month → first and last day it holds
	rename  map[string]string // ASIN → the title the book has in this export
	revise  bool              // KDP revised May since: one more refund
}

// writeExport writes the export from the real lines (KENP lines with the
// royalty the real Summary gave them).
func writeExport(t *testing.T, dir string, truth []royalty.Line, e export) string {
	t.Helper()
	path := filepath.Join(dir, e.name+".xlsx")
	ebook := [][]any{{"Royalty Date", "Title", "Author Name", "ASIN", "Marketplace", "Royalty Type", "Transaction Type", "Units Sold",
		"Units Refunded", "Net Units Sold", "Avg. List Price without tax", "Avg. Offer Price without tax", "Avg. File Size (MB)",
		"Avg. Delivery Cost", "Royalty", "Currency"}}
	printHeader := []any{"Royalty Date", "Order Date", "Title", "Author Name", "ISBN", "Marketplace", "Royalty Type", "Transaction Type",
		"Units Sold", "Units Refunded", "Net Units Sold", "Avg. List Price without tax", "Avg. Offer Price without tax",
		"Avg. Manufacturing Cost", "Royalty", "Currency", "ASIN"}
	paper, hard := [][]any{printHeader}, [][]any{printHeader}
	kenp := [][]any{{"Date", "Title", "Author Name", "ASIN", "Marketplace", "Kindle Edition Normalized Page (KENP) Read"}}
	type sum struct {
		paid, free, paper, hard, kenp int64
		roy                           map[string]decimal.Decimal
	}
	sums := map[string]*sum{}
	f := func(d *decimal.Decimal) any {
		if d == nil {
			return "N/A"
		}
		return d.InexactFloat64()
	}
	n := func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
	add := func(l royalty.Line, day int) {
		r, ok := e.days[l.Month]
		if !ok || day < r[0] || day > r[1] {
			return
		}
		s := sums[l.Month]
		if s == nil {
			s = &sum{roy: map[string]decimal.Decimal{}}
			sums[l.Month] = s
		}
		date := l.Month
		if e.daily {
			date = fmt.Sprintf("%s-%02d", l.Month, day)
		}
		title := l.Title
		if x, ok := e.rename[l.ASIN]; ok {
			title = x
		}
		if l.Royalty != nil {
			s.roy[l.Currency] = s.roy[l.Currency].Add(*l.Royalty)
		}
		switch l.Format {
		case royalty.Ebook:
			ebook = append(ebook, []any{date, title, l.Author, l.ASIN, l.Marketplace, l.RoyaltyType, l.TransactionType, n(l.UnitsSold),
				n(l.UnitsRefunded), n(l.UnitsSold) - n(l.UnitsRefunded), f(l.ListPrice), f(l.OfferPrice), f(l.FileSizeMB), f(l.DeliveryCost),
				f(l.Royalty), l.Currency})
			s.paid += n(l.UnitsNet)
			s.free += n(l.UnitsFree)
		case royalty.Paperback, royalty.Hardcover:
			row := []any{date, date, title, l.Author, l.ISBN, l.Marketplace, l.RoyaltyType, l.TransactionType, n(l.UnitsSold),
				n(l.UnitsRefunded), n(l.UnitsNet), f(l.ListPrice), f(l.OfferPrice), f(l.DeliveryCost), f(l.Royalty), l.Currency, l.ASIN}
			if l.Format == royalty.Paperback {
				paper = append(paper, row)
				s.paper += n(l.UnitsNet)
			} else {
				hard = append(hard, row)
				s.hard += n(l.UnitsNet)
			}
		case royalty.KENP:
			if l.KENPPages == nil {
				return // a title-less line carrying a month's KENP royalty
			}
			kd := l.Month + "-01"
			if e.daily {
				kd = date
			}
			kenp = append(kenp, []any{kd, title, l.Author, l.ASIN, l.Marketplace, *l.KENPPages})
			s.kenp += *l.KENPPages
		}
	}
	for i, l := range truth {
		add(l, dayOf(i, l.Month))
	}
	if e.revise {
		// a refund KDP booked for May after the first downloads
		one, none := int64(1), int64(0)
		roy := decimal.RequireFromString("-6.31")
		add(royalty.Line{Month: "2025-05", Format: royalty.Ebook, Marketplace: "Amazon.de", Currency: "EUR", ASIN: "B0ANON0001", Title: "Title 01",
			Author: "Author 01", RoyaltyType: "70%", TransactionType: "Standard", UnitsSold: &none, UnitsRefunded: &one, Royalty: &roy}, 31)
		sums["2025-05"].paid--
	}
	summary := [][]any{{"Date", "Paid Units Sold (eBook)", "Free Units Sold (eBook)", "Net Units Sold (Paperback)", "Net Units Sold (Hardcover)",
		"KOLL Borrows", "Kindle Edition Normalized Page (KENP) Read", "Royalty (USD)", "Royalty (GBP)", "Royalty (EUR)", "Royalty (JPY)",
		"Royalty (CAD)", "Royalty (INR)", "Royalty (AUD)", "Royalty (MXN)", "Royalty (BRL)"}}
	months := make([]string, 0, len(sums))
	for m := range sums {
		months = append(months, m)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(months)))
	for _, m := range months {
		s := sums[m]
		row := []any{monthName(m), s.paid, s.free, s.paper, s.hard, "N/A", s.kenp}
		for _, c := range []string{"USD", "GBP", "EUR", "JPY", "CAD", "INR", "AUD", "MXN", "BRL"} {
			row = append(row, s.roy[c].InexactFloat64())
		}
		summary = append(summary, row)
	}
	kdptest.Write(t, path, kdptest.Sheet{Name: "Summary", Rows: summary}, kdptest.Sheet{Name: "eBook Royalty", Rows: ebook},
		kdptest.Sheet{Name: "Paperback Royalty", Rows: paper}, kdptest.Sheet{Name: "Hardcover Royalty", Rows: hard},
		kdptest.Sheet{Name: "KENP Read", Rows: kenp})
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x.SetDocProps(&excelize.DocProperties{Created: e.created})
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	return path
}

func monthName(m string) string {
	names := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	var mo int
	fmt.Sscanf(m[5:], "%d", &mo)
	return names[mo-1] + " " + m[:4]
}

// figures are a month's totals as KDP's Summary counts them.
type figures struct {
	paid, free, kenp int64
	roy              map[string]string
}

func (f figures) String() string {
	var curs []string
	for c, v := range f.roy {
		curs = append(curs, c+" "+v)
	}
	sort.Strings(curs)
	return fmt.Sprintf("paid %d, free %d, KENP %d, %s", f.paid, f.free, f.kenp, strings.Join(curs, ", "))
}

// summaryFigures reads a month of an export's own Summary sheet; several
// exports' figures add up (disjoint days).
func summaryFigures(rs []*royalty.Report, month string) figures {
	out := figures{roy: map[string]string{}}
	roy := map[string]decimal.Decimal{}
	for _, r := range rs {
		for _, s := range r.Summary {
			if s.Month != month {
				continue
			}
			out.paid += s.PaidEbook + s.Paperback + s.Hardcover
			out.free += s.FreeEbook
			out.kenp += s.KENPPages
			for c, v := range s.Royalty {
				roy[c] = roy[c].Add(v)
			}
		}
	}
	for c, v := range roy {
		if !v.IsZero() {
			out.roy[c] = v.StringFixed(2)
		}
	}
	return out
}

// ledgerFigures is the same month as the ledger counts it.
func ledgerFigures(t *testing.T, l *ledger.Ledger, month string) figures {
	t.Helper()
	sums, err := l.MonthSums(ctx, month, month)
	if err != nil {
		t.Fatal(err)
	}
	out := figures{roy: map[string]string{}}
	roy := map[string]decimal.Decimal{}
	for _, s := range sums {
		out.paid += s.UnitsNet
		out.free += s.UnitsFree
		out.kenp += s.KENPPages
		if s.Royalty != nil {
			roy[s.Currency] = roy[s.Currency].Add(*s.Royalty)
		}
		if s.Pending > 0 {
			t.Errorf("%s: %d KENP lines pending in a priced month", month, s.Pending)
		}
	}
	for c, v := range roy {
		if !v.IsZero() {
			out.roy[c] = v.StringFixed(2)
		}
	}
	return out
}

// TestOverlappingDownloads: downloads taken over weeks — a monthly export
// made on 20 June, a daily export of 1–15 June, a one-day export of 25
// June, and a monthly export made on 5 July that revises May and shows one
// book under a new title — imported in any order, count each month as the
// Summary of the newest export that covers every day any of them covers
// (or, where none does, the widest plus the daily rows of the days it
// lacks), per currency to the cent, paid and free units and KENP pages.
func TestOverlappingDownloads(t *testing.T) {
	real := read(t, kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx"))
	var truth []royalty.Line
	for _, l := range real.Lines {
		if l.Month == "2025-05" || l.Month == "2025-06" {
			truth = append(truth, l)
		}
	}
	dir := t.TempDir()
	june20 := export{name: "june20", created: "2025-06-20T09:00:00Z", days: map[string][2]int{"2025-05": {1, 31}, "2025-06": {1, 20}}}
	first15 := export{name: "first15", created: "2025-06-16T09:00:00Z", daily: true, days: map[string][2]int{"2025-06": {1, 15}}}
	day25 := export{name: "day25", created: "2025-06-26T09:00:00Z", daily: true, days: map[string][2]int{"2025-06": {25, 25}}}
	july5 := export{name: "july5", created: "2025-07-05T09:00:00Z", days: map[string][2]int{"2025-05": {1, 31}, "2025-06": {1, 30}},
		rename: map[string]string{"B0ANON0001": "Title 01: The Long Night"}, revise: true}
	reports := map[string]*royalty.Report{}
	for _, e := range []export{june20, first15, day25, july5} {
		reports[e.name] = read(t, writeExport(t, dir, truth, e))
	}
	// the daily exports really are daily, and cover what they hold
	// (the last day of 1–15 that has a line)
	last := 0
	for i, l := range truth {
		if d := dayOf(i, l.Month); l.Month == "2025-06" && d <= 15 {
			last = max(last, d)
		}
	}
	for name, want := range map[string]royalty.Cover{"first15": {Month: "2025-06", First: 1, Last: last, Daily: true},
		"day25": {Month: "2025-06", First: 25, Last: 25, Daily: true}, "june20": {Month: "2025-06", First: 1, Last: 20}} {
		var got royalty.Cover
		for _, c := range reports[name].Covers() {
			if c.Month == "2025-06" {
				got = c
			}
		}
		if got != want {
			t.Errorf("%s covers %+v, want %+v", name, got, want)
		}
	}
	cases := []struct {
		imports []string
		want    map[string][]string // month → the exports whose Summaries add up to it
	}{
		{[]string{"june20", "first15", "day25", "july5"}, map[string][]string{"2025-05": {"july5"}, "2025-06": {"july5"}}},
		{[]string{"june20", "first15"}, map[string][]string{"2025-05": {"june20"}, "2025-06": {"june20"}}},
		{[]string{"june20", "day25"}, map[string][]string{"2025-06": {"june20", "day25"}}},
		{[]string{"first15", "day25"}, map[string][]string{"2025-06": {"first15", "day25"}}},
		{[]string{"june20", "first15", "day25"}, map[string][]string{"2025-05": {"june20"}, "2025-06": {"june20", "day25"}}},
	}
	for _, c := range cases {
		var first []byte
		for _, p := range permutations(len(c.imports)) {
			l := open(t)
			l.SetHomeCurrency("EUR")
			var order []string
			for _, i := range p {
				imp(t, l, reports[c.imports[i]])
				order = append(order, c.imports[i])
			}
			for month, from := range c.want {
				var rs []*royalty.Report
				for _, name := range from {
					rs = append(rs, reports[name])
				}
				want, got := summaryFigures(rs, month), ledgerFigures(t, l, month)
				if want.String() != got.String() {
					t.Errorf("%v: %s\n got %s\nwant %s (the Summary of %v)", order, month, got, want, from)
				}
			}
			csv := listCSV(t, l)
			if first == nil {
				first = csv
			} else if !bytes.Equal(csv, first) {
				t.Errorf("%v gives another ledger than %v", order, c.imports)
			}
			// a renamed book is one book, shown under its newest title
			if c.imports[len(c.imports)-1] == "july5" {
				rows, err := csvRows(csv)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, r := range rows[1:] {
					if r[3] == "B0ANON0001" {
						n++
						if r[5] != "Title 01: The Long Night" {
							t.Fatalf("%v: B0ANON0001 in %s is shown as %q, not under its newest title", order, r[0], r[5])
						}
					}
				}
				if n == 0 {
					t.Fatalf("%v: no line of B0ANON0001", order)
				}
			}
		}
	}
}
