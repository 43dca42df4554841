// Package textable prints rows of cells as aligned columns for people, or
// as CSV, JSON or a Markdown table for scripts and notes.
package textable

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hanmoto/hanmoto/internal/safe"
	"golang.org/x/text/width"
)

// Table is rows of cells. JSON keys are the header names, in order.
type Table struct {
	Header []string
	Rows   [][]string
	// Numeric marks columns written as JSON numbers and right-aligned.
	Numeric map[string]bool
	// Label, when set, names the columns for people (table and Markdown):
	// CSV and JSON keep the header's keys, which scripts rely on.
	Label func(string) string
	// Value, when set, says a cell for people (table and Markdown) — an
	// enum's word in the reader's language; CSV and JSON keep the values.
	Value func(column, value string) string
	// Width, when above zero, is the terminal's width: a table wider than
	// that shortens its longest text columns (never a number) with "…".
	Width int
	// Shortened reports, after Write, that some cell was shortened, so
	// the command can say how to see everything.
	Shortened bool
	// Keep names the columns never shortened: identifiers (ASIN, ISBN,
	// a payment's number) are useless cut.
	Keep map[string]bool
	// Drop names the columns a narrow terminal may leave out, the first
	// first, while the table is wider than Width (as gh does): what only
	// some readers need goes before anything is cut. Dropped reports them.
	Drop    []string
	Dropped []string
}

// narrowed is the table without the droppable columns it needs to leave
// out to fit Width.
func (t *Table) narrowed() *Table {
	if t.Width <= 0 || len(t.Drop) == 0 {
		return t
	}
	n := *t
	n.Drop = nil
	for _, d := range t.Drop {
		if n.naturalWidth() <= t.Width {
			break
		}
		i := slices.Index(n.Header, d)
		if i < 0 {
			continue
		}
		n.Header = slices.Delete(slices.Clone(n.Header), i, i+1)
		rows := make([][]string, len(n.Rows))
		for j, r := range n.Rows {
			if i < len(r) {
				r = slices.Delete(slices.Clone(r), i, i+1)
			}
			rows[j] = r
		}
		n.Rows = rows
		t.Dropped = append(t.Dropped, d)
	}
	return &n
}

// naturalWidth is the table's width with no cell shortened or wrapped.
func (t *Table) naturalWidth() int {
	widths := make([]int, len(t.Header))
	for i, l := range t.labels() {
		widths[i] = DisplayWidth(l)
	}
	for _, r := range t.Rows {
		for i, c := range t.shown(r) {
			if i < len(widths) {
				widths[i] = max(widths[i], DisplayWidth(safe.Terminal(c)))
			}
		}
	}
	return sum(widths) + 2*max(len(widths)-1, 0)
}

// minColumn is the narrowest a text column is shortened to: a title's
// first few characters still tell it apart.
const minColumn = 8

// shown is a row as people read it: enum words, and numbers with
// thousands separators (152,563; −2,718.5), which CSV and JSON leave out.
// An id is a name, not a quantity: #1234 stays 1234.
func (t *Table) shown(r []string) []string {
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = c
		if i >= len(t.Header) {
			continue
		}
		if t.Value != nil {
			out[i] = t.Value(t.Header[i], c)
		}
		if t.Numeric[t.Header[i]] && t.Header[i] != "id" {
			out[i] = Separated(out[i])
		}
	}
	return out
}

// Separated puts thousands separators in a plain decimal number; anything
// else (already separated, marked ≥, a percentage) is left as it is.
func Separated(s string) string {
	digits := strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(digits, ".")
	if len(intPart) < 4 || strings.Trim(intPart, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return s
	}
	var b strings.Builder
	if len(digits) < len(s) {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" || strings.Contains(digits, ".") {
		b.WriteString("." + frac)
	}
	return b.String()
}

func (t *Table) labels() []string {
	if t.Label == nil {
		return t.Header
	}
	out := make([]string, len(t.Header))
	for i, h := range t.Header {
		out[i] = t.Label(h)
	}
	return out
}

// Add appends a row.
func (t *Table) Add(cells ...string) { t.Rows = append(t.Rows, cells) }

