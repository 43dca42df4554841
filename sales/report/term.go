package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/safe"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/shopspring/decimal"
)

// Colors are the ANSI sequences a chart uses; all empty means no colour.
type Colors struct {
	Up, Down, Bar          string // revenue bars: more than last month, less, first
	Value, Cost, Royalties string // portfolio lines
	Reset                  string
}

// Palette gives the colour scheme: "default" (gains green, losses red) or
// "jp" (gains red, losses green, as Japanese market displays show them).
// enabled false gives no colour at all: not a terminal, or NO_COLOR.
func Palette(scheme string, enabled bool) (Colors, error) {
	const red, green, cyan, yellow, magenta, reset = "\033[31m", "\033[32m", "\033[36m", "\033[33m", "\033[35m", "\033[0m"
	var c Colors
	switch scheme {
	case "", "default":
		c = Colors{Up: green, Down: red, Bar: cyan, Value: cyan, Cost: yellow, Royalties: magenta, Reset: reset}
	case "jp":
		c = Colors{Up: red, Down: green, Bar: cyan, Value: red, Cost: yellow, Royalties: cyan, Reset: reset}
	default:
		return Colors{}, i18n.Errorf("--colors %q: use default or jp", scheme)
	}
	if !enabled {
		return Colors{}, nil
	}
	return c, nil
}

var eighths = []rune("▏▎▍▌▋▊▉█")

// bar is a length in eighths of a cell as block characters.
func bar(n int) string {
	if n <= 0 {
		return ""
	}
	s := strings.Repeat("█", n/8)
	if r := n % 8; r > 0 {
		s += string(eighths[r-1])
	}
	return s
}

// Bars draws a horizontal bar chart that fits width columns: a label, a
// bar in eighths of a cell, the amount. Each bar is coloured by whether it
// is more or less than the one before (colour only when c says so). marks
// (nil, or one per value) prefix an amount: "≥" for a month only partly
// converted, "—" for one with nothing converted, which gets no bar. A
// partly converted month's bar is drawn in light shade (░): it is the
// converted part, never the month; rest (nil, or one per value) says what
// is left out in its own currencies ("+ EUR 428.18").
func Bars(w io.Writer, p i18n.Printer, labels []string, values []decimal.Decimal, marks, rest []string, cur string, width int, c Colors) {
	if len(values) == 0 {
		fmt.Fprintln(w, p.T("nothing to chart"))
		return
	}
	lw, aw := 0, 0
	amounts := make([]string, len(values))
	maxV := decimal.Zero
	for i, v := range values {
		lw = max(lw, textable.DisplayWidth(labels[i]))
		amounts[i] = Money(v, cur)
		if i < len(marks) && marks[i] != "" {
			amounts[i] = marks[i] + amounts[i]
			if marks[i] == "—" {
				amounts[i] = "—"
			}
		}
		if i < len(rest) && rest[i] != "" {
			// what a narrow terminal has no room for, the notes below say
			if r := " + " + rest[i]; textable.DisplayWidth(amounts[i]+r) <= width/2 {
				amounts[i] += r
			} else {
				amounts[i] += " + …"
			}
		}
		aw = max(aw, textable.DisplayWidth(amounts[i]))
		if v.GreaterThan(maxV) {
			maxV = v
		}
	}
	room := max(width-lw-aw-3, 4)
	for i, v := range values {
		n := 0
		if maxV.IsPositive() && v.IsPositive() {
			n = int(v.Mul(decimal.NewFromInt(int64(room * 8))).Div(maxV).IntPart())
		}
		b := bar(n)
		if i < len(marks) && marks[i] == "≥" {
			b = strings.Repeat("░", (n+7)/8)
		}
		colour := c.Bar
		if i > 0 {
			switch v.Cmp(values[i-1]) {
			case 1:
				colour = c.Up
			case -1:
				colour = c.Down
			}
		}
		if colour != "" && b != "" {
			b = colour + b + c.Reset
		}
		drawn := len([]rune(bar(n)))
		if i < len(marks) && marks[i] == "≥" {
			drawn = (n + 7) / 8
		}
		pad := strings.Repeat(" ", max(room-drawn, 0))
		fmt.Fprintf(w, "%s%s %s%s %s%s\n", labels[i], strings.Repeat(" ", lw-textable.DisplayWidth(labels[i])), b, pad,
			strings.Repeat(" ", aw-textable.DisplayWidth(amounts[i])), amounts[i])
	}
}

// Series is one line of a line chart.
type Series struct {
	Name   string
	Mark   rune
	Colour string
	Values []decimal.Decimal
}

