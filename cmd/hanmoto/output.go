package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// table is rows of cells printed one of three ways: aligned columns for
// people, CSV or JSON for scripts. JSON keys are the CSV header names.
type table struct {
	header []string
	rows   [][]string
	// numeric marks columns written as JSON numbers and right-aligned.
	numeric map[string]bool
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(t.header)
		cw.WriteAll(t.rows)
		return cw.Error()
	case "json":
		// objects keep the columns' order, so JSON reads like the table
		var b bytes.Buffer
		b.WriteString("[")
		for ri, r := range t.rows {
			if ri > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for i, h := range t.header {
				if i > 0 {
					b.WriteString(",")
				}
				k, _ := json.Marshal(h)
				fmt.Fprintf(&b, "\n    %s: ", k)
				switch {
				case r[i] == "" && t.numeric[h]:
					b.WriteString("null")
				case t.numeric[h]:
					b.WriteString(r[i])
				default:
					v, _ := marshalNoEscape(r[i])
					b.Write(v)
				}
			}
			b.WriteString("\n  }")
		}
		if len(t.rows) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		_, err := w.Write(b.Bytes())
		return err
	}
	widths := make([]int, len(t.header))
	for i, h := range t.header {
		widths[i] = displayWidth(h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if t.numeric[t.header[i]] {
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
	line(t.header)
	for _, r := range t.rows {
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

// displayWidth counts East Asian wide characters as two columns, so
// Japanese titles line up in a terminal.
func displayWidth(s string) int {
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
