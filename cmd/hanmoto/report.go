package main

import (
	"io"
	"os"
	"strconv"

	"github.com/hanmoto/hanmoto/internal/atomicfile"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/report"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

func byFlag(def string) cli.Flag {
	return &cli.StringFlag{Name: "by", Value: def, Usage: "group by `GROUP`: title, marketplace or format"}
}

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "monthly revenue as a table, CSV, JSON or Markdown; everything as one offline HTML page",
		Subcommands: []*cli.Command{{
			Name:  "monthly",
			Usage: "one row per month (and group): units, KENP pages, royalty per currency, the home-currency total",
			Description: `The home-currency total converts paid royalties at the payment's own FX
rate and unpaid ones at imported rates; ≈ marks totals that include
estimates. change is against the previous month; the table shows the last
12 months as a sparkline (▁▂▃▄▅▆▇█).`,
			Flags: []cli.Flag{newMonthFlag("from", "from `YYYY-MM`"), newMonthFlag("to", "to `YYYY-MM`"), byFlag(""),
				newFormatFlag("table", "table", "csv", "json", "markdown"), ledgerFlag()},
			Action: func(c *cli.Context) error {
				format := e.format(c)
				l, err := openLedger(e, c, readLedger)
				if err != nil {
					return err
				}
				defer l.Close()
				m, err := report.BuildMonthly(ctxb, l, c.String("from"), c.String("to"), c.String("by"))
				if err != nil {
					return usage(err)
				}
				m.Width, m.Words = e.columns(), e.word
				if err := m.WriteIn(e.stdout, format, e.p); err != nil {
					return err
				}
				e.shortened(m.Shortened, m.Width)
				return nil
			},
		}, reportYearCommand(e), reportSeriesCommand(e), {
			Name:  "html",
			Usage: "write one self-contained HTML page: revenue and portfolio charts (inline SVG), a per-title table",
			Description: `The page works offline: no scripts, no fonts or styles from the network.
It follows the reader's light or dark mode and fits a phone. The same ledger
gives the same bytes.`,
			Flags: []cli.Flag{&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE.html`"},
				byFlag("marketplace"), ledgerFlag(), quietFlag()},
			Action: func(c *cli.Context) error {
				out := c.String("output")
				if out == "" {
					return usage(e.p.Errorf("report html needs -o FILE.html"))
				}
				l, err := openLedger(e, c, readLedger)
				if err != nil {
					return err
				}
				defer l.Close()
				page, err := report.HTML(ctxb, l, c.String("by"))
				if err != nil {
					return usage(err)
				}
				if err := atomicfile.WriteKind(out, 0o644, atomicfile.HTML, func(w io.Writer) error { _, err := w.Write(page); return err }); err != nil {
					return usage(err)
				}
				if !c.Bool("quiet") {
					e.printf(e.stdout, "wrote %s (%s)\n", out, humanSize(int64(len(page))))
				}
				return nil
			},
		}},
	}
}

// chartWidth is $COLUMNS, else the terminal's width, else 80.
func chartWidth(e *env) int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := e.stdout.(*os.File); ok && e.isTerminal(e.stdout) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

func colorsFor(e *env, c *cli.Context) (report.Colors, error) {
	on := e.isTerminal(e.stdout) && e.getenv("NO_COLOR") == ""
	return report.Palette(c.String("colors"), on)
}

func colorsFlag() cli.Flag {
	return &cli.StringFlag{Name: "colors", Value: "default", Usage: "`SCHEME`: default (gains green) or jp (gains red, as Japanese charts show them)"}
}

func svgFlag() cli.Flag {
	return &cli.StringFlag{Name: "svg", Usage: "also write the chart as SVG to `FILE`"}
}

func writeSVG(path, svg string) error {
	if path == "" {
		return nil
	}
	return atomicfile.WriteKind(path, 0o644, atomicfile.SVG, func(w io.Writer) error {
		_, err := io.WriteString(w, svg)
		return err
	})
}

func chartCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "chart",
		Usage: "charts in the terminal (colour only on a terminal, never with NO_COLOR)",
		Subcommands: []*cli.Command{{
			Name:  "revenue",
			Usage: "monthly revenue in the home currency as horizontal bars",
			Description: `One bar per month for the last --months, in eighths of a character, fitted
to $COLUMNS (or the terminal). A bar is coloured by whether the month beat
the one before. With --by, each month's bar is split by title, marketplace
or format (shades █▓▒░ off a terminal, colours on one), with a legend.`,
			Flags:  []cli.Flag{&cli.IntFlag{Name: "months", Value: 12, Usage: "the last `N` months"}, byFlag(""), colorsFlag(), svgFlag(), ledgerFlag()},
			Action: func(c *cli.Context) error { return e.chart(c) },
		}, {
			Name:  "portfolio",
			Usage: "the funds' value, what they cost and the royalties received, over time",
			Flags: []cli.Flag{&cli.IntFlag{Name: "height", Value: 15, Usage: "`ROWS` of chart"}, &cli.BoolFlag{Name: "daily", Usage: "one point per NAV day (default: per month)"},
				colorsFlag(), svgFlag(), ledgerFlag()},
			Action: func(c *cli.Context) error {
				colors, err := colorsFor(e, c)
				if err != nil {
					return usage(err)
				}
				l, p, err := openPortfolio(e, c)
				if err != nil {
					return err
				}
				defer l.Close()
				dates, series := report.PortfolioSeries(p, !c.Bool("daily"), e.p)
				series[0].Colour, series[1].Colour, series[2].Colour = colors.Value, colors.Cost, colors.Royalties
				e.printf(e.stdout, "value, cost and royalties received so far, in %s\n", "JPY")
				report.Lines(e.stdout, dates, series, "JPY", chartWidth(e), c.Int("height"), colors)
				return writeSVG(c.String("svg"), report.LineChart(e.p.Sprintf("value, money invested and royalties received (%s)", "JPY"), dates, series, "JPY"))
			},
		}, chartSeriesCommand(e)},
	}
}

func (e *env) chart(c *cli.Context) error {
	colors, err := colorsFor(e, c)
	if err != nil {
		return usage(err)
	}
	if c.Int("months") < 1 {
		return usage(e.p.Errorf("--months must be at least 1"))
	}
	l, err := openLedger(e, c, readLedger)
	if err != nil {
		return err
	}
	defer l.Close()
	m, err := report.BuildMonthly(ctxb, l, "", "", "")
	if err != nil {
		return usage(err)
	}
	rows := m.Rows
	if len(rows) > c.Int("months") {
		rows = rows[len(rows)-c.Int("months"):]
	}
	var months []string
	var values []decimal.Decimal
	for _, r := range rows {
		months = append(months, r.Month)
		values = append(values, r.Home)
	}
	name := "ロイヤリティ (" + m.Home + ")"
	// the unit of every figure below, and what they are
	e.printf(e.stdout, "royalties by month, in %s\n", m.Home)
	groups, byGroup := []string{name}, map[string][]decimal.Decimal{name: values}
	if by := c.String("by"); by != "" && len(rows) > 0 {
		g, err := report.BuildMonthly(ctxb, l, months[0], months[len(months)-1], by)
		if err != nil {
			return usage(err)
		}
		groups, byGroup = report.Stack(g, months)
		report.StackedBarsText(e.stdout, e.p, months, groups, byGroup, m.Home, chartWidth(e), colors, report.Marks(rows)...)
		e.notes(m.Notes(e.p))
	} else {
		report.Bars(e.stdout, e.p, months, values, report.Marks(rows), report.Rest(rows), m.Home, chartWidth(e), colors)
		e.notes(m.Notes(e.p))
	}
	// the SVG marks what the text marks: — nothing converted, ≥ a part
	return writeSVG(c.String("svg"), report.StackedBars(name, months, groups, byGroup, m.Home, report.Marks(rows)...))
}

// notes prints a chart's notes wrapped to the terminal, as tables are.
func (e *env) notes(ns []string) {
	for _, n := range ns {
		for _, line := range textable.Wrap(n, e.columns()) {
			e.println(e.stdout, line)
		}
	}
}
