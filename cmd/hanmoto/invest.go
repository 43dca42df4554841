package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/broker"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/nav"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

var ctxb = context.Background()

func investCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "invest",
		Usage: "what the royalties became: funds, daily NAV (基準価額), trades, value and returns",
		Description: `Record the index fund (投資信託) the royalties go into, its daily NAV as the
asset manager publishes it, and each trade — purchases, sales (解約),
distributions (分配金) — by hand or from the broker's history; then see
what it is worth, what each payment bought, and what a year realized.

   hanmoto invest nav import --fund 253425 nav.csv
   hanmoto invest import 楽天証券_投信取引履歴.csv
   hanmoto invest buy --fund 253425 --date 2025-08-01 --amount 30000 --payment 341291304
   hanmoto invest status
   hanmoto invest plan

NAV is per 10,000 units (口): value = units × NAV ÷ 10,000.`,
		Subcommands: []*cli.Command{
			{Name: "nav", Usage: "a fund's daily NAV (基準価額)", Subcommands: []*cli.Command{navImportCommand(e), navListCommand(e)}},
			investFundsCommand(e), investBuyCommand(e), investSellCommand(e), investDividendCommand(e), investImportCommand(e), investStatusCommand(e), investHistoryCommand(e), investPlanCommand(e), investTradesCommand(e),
		},
	}
}

func fundFlag() cli.Flag {
	return &cli.StringFlag{Name: "fund", Usage: "the fund `CODE` (協会コード or the manager's code, e.g. 253425)"}
}

func navImportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import a fund's NAV history as its manager publishes it (CSV, cp932 or UTF-8)",
		ArgsUsage: "FILE.csv...",
		Description: `Finds the header by its columns (日付/基準日/年月日 and 基準価額), in
Shift_JIS or UTF-8, oldest or newest first. Prices already held are no-ops;
a different price for a date held is an error unless --replace. Each file is
one transaction.`,
		Flags: []cli.Flag{fundFlag(), &cli.StringFlag{Name: "name", Usage: "the fund's `NAME` (default: the file's title line)"},
			&cli.BoolFlag{Name: "replace", Usage: "take the file's price where it differs from the ledger's"}, ledgerFlag(), quietFlag()},
		Action: func(c *cli.Context) error {
			fund, err := e.fund(c)
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usage(e.p.Errorf("nav import needs a NAV file"))
			}
			// the ledger is opened once a file has been read well: a failed
			// import creates none
			var l *ledger.Ledger
			defer func() {
				if l != nil {
					l.Close()
				}
			}()
			failed, worst := 0, exitOK
			for _, path := range c.Args().Slice() {
				name := filepath.Base(path)
				data, err := inputfile.Read(path, nav.MaxFileSize)
				if err == nil {
					var f *nav.File
					if f, err = nav.Parse(name, data); err == nil && l == nil {
						if l, err = openLedger(e, c, writeLedger); err != nil {
							return err
						}
					}
					if err == nil {
						var res *ledger.NAVResult
						if res, err = invest.ImportNAV(ctxb, l, fund, c.String("name"), name, f, c.Bool("replace")); err == nil && !c.Bool("quiet") {
							e.printf(e.stdout, "%s: fund %s, %d days %s..%s: %d added, %d already held, %d replaced\n", name, fund, len(f.Rows), res.From, res.To, res.Added, res.Same, res.Replaced)
						}
					}
				}
				if err != nil {
					e.println(e.stderr, e.p.Err(err))
					failed++
					worst = max(worst, exitCodeOf(err))
				}
			}
			if failed > 0 {
				return quietFailure(worst)
			}
			return nil
		},
	}
}

func navListCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list a fund's NAV; without --fund, the funds and the prices held of each",
		Flags: []cli.Flag{fundFlag(), newDateFlag("from", "from `YYYY-MM-DD`"), newDateFlag("to", "to `YYYY-MM-DD`"),
			formatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, listFormats, func(c *cli.Context, l *ledger.Ledger, format string) error {
			if c.String("fund") == "" {
				return writeFunds(e, l, format)
			}
			fund, err := e.fund(c)
			if err != nil {
				return err
			}
			ps, err := l.NAVs(ctxb, fund, c.String("from"), c.String("to"))
			if err != nil {
				return fail(err)
			}
			t := &textable.Table{Header: []string{"date", "nav"}, Numeric: map[string]bool{"nav": true}}
			for _, p := range ps {
				t.Add(p.Date, p.NAV.String())
			}
			t.Label = e.p.T
			return t.Write(e.stdout, format)
		}),
	}
}