// Write prints the table as "table", "csv", "json" or "markdown".
func (t *Table) Write(w io.Writer, format string) error {
	switch format {
	case "markdown":
		var b bytes.Buffer
		b.WriteString("| " + strings.Join(t.labels(), " | ") + " |\n|")
		for _, h := range t.Header {
			if t.Numeric[h] {
				b.WriteString("---:|")
			} else {
				b.WriteString("---|")
			}
		}
		b.WriteString("\n")
		for _, r := range t.Rows {
			cells := make([]string, len(r))
			for i, c := range t.shown(r) {
				cells[i] = safe.Markdown(c)
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		_, err := w.Write(b.Bytes())
		return err
	case "csv":
		// a title such as =HYPERLINK(…) must stay text in a spreadsheet
		cw := csv.NewWriter(w)
		cw.Write(t.Header)
		for _, r := range t.Rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = safe.CSVCell(safe.Terminal(c))
			}
			cw.Write(cells)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		// objects keep the columns' order, so JSON reads like the table
		var b bytes.Buffer
		b.WriteString("[")
		for ri, r := range t.Rows {
			if ri > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for i, h := range t.Header {
				if i > 0 {
					b.WriteString(",")
				}
				k, _ := json.Marshal(h)
				fmt.Fprintf(&b, "\n    %s: ", k)
				switch {
				case r[i] == "" && t.Numeric[h]:
					b.WriteString("null")
				case t.Numeric[h]:
					b.WriteString(r[i])
				default:
					v, _ := marshalNoEscape(r[i])
					b.Write(v)
				}
			}
			b.WriteString("\n  }")
		}
		if len(t.Rows) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		_, err := w.Write(safe.JSON(b.Bytes()))
		return err
	}
	if n := t.narrowed(); n != t {
		err := n.Write(w, format)
		t.Shortened = n.Shortened
		return err
	}
	labels := t.labels()
	rows := make([][]string, 0, len(t.Rows)+1)
	rows = append(rows, labels)
	for _, r := range t.Rows {
		rows = append(rows, t.shown(r))
	}
	widths := make([]int, len(t.Header))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], DisplayWidth(safe.Terminal(c)))
		}
	}
	caps := t.fit(rows, widths)
	for ri, r := range rows {
		// a row is as many lines as its tallest cell
		cells := make([][]string, len(r))
		height := 1
		for i, c := range r {
			c = safe.Terminal(c)
			cells[i] = []string{c}
			if caps != nil && DisplayWidth(c) > caps[i] {
				cells[i] = t.squeeze(c, caps[i], ri == 0)
				height = max(height, len(cells[i]))
			}
		}
		for k := 0; k < height; k++ {
			var b strings.Builder
			for i := range cells {
				c := ""
				if k < len(cells[i]) {
					c = cells[i][k]
				}
				pad := strings.Repeat(" ", max(0, widths[i]-DisplayWidth(c)))
				if t.Numeric[t.Header[i]] {
					b.WriteString(pad + c)
				} else {
					b.WriteString(c)
					if i < len(cells)-1 {
						b.WriteString(pad)
					}
				}
				if i < len(cells)-1 {
					b.WriteString("  ")
				}
			}
			fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		}
	}
	return nil
}

// squeeze fits a cell into n columns. A header, or a list of amounts
// ("EUR 1.00, USD 2.00"), wraps onto more lines, so no amount and no word
// of a name is lost; other text — a title — is shortened with "…", which
// t.Shortened then reports.
func (t *Table) squeeze(c string, n int, header bool) []string {
	if !header && !strings.Contains(c, ", ") {
		t.Shortened = true
		return []string{shorten(c, n)}
	}
	return pack(pieces(c), n, ", ") // one amount a line: no comma needed
}

