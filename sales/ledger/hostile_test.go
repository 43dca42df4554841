package ledger_test

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/hanmoto/hanmoto/internal/kdptest"
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
		{other, "an SQLite database, but not a hanmoto ledger"},
		{negative, "not a hanmoto ledger (schema version -1)"},
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

// Bytes overwritten in the middle of a ledger (a bad disk, a stray dd) are
// found before anything is written onto them: the import is refused with
// the file's name and the file is left exactly as it was.
func TestDamagedLedgerRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx")))
	l.Close() // the last connection's close folds the WAL into the file
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the WAL outlived the ledger's close")
	}
	good, _ := os.ReadFile(path)
	if err := os.WriteFile(path+".good", good, 0o644); err != nil {
		t.Fatal(err)
	}
	if l, err := ledger.Open(path); err != nil {
		t.Fatalf("the intact ledger: %v", err)
	} else {
		l.Close()
	}
	damaged := 0
	for off := len(good) / 8; off < len(good)-64; off += len(good) / 8 {
		data := append([]byte(nil), good...)
		for i := 0; i < 64; i++ {
			data[off+i] = byte(i * 37)
		}
		os.WriteFile(path, data, 0o644)
		l, err := ledger.Open(path)
		if err == nil {
			// the bytes fell where SQLite cannot tell (free space, a
			// value's text): such a ledger stays readable
			l.Close()
			continue
		}
		damaged++
		var se *ledger.StoreError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "damaged") || strings.Contains(err.Error(), "\n") {
			t.Errorf("offset %d: %v (%T): want one line naming the file and saying it is damaged", off, err, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Errorf("offset %d: the damaged ledger was changed", off)
		}
	}
	if damaged < 3 {
		t.Errorf("only %d of 7 damaged copies refused", damaged)
	}
}

// TestDamagedLedgerRefusedWhenOpenedToRead: a ledger opened to read (as
// sales import opens one, so that a failed import creates none) is read
// whole before its first write: the import is refused and the file stays
// as it was. (It once wrote into a damaged ledger that every other
// writing command refused.)
func TestDamagedLedgerRefusedWhenOpenedToRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	imp(t, l, read(t, kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx")))
	l.Close()
	good, _ := os.ReadFile(path)
	statement := read(t, kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx"))
	refused := 0
	for off := len(good) / 8; off < len(good)-64; off += len(good) / 8 {
		data := append([]byte(nil), good...)
		for i := 0; i < 64; i++ {
			data[off+i] = byte(i * 37)
		}
		os.WriteFile(path, data, 0o644)
		l, err := ledger.OpenExisting(path)
		if err != nil {
			continue // refused at the open: the header or the schema is hit
		}
		if err := l.Check(); err == nil {
			l.Close()
			continue // the bytes fell where SQLite cannot tell
		}
		_, err = l.Import(ctx, statement, ledger.ImportOptions{})
		l.Close()
		if err == nil || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("offset %d: an import into a damaged ledger: %v", off, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Errorf("offset %d: the damaged ledger was changed", off)
		}
		refused++
	}
	if refused == 0 {
		t.Error("no damaged copy opened to read: the test tests nothing")
	}
}
