package safe

import (
	"encoding/json"
	"testing"
)

func TestTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"月夜の郵便局":                  "月夜の郵便局",
		"\x1b]0;pwned\x07Title":   "\ufffd]0;pwned\ufffdTitle",
		"a\u009b31mb":             "a\ufffd31mb",
		"line\nbreak\ttab\x7fdel": "line\ufffdbreak\ufffdtab\ufffddel",
	} {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+1+cmd|' /C calc'!A0":       "'+1+cmd|' /C calc'!A0",
		"@SUM(A1)":                   "'@SUM(A1)",
		"-5":                         "-5",
		"+21.8%":                     "+21.8%",
		"-1,234.50":                  "-1,234.50",
		"-":                          "'-",
		"Title 01":                   "Title 01",
		"":                           "",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNothingActsInTheOutputs: escape sequences, a terminal's C1 CSI, the
// bidirectional overrides and the line separators never reach a terminal
// raw through a table, CSV or JSON, and Markdown shows a title's markup as
// text.
func TestNothingActsInTheOutputs(t *testing.T) {
	title := "\x1b]0;PWNED\x07 \u009b31m \u202eexe.txt \u2028 [x](javascript:alert(1)) <script>"
	enc, _ := json.Marshal(title)
	for _, out := range []string{Terminal(title), CSVCell(Terminal(title)), string(JSON(enc))} {
		for _, r := range out {
			if isControl(r) {
				t.Errorf("U+%04X in %q", r, out)
			}
		}
	}
	if j := string(JSON([]byte("\"a\u009bb\u202ec\""))); j != `"a\u009bb\u202ec"` {
		t.Errorf("JSON: %s", j)
	}
	if m := Markdown("[x](javascript:alert(1)) <script> a|b"); m != `\[x\](javascript:alert(1)) \<script\> a\|b` {
		t.Errorf("Markdown: %s", m)
	}
}
