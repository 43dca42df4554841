// invest status and history: what the royalties became, now and over time.

package main

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

func investStatusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "units, value, cost, gain and returns per fund and in total",
		Description: `Values each fund at the NAV of --date (default today) or the last day
before it, and says which date it used. xirr is the money-weighted return,
annualised, shown once the money has been invested a year (over a shorter
time a rate a year overstates it: 39 per cent a year of a 2.5-month gain); twr the
time-weighted return over the holding period (daily chain). docs/invest.md
has the formulas.`,
		Flags:  []cli.Flag{newDateFlag("date", "value on `YYYY-MM-DD`"), newFormatFlag("table", "table", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error { return e.investStatus(c) },
	}
}

func (e *env) investStatus(c *cli.Context) error {
	format := e.format(c)
	date := c.String("date")
	if date == "" {
		date = today()
	}
	l, p, err := openPortfolio(e, c)
	if err != nil {
		return err
	}
	defer l.Close()
	st, err := p.Status(date)
	if err != nil {
		return fail(err)
	}
	frames := invest.FramesOn(p.Trades, st.Date)
	if format == "json" {
		return e.writeStatusJSON(st, frames)
	}
	return e.printStatus(st, frames)
}

// writeStatusJSON writes the status for scripts: every figure exact.
func (e *env) writeStatusJSON(st *invest.Status, frames []invest.Frame) error {
	type frameJSON struct {
		Frame string      `json:"frame"`
		Year  int         `json:"year,omitempty"`
		Used  json.Number `json:"used"`
		Limit json.Number `json:"limit"`
		Left  json.Number `json:"left"`
	}
	// the figures a fund and the total both have
	type figuresJSON struct {
		Value    json.Number `json:"value"`
		Cost     json.Number `json:"cost"`
		Gain     json.Number `json:"gain"`
		Realized json.Number `json:"realized"`
		Divs     json.Number `json:"distributions"`
		XIRR     any         `json:"xirr"`
		TWR      any         `json:"twr"`
	}
	figures := func(value, cost, gain, realized, divs decimal.Decimal, xirr, twr *float64) figuresJSON {
		n := func(d decimal.Decimal) json.Number { return json.Number(d.String()) }
		return figuresJSON{n(value), n(cost), n(gain), n(realized), n(divs), frac(xirr), frac(twr)}
	}
	type fundJSON struct {
		Fund    string      `json:"fund"`
		Name    string      `json:"name"`
		Units   int64       `json:"units"`
		NAV     json.Number `json:"nav"`
		NAVDate string      `json:"nav_date"`
		Stale   bool        `json:"stale"`
		figuresJSON
	}
	out := struct {
		Date       string `json:"date"`
		PricesAsOf string `json:"prices_as_of"`
		Stale      bool   `json:"stale"`
		Currency   string `json:"currency"`
		figuresJSON
		Funds []fundJSON  `json:"funds"`
		NISA  []frameJSON `json:"nisa"`
	}{Date: st.Date, PricesAsOf: st.PricesAsOf, Stale: st.Stale, Currency: "JPY",
		figuresJSON: figures(st.Value, st.Cost, st.Gain, st.Realized, st.Dividends, st.XIRR, st.TWR), Funds: []fundJSON{}}
	for _, h := range st.Funds {
		out.Funds = append(out.Funds, fundJSON{h.Fund, h.Name, h.Units, json.Number(h.NAV.String()), h.NAVDate, h.Stale,
			figures(h.Value, h.Cost, h.Gain, h.Realized, h.Dividends, h.XIRR, h.TWR)})
	}
	out.NISA = []frameJSON{}
	for _, f := range frames {
		out.NISA = append(out.NISA, frameJSON{f.Name, f.Year, json.Number(f.Used.String()), json.Number(f.Limit.String()), json.Number(f.Left().String())})
	}
	return e.writeJSON(out)
}

