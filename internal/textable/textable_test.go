package textable

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFitsTheWidth(t *testing.T) {
	tb := &Table{Header: []string{"month", "title", "note", "amount"}, Numeric: map[string]bool{"amount": true}}
	tb.Add("2025-06", strings.Repeat("月夜の郵便局", 6), strings.Repeat("EUR 106.87, ", 8), "1,579,079")
	tb.Add("2025-07", "短い", "", "12")
	// a list's column keeps its widest item ("EUR 106.87,"): 44 at least
	for _, width := range []int{44, 60, 80} {
		tb.Width = width
		tb.Shortened = false
		var b bytes.Buffer
		if err := tb.Write(&b, "table"); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if w := DisplayWidth(line); w > width {
				t.Errorf("width %d: %q is %d columns", width, line, w)
			}
			if strings.HasPrefix(line, "2025-06") && !strings.HasSuffix(line, "1,579,079") {
				t.Errorf("width %d: the number was cut: %q", width, line)
			}
		}
		if !tb.Shortened || !strings.Contains(b.String(), "…") {
			t.Errorf("width %d: nothing says a cell was shortened:\n%s", width, b.String())
		}
		if !strings.Contains(b.String(), "短い") {
			t.Errorf("width %d: a short cell was cut:\n%s", width, b.String())
		}
	}
	// unlimited, and in a script's formats, everything is whole
	for _, format := range []string{"table", "csv", "json"} {
		tb.Width = 0
		if format != "table" {
			tb.Width = 40
		}
		var b bytes.Buffer
		tb.Write(&b, format)
		if !strings.Contains(b.String(), strings.Repeat("月夜の郵便局", 6)) {
			t.Errorf("%s: the title was shortened:\n%s", format, b.String())
		}
	}
}

func TestShortenKeepsWideCharactersWhole(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"月夜の郵便局", 8, "月夜の…"},
		{"月夜の郵便局", 7, "月夜の…"},
		{"abcdefghij", 8, "abcdefg…"},
	} {
		if got := shorten(c.in, c.n); got != c.want || DisplayWidth(got) > c.n {
			t.Errorf("shorten(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestWrapsHeadersAndLists(t *testing.T) {
	tb := &Table{Header: []string{"month", "royalty", "home"}, Numeric: map[string]bool{"home": true}, Width: 34,
		Label: func(h string) string {
			return map[string]string{"month": "月", "royalty": "ロイヤリティ（基準通貨）", "home": "合計 (JPY)"}[h]
		}}
	tb.Add("2025-06", "CAD 11.87, EUR 166.68, USD 4.91", "12,345")
	var b bytes.Buffer
	tb.Write(&b, "table")
	want := `月       ロイヤリティ         合計
         （基準通貨）        (JPY)
2025-06  CAD 11.87          12,345
         EUR 166.68
         USD 4.91
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if tb.Shortened {
		t.Error("a wrapped table says it shortened a cell")
	}
}

func TestSeparated(t *testing.T) {
	for in, want := range map[string]string{"152563": "152,563", "-2718": "-2,718", "1234.5": "1,234.5", "999": "999",
		"1,234": "1,234", "≥1234": "≥1234", "45.9%": "45.9%", "1.6582776": "1.6582776", "": "", "12a45": "12a45", "1000000": "1,000,000"} {
		if got := Separated(in); got != want {
			t.Errorf("Separated(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReplacedControlsKeepColumns: a name whose control characters were
// replaced (U+FFFD, one column on a terminal) keeps the columns after it
// in line. (Counted as no column, it pushed them left: invest funds.)
func TestReplacedControlsKeepColumns(t *testing.T) {
	tb := &Table{Header: []string{"name", "n"}, Numeric: map[string]bool{"n": true}}
	tb.Add("Fund\x1b[31mRed\x07", "1")
	tb.Add("Plain", "2")
	var b bytes.Buffer
	if err := tb.Write(&b, "table"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if w := []int{DisplayWidth(lines[1]), DisplayWidth(lines[2])}; w[0] != w[1] || utf8.RuneCountInString(lines[1]) != utf8.RuneCountInString(lines[2]) {
		t.Errorf("rows of %v columns:\n%s", w, b.String())
	}
}

// A Japanese note wraps as Japanese does: every line but the last filled
// to within a character of the width (a run of kana is not a word), no
// line starting with 、。） or a small kana, nor ending with （.
func TestWrapFillsJapaneseLines(t *testing.T) {
	s := "≥ と — は、KDP がまだロイヤリティを確定していない既読ページも示します（1555 ページ、13 行）。その月の KENP 単価が発表されたら、新しいレポートを取り込んでください。FILE は欧州中央銀行の eurofxref-hist.csv、日本の銀行の TTM の履歴（みずほ銀行の quote.csv）のどれかです"
	for _, n := range []int{20, 33, 40, 80} {
		lines := Wrap(s, n)
		if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Fatalf("width %d: text changed:\n%s", n, got)
		}
		for i, l := range lines {
			w := DisplayWidth(l)
			if w > n {
				t.Errorf("width %d: line %d is %d wide: %q", n, i, w, l)
			}
			if i < len(lines)-1 && w < n-len("eurofxref-hist.csv、") {
				t.Errorf("width %d: line %d ends early (%d): %q then %q", n, i, w, l, lines[i+1])
			}
			if r, _ := utf8.DecodeRuneInString(l); i > 0 && strings.ContainsRune(noLineStart, r) {
				t.Errorf("width %d: line %d starts with %q", n, i, r)
			}
			if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(noLineEnd, r) {
				t.Errorf("width %d: line %d ends with %q", n, i, r)
			}
		}
	}
}