// accountNames are the spellings of each kind of account.
var accountNames = [][]string{
	{"nisa-tsumitate", "つみたて投資枠", "NISAつみたて投資枠", "NISA つみたて投資枠", "tsumitate"},
	{"nisa-growth", "成長投資枠", "NISA成長投資枠", "NISA 成長投資枠", "growth"},
	{"nisa-old", "一般NISA", "旧NISA"},
	{"nisa-tsumitate-old", "つみたてNISA", "旧つみたてNISA"},
	{"nisa", "NISA", "ニーサ"},
	{"tokutei", "特定", "特定口座"}, {"ippan", "一般", "一般口座"}}

func investFundsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "funds",
		Usage: "list the funds: the NAV held of each (first and last day, last price) and the units bought",
		Flags: []cli.Flag{formatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, listFormats, func(c *cli.Context, l *ledger.Ledger, format string) error {
			return writeFunds(e, l, format)
		}),
	}
}

// writeFunds lists the funds with the prices and units the ledger holds.
func writeFunds(e *env, l *ledger.Ledger, format string) error {
	fs, err := l.FundSummaries(ctxb)
	if err != nil {
		return usage(err)
	}
	t := &textable.Table{Header: []string{"fund", "name", "nav_days", "nav_from", "nav_to", "last_nav", "purchases", "units"},
		Numeric: map[string]bool{"nav_days": true, "last_nav": true, "purchases": true, "units": true}}
	for _, f := range fs {
		t.Add(f.Code, f.Name, strconv.Itoa(f.Days), f.First, f.Last, decCell(f.LastNAV), strconv.Itoa(f.Trades), strconv.FormatInt(f.Units, 10))
	}
	t.Label = e.p.T
	return t.Write(e.stdout, format)
}

func accountFlag() cli.Flag {
	return &cli.StringFlag{Name: "account", Value: "nisa-tsumitate", Usage: "`ACCOUNT`: nisa-tsumitate (つみたて投資枠), nisa-growth (成長投資枠), tokutei (特定), ippan (一般); before 2024 nisa-old (一般NISA) or nisa-tsumitate-old (つみたてNISA)"}
}

func investBuyCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "buy",
		Usage: "record a purchase of fund units",
		Description: `--units is the number of units (口) the broker reports: give it when you
have it. Without it hanmoto estimates floor(amount × 10,000 ÷ NAV) at the
day's NAV and marks the purchase as estimated. --payment names the royalty
payment(s) this purchase reinvests (hanmoto sales payments lists them).`,
		Flags: []cli.Flag{fundFlag(),
			newDateFlag("date", "the trade date (約定日) `YYYY-MM-DD`"),
			&cli.StringFlag{Name: "amount", Usage: "`YEN` paid for the units"},
			&cli.StringFlag{Name: "units", Usage: "`UNITS` (口) bought, as the broker reports them"},
			&cli.StringFlag{Name: "fee", Value: "0", Usage: "`YEN` of fees on top"},
			accountFlag(),
			&cli.StringSliceFlag{Name: "payment", Usage: "the KDP payment `NUMBER` this reinvests (repeatable)"},
			againFlag(), ledgerFlag(), quietFlag()},
		Action: func(c *cli.Context) error {
			fee, err := e.yen(c, "fee", false)
			if err != nil {
				return err
			}
			t, l, err := e.tradeFlags(c, "buy")
			if err != nil {
				return err
			}
			defer l.Close()
			t.Kind, t.Fee, t.Payments = ledger.Buy, fee, c.StringSlice("payment")
			price, err := e.unitsOrEstimate(c, l, &t)
			if err != nil {
				return err
			}
			if err := e.record(c, l, t); err != nil {
				return err
			}
			if !c.Bool("quiet") {
				e.printf(e.stdout, "bought %d units of %s for %s yen on %s%s\n", t.Units, t.Fund, t.Amount, t.Date, price)
			}
			return nil
		},
	}
}

func investImportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import fund trades from a broker's history (楽天証券, SBI証券, マネックス証券 CSV)",
		ArgsUsage: "FILE.csv",
		Description: `Each purchase (買付, 積立), distribution (再投資, 分配金) and sale (解約) line
becomes a trade with the broker's units (口) and 受渡金額. The fund is found
by its name among the funds whose NAV the ledger holds; --fund CODE says it
when the names differ. The whole file is imported or nothing: a sale of
units not held, a NISA limit passed or a trade already typed by hand stops
it. Importing the same file again adds nothing.`,
		Flags: []cli.Flag{fundFlag(), &cli.BoolFlag{Name: "again", Usage: "import a trade although the same one was typed by hand"},
			&cli.StringFlag{Name: "nisa-frame", Usage: "`FRAME` of the file's NISA purchases from 2024 on whose 口座 names none: tsumitate (つみたて投資枠) or growth (成長投資枠)"},
			ledgerFlag(), quietFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usage(e.p.Errorf("invest import takes one trade-history file"))
			}
			frame := ""
			if v := c.String("nisa-frame"); v != "" {
				var ok bool
				if frame, ok = jinput.Choice(v, accountNames[:2]...); !ok {
					return usage(e.p.Errorf("--nisa-frame %q: use tsumitate (つみたて投資枠) or growth (成長投資枠)", v))
				}
			}
			path := c.Args().First()
			name := filepath.Base(path)
			data, err := inputfile.Read(path, broker.MaxFileSize)
			if err != nil {
				return usage(err)
			}
			hist, err := broker.Parse(name, data)
			if err != nil {
				return fail(err)
			}
			l, err := openLedger(e, c, writeLedger)
			if err != nil {
				return err
			}
			defer l.Close()
			added, err := invest.Import(ctxb, l, name, hist, invest.ImportOptions{Fund: c.String("fund"), Again: c.Bool("again"), NISAFrame: frame})
			if err != nil {
				return fail(err)
			}
			trades := hist.Trades
			if !c.Bool("quiet") {
				e.printf(e.stdout, "%s: %s, %d trades: %d added, %d already held\n", name, hist.Format, len(trades), added, len(trades)-added)
				if hist.Skipped > 0 {
					e.printf(e.stdout, "%d lines of other products (stocks, cash) were left out: hanmoto records funds\n", hist.Skipped)
				}
			}
			return nil
		},
	}
}

func today() string { return time.Now().Format("2006-01-02") }

func pct(r *float64) string {
	if r == nil {
		return ""
	}
	return strconv.FormatFloat(*r*100, 'f', 2, 64) + "%"
}

func frac(r *float64) any {
	if r == nil {
		return nil
	}
	return json.Number(strconv.FormatFloat(*r, 'f', 6, 64))
}

func yen(d decimal.Decimal) string { return d.Round(0).StringFixed(0) }

func investStatusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "units, value, cost, gain and returns per fund and in total",
		Description: `Values each fund at the NAV of --date (default today) or the last day
before it, and says which date it used. xirr is the money-weighted return,
annualised; twr the time-weighted return over the holding period (daily
chain). docs/invest.md has the formulas.`,
		Flags: []cli.Flag{newDateFlag("date", "value on `YYYY-MM-DD`"), formatFlag("table", "table", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error {
			format, err := e.format(c, "table", "json")
			if err != nil {
				return err
			}
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
			frames := nisaFrames(p.Trades, st.Date)
			if format == "json" {
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
			t := &textable.Table{Header: []string{"fund", "name", "units", "nav", "nav_date", "value", "cost", "gain", "xirr", "twr"},
				Numeric: map[string]bool{"units": true, "nav": true, "value": true, "cost": true, "gain": true, "xirr": true, "twr": true}}
			for _, h := range st.Funds {
				nav := h.NAV.String()
				if h.NAVDate == "" {
					nav = "" // sold whole: no price needed
				}
				t.Add(h.Fund, h.Name, strconv.FormatInt(h.Units, 10), nav, e.priceDate(h.NAVDate, st.Date, h.Stale), yen(h.Value), yen(h.Cost), yen(h.Gain), pct(h.XIRR), pct(h.TWR))
			}
			// the total is as of its oldest price, never the day asked for
			t.Add(e.p.T("total"), "", "", "", e.priceDate(st.PricesAsOf, st.Date, st.Stale), yen(st.Value), yen(st.Cost), yen(st.Gain), pct(st.XIRR), pct(st.TWR))
			t.Label = e.p.T
			if err := t.Write(e.stdout, "table"); err != nil {
				return err
			}
			if !st.Realized.IsZero() || !st.Dividends.IsZero() {
				e.printf(e.stdout, "realized up to %s: %s yen of gains on sales, %s yen of distributions paid out (before tax; hanmoto report year gives a year's)\n", st.Date, yen(st.Realized), yen(st.Dividends))
			}
			for _, h := range st.Funds {
				if h.Stale {
					e.printf(e.stdout, "%s: the last price is from %s, more than a week before %s; the value and returns are as of that day. Import newer prices: hanmoto invest nav import --fund %s FILE\n", h.Fund, h.NAVDate, st.Date, h.Fund)
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
		},
	}
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
			newDateFlag("to", "up to `YYYY-MM-DD` (default today)"), formatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error {
			format, err := e.format(c, "table", "csv", "json")
			if err != nil {
				return err
			}
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
					t.Add(pt.Date, yen(pt.Value), yen(pt.Cost), roy, strconv.FormatBool(pt.RoyaltiesMissing == 0))
					continue
				case pt.RoyaltiesMissing > 0:
					roy = "≥ " + roy
				}
				t.Add(pt.Date, yen(pt.Value), yen(pt.Cost), roy)
			}
			t.Label = e.p.T
			return t.Write(e.stdout, format)
		},
	}
}

func investPlanCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "where each royalty payment went, and what is still to reinvest",
		Description: `Royalties received (KDP payments, in yen) less the money invested
(every purchase's amount and fee), cumulative: what is still to reinvest.
Each purchase is paid for first by the payments it names (invest buy
--payment), then by the oldest payments received on or before its day
that have yen left; the rest was other money. One row per payment with
yen left (--all: every payment), the purchases it funded as #id:yen.
A payment KDP made in another currency needs a rate into yen (hanmoto
sales home JPY, hanmoto rates import) and is marked until it has one.`,
		Flags: []cli.Flag{newMonthFlag("month", "only payments made in `YYYY-MM`"), &cli.BoolFlag{Name: "all", Usage: "every payment, also those fully invested"},
			formatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error {
			format, err := e.format(c, "table", "csv", "json")
			if err != nil {
				return err
			}
			l, p, err := openPortfolio(e, c)
			if err != nil {
				return err
			}
			defer l.Close()
			pl := p.Plan(c.String("month"))
			var shown []invest.PaymentUse
			for _, u := range pl.Payments {
				if c.Bool("all") || u.Left == nil || u.Left.IsPositive() {
					shown = append(shown, u)
				}
			}
			if format == "json" {
				return writePlanJSON(e, pl, shown)
			}
			t := &textable.Table{Header: []string{"date", "payment", "marketplace", "received", "basis", "invested", "left", "purchases"},
				Numeric: map[string]bool{"received": true, "invested": true, "left": true}, Label: e.p.T}
			for _, u := range shown {
				received, left := "?", "?"
				if format == "csv" {
					received, left = "", "" // unknown, as the other CSV exports say it
				}
				if u.JPY != nil {
					received, left = yen(*u.JPY), yen(*u.Left)
				}
				var funded []string
				for _, f := range u.Funded {
					funded = append(funded, fmt.Sprintf("#%d:%s", f.Trade, yen(f.Amount)))
				}
				t.Add(u.Date, u.Number, u.Marketplace, received, u.Basis, yen(u.Invested), left, strings.Join(funded, " "))
			}
			if err := t.Write(e.stdout, format); err != nil || format != "table" {
				return err
			}
			last := pl.LastPurchase
			if last == "" {
				last = e.p.T("none yet")
			}
			atLeast := ""
			if pl.Unconverted > 0 {
				atLeast = "≥ "
			}
			e.printf(e.stdout, "received %s%s JPY, invested %s JPY (last purchase: %s)\n", atLeast, yen(pl.Received), yen(pl.Invested), last)
			switch {
			case pl.ToReinvest.IsNegative() && pl.Unconverted == 0:
				e.printf(e.stdout, "to reinvest: 0 JPY — %s JPY more was invested than the royalties brought in\n", yen(pl.ToReinvest.Neg()))
			case pl.ToReinvest.IsNegative():
				e.printf(e.stdout, "to reinvest: ? JPY — %s JPY more was invested than the payments with a rate brought in\n", yen(pl.ToReinvest.Neg()))
			default:
				e.printf(e.stdout, "to reinvest: %s%s JPY\n", atLeast, yen(pl.ToReinvest))
			}
			if pl.Unconverted > 0 {
				e.printf(e.stdout, "%d payments were made in another currency and have no rate into JPY: give rates with hanmoto rates import FILE.csv (date,currency,rate) after hanmoto sales home JPY\n", pl.Unconverted)
			}
			return nil
		},
	}
}

