package ledger

import (
	"errors"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// SQLite's own failures name the ledger file; the input's errors stay theirs.
func TestStoreErrors(t *testing.T) {
	l := &Ledger{path: "/books/ledger.db"}
	err := l.store(errors.New("attempt to write a readonly database (8)"))
	var se *StoreError
	if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), "ledger /books/ledger.db: the file or its folder is read-only, so nothing was changed: check their permissions (attempt to write a readonly database (8))") {
		t.Errorf("%v", err)
	}
	input := i18n.Errorf("no payment %s in the ledger (hanmoto sales payments lists them)", "1")
	if l.store(input) != input {
		t.Error("an input error was taken for the ledger's")
	}
	if l.store(nil) != nil {
		t.Error("nil")
	}
}