// Lines draws series over the same dates as a character chart, width
// columns by height rows, the y axis from zero to the largest value.
func Lines(w io.Writer, dates []string, series []Series, cur string, width, height int, c Colors) {
	if len(dates) == 0 {
		fmt.Fprintln(w, "nothing to chart: no purchases or payments yet")
		return
	}
	maxV := decimal.Zero
	for _, s := range series {
		for _, v := range s.Values {
			if v.GreaterThan(maxV) {
				maxV = v
			}
		}
	}
	label := Money(maxV, cur)
	yw := len(label)
	cols := max(width-yw-2, 8)
	height = max(height, 4)
	grid := make([][]rune, height)
	colour := make([][]string, height)
	for i := range grid {
		grid[i] = []rune(strings.Repeat(" ", cols))
		colour[i] = make([]string, cols)
	}
	// later series are drawn first so the first one (value) stays on top
	for si := len(series) - 1; si >= 0; si-- {
		s := series[si]
		for x := 0; x < cols; x++ {
			i := 0
			if cols > 1 {
				i = x * (len(s.Values) - 1) / (cols - 1)
			}
			if i >= len(s.Values) {
				continue
			}
			y := 0
			if maxV.IsPositive() {
				y = int(s.Values[i].Mul(decimal.NewFromInt(int64(height - 1))).Div(maxV).Round(0).IntPart())
			}
			row := height - 1 - y
			grid[row][x] = s.Mark
			colour[row][x] = s.Colour
		}
	}
	for r := 0; r < height; r++ {
		axis := strings.Repeat(" ", yw)
		switch r {
		case 0:
			axis = fmt.Sprintf("%*s", yw, label)
		case height - 1:
			axis = fmt.Sprintf("%*s", yw, "0")
		case (height - 1) / 2:
			axis = fmt.Sprintf("%*s", yw, Money(maxV.Div(decimal.NewFromInt(2)), cur))
		}
		var b strings.Builder
		for x, ch := range grid[r] {
			if colour[r][x] != "" && ch != ' ' {
				b.WriteString(colour[r][x] + string(ch) + c.Reset)
			} else {
				b.WriteRune(ch)
			}
		}
		fmt.Fprintf(w, "%s ┤%s\n", axis, strings.TrimRight(b.String(), " "))
	}
	first, last := dates[0], dates[len(dates)-1]
	gap := max(cols-len(first)-len(last), 1)
	fmt.Fprintf(w, "%s └%s\n", strings.Repeat(" ", yw), strings.Repeat("─", cols))
	fmt.Fprintf(w, "%s  %s%s%s\n", strings.Repeat(" ", yw), first, strings.Repeat(" ", gap), last)
	var legend []string
	for _, s := range series {
		m := string(s.Mark)
		if s.Colour != "" {
			m = s.Colour + m + c.Reset
		}
		v := decimal.Zero
		if len(s.Values) > 0 {
			v = s.Values[len(s.Values)-1]
		}
		legend = append(legend, fmt.Sprintf("%s %s %s", m, s.Name, Money(v, cur)))
	}
	plain := 0
	for _, l := range legend {
		plain += textable.DisplayWidth(StripANSI(l)) + 3
	}
	if yw+2+plain-3 <= width {
		fmt.Fprintf(w, "%s  %s\n", strings.Repeat(" ", yw), strings.Join(legend, "   "))
		return
	}
	for _, l := range legend { // one a line when they do not fit side by side
		fmt.Fprintf(w, "%s  %s\n", strings.Repeat(" ", yw), l)
	}
}

// StripANSI removes colour sequences, to measure what a terminal shows.
func StripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var (
	shades  = []rune("█▓▒░")
	ansiSet = []string{"\033[34m", "\033[33m", "\033[32m", "\033[35m", "\033[36m", "\033[31m"}
)

// StackedBarsText draws one bar per label split into one segment per
// group, in whole cells: the largest groups each get a shade (█ ▓ ▒ ░) or,
// on a terminal, a colour; the rest share the last as "other". A legend
// follows.
func StackedBarsText(w io.Writer, p i18n.Printer, labels, groups []string, values map[string][]decimal.Decimal, cur string, width int, c Colors, marks ...string) {
	if len(labels) == 0 || len(groups) == 0 {
		fmt.Fprintln(w, p.T("nothing to chart"))
		return
	}
	slots := len(shades)
	if c.Reset != "" {
		slots = len(ansiSet)
	}
	order, values := rankGroups(groups, values, len(labels), slots, p.T("other"))
	totals := make([]decimal.Decimal, len(labels))
	maxV := decimal.Zero
	lw, aw := 0, 0
	for i := range labels {
		for _, g := range order {
			totals[i] = totals[i].Add(values[g][i])
		}
		if totals[i].GreaterThan(maxV) {
			maxV = totals[i]
		}
		lw = max(lw, textable.DisplayWidth(labels[i]))
	}
	amounts := make([]string, len(labels))
	for i := range labels {
		amounts[i] = Money(totals[i], cur)
		if i < len(marks) && marks[i] == "—" {
			amounts[i] = "—"
		} else if i < len(marks) {
			amounts[i] = marks[i] + amounts[i]
		}
		aw = max(aw, textable.DisplayWidth(amounts[i]))
	}
	room := max(width-lw-aw-3, 4)
	seg := func(gi int, n int) string {
		if n <= 0 {
			return ""
		}
		if c.Reset != "" {
			return ansiSet[gi] + strings.Repeat("█", n) + c.Reset
		}
		return strings.Repeat(string(shades[gi]), n)
	}
	cells := func(v decimal.Decimal) int {
		if !maxV.IsPositive() {
			return 0
		}
		return int(v.Mul(decimal.NewFromInt(int64(room))).Div(maxV).Round(0).IntPart())
	}
	for i, l := range labels {
		var b strings.Builder
		cum, drawn := decimal.Zero, 0
		for gi, g := range order {
			cum = cum.Add(values[g][i])
			end := cells(cum)
			b.WriteString(seg(gi, end-drawn))
			drawn = max(drawn, end)
		}
		fmt.Fprintf(w, "%s%s %s%s %s%s\n", l, strings.Repeat(" ", lw-textable.DisplayWidth(l)), b.String(), strings.Repeat(" ", room-drawn),
			strings.Repeat(" ", aw-textable.DisplayWidth(amounts[i])), amounts[i])
	}
	var legend []string
	for gi, g := range order {
		legend = append(legend, seg(gi, 1)+" "+safe.Terminal(g))
	}
	line, lineW := "", 0
	for _, item := range legend {
		iw := textable.DisplayWidth(StripANSI(item))
		if lineW > 0 && lineW+2+iw > width {
			fmt.Fprintln(w, line)
			line, lineW = "", 0
		}
		if lineW > 0 {
			line += "  "
			lineW += 2
		}
		line += item
		lineW += iw
	}
	if line != "" {
		fmt.Fprintln(w, line)
	}
}
