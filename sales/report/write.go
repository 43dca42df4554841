package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/safe"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/shopspring/decimal"
)

// Money formats an amount for display: to the currency's minor unit, with
// thousands separators.
func Money(d decimal.Decimal, cur string) string { return money.Format(d, cur) }

// homeCell is a row's home-currency total for people: "≈" when it holds
// estimates; "≥" when some lines have no rate (the converted part only);
// "—" when none has one. An unconverted amount is never shown as 0.
func homeCell(r *Row, home string) string {
	switch {
	case !r.Complete() && r.Home.IsZero():
		return "—"
	case !r.Complete():
		return "≥" + Money(r.Home, home)
	case r.Estimated:
		return "≈" + Money(r.Home, home)
	}
	return Money(r.Home, home)
}

// Marks are the rows' marks for charts, as the table has them: "≈" with
// estimates, "≥" partly converted, "—" nothing — so that a chart shows
// what its notes explain.
func Marks(rows []Row) []string {
	out := make([]string, len(rows))
	for i := range rows {
		switch c := homeCell(&rows[i], ""); {
		case c == "—":
			out[i] = "—"
		case strings.HasPrefix(c, "≥"):
			out[i] = "≥"
		case strings.HasPrefix(c, "≈"):
			out[i] = "≈"
		}
	}
	return out
}

// Rest is what each month leaves out of its home amount, in its own
// currencies ("EUR 428.18"): "" for a month that converts whole, or that
// converts nothing ("—" says that).
func Rest(rows []Row) []string {
	out := make([]string, len(rows))
	for i := range rows {
		if homeCell(&rows[i], "") != "—" && rows[i].Missing > 0 {
			out[i] = royaltyCell(rows[i].Unrated)
		}
	}
	return out
}

func royaltyCell(t ledger.Totals) string { return royaltyList(t).String() }

