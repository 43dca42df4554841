package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/shopspring/decimal"
)

// places is how a currency is shown: yen whole, others to the cent.
func places(cur string) int32 {
	if cur == "JPY" {
		return 0
	}
	return 2
}

// Money formats an amount for display, with thousands separators.
func Money(d decimal.Decimal, cur string) string {
	s := d.Round(places(cur)).StringFixed(places(cur))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

func royaltyCell(t ledger.Totals) string {
	var parts []string
	for _, c := range t.Currencies() {
		parts = append(parts, c+" "+Money(t[c], c))
	}
	return strings.Join(parts, ", ")
}

func changeCell(c *float64) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("%+.1f%%", *c*100)
}

func (m *Monthly) currencies() []string {
	return m.Total.Royalty.Currencies()
}

// Write prints the report as table, csv, json or markdown.
func (m *Monthly) Write(w io.Writer, format string) error {
	return m.WriteIn(w, format, i18n.Printer{})
}

// WriteIn writes the report with the table's headers, totals and notes in
// p's language; CSV and JSON keep their keys.
func (m *Monthly) WriteIn(w io.Writer, format string, p i18n.Printer) error {
	switch format {
	case "json":
		return m.writeJSON(w)
	case "csv":
		return m.table(true).Write(w, "csv")
	}
	t := m.table(false)
	home := "home_" + strings.ToLower(m.Home)
	t.Label = func(h string) string {
		if h == home && p.Lang != i18n.English {
			return p.Sprintf("total (%s)", m.Home)
		}
		return p.T(h)
	}
	est := ""
	if m.Total.Estimated {
		est = "≈"
	}
	cells := []string{p.T("total")}
	if m.By != "" {
		cells = append(cells, "")
	}
	cells = append(cells, strconv.FormatInt(m.Total.UnitsNet, 10), strconv.FormatInt(m.Total.KENPPages, 10), royaltyCell(m.Total.Royalty),
		est+Money(m.Total.Home, m.Home), "", "")
	t.Add(cells...)
	cells = []string{p.T("average")}
	if m.By != "" {
		cells = append(cells, "")
	}
	cells = append(cells, "", "", "", est+Money(m.Average, m.Home), "", "")
	t.Add(cells...)
	if err := t.Write(w, format); err != nil {
		return err
	}
	if m.Total.Estimated || m.Total.Missing > 0 {
		note := p.T("≈ includes estimates (dashboard lines, or royalties not yet paid converted at imported rates)")
		if m.Total.Missing > 0 {
			note += p.Sprintf("; %d lines have no rate into %s and are left out (hanmoto rates import)", m.Total.Missing, m.Home)
		}
		if format == "markdown" {
			note = "\n" + note
		}
		fmt.Fprintln(w, note)
	}
	return nil
}

func (m *Monthly) table(csv bool) *textable.Table {
	home := "home_" + strings.ToLower(m.Home)
	t := &textable.Table{Header: []string{"month"}, Numeric: map[string]bool{"units_net": true, "kenp_pages": true, home: true, "change": true}}
	if m.By != "" {
		t.Header = append(t.Header, m.By)
	}
	t.Header = append(t.Header, "units_net", "kenp_pages")
	curs := m.currencies()
	if csv {
		for _, c := range curs {
			t.Header = append(t.Header, "royalty_"+c)
		}
		t.Header = append(t.Header, home, "estimated", "change")
	} else {
		t.Header = append(t.Header, "royalty", home, "change", "12 months")
	}
	for _, r := range m.Rows {
		cells := []string{r.Month}
		if m.By != "" {
			cells = append(cells, r.Group)
		}
		cells = append(cells, strconv.FormatInt(r.UnitsNet, 10), strconv.FormatInt(r.KENPPages, 10))
		if csv {
			for _, c := range curs {
				v := ""
				if d, ok := r.Royalty[c]; ok {
					v = d.String()
				}
				cells = append(cells, v)
			}
			cells = append(cells, r.Home.Round(places(m.Home)).StringFixed(places(m.Home)), strconv.FormatBool(r.Estimated), changeCell(r.Change))
		} else {
			est := ""
			if r.Estimated {
				est = "≈"
			}
			cells = append(cells, royaltyCell(r.Royalty), est+Money(r.Home, m.Home), changeCell(r.Change), Sparkline(r.Spark))
		}
		t.Add(cells...)
	}
	return t
}

func (m *Monthly) writeJSON(w io.Writer) error {
	num := func(d decimal.Decimal) json.Number { return json.Number(d.String()) }
	roy := func(t ledger.Totals) map[string]json.Number {
		out := map[string]json.Number{}
		for c, v := range t {
			out[c] = num(v)
		}
		return out
	}
	type row struct {
		Month     string                 `json:"month"`
		Group     *string                `json:"group,omitempty"`
		UnitsNet  int64                  `json:"units_net"`
		KENPPages int64                  `json:"kenp_pages"`
		Royalty   map[string]json.Number `json:"royalty"`
		Home      json.Number            `json:"home"`
		Estimated bool                   `json:"estimated"`
		Missing   int                    `json:"missing"`
		Change    *float64               `json:"change"`
	}
	doc := struct {
		From    string      `json:"from"`
		To      string      `json:"to"`
		By      string      `json:"by"`
		Home    string      `json:"home_currency"`
		Months  int         `json:"months"`
		Rows    []row       `json:"rows"`
		Totals  row         `json:"totals"`
		Average json.Number `json:"average_home"`
	}{From: m.From, To: m.To, By: m.By, Home: m.Home, Months: m.Months, Rows: []row{}, Average: num(m.Average.Round(2))}
	for _, r := range m.Rows {
		x := row{Month: r.Month, UnitsNet: r.UnitsNet, KENPPages: r.KENPPages, Royalty: roy(r.Royalty), Home: num(r.Home.Round(2)),
			Estimated: r.Estimated, Missing: r.Missing, Change: roundPtr(r.Change)}
		if m.By != "" {
			g := r.Group
			x.Group = &g
		}
		doc.Rows = append(doc.Rows, x)
	}
	t := m.Total
	doc.Totals = row{Month: "total", UnitsNet: t.UnitsNet, KENPPages: t.KENPPages, Royalty: roy(t.Royalty), Home: num(t.Home.Round(2)), Estimated: t.Estimated, Missing: t.Missing}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func roundPtr(f *float64) *float64 {
	if f == nil {
		return nil
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(*f, 'f', 6, 64), 64)
	return &v
}
