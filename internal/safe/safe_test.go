package safe

import "testing"

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
