package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/textable"
)

// TestTablesFitTheTerminal: at 80 columns a table is at most 80 wide,
// headers and lists of amounts wrap, long names are shortened and say so,
// and --wide gives every row on one line as before. The real dashboard
// export gives the widths people see.
func TestTablesFitTheTerminal(t *testing.T) {
	dir := t.TempDir()
	led := filepath.Join(dir, "L.db")
	runIn := func(vars map[string]string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(append([]string{"hanmoto", "--ledger", led}, args...), &env{stdout: &out, stderr: &errb,
			getenv: func(k string) string { return vars[k] }, isTerminal: func(io.Writer) bool { return false }})
		return code, out.String(), errb.String()
	}
	if code, _, msg := runIn(nil, "sales", "import", "-q", filepath.Join("..", "..", "..", "shared", "fixtures", "kdp", "dashboard-2023-08-to-2025-08.xlsx")); code != 0 {
		t.Fatalf("import: %s", msg)
	}
	for _, lang := range []string{"ja_JP.UTF-8", "C"} {
		for _, args := range [][]string{
			{"report", "monthly"},
			{"report", "monthly", "--by", "title"},
			{"sales", "imports"},
			{"sales", "list", "--month", "2025-06"},
			{"sales", "payments", "--format", "table"},
		} {
			narrow := map[string]string{"LANG": lang, "COLUMNS": "80"}
			code, out, msg := runIn(narrow, args...)
			if code != 0 {
				t.Fatalf("%v: %s", args, msg)
			}
			_, wide, wideMsg := runIn(map[string]string{"LANG": lang, "COLUMNS": "80"}, append(args, "--wide")...)
			// report monthly and imports fit 80 columns; a table of many
			// numbers (sales list has eleven) or of twelve-month
			// sparklines can't, and shrinks as far as it can
			// (a list of amounts keeps each amount whole: EUR 8,017.79 may
			// stand out by a few columns)
			// every table fits 80 columns: a table of many columns leaves
			// out the ones only some readers need (--wide gives all)
			limit := 80
			if w := widest(out); w > limit {
				t.Errorf("%s %v: %d columns (--wide: %d):\n%s", lang, args, w, widest(wide), out)
			}
			if strings.Contains(wide, "…") || wideMsg != "" {
				t.Errorf("%s %v --wide: shortened: %s", lang, args, wideMsg)
			}
			if strings.Contains(out, "…") != (strings.Contains(msg, "cut to fit") || strings.Contains(msg, "短くした")) {
				t.Errorf("%s %v: shortened cells and the note disagree: %q", lang, args, msg)
			}
			if strings.Count(out, "\n") < strings.Count(wide, "\n") {
				t.Errorf("%s %v: fewer lines than --wide", lang, args)
			}
			// no limit in a pipe without COLUMNS
			_, piped, _ := runIn(map[string]string{"LANG": lang}, args...)
			if piped != wide {
				t.Errorf("%s %v: a pipe is not --wide", lang, args)
			}
		}
	}
}

// widest is the display width of the widest line.
func widest(out string) int {
	n := 0
	for _, line := range strings.Split(out, "\n") {
		n = max(n, textable.DisplayWidth(line))
	}
	return n
}
