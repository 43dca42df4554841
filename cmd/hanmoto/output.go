package main

import (
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
		out := make([]map[string]any, 0, len(t.rows))
		for _, r := range t.rows {
			m := map[string]any{}
			for i, h := range t.header {
				switch {
				case r[i] == "" && t.numeric[h]:
					m[h] = nil
				case t.numeric[h]:
					m[h] = json.Number(r[i])
				default:
					m[h] = r[i]
				}
			}
			out = append(out, m)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
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