// pieces splits a cell where a line may break: after ", " between the
// items of a list, and in a header after a space and before an opening
// bracket (ロイヤリティ|（基準通貨）, 既読ページ |(KENP)).
func pieces(s string) []string {
	if strings.Contains(s, ", ") {
		items := strings.SplitAfter(s, ", ")
		return items
	}
	var out []string
	start := 0
	for i, r := range s {
		if i > start && (r == '（' || r == '(') && s[i-1] != ' ' {
			out = append(out, s[start:i])
			start = i
		}
		if r == ' ' || r == '_' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// noLineStart are the characters a Japanese line does not begin with
// (行頭禁則): small kana, the long-vowel mark, closing punctuation.
const noLineStart = "ぁぃぅぇぉっゃゅょァィゥェォッャュョー、。，．）)」』"

// cut splits s after at most n display columns, never before a
// character a line may not begin with.
func cut(s string, n int) (string, string) { return cutAt(s, n, true) }

func cutAt(s string, n int, kinsoku bool) (string, string) {
	w, prev := 0, 0
	for i, r := range s {
		rw := DisplayWidth(string(r))
		if w+rw > n {
			if kinsoku && strings.ContainsRune(noLineStart, r) && prev > 0 {
				return s[:prev], s[prev:]
			}
			return s[:i], s[i:]
		}
		w += rw
		prev = i
	}
	return s, ""
}

// fit gives each column its widest allowed width when the table is wider
// than t.Width, or nil when it fits. Headers may wrap, so a column is
// first as wide as its data and its header's longest word; numbers and
// the Keep columns (identifiers) stay whole; the other text columns share
// what is left: the narrow ones keep their width, the wide ones are cut
// to one common width (never below minColumn), losing as little as can be.
func (t *Table) fit(rows [][]string, widths []int) []int {
	if t.Width <= 0 || sum(widths)+2*(len(widths)-1) <= t.Width {
		return nil
	}
	need := make([]int, len(widths))
	for i := range need {
		for _, p := range pieces(safe.Terminal(rows[0][i])) {
			need[i] = max(need[i], DisplayWidth(strings.TrimRight(p, " ")))
		}
		for _, r := range rows[1:] {
			need[i] = max(need[i], DisplayWidth(safe.Terminal(r[i])))
		}
		widths[i] = need[i]
	}
	// a list's column is never narrower than its widest item
	floor := make([]int, len(widths))
	for i := range floor {
		floor[i] = minColumn
		// a header wraps between its words, never inside one
		// (マーケッ/トプレイ/ス read as nothing)
		for _, p := range pieces(safe.Terminal(rows[0][i])) {
			floor[i] = max(floor[i], DisplayWidth(strings.TrimRight(p, " ")))
		}
		for _, r := range rows[1:] {
			if strings.Contains(r[i], ", ") {
				for _, p := range pieces(safe.Terminal(r[i])) {
					floor[i] = max(floor[i], DisplayWidth(strings.TrimRight(p, ", ")))
				}
			}
		}
	}
	fixed := 2 * (len(widths) - 1)
	var text []int
	for i, w := range widths {
		if t.Numeric[t.Header[i]] || t.Keep[t.Header[i]] || w <= minColumn {
			fixed += w
		} else {
			text = append(text, w)
		}
	}
	room := t.Width - fixed
	// the highest common cap c with sum(min(w, c)) <= room
	c := minColumn
	for ; c < room; c++ {
		n := 0
		for _, w := range text {
			n += min(w, c+1)
		}
		if n > room {
			break
		}
	}
	for i, w := range widths {
		if !t.Numeric[t.Header[i]] && !t.Keep[t.Header[i]] && w > c {
			widths[i] = min(w, max(c, floor[i]))
		}
	}
	return widths
}

func sum(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}

// shorten cuts s to n display columns, the last one an ellipsis.
func shorten(s string, n int) string {
	head, _ := cutAt(s, n-1, false)
	return head + "…"
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// DisplayWidth counts East Asian wide characters as two columns, so
// Japanese titles line up in a terminal.
func DisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			// U+FFFD too, which stands for a control character
			// (safe.Terminal) or a byte that is no UTF-8: a terminal
			// shows a box or a question mark in its place, one column
			n++
		}
	}
	return n
}

// Wrap breaks a sentence into lines of at most n display columns: at
// spaces where it has them, and anywhere else a Japanese line may break
// (not before 、。 or a small kana). n of zero or less leaves it whole.
func Wrap(s string, n int) []string {
	if n <= 0 || DisplayWidth(s) <= n {
		return []string{s}
	}
	return pack(breakable(s), n, " ")
}

// noLineEnd are the characters a Japanese line does not end with (行末禁則).
const noLineEnd = "（(「『【〈《［"

// breakable splits s where a line may break: after a space, and next to
// a wide character — Japanese breaks between any two — except before a
// character a line may not begin with and after one it may not end with.
func breakable(s string) []string {
	var parts []string
	start := 0
	var prev rune
	for i, r := range s {
		if i > start {
			wide := DisplayWidth(string(r)) == 2 || DisplayWidth(string(prev)) == 2
			if prev == ' ' || (wide && r != ' ' && !strings.ContainsRune(noLineStart, r) && !strings.ContainsRune(noLineEnd, prev)) {
				parts = append(parts, s[start:i])
				start = i
			}
		}
		prev = r
	}
	return append(parts, s[start:])
}

// pack fills lines of at most n display columns with the parts in order,
// each line's end trimmed of trim. A part that fits a line starts a new
// one when the line is full; a longer run (Japanese has no spaces) goes on
// from where the line is and breaks where a Japanese line may.
func pack(parts []string, n int, trim string) []string {
	var lines []string
	cur := ""
	for _, part := range parts {
		fits := DisplayWidth(strings.TrimRight(part, trim)) <= n
		if cur != "" && fits && DisplayWidth(strings.TrimRight(cur+part, trim)) > n {
			lines = append(lines, strings.TrimRight(cur, trim))
			cur = ""
		}
		cur += part
		for DisplayWidth(strings.TrimRight(cur, trim)) > n {
			head, rest := cut(cur, n)
			lines = append(lines, head)
			cur = rest
		}
	}
	if cur = strings.TrimRight(cur, trim); cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
