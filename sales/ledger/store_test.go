package ledger

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// SQLite's own failures name the ledger file; the input's errors stay theirs.
func TestStoreErrors(t *testing.T) {
	// a real SQLite failure, told by its code: a write to a file opened
	// read-only (root writes to files whatever their mode)
	path := filepath.Join(t.TempDir(), "ledger.db")
	made, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	made.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, werr := db.Exec(`INSERT INTO meta (key, value) VALUES ('x', 'y')`)
	l := &Ledger{path: "/books/ledger.db"}
	err = l.store(werr)
	var se *StoreError
	if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), "ledger /books/ledger.db: the file or its folder is read-only, so nothing was changed: check their permissions (") {
		t.Errorf("%v", err)
	}
	// SQLite's words alone, without its code, are not taken for it
	if got := storeWords(errors.New("attempt to write a readonly database (8)")); strings.Contains(got.Error(), "read-only") {
		t.Errorf("an error classified by its text: %v", got)
	}
	input := i18n.Errorf("no payment %s in the ledger (hanmoto sales payments lists them)", "1")
	if l.store(input) != input {
		t.Error("an input error was taken for the ledger's")
	}
	if l.store(nil) != nil {
		t.Error("nil")
	}
}
