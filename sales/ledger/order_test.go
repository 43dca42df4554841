package ledger_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/report"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// listCSV is `sales list --format csv` of the whole ledger.
func listCSV(t *testing.T, l *ledger.Ledger) []byte {
	t.Helper()
	rs, err := l.Royalties(ctx, ledger.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	home, _ := l.HomeCurrency()
	var b bytes.Buffer
	if err := report.RoyaltyTable(rs, home, false).Write(&b, "csv"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int(nil), p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestImportOrderNeverMatters: the real downloads, in every order, give the
// same ledger to the byte.
func TestImportOrderNeverMatters(t *testing.T) {
	reports := []*royalty.Report{
		read(t, kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx")),
		read(t, kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx")),
		read(t, kdptest.Fixture(t, "kdp/payments.xlsx")),
	}
	var first []byte
	for _, p := range permutations(len(reports)) {
		l := open(t)
		l.SetHomeCurrency("EUR")
		for _, i := range p {
			imp(t, l, reports[i])
		}
		got := listCSV(t, l)
		if first == nil {
			first = got
			continue
		}
		if !bytes.Equal(got, first) {
			t.Fatalf("order %v gives another ledger", p)
		}
	}
}

// dashboard writes a small reports-dashboard export made at created, with
// the titles given: a filtered export is the same download with fewer
// authors.
func dashboard(t *testing.T, path, created string, titles ...string) {
	t.Helper()
	ebook := [][]any{{"Royalty Date", "Title", "Author Name", "ASIN", "Marketplace", "Royalty Type", "Transaction Type", "Units Sold",
		"Units Refunded", "Net Units Sold", "Avg. List Price without tax", "Avg. Offer Price without tax", "Avg. File Size (MB)",
		"Avg. Delivery Cost", "Royalty", "Currency"}}
	kenp := [][]any{{"Date", "Title", "Author Name", "ASIN", "Marketplace", "Kindle Edition Normalized Page (KENP) Read"}}
	eur, jpy, pages := 0.0, 0.0, 0
	for i, title := range titles {
		ebook = append(ebook, []any{"2025-09", title, "A" + title, "B0" + title, "Amazon.de", "70%", "Standard", 1, 0, 1, 4.99, 4.99, 0.5, 0.04, 3.0 + float64(i), "EUR"},
			[]any{"2025-09", title, "A" + title, "B0" + title, "Amazon.co.jp", "70%", "Standard", 1, 0, 1, 500, 500, 0.5, "N/A", 300 + 10*i, "JPY"})
		kenp = append(kenp, []any{"2025-09-01", title, "A" + title, "B0" + title, "Amazon.de", 100 * (i + 1)})
		eur += 3 + float64(i) + 0.5*float64(i+1) // each title's KENP earns 0.50 EUR per 100 pages
		jpy += 300 + 10*float64(i)
		pages += 100 * (i + 1)
	}
	kdptest.Write(t, path,
		kdptest.Sheet{Name: "Summary", Rows: [][]any{{"Date", "Paid Units Sold (eBook)", "Free Units Sold (eBook)", "Net Units Sold (Paperback)",
			"Net Units Sold (Hardcover)", "KOLL Borrows", "Kindle Edition Normalized Page (KENP) Read", "Royalty (EUR)", "Royalty (JPY)"},
			{"September 2025", 2 * len(titles), 0, 0, 0, "N/A", pages, eur, jpy}}},
		kdptest.Sheet{Name: "eBook Royalty", Rows: ebook},
		kdptest.Sheet{Name: "KENP Read", Rows: kenp})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f.SetDocProps(&excelize.DocProperties{Created: created})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestFilteredExportErasesNothing: a dashboard filtered to one title,
// exported after the full one, changes nothing of the other titles, and
// imported before or after gives the same ledger.
func TestFilteredExportErasesNothing(t *testing.T) {
	dir := t.TempDir()
	full, filtered := filepath.Join(dir, "full.xlsx"), filepath.Join(dir, "filtered.xlsx")
	dashboard(t, full, "2025-10-01T00:00:00Z", "T1", "T2", "T3")
	dashboard(t, filtered, "2025-10-05T00:00:00Z", "T1")
	want := map[string]string{"EUR": "15", "JPY": "930"} // 3+4+5 + 0.5+1+1.5 EUR; 300+310+320 JPY
	var first []byte
	for _, order := range [][]string{{full, filtered}, {filtered, full}} {
		l := open(t)
		for _, p := range order {
			imp(t, l, read(t, p))
		}
		sums, _ := monthTotals(t, l, "2025-09")
		for cur, w := range want {
			if !sums[cur].Equal(decimal.RequireFromString(w)) {
				t.Errorf("%v: %s %s, want %s", order, cur, sums[cur], w)
			}
		}
		got := listCSV(t, l)
		if first == nil {
			first = got
		} else if !bytes.Equal(first, got) {
			t.Errorf("the order of the two exports changes the ledger")
		}
	}
}

// TestFXAsPaid: a line converts at the payment that paid its marketplace,
// month and source, and the converted lines of a payment add up to its
// payout to the cent.
func TestFXAsPaid(t *testing.T) {
	l := open(t)
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx")))
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/payments.xlsx")))
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx")))
	if err := l.SetHomeCurrency("EUR"); err != nil {
		t.Fatal(err)
	}
	// Amazon.ca's May 2024 paperback: CAD 8.70, paid by 307310996 at 0.6644
	rs, err := l.Royalties(ctx, ledger.Filter{Month: "2024-05", Marketplace: "Amazon.ca"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		if r.Format == "paperback" && r.Royalty.Equal(decimal.RequireFromString("8.7")) {
			found = true
			if got := r.Home.Round(2); !got.Equal(decimal.RequireFromString("5.78")) || r.HomeBasis != "payment" {
				t.Errorf("Amazon.ca 2024-05 paperback: EUR %s (%s), want 5.78 at the payment's rate", got, r.HomeBasis)
			}
		}
	}
	if !found {
		t.Fatal("no Amazon.ca 2024-05 paperback line")
	}
	// January 2025: for each marketplace paid in another currency, the
	// statement's lines, converted and rounded, add up to the payout
	rs, _ = l.Royalties(ctx, ledger.Filter{Month: "2025-01"})
	var b bytes.Buffer
	report.RoyaltyTable(rs, "EUR", false).Write(&b, "csv")
	sums := map[string]decimal.Decimal{}
	rows, _ := csvRows(b.Bytes())
	for _, r := range rows[1:] {
		if r[18] == "payment" {
			sums[r[1]] = sums[r[1]].Add(decimal.RequireFromString(r[16]))
		}
	}
	ps, _ := l.Payments(ctx)
	checked := 0
	for _, p := range ps {
		if p.PeriodStart != "2025-01-01" || p.Currency == "EUR" {
			continue
		}
		checked++
		if !sums[p.Marketplace].Equal(p.PayoutAmount) {
			t.Errorf("%s: the lines add up to EUR %s, payment %s paid %s", p.Marketplace, sums[p.Marketplace], p.Number, p.PayoutAmount)
		}
	}
	if checked < 3 {
		t.Fatalf("only %d payments checked", checked)
	}
}

func csvRows(b []byte) ([][]string, error) {
	return csv.NewReader(bytes.NewReader(b)).ReadAll()
}

// The original download, imported again after an edited copy of it (the
// same creation time), counts again; the change says which lines moved.
func TestOriginalAgainAfterEditedCopy(t *testing.T) {
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.xlsx")
	dashboard(t, orig, "2025-10-01T00:00:00Z", "T1", "T2")
	edited := filepath.Join(dir, "edited.xlsx")
	f, err := excelize.OpenFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	// T1's Amazon.de royalty, 3 before, and the Summary with it: a copy
	// that contradicts its own Summary is refused
	f.SetCellValue("eBook Royalty", "O2", 3.5)
	f.SetCellValue("Summary", "H2", 9.0)
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
	l := open(t)
	// (a dashboard's month total is its Summary's whatever a line says: the
	// line itself is what the edit changes)
	line := func() string {
		rs, err := l.Royalties(ctx, ledger.Filter{Month: "2025-09", Marketplace: "Amazon.de", Title: "T1"})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Format == "ebook" {
				return r.Royalty.String()
			}
		}
		return ""
	}
	imp(t, l, read(t, orig))
	want, _ := monthTotals(t, l, "2025-09")
	imp(t, l, read(t, edited))
	if got := line(); got != "3.5" {
		t.Fatalf("the edited copy's line: %s, want 3.5", got)
	}
	sum := sha256.Sum256(mustRead(t, orig))
	res, err := l.Restore(ctx, hex.EncodeToString(sum[:]), ledger.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Restored || len(res.Changes) != 1 || len(res.Changes[0].Lines) == 0 {
		t.Fatalf("restore: %+v", res)
	}
	found := false
	for _, lc := range res.Changes[0].Lines {
		found = found || (strings.HasPrefix(lc.What, "T1 (Amazon.de, ebook") && lc.Old == "EUR 3.5" && lc.New == "EUR 3")
	}
	if !found {
		t.Errorf("the changed line is not named: %+v", res.Changes[0].Lines)
	}
	back, _ := monthTotals(t, l, "2025-09")
	if got := line(); got != "3" || !back["EUR"].Equal(want["EUR"]) {
		t.Errorf("after the original again: line %s, EUR %s; want 3, %s", got, back["EUR"], want["EUR"])
	}
	// once more: nothing to change
	if res, err := l.Restore(ctx, hex.EncodeToString(sum[:]), ledger.ImportOptions{}); err != nil || !res.AlreadyImported {
		t.Errorf("a second time: %+v, %v", res, err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDashboards2020AnyOrder: the five real dashboard exports of 2020 —
// overlapping months, daily rows, no Summary, every workbook carrying the
// same template time (each is dated by the name KDP gave it) — give the
// same ledger in all 120 orders of import.
func TestDashboards2020AnyOrder(t *testing.T) {
	dir := kdptest.Fixture(t, "kdp-2020")
	paths, _ := filepath.Glob(filepath.Join(dir, "KDP Sales Dashboard-*.xlsx"))
	var reports []*royalty.Report
	for _, p := range paths {
		reports = append(reports, read(t, p))
	}
	if len(reports) != 5 {
		t.Fatalf("%d dashboards, want 5", len(reports))
	}
	var first []byte
	for _, p := range permutations(len(reports)) {
		l := open(t)
		for _, i := range p {
			imp(t, l, reports[i])
		}
		got := listCSV(t, l)
		if first == nil {
			first = got
			if !bytes.Contains(got, []byte("2020-02")) || !bytes.Contains(got, []byte("2020-05")) {
				t.Fatalf("the months of 2020 are missing:\n%s", got)
			}
			continue
		}
		if !bytes.Equal(got, first) {
			t.Fatalf("order %v gives another ledger", p)
		}
	}
}
