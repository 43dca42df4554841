package syntax

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/golden"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/scan.txtar's want sections")

// TestNovelSyntaxLines: each section of testdata/scan.txtar is a line of novel
// syntax ("in: …", options after a |) and, in its "want" section, the XHTML
// the scanner's tokens write (AppendHTML), the plain text a 目次 shows
// (AppendPlain) and the problems it reports for lint. -update rewrites the
// wants; review the diff.
func TestNovelSyntaxLines(t *testing.T) {
	a, err := txtar.ParseFile("testdata/scan.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var out []txtar.File
	for i := 0; i+1 < len(a.Files); i += 2 {
		in, want := a.Files[i], a.Files[i+1]
		src, opt := parseCase(t, in.Data)
		var problems []Problem
		toks := Scan(src, opt, &problems)
		var b strings.Builder
		fmt.Fprintf(&b, "html: %s\n", AppendHTML(nil, src, toks, opt))
		fmt.Fprintf(&b, "plain: %s\n", AppendPlain(nil, src, toks))
		for _, p := range problems {
			fmt.Fprintf(&b, "problem %d-%d %s: %s\n", p.Start, p.End, p.Code, fmt.Sprintf(p.Message.Format, p.Message.Args...))
		}
		got := b.String()
		if *update {
			out = append(out, in, txtar.File{Name: want.Name, Data: []byte(got)})
			continue
		}
		if got != string(want.Data) {
			t.Errorf("%s: %q\n got:\n%s\nwant:\n%s", in.Name, src, got, want.Data)
		}
	}
	if *update {
		old := txtar.Format(a)
		a.Files = out
		golden.Updated(t, "testdata/scan.txtar", old, txtar.Format(a))
		if err := os.WriteFile("testdata/scan.txtar", txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// parseCase reads "line | option option": vertical, paren, digits=N.
func parseCase(t *testing.T, data []byte) ([]byte, Options) {
	s := strings.TrimSuffix(string(data), "\n")
	var opt Options
	if i := strings.LastIndex(s, " | "); i >= 0 {
		for _, o := range strings.Fields(s[i+3:]) {
			switch {
			case o == "vertical":
				opt.Vertical = true
			case o == "paren":
				opt.ParenRuby = true
			case strings.HasPrefix(o, "digits="):
				fmt.Sscanf(o, "digits=%d", &opt.TCYDigits)
			default:
				t.Fatalf("unknown option %q", o)
			}
		}
		s = s[:i]
	}
	return []byte(s), opt
}