// printStatus prints the status table and what a person should know of
// it: realized gains, why xirr is missing, stale prices, NISA frames.
func (e *env) printStatus(st *invest.Status, frames []invest.Frame) error {
	t := &textable.Table{Header: []string{"fund", "name", "units", "nav", "nav_date", "value", "cost", "gain", "xirr", "twr"},
		Numeric: map[string]bool{"units": true, "nav": true, "value": true, "cost": true, "gain": true, "xirr": true, "twr": true}}
	for _, h := range st.Funds {
		nav := yen(h.NAV)
		if h.NAVDate == "" {
			nav = "" // sold whole: no price needed
		}
		t.Add(h.Fund, h.Name, units(h.Units), nav, e.priceDate(h.NAVDate, st.Date, h.Stale), yen(h.Value), yen(h.Cost), yen(h.Gain), pct(h.XIRR), pct(h.TWR))
	}
	// the total is as of its oldest price, never the day asked for
	t.Add(e.p.T("total"), "", "", "", e.priceDate(st.PricesAsOf, st.Date, st.Stale), yen(st.Value), yen(st.Cost), yen(st.Gain), pct(st.XIRR), pct(st.TWR))
	t.Label = e.p.T
	if err := e.table(t, "table"); err != nil {
		return err
	}
	if !st.Realized.IsZero() || !st.Dividends.IsZero() {
		e.printf(e.stdout, "realized up to %s: %s yen of gains on sales, %s yen of distributions paid out (before tax; hanmoto report year gives a year's)\n", st.Date, yen(st.Realized), yen(st.Dividends))
	}
	if st.XIRR == nil && st.Held > 0 {
		e.printf(e.stdout, "xirr is the money-weighted return a year, shown once the money has been invested a year or more (over a shorter time a rate a year says more than happened)\n")
	}
	for _, h := range st.Funds {
		if h.Stale {
			e.printf(e.stdout, "%s: the last price is from %s, %d days before %s; the value and returns are as of that day. Import newer prices: hanmoto invest nav import --fund %s FILE\n", h.Fund, h.NAVDate, daysBetween(h.NAVDate, st.Date), st.Date, h.Fund)
		}
	}
	for _, f := range frames {
		if f.Year == 0 {
			e.printf(e.stdout, "NISA %s: %s of %s yen used, %s left\n", invest.FrameLabel(f.Name), yen(f.Used), yen(f.Limit), yen(f.Left()))
		} else {
			e.printf(e.stdout, "NISA %s %d: %s of %s yen used, %s left\n", invest.FrameLabel(f.Name), f.Year, yen(f.Used), yen(f.Limit), yen(f.Left()))
		}
	}
	return nil
}

func investHistoryCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "history",
		Usage: "value, cost and royalties received over time",
		Description: `One row per month (--monthly, the default; its last NAV day) or per NAV
day (--daily): the funds' value, what they cost, and the royalties received
so far, all in yen — the series the charts draw. A payment with no rate into
yen makes the royalties a lower bound: ≥ in the table, royalties_complete
false in CSV and JSON.`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "daily", Usage: "one row per NAV day"}, &cli.BoolFlag{Name: "monthly", Usage: "one row per month (default)"},
			newDateFlag("to", "up to `YYYY-MM-DD` (default today)"), newFormatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error {
			format := e.format(c)
			if c.Bool("daily") && c.Bool("monthly") {
				return usage(e.p.Errorf("--daily or --monthly, not both"))
			}
			to := c.String("to")
			if to == "" {
				to = today()
			}
			l, p, err := openPortfolio(e, c)
			if err != nil {
				return err
			}
			defer l.Close()
			header := []string{"date", "value", "cost", "royalties"}
			if format != "table" {
				header = append(header, "royalties_complete")
			}
			t := &textable.Table{Header: header, Numeric: map[string]bool{"value": true, "cost": true, "royalties": true}}
			for _, pt := range p.History(!c.Bool("daily"), to) {
				roy := yen(pt.Royalties)
				switch {
				case format != "table":
					t.Add(pt.Date, yenPlain(pt.Value), yenPlain(pt.Cost), yenPlain(pt.Royalties), strconv.FormatBool(pt.RoyaltiesMissing == 0))
					continue
				case pt.RoyaltiesMissing > 0:
					roy = "≥ " + roy
				}
				t.Add(pt.Date, yen(pt.Value), yen(pt.Cost), roy)
			}
			// the royalties are a running total: said so, beside value and cost
			t.Label = func(h string) string {
				if h == "royalties" {
					return e.p.T("royalties received (cumulative)")
				}
				return e.p.T(h)
			}
			return e.table(t, format)
		},
	}
}

// openPortfolio opens the ledger and loads what was invested.
func openPortfolio(e *env, c *cli.Context) (*ledger.Ledger, *invest.Portfolio, error) {
	l, err := openLedger(e, c, readLedger)
	if err != nil {
		return nil, nil, err
	}
	p, err := invest.Load(ctxb, l)
	if err != nil {
		l.Close()
		return nil, nil, usage(err)
	}
	return l, p, nil
}

// priceDate is a NAV date as a table shows it: a stale one says its age.
func (e *env) priceDate(navDate, asked string, stale bool) string {
	if !stale {
		return navDate
	}
	return e.p.Sprintf("%s (%d days old)", navDate, daysBetween(navDate, asked))
}

// daysBetween counts the days from one date to a later one.
func daysBetween(from, to string) int {
	a, _ := time.Parse("2006-01-02", to)
	n, _ := time.Parse("2006-01-02", from)
	return int(a.Sub(n).Hours() / 24)
}