// writePlanJSON: an amount that can't be computed is null, never 0.
func writePlanJSON(e *env, pl invest.Plan, shown []invest.PaymentUse) error {
	type fundingJSON struct {
		Trade  int64       `json:"trade"`
		Date   string      `json:"date"`
		Amount json.Number `json:"amount"`
		Linked bool        `json:"linked"`
	}
	type paymentJSON struct {
		Date        string        `json:"date"`
		Number      string        `json:"payment"`
		Marketplace string        `json:"marketplace"`
		Received    *json.Number  `json:"received"`
		Basis       string        `json:"basis"`
		Invested    json.Number   `json:"invested"`
		Left        *json.Number  `json:"left"`
		Purchases   []fundingJSON `json:"purchases"`
	}
	num := func(d *decimal.Decimal) *json.Number {
		if d == nil {
			return nil
		}
		n := json.Number(d.String())
		return &n
	}
	out := struct {
		Currency     string        `json:"currency"`
		Received     json.Number   `json:"received"`
		Complete     bool          `json:"complete"`
		Unconverted  int           `json:"unconverted_payments"`
		Invested     json.Number   `json:"invested"`
		ToReinvest   *json.Number  `json:"to_reinvest"`
		LastPurchase *string       `json:"last_purchase"`
		Payments     []paymentJSON `json:"payments"`
	}{Currency: "JPY", Received: json.Number(pl.Received.String()), Complete: pl.Unconverted == 0, Unconverted: pl.Unconverted,
		Invested: json.Number(pl.Invested.String()), Payments: []paymentJSON{}}
	if pl.Unconverted == 0 {
		out.ToReinvest = num(&pl.ToReinvest)
	}
	if pl.LastPurchase != "" {
		out.LastPurchase = &pl.LastPurchase
	}
	for _, u := range shown {
		pj := paymentJSON{Date: u.Date, Number: u.Number, Marketplace: u.Marketplace, Received: num(u.JPY), Basis: u.Basis,
			Invested: json.Number(u.Invested.String()), Left: num(u.Left), Purchases: []fundingJSON{}}
		for _, f := range u.Funded {
			pj.Purchases = append(pj.Purchases, fundingJSON{f.Trade, f.Date, json.Number(f.Amount.String()), f.Linked})
		}
		out.Payments = append(out.Payments, pj)
	}
	return e.writeJSON(out)
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
	a, _ := time.Parse("2006-01-02", asked)
	n, _ := time.Parse("2006-01-02", navDate)
	return e.p.Sprintf("%s (%d days old)", navDate, int(a.Sub(n).Hours()/24))
}

// nisaFrames are the NISA limits of the valuation date's year, when any
// purchase is held in NISA: a plan made without them is made blind.
func nisaFrames(trades []ledger.Trade, date string) []invest.Frame {
	for _, t := range trades {
		if strings.HasPrefix(t.Account, "nisa") {
			y, _ := strconv.Atoi(date[:4])
			return invest.Frames(trades, y)
		}
	}
	return nil
}