// royaltyList is each currency's amount, as a list a message says.
func royaltyList(t ledger.Totals) i18n.List {
	var parts i18n.List
	for _, c := range t.Currencies() {
		parts = append(parts, c+" "+Money(t[c], c))
	}
	return parts
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
	t.Value = m.Words
	home := "home_" + strings.ToLower(m.Home)
	t.Label = func(h string) string {
		if h == home && p.Lang != i18n.English {
			return p.Sprintf("total (%s)", m.Home)
		}
		return p.T(h)
	}
	cells := []string{p.T("total")}
	if m.By != "" {
		cells = append(cells, "")
	}
	cells = append(cells, strconv.FormatInt(m.Total.UnitsNet, 10), strconv.FormatInt(m.Total.UnitsFree, 10), strconv.FormatInt(m.Total.KENPPages, 10),
		royaltyCell(m.Total.Royalty), homeCell(&m.Total, m.Home), "", "")
	t.Add(cells...)
	cells = []string{p.T("average")}
	if m.By != "" {
		cells = append(cells, "")
	}
	avg := m.Total
	avg.Home = m.Average
	cells = append(cells, "", "", "", "", homeCell(&avg, m.Home), "", "")
	t.Add(cells...)
	width := 0 // Markdown is for notes and pages, not the terminal
	if format == "table" {
		width = m.Width
		t.Width = width
		t.Keep = map[string]bool{"month": true, "12 months": true} // a cut sparkline lies
	}
	if err := t.Write(w, format); err != nil {
		return err
	}
	m.Shortened = t.Shortened
	for _, note := range m.Notes(p) {
		if format == "markdown" {
			note = "\n" + note
		}
		for _, line := range textable.Wrap(note, width) {
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

// Notes explain the marks of the report's totals, and what to run so that
// lines without a rate get one.
func (m *Monthly) Notes(p i18n.Printer) []string {
	var notes []string
	if m.Total.Estimated {
		notes = append(notes, p.T("≈ includes estimates (dashboard lines, or royalties not yet paid converted at imported rates)"))
	}
	if m.Total.Missing > 0 {
		notes = append(notes, p.Sprintf("≥ is the converted part only, — nothing converted: %d lines (%s) have no rate into %s and are not in the totals",
			m.Total.Missing, royaltyList(m.Total.Unrated), m.Home))
		if u := m.Unconverted; u != nil {
			notes = append(notes, p.Msg(u.Advice()))
		}
	}
	if m.Total.Pending > 0 {
		notes = append(notes, p.Sprintf("≥ and — also mark KENP pages KDP has not priced yet (%d pages in %d lines): their royalty comes with the month's KENP rate; import a newer download then",
			m.Total.PendingPages, m.Total.Pending))
	}
	return notes
}

func (m *Monthly) table(csv bool) *textable.Table {
	home := "home_" + strings.ToLower(m.Home)
	t := &textable.Table{Header: []string{"month"}, Numeric: map[string]bool{"units_net": true, "units_free": true, "kenp_pages": true, home: true,
		"home_partial": true, "missing_lines": true, "pending_lines": true, "change": true}}
	if m.By != "" {
		t.Header = append(t.Header, m.By)
	}
	t.Header = append(t.Header, "units_net", "units_free", "kenp_pages")
	curs := m.currencies()
	if csv {
		for _, c := range curs {
			t.Header = append(t.Header, "royalty_"+c)
		}
		t.Header = append(t.Header, home, "home_partial", "missing_lines", "pending_lines", "estimated", "change")
	} else {
		t.Header = append(t.Header, "royalty", home, "change", "12 months")
		t.Drop = []string{"12 months", "units_free", "change", "kenp_pages"}
	}
	for _, r := range m.Rows {
		cells := []string{r.Month}
		if m.By != "" {
			cells = append(cells, r.Group)
		}
		cells = append(cells, strconv.FormatInt(r.UnitsNet, 10), strconv.FormatInt(r.UnitsFree, 10), strconv.FormatInt(r.KENPPages, 10))
		if csv {
			for _, c := range curs {
				v := ""
				if d, ok := r.Royalty[c]; ok {
					v = money.Plain(d, c)
				}
				cells = append(cells, v)
			}
			// the total only when it is whole; the converted part always
			whole := ""
			if r.Complete() {
				whole = money.Plain(r.Home, m.Home)
			}
			cells = append(cells, whole, money.Plain(r.Home, m.Home), strconv.Itoa(r.Missing), strconv.Itoa(r.Pending), strconv.FormatBool(r.Estimated), changeCell(r.Change))
		} else {
			cells = append(cells, royaltyCell(r.Royalty), homeCell(&r, m.Home), changeCell(r.Change), Sparkline(r.Spark, r.Unknown...))
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
	// home is null unless every line of the row has a rate; home_partial
	// is the converted part, missing the lines without a rate and
	// missing_royalty their amounts
	type row struct {
		Month          string                 `json:"month"`
		Group          *string                `json:"group,omitempty"`
		UnitsNet       int64                  `json:"units_net"`
		UnitsFree      int64                  `json:"units_free"`
		KENPPages      int64                  `json:"kenp_pages"`
		Royalty        map[string]json.Number `json:"royalty"`
		Home           *json.Number           `json:"home"`
		HomePartial    json.Number            `json:"home_partial"`
		Estimated      bool                   `json:"estimated"`
		Missing        int                    `json:"missing"`
		MissingRoyalty map[string]json.Number `json:"missing_royalty"`
		Pending        int                    `json:"pending"`
		PendingPages   int64                  `json:"pending_pages"`
		Change         *float64               `json:"change"`
	}
	home := func(r *Row, d decimal.Decimal) *json.Number {
		if !r.Complete() {
			return nil
		}
		n := num(money.Round(d, m.Home))
		return &n
	}
	doc := struct {
		From    string       `json:"from"`
		To      string       `json:"to"`
		By      string       `json:"by"`
		Home    string       `json:"home_currency"`
		Months  int          `json:"months"`
		Rows    []row        `json:"rows"`
		Totals  row          `json:"totals"`
		Average *json.Number `json:"average_home"`
		Notes   []string     `json:"notes"`
	}{From: m.From, To: m.To, By: m.By, Home: m.Home, Months: m.Months, Rows: []row{}, Average: home(&m.Total, m.Average),
		Notes: m.Notes(i18n.Printer{})}
	if doc.Notes == nil {
		doc.Notes = []string{}
	}
	for _, r := range m.Rows {
		x := row{Month: r.Month, UnitsNet: r.UnitsNet, UnitsFree: r.UnitsFree, KENPPages: r.KENPPages, Royalty: roy(r.Royalty),
			Home: home(&r, r.Home), HomePartial: num(money.Round(r.Home, m.Home)), Estimated: r.Estimated, Missing: r.Missing,
			MissingRoyalty: roy(r.Unrated), Pending: r.Pending, PendingPages: r.PendingPages, Change: roundPtr(r.Change)}
		if m.By != "" {
			g := r.Group
			x.Group = &g
		}
		doc.Rows = append(doc.Rows, x)
	}
	t := m.Total
	doc.Totals = row{Month: "total", UnitsNet: t.UnitsNet, UnitsFree: t.UnitsFree, KENPPages: t.KENPPages, Royalty: roy(t.Royalty),
		Home: home(&t, t.Home), HomePartial: num(money.Round(t.Home, m.Home)), Estimated: t.Estimated, Missing: t.Missing, MissingRoyalty: roy(t.Unrated),
		Pending: t.Pending, PendingPages: t.PendingPages}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(safe.JSON(b.Bytes()))
	return err
}

func roundPtr(f *float64) *float64 {
	if f == nil {
		return nil
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(*f, 'f', 6, 64), 64)
	return &v
}
