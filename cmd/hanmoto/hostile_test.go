package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
)

// Titles are data: an escape sequence never reaches the terminal, and a
// formula never reaches a spreadsheet as one.
func TestHostileTitles(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "st.xlsx")
	header := []any{"Title", "Author", "ASIN", "Marketplace", "Units Sold", "Units Refunded", "Net Units Sold", "Royalty Type",
		"Transaction Type", "Currency", "Avg. List Price without tax", "Avg. Offer Price without tax", "Avg. File Size (MB)", "Avg. Delivery Cost", "Royalty"}
	kdptest.Write(t, book, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Sales Period", "January 2025"}, header,
		{"\x1b]0;pwned\x07Title", "A", "B0X1", "Amazon.co.jp", 1, 0, 1, "70%", "Standard", "JPY", 500, 500, 0.5, 1, 350},
		{`=HYPERLINK("http://evil","click")`, "A", "B0X2", "Amazon.co.jp", 1, 0, 1, "70%", "Standard", "JPY", 500, 500, 0.5, 1, 350},
		{"@SUM(A1:A9)", "A", "B0X3", "Amazon.co.jp", 1, 0, 1, "70%", "Standard", "JPY", 500, 500, 0.5, 1, 350},
	}})
	ledger := filepath.Join(dir, "l.db")
	runOut := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		code := run(append([]string{"hanmoto", "--ledger", ledger}, args...), &env{stdout: &out, stderr: &errb,
			getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }})
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String() + errb.String()
	}
	runOut("sales", "import", book)
	for _, args := range [][]string{{"sales", "list"}, {"report", "monthly", "--by", "title"},
		{"chart", "revenue", "--by", "title"}, {"sales", "imports"}, {"sales", "list", "--format", "csv"}, {"sales", "list", "--format", "json"},
		{"report", "monthly", "--by", "title", "--format", "json"}, {"report", "monthly", "--by", "title", "--format", "csv"},
		{"report", "monthly", "--by", "title", "--format", "markdown"}} {
		if out := runOut(args...); strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%v prints a control character: %q", args, out)
		}
	}
	for _, args := range [][]string{{"sales", "list", "--format", "csv"}, {"report", "monthly", "--by", "title", "--format", "csv"}} {
		out := runOut(args...)
		for _, f := range []string{`'=HYPERLINK`, `'@SUM`} {
			if !strings.Contains(out, f) {
				t.Errorf("%v: no %s in\n%s", args, f, out)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			for _, cell := range strings.Split(line, ",") {
				cell = strings.TrimPrefix(cell, `"`)
				if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "@") {
					t.Errorf("%v: a formula cell %q", args, cell)
				}
			}
		}
	}
}
