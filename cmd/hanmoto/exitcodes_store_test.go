package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestLedgerFailureExitsTwoEverywhere: the ledger failing is the machine's
// failure, exit 2, in every command that meets it — it once exited 1 in
// one command and 2 in another, as each call site chose.
func TestLedgerFailureExitsTwoEverywhere(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "ledger.db")
	// an SQLite header over garbage: the ledger is there, and damaged
	data := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xAB}, 8192)...)
	if err := os.WriteFile(bad, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"sales", "list"}, {"sales", "payments"}, {"sales", "imports"}, {"sales", "home"},
		{"report", "monthly"}, {"report", "year", "--year", "2025"}, {"chart", "revenue"},
		{"invest", "status"}, {"invest", "trades"}, {"invest", "funds"}, {"invest", "history"}, {"invest", "plan"},
		{"invest", "buy", "--fund", "F", "--date", "2025-01-06", "--amount", "1000"},
		{"rates", "import", filepath.Join(dir, "rates.csv")},
	} {
		os.WriteFile(filepath.Join(dir, "rates.csv"), []byte("date,currency,rate\n2025-01-31,EUR,162\n"), 0o644)
		var errb bytes.Buffer
		code := run(append([]string{"hanmoto", "--ledger", bad}, args...), &env{stdout: io.Discard, stderr: &errb,
			getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }})
		if code != exitUsage {
			t.Errorf("%v on a damaged ledger: exit %d, want 2: %s", args, code, errb.String())
		}
	}
}
