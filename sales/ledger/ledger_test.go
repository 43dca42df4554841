package ledger_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

var ctx = context.Background()

func open(t *testing.T) *ledger.Ledger {
	t.Helper()
	l, err := ledger.Open(filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func read(t *testing.T, path string) *royalty.Report {
	t.Helper()
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func imp(t *testing.T, l *ledger.Ledger, r *royalty.Report) *ledger.ImportResult {
	t.Helper()
	res, err := l.Import(ctx, r, ledger.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func monthTotals(t *testing.T, l *ledger.Ledger, month string) (map[string]decimal.Decimal, map[string]int) {
	t.Helper()
	rs, err := l.Royalties(ctx, ledger.Filter{Month: month})
	if err != nil {
		t.Fatal(err)
	}
	sums, sources := map[string]decimal.Decimal{}, map[string]int{}
	for _, r := range rs {
		sources[r.Source]++
		if r.Royalty != nil {
			sums[r.Currency] = sums[r.Currency].Add(*r.Royalty)
		}
	}
	return sums, sources
}

// The statement is the truth for its month: it replaces the dashboard's
// estimates, and a later dashboard leaves that month alone.
func TestStatementReplacesEstimates(t *testing.T) {
	l := open(t)
	dash := read(t, kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx"))
	stmt := read(t, kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx"))
	res := imp(t, l, dash)
	if res.Lines != 1504 {
		t.Fatalf("dashboard: %d lines", res.Lines)
	}
	_, sources := monthTotals(t, l, "2025-01")
	if sources["estimate"] == 0 || sources["statement"] != 0 {
		t.Fatalf("before the statement: %v", sources)
	}
	res = imp(t, l, stmt)
	if len(res.Changes) != 1 || res.Changes[0].Source != "estimate" || res.Changes[0].Month != "2025-01" {
		t.Fatalf("changes %+v", res.Changes)
	}
	sums, sources := monthTotals(t, l, "2025-01")
	if sources["estimate"] != 0 || sources["statement"] != len(stmt.Lines) {
		t.Fatalf("after the statement: %v", sources)
	}
	want := map[string]decimal.Decimal{}
	for _, line := range stmt.Lines {
		want[line.Currency] = want[line.Currency].Add(*line.Royalty)
	}
	for cur, w := range want {
		if !sums[cur].Equal(w) {
			t.Errorf("ledger %s %s, statement %s", cur, sums[cur], w)
		}
	}
	// the same dashboard again is a no-op; a new download of it skips 2025-01
	if res := imp(t, l, dash); !res.AlreadyImported {
		t.Error("re-importing the same file imported it again")
	}
	dash.SHA256 = "another download"
	res = imp(t, l, dash)
	found := false
	for _, m := range res.SkippedMonths {
		found = found || m == "2025-01"
	}
	if !found {
		t.Errorf("a newer dashboard did not skip the statement's month: %v", res.SkippedMonths)
	}
	if _, sources := monthTotals(t, l, "2025-01"); sources["estimate"] != 0 {
		t.Errorf("estimates came back: %v", sources)
	}
}

// A re-downloaded statement replaces its month and says what changed.
func TestStatementReplacesStatement(t *testing.T) {
	l := open(t)
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.xlsx"), filepath.Join(dir, "two.xlsx")
	sheets := kdptest.JapaneseStatement()
	kdptest.Write(t, one, sheets...)
	sheets[0].Rows[2][14] = 3500 // KDP corrected a line
	kdptest.Write(t, two, sheets...)
	imp(t, l, read(t, one))
	res := imp(t, l, read(t, two))
	if len(res.Changes) != 1 || res.Changes[0].Source != "statement" || res.Changes[0].OldLines != 4 ||
		res.Changes[0].OldTotals["JPY"].String() != "5790.3" || res.Changes[0].NewTotals["JPY"].String() != "5836.3" {
		t.Fatalf("changes %+v", res.Changes)
	}
	sums, _ := monthTotals(t, l, "2026-08")
	if sums["JPY"].String() != "5836.3" {
		t.Errorf("JPY %s", sums["JPY"])
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	l := open(t)
	r := read(t, kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx"))
	res, err := l.Import(ctx, r, ledger.ImportOptions{DryRun: true})
	if err != nil || res.Lines != 34 || !res.DryRun {
		t.Fatalf("%+v %v", res, err)
	}
	if rs, _ := l.Royalties(ctx, ledger.Filter{}); len(rs) != 0 {
		t.Errorf("a dry run wrote %d lines", len(rs))
	}
	if res := imp(t, l, r); res.AlreadyImported {
		t.Error("a dry run recorded the import")
	}
}

func TestPayments(t *testing.T) {
	l := open(t)
	r := read(t, kdptest.Fixture(t, "kdp/payments.xlsx"))
	imp(t, l, r)
	ps, err := l.Payments(ctx)
	if err != nil || len(ps) != 151 {
		t.Fatalf("%d payments, %v", len(ps), err)
	}
	want := map[string]decimal.Decimal{}
	for _, p := range r.Payments {
		want[p.PayoutCurrency] = want[p.PayoutCurrency].Add(p.PayoutAmount)
	}
	got := map[string]decimal.Decimal{}
	for _, p := range ps {
		got[p.PayoutCurrency] = got[p.PayoutCurrency].Add(p.PayoutAmount)
	}
	if !got["EUR"].Equal(want["EUR"]) || len(got) != len(want) {
		t.Errorf("payouts %v, want %v", got, want)
	}
}

// Conversions say their basis: the payment's FX rate where a payment
// covered the month, an imported rate where not, none without either.
func TestHomeCurrency(t *testing.T) {
	l := open(t)
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/payments.xlsx")))
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx")))
	if err := l.SetHomeCurrency("EUR"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.ImportRates(ctx, "rates.csv", "sha", []price.Rate{{Date: "2025-01-15", Currency: "USD", Rate: decimal.RequireFromString("0.96")},
		{Date: "2025-01-20", Currency: "GBP", Rate: decimal.RequireFromString("1.19")}}, false); err != nil {
		t.Fatal(err)
	}
	c, err := l.Converter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// January 2025's Amazon.co.jp royalties convert at what the payment
	// put in the bank for them: its payout over what it paid for
	ps, _ := l.Payments(ctx)
	var payout, accrued decimal.Decimal
	for _, p := range ps {
		if p.Marketplace == "Amazon.co.jp" && p.PeriodStart == "2025-01-01" {
			payout, accrued = payout.Add(p.PayoutAmount), accrued.Add(p.Accrued)
		}
	}
	v, basis := c.ToHome(accrued, "JPY", "Amazon.co.jp", "2025-01", "ebook")
	if basis != "payment" || !v.Round(2).Equal(payout) {
		t.Errorf("JPY: %v %s (the payout was %s)", v, basis, payout)
	}
	v, basis = c.ToHome(decimal.RequireFromString("10"), "EUR", "Amazon.de", "2025-01", "ebook")
	if basis != "home" || v.String() != "10" {
		t.Errorf("EUR: %v %s", v, basis)
	}
	v, basis = c.ToHome(decimal.RequireFromString("10"), "GBP", "Amazon.co.uk", "2025-09", "ebook")
	if basis != "rate" || v.String() != "11.9" {
		t.Errorf("GBP: %v %s", v, basis)
	}
	if v, basis = c.ToHome(decimal.RequireFromString("10"), "CAD", "Amazon.ca", "2025-09", "ebook"); basis != "none" || v != nil {
		t.Errorf("CAD: %v %s", v, basis)
	}
}

// Killing the process in the middle of an import leaves the ledger as it
// was. The helper process imports with a hook that stops just before the
// commit; the parent kills it with SIGKILL there.
func TestKilledImport(t *testing.T) {
	if os.Getenv("HANMOTO_KILL_HELPER") != "" {
		t.Skip("helper")
	}
	stmt := kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx")
	dash := kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx")
	path := filepath.Join(t.TempDir(), "ledger.db")
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	imp(t, l, read(t, dash))
	before, beforeSources := monthTotals(t, l, "2025-01")
	all, _ := l.Royalties(ctx, ledger.Filter{})
	l.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessImportUntilKilled$", "-test.v")
	cmd.Env = append(os.Environ(), "HANMOTO_KILL_HELPER="+path, "HANMOTO_KILL_FILE="+stmt)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	ready := false
	for sc.Scan() {
		if sc.Text() == "IN-TRANSACTION" {
			ready = true
			break
		}
	}
	if !ready {
		cmd.Wait()
		t.Fatal("the helper never reached the commit")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	l, err = ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	after, afterSources := monthTotals(t, l, "2025-01")
	now, _ := l.Royalties(ctx, ledger.Filter{})
	if len(now) != len(all) || fmt.Sprint(after) != fmt.Sprint(before) || fmt.Sprint(afterSources) != fmt.Sprint(beforeSources) {
		t.Fatalf("the killed import changed the ledger: %d lines (was %d), %v (was %v)", len(now), len(all), afterSources, beforeSources)
	}
	// and the file imports cleanly afterwards
	if res := imp(t, l, read(t, stmt)); res.AlreadyImported || res.Lines != 34 {
		t.Errorf("import after the kill: %+v", res)
	}
}

func TestHelperProcessImportUntilKilled(t *testing.T) {
	path := os.Getenv("HANMOTO_KILL_HELPER")
	if path == "" {
		t.Skip("run by TestKilledImport")
	}
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := read(t, os.Getenv("HANMOTO_KILL_FILE"))
	l.Import(ctx, r, ledger.ImportOptions{BeforeCommit: func() {
		fmt.Println("IN-TRANSACTION")
		time.Sleep(time.Minute)
	}})
}
