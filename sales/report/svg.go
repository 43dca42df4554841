package report

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/hanmoto/hanmoto/sales/money"
)

// SVG charts are written by hand, not by a plotting library: a few dozen
// elements, every number printed with fixed precision, so the same data
// gives the same bytes and golden files stay readable.

// palette is colour-blind-safe (Okabe–Ito) and readable on light and dark.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"}

const (
	svgW, svgH             = 800, 360
	padL, padR, padT, padB = 80, 16, 16, 96
	plotW, plotH           = svgW - padL - padR, svgH - padT - padB
	legendPerRow           = 4
)

func f1(x float64) string { return fmt.Sprintf("%.1f", x) }

// niceStep is a round tick step giving about five ticks up to max.
func niceStep(maxV float64) float64 {
	if maxV <= 0 {
		return 1
	}
	raw := maxV / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

func axes(b *strings.Builder, maxV float64, cur string) float64 {
	step := niceStep(maxV)
	top := math.Ceil(maxV/step) * step
	if top <= 0 {
		top = step
	}
	for v := 0.0; v <= top+step/2; v += step {
		y := float64(padT) + float64(plotH)*(1-v/top)
		fmt.Fprintf(b, `<line class="grid" x1="%d" y1="%s" x2="%d" y2="%s"/>`+"\n", padL, f1(y), svgW-padR, f1(y))
		fmt.Fprintf(b, `<text class="tick" x="%d" y="%s" text-anchor="end">%s</text>`+"\n", padL-6, f1(y+4), Money(decimal.NewFromFloat(v), cur))
	}
	return top
}

func monthLabels(b *strings.Builder, months []string, x func(i int) float64) {
	every := int(math.Ceil(float64(len(months)) / 12))
	for i, m := range months {
		if i%every != 0 {
			continue
		}
		anchor := "middle"
		if x(i) > svgW-padR-30 {
			anchor = "end" // the last label stays inside the picture
		}
		fmt.Fprintf(b, `<text class="tick" x="%s" y="%d" text-anchor="%s">%s</text>`+"\n", f1(x(i)), svgH-padB+16, anchor, m)
	}
}

func legend(b *strings.Builder, names []string, colours []string) {
	for i, n := range names {
		r, c := i/legendPerRow, i%legendPerRow
		x := padL + c*(plotW/legendPerRow)
		y := svgH - padB + 36 + r*18
		label := n
		if rs := []rune(label); len(rs) > 18 {
			label = string(rs[:17]) + "…"
		}
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text class="legend" x="%d" y="%d">%s</text>`+"\n",
			x, y-10, colours[i], x+16, y, html.EscapeString(label))
	}
}

func svgOpen(b *strings.Builder, title string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s">`+"\n", svgW, svgH, html.EscapeString(title))
	fmt.Fprintf(b, "<title>%s</title>\n", html.EscapeString(title))
}

// StackedBars is monthly revenue in the home currency, one stacked bar per
// month, one colour per group (largest group at the bottom). marks (nil,
// or one per month) are written over a month's bar: "≥" where only part of
// it could be converted, "—" where nothing could.
func StackedBars(title string, months []string, groups []string, values map[string][]decimal.Decimal, cur string, marks ...string) string {
	var b strings.Builder
	svgOpen(&b, title)
	// beyond the palette, the smallest groups share "other"
	order, values := rankGroups(groups, values, len(months), len(palette), "その他")
	totals := make([]float64, len(months))
	for _, g := range order {
		for i, v := range values[g] {
			f, _ := v.Float64()
			totals[i] += f
		}
	}
	maxV := 0.0
	for _, t := range totals {
		maxV = math.Max(maxV, t)
	}
	top := axes(&b, maxV, cur)
	slot := float64(plotW) / float64(max(len(months), 1))
	x := func(i int) float64 { return float64(padL) + slot*(float64(i)+0.5) }
	for i, m := range months {
		base := 0.0
		for gi, g := range order {
			v, _ := values[g][i].Float64()
			if v <= 0 {
				continue
			}
			h := float64(plotH) * v / top
			y := float64(padT) + float64(plotH)*(1-base/top) - h
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s: %s %s</title></rect>`+"\n",
				f1(x(i)-slot*0.4), f1(y), f1(slot*0.8), f1(h), palette[gi%len(palette)], m, html.EscapeString(g), Money(values[g][i], cur), unitName(cur))
			base += v
		}
		if i < len(marks) && marks[i] != "" {
			y := float64(padT) + float64(plotH)*(1-base/top) - 4
			fmt.Fprintf(&b, `<text class="tick" x="%s" y="%s" text-anchor="middle"><title>%s</title>%s</text>`+"\n",
				f1(x(i)), f1(y), html.EscapeString(markTitle(marks[i])), html.EscapeString(marks[i]))
		}
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`+"\n", padL, padT+plotH, svgW-padR, padT+plotH)
	monthLabels(&b, months, x)
	var colours []string
	for i := range order {
		colours = append(colours, palette[i%len(palette)])
	}
	legend(&b, order, colours)
	b.WriteString("</svg>\n")
	return b.String()
}

// unitName is what follows an amount: its currency, nothing for a count.
func unitName(cur string) string {
	if cur == money.Count {
		return ""
	}
	return cur
}

func markTitle(mark string) string {
	if mark == "≈" {
		return "推定を含みます（ダッシュボードの行、または取り込んだ為替レートで換算したロイヤリティ）"
	}
	if mark == "—" {
		return "円にできる額がありません（為替レートがないか、KDP が既読ページのロイヤリティをまだ確定していません）"
	}
	return "一部のみ（為替レートのない行か、KDP がまだ確定していない既読ページがあります）"
}

// rankGroups orders groups by their total, largest first, and folds all
// beyond the first slots−1 into "other" so a chart needs at most slots
// colours or shades. values is not changed: the result is a new map.
func rankGroups(groups []string, values map[string][]decimal.Decimal, n, slots int, other string) ([]string, map[string][]decimal.Decimal) {
	sums := map[string]decimal.Decimal{}
	for _, g := range groups {
		for _, v := range values[g] {
			sums[g] = sums[g].Add(v)
		}
	}
	order := append([]string(nil), groups...)
	sort.SliceStable(order, func(i, j int) bool {
		if c := sums[order[i]].Cmp(sums[order[j]]); c != 0 {
			return c > 0
		}
		return order[i] < order[j]
	})
	if len(order) <= slots {
		return order, values
	}
	out := make(map[string][]decimal.Decimal, slots)
	for _, g := range order[:slots-1] {
		out[g] = values[g]
	}
	merged := make([]decimal.Decimal, n)
	for _, g := range order[slots-1:] {
		for i, v := range values[g] {
			merged[i] = merged[i].Add(v)
		}
	}
	out[other] = merged
	return append(order[:slots-1:slots-1], other), out
}

// LineChart draws series over dates, from zero to the largest value.
func LineChart(title string, dates []string, series []Series, cur string) string {
	var b strings.Builder
	svgOpen(&b, title)
	maxV := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			f, _ := v.Float64()
			maxV = math.Max(maxV, f)
		}
	}
	top := axes(&b, maxV, cur)
	n := len(dates)
	x := func(i int) float64 {
		if n <= 1 {
			return float64(padL) + float64(plotW)/2
		}
		return float64(padL) + float64(plotW)*float64(i)/float64(n-1)
	}
	colours := []string{palette[0], palette[1], palette[2]}
	var names []string
	for si, s := range series {
		var pts []string
		for i, v := range s.Values {
			f, _ := v.Float64()
			pts = append(pts, f1(x(i))+","+f1(float64(padT)+float64(plotH)*(1-f/top)))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title></polyline>`+"\n",
			colours[si%len(colours)], strings.Join(pts, " "), html.EscapeString(s.Name))
		last := decimal.Zero
		if len(s.Values) > 0 {
			last = s.Values[len(s.Values)-1]
		}
		names = append(names, s.Name+" "+Money(last, cur))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`+"\n", padL, padT+plotH, svgW-padR, padT+plotH)
	monthLabels(&b, dates, x)
	legend(&b, names, colours)
	b.WriteString("</svg>\n")
	return b.String()
}
