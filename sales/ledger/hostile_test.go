package ledger_test

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/hanmoto/hanmoto/sales/ledger"
)

// A file that is not a hanmoto ledger is refused and left as it was.
func TestNotALedger(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE notes (x TEXT)`)
	db.Close()
	negative := filepath.Join(dir, "negative.db")
	db, _ = sql.Open("sqlite", negative)
	db.Exec(`PRAGMA user_version = -1`)
	db.Close()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not sqlite "), 500), 0o644)
	for _, c := range []struct{ path, want string }{
		{other, "is an SQLite database, but not a hanmoto ledger"},
		{negative, "is not a hanmoto ledger"},
		{garbage, "not a hanmoto ledger"},
	} {
		before, _ := os.ReadFile(c.path)
		for _, open := range []func(string) (*ledger.Ledger, error){ledger.Open, ledger.OpenExisting} {
			l, err := open(c.path)
			if err == nil {
				l.Close()
				t.Errorf("%s: opened", filepath.Base(c.path))
				continue
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want %q", filepath.Base(c.path), err, c.want)
			}
		}
		after, _ := os.ReadFile(c.path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s: changed", filepath.Base(c.path))
		}
	}
}

// Imports racing on a new ledger migrate it once: none fails.
func TestRacingOpens(t *testing.T) {
	for trial := 0; trial < 10; trial++ {
		path := filepath.Join(t.TempDir(), "new.db")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				l, err := ledger.Open(path)
				if err == nil {
					_, err = l.HomeCurrency()
					l.Close()
				}
				errs[i] = err
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("trial %d, opener %d: %v", trial, i, err)
			}
		}
	}
}
