package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeleteAsksAtATerminal: at a terminal trades delete asks, and only a
// yes deletes; no answer (end of input) is no.
func TestDeleteAsksAtATerminal(t *testing.T) {
	dir := t.TempDir()
	led := filepath.Join(dir, "L.db")
	runIn := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(append([]string{"hanmoto", "--ledger", led}, args...), &env{stdout: &out, stderr: &errb,
			getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false },
			stdin: strings.NewReader(stdin), askable: func() bool { return true }})
		return code, out.String(), errb.String()
	}
	nav := filepath.Join("..", "..", "..", "shared", "fixtures", "nav", "mufg_emaxis_slim_allcountry_253425.csv")
	if code, _, msg := runIn("", "invest", "nav", "import", "-q", "--fund", "253425", nav); code != 0 {
		t.Fatal(msg)
	}
	if code, _, msg := runIn("", "invest", "buy", "-q", "--fund", "253425", "--date", "2025-08-01", "--amount", "30000", "--account", "tokutei"); code != 0 {
		t.Fatal(msg)
	}
	for _, answer := range []string{"", "n\n", "no\n", "maybe\n"} {
		code, out, msg := runIn(answer, "invest", "trades", "delete", "1")
		if code != 0 || out != "" || !strings.Contains(msg, "delete #1: purchase of 253425") || !strings.Contains(msg, "[y/N]") || !strings.Contains(msg, "nothing deleted") {
			t.Errorf("answer %q: exit %d, %q, %q", answer, code, out, msg)
		}
	}
	code, out, msg := runIn("y\n", "invest", "trades", "delete", "1")
	if code != 0 || !strings.HasPrefix(out, "deleted #1: purchase of 253425") {
		t.Errorf("yes: exit %d, %q, %q", code, out, msg)
	}
	if code, _, msg := runIn("y\n", "invest", "trades", "delete", "1"); code == 0 || !strings.Contains(msg, "no trade #1") {
		t.Errorf("deleted twice: exit %d, %q", code, msg)
	}
}
