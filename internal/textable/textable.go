// Package textable prints rows of cells as aligned columns for people, or
// as CSV, JSON or a Markdown table for scripts and notes.
package textable

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
}

// shown is a row as people read it.
func (t *Table) shown(r []string) []string {
	if t.Value == nil {
		return r
	}
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = c
		if i < len(t.Header) {
			out[i] = t.Value(t.Header[i], c)
		}
	}
	return out
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
	labels := t.labels()
	widths := make([]int, len(t.Header))
	for i, h := range labels {
		widths[i] = DisplayWidth(h)
	}
	rows := make([][]string, len(t.Rows))
	for ri, r := range t.Rows {
		rows[ri] = t.shown(r)
		for i, c := range rows[ri] {
			widths[i] = max(widths[i], DisplayWidth(safe.Terminal(c)))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			c = safe.Terminal(c)
			pad := strings.Repeat(" ", widths[i]-DisplayWidth(c))
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
	line(labels)
	for _, r := range rows {
		line(r)
	}
	return nil
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
			if r != utf8.RuneError {
				n++
			}
		}
	}
	return n
}
