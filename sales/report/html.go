package report

import (
	"bytes"
	"context"
	"html/template"
	"strconv"
	"sync"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/shopspring/decimal"
)

// Portfolio series for charts: value, cost and royalties received, in yen,
// named in pr's language.
func PortfolioSeries(p *invest.Portfolio, monthly bool, pr i18n.Printer) ([]string, []Series) {
	pts := p.History(monthly, p.LastDate())
	var dates []string
	s := []Series{{Name: pr.T("value"), Mark: '●'}, {Name: pr.T("money invested"), Mark: '─'}, {Name: pr.T("received so far"), Mark: '+'}}
	for _, pt := range pts {
		dates = append(dates, pt.Date)
		s[0].Values = append(s[0].Values, pt.Value)
		s[1].Values = append(s[1].Values, pt.Cost)
		s[2].Values = append(s[2].Values, pt.Royalties)
	}
	// yen all three; a payment with no rate into yen leaves the royalties
	// a lower bound, and the legend says so
	if n := len(pts); n > 0 && pts[n-1].RoyaltiesMissing > 0 {
		s[2].Name += " (≥)"
	}
	return dates, s
}

type titleRow struct {
	Title             string
	Units, Free, KENP int64
	Home              string
	Share             string
}

// HTML is the offline report: one file, no scripts, no network requests,
// charts as inline SVG, light and dark, readable on a phone.
func HTML(ctx context.Context, l *ledger.Ledger, by string) ([]byte, error) {
	if by == "" {
		by = "marketplace"
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	home, err := l.HomeCurrency()
	if err != nil {
		return nil, err
	}
	lines, err := l.MonthSums(ctx, "", "")
	if err != nil {
		return nil, err
	}
	m := aggregate(lines, home, "", "", by, false)
	if err := m.advise(ctx, l); err != nil {
		return nil, err
	}
	p, err := invest.Load(ctx, l)
	if err != nil {
		return nil, err
	}
	months := monthRange(m.From, m.To)
	groups, values := Stack(m, months)
	whole := aggregate(lines, home, m.From, m.To, "", false)
	revenue := StackedBars("月別ロイヤリティ ("+m.Home+", "+by+")", months, groups, values, m.Home, Marks(whole.Rows)...)

	var portfolio template.HTML
	var status *invest.Status
	if len(p.Trades) > 0 || len(p.Received) > 0 {
		dates, series := PortfolioSeries(p, true, i18n.Printer{Lang: i18n.Japanese})
		portfolio = template.HTML(LineChart("評価額・投資額・受取ロイヤリティ (JPY)", dates, series, "JPY"))
		if len(p.Trades) > 0 {
			status, _ = p.Status(p.LastDate())
		}
	}
	totals, err := l.TitleTotals(ctx)
	if err != nil {
		return nil, err
	}
	var rows []titleRow
	for _, t := range totals {
		// a title whose lines lack a rate shows what was converted, marked;
		// its share is said only when both it and the total are whole
		tr := Row{Home: t.Home, Missing: t.Unconverted, Pending: t.Pending}
		r := titleRow{Title: t.Title, Units: t.UnitsNet, Free: t.UnitsFree, KENP: t.KENPPages, Home: homeCell(&tr, m.Home), Share: "—"}
		if m.Total.Home.IsPositive() && m.Total.Complete() && tr.Complete() {
			r.Share = t.Home.Mul(decimal.NewFromInt(100)).Div(m.Total.Home).StringFixed(1) + "%"
		}
		rows = append(rows, r)
	}

	avg := m.Total
	avg.Home = m.Average
	data := map[string]any{
		"Monthly": m, "Revenue": template.HTML(revenue), "Portfolio": portfolio, "Titles": rows, "Status": status,
		"Total": homeCell(&m.Total, m.Home), "Average": homeCell(&avg, m.Home), "Notes": m.Notes(i18n.Printer{Lang: i18n.Japanese}),
	}
	var b bytes.Buffer
	if err := page().Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// parsed on first use, not at every start of the program
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"money": func(d decimal.Decimal) string { return Money(d, "JPY") },
		// a count as a person reads it: 8,588 pages, not 8588
		"count": func(n int64) string { return textable.Separated(strconv.FormatInt(n, 10)) },
		"pct": func(f *float64) string {
			if f == nil {
				return "—"
			}
			return decimal.NewFromFloat(*f*100).StringFixed(2) + "%"
		},
	}).Parse(`<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>hanmoto — 売上と運用のレポート</title>
<style>
:root { --fg: #1b1b1f; --bg: #fbfbfd; --muted: #5f6368; --line: #d9dbe0; --card: #ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ec; --bg: #141417; --muted: #a0a4ab; --line: #3a3c42; --card: #1d1e22; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif;
  line-height: 1.6; }
main { max-width: 60rem; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 0.5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.75rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.75rem 1rem; }
.card .label { color: var(--muted); font-size: 0.85rem; }
.card .value { font-size: 1.3rem; font-variant-numeric: tabular-nums; }
figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.5rem; }
svg { width: 100%; height: auto; display: block; }
svg text { fill: var(--fg); font-size: 12px; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); text-align: left; }
td.num, th.num { text-align: right; }
.scroll { overflow-x: auto; }
.note { color: var(--muted); font-size: 0.85rem; }
</style>
</head>
<body>
<main>
<h1>売上と運用のレポート <span class="note">{{.Monthly.From}} – {{.Monthly.To}}</span></h1>
<section class="cards">
<div class="card"><div class="label">ロイヤリティ合計 ({{.Monthly.Home}})</div><div class="value">{{.Total}}</div></div>
<div class="card"><div class="label">月平均 ({{.Monthly.Months}}か月)</div><div class="value">{{.Average}}</div></div>
{{- with .Status}}
<div class="card"><div class="label">評価額 ({{.PricesAsOf}} の基準価額)</div><div class="value">{{money .Value}}</div></div>
<div class="card"><div class="label">損益 (XIRR {{pct .XIRR}})</div><div class="value">{{money .Gain}}</div></div>
{{- end}}
</section>
<h2>月別ロイヤリティ</h2>
<figure>
{{.Revenue}}</figure>
{{- if .Portfolio}}
<h2>ロイヤリティの行き先</h2>
<figure>
{{.Portfolio}}</figure>
<p class="note">受取累計は KDP から支払われた額（支払い日の円）の累計です。上のロイヤリティ合計は各月に発生した額で、支払いは約 2 か月後になり、為替レートも異なるため、両者は一致しません。</p>
{{- end}}
<h2>作品別</h2>
<div class="scroll">
<table>
<thead><tr><th>タイトル</th><th class="num">実質注文数</th><th class="num">無料</th><th class="num">既読ページ (KENP)</th><th class="num">ロイヤリティ ({{.Monthly.Home}})</th><th class="num">割合</th></tr></thead>
<tbody>
{{- range .Titles}}
<tr><td>{{.Title}}</td><td class="num">{{count .Units}}</td><td class="num">{{count .Free}}</td><td class="num">{{count .KENP}}</td><td class="num">{{.Home}}</td><td class="num">{{.Share}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- range .Notes}}
<p class="note">{{.}}</p>
{{- end}}
<p class="note">hanmoto が台帳から作成。外部への通信はありません。</p>
</main>
</body>
</html>
`))
})
