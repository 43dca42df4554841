package main

import (
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/urfave/cli/v2"
)

// record adds a trade typed by hand (invest.Record) and warns when the
// fund published no NAV on its day.
func (e *env) record(c *cli.Context, l *ledger.Ledger, t ledger.Trade) error {
	navDay, err := invest.Record(ctxb, l, t, c.Bool("again"))
	if err != nil {
		return fail(err)
	}
	e.warnNAVDay(t.Fund, t.Date, navDay)
	return nil
}

// unitsOrEstimate sets t's units from --units, or estimates them at the
// day's NAV; the text says which NAV when it did.
func (e *env) unitsOrEstimate(c *cli.Context, l *ledger.Ledger, t *ledger.Trade) (string, error) {
	var err error
	if c.IsSet("units") {
		t.Units, err = e.units(c)
		return "", err
	}
	p, err := invest.Estimate(ctxb, l, t)
	if err != nil {
		return "", fail(err)
	}
	return e.p.Sprintf(" (estimated at the %s NAV %s)", p.Date, p.NAV), nil
}

// tradeFlags reads what every typed trade has: --fund, --date, --amount,
// --account; it opens the ledger for writing.
func (e *env) tradeFlags(c *cli.Context, verb string) (ledger.Trade, *ledger.Ledger, error) {
	var t ledger.Trade
	fund, err := e.fund(c)
	if err != nil {
		return t, nil, err
	}
	if c.String("date") == "" || c.String("amount") == "" {
		return t, nil, usage(e.p.Errorf("%s needs --date and --amount", verb))
	}
	t.Fund, t.Date = fund, c.String("date")
	if t.Amount, err = e.yen(c, "amount", true); err != nil {
		return t, nil, err
	}
	if c.IsSet("tax") {
		if t.Tax, err = e.yen(c, "tax", false); err != nil {
			return t, nil, err
		}
	}
	if t.Account, err = e.account(c); err != nil {
		return t, nil, err
	}
	l, err := openLedger(e, c, writeLedger)
	return t, l, err
}

func taxFlag() cli.Flag {
	return &cli.StringFlag{Name: "tax", Value: "0", Usage: "`YEN` of tax withheld (源泉徴収) from it, in a 特定 account"}
}

func againFlag() cli.Flag {
	return &cli.BoolFlag{Name: "again", Usage: "record it although the same trade (fund, date, amount, account) is already held"}
}

func investSellCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "sell",
		Usage: "record a sale (解約) of fund units",
		Description: `--amount is what the sale paid into the account (受渡金額) and --tax what
was withheld from it, so that the proceeds before tax are amount + tax.
The units sold cost their share of the account's 取得価額 (a moving
average, as brokers keep it: docs/invest.md works an example); the gain
is the proceeds before tax less that cost. A sale of more units than the
account holds on its day is refused.

   hanmoto invest sell --fund 253425 --date 2026-03-02 --units 100000 --amount 36120 --account tokutei`,
		Flags: []cli.Flag{fundFlag(),
			newDateFlag("date", "the trade date (約定日) `YYYY-MM-DD`"),
			&cli.StringFlag{Name: "units", Usage: "`UNITS` (口) sold"},
			&cli.StringFlag{Name: "amount", Usage: "`YEN` the sale paid (受渡金額)"},
			taxFlag(), accountFlag(), againFlag(), ledgerFlag(), quietFlag()},
		Action: func(c *cli.Context) error {
			if !c.IsSet("units") {
				return usage(e.p.Errorf("sell needs --units: the units (口) sold, as the broker reports them"))
			}
			t, l, err := e.tradeFlags(c, "sell")
			if err != nil {
				return err
			}
			defer l.Close()
			t.Kind = ledger.Sell
			if t.Units, err = e.units(c); err != nil {
				return err
			}
			if err := e.record(c, l, t); err != nil {
				return err
			}
			if !c.Bool("quiet") {
				e.printf(e.stdout, "sold %s units of %s for %s yen on %s\n", units(t.Units), t.Fund, yen(t.Amount), t.Date)
			}
			return nil
		},
	}
}

func investDividendCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "dividend",
		Usage: "record a distribution (分配金), paid out or reinvested",
		Description: `--amount is what the distribution paid (after tax) and --tax what was
withheld. Paid out, it is income and leaves the units and their cost as
they were. With --reinvest it bought units back into the fund (再投資): a
purchase of --units (estimated at the day's NAV when not given), not
money put in from outside.

   hanmoto invest dividend --fund 253425 --date 2026-01-15 --amount 1200 --account tokutei
   hanmoto invest dividend --fund 253425 --date 2026-01-15 --amount 1200 --reinvest --units 372`,
		Flags: []cli.Flag{fundFlag(),
			newDateFlag("date", "the trade date (約定日) `YYYY-MM-DD`"),
			&cli.StringFlag{Name: "amount", Usage: "`YEN` paid, after tax"},
			taxFlag(),
			&cli.BoolFlag{Name: "reinvest", Usage: "the distribution bought units back into the fund (再投資)"},
			&cli.StringFlag{Name: "units", Usage: "with --reinvest, the `UNITS` (口) bought"},
			accountFlag(), againFlag(), ledgerFlag(), quietFlag()},
		Action: func(c *cli.Context) error {
			if c.IsSet("units") && !c.Bool("reinvest") {
				return usage(e.p.Errorf("--units goes with --reinvest: a distribution paid out adds no units"))
			}
			t, l, err := e.tradeFlags(c, "dividend")
			if err != nil {
				return err
			}
			defer l.Close()
			t.Kind = ledger.Dividend
			price := ""
			if c.Bool("reinvest") {
				t.Kind = ledger.Reinvest
				if price, err = e.unitsOrEstimate(c, l, &t); err != nil {
					return err
				}
			}
			if err := e.record(c, l, t); err != nil {
				return err
			}
			if c.Bool("quiet") {
				return nil
			}
			if t.Kind == ledger.Reinvest {
				e.printf(e.stdout, "reinvested %s yen of distribution in %s units of %s on %s%s\n", yen(t.Amount), units(t.Units), t.Fund, t.Date, price)
			} else {
				e.printf(e.stdout, "distribution of %s yen from %s on %s\n", t.Amount, t.Fund, t.Date)
			}
			return nil
		},
	}
}
