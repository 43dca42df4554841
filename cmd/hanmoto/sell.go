package main

import (
	"errors"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/urfave/cli/v2"
)

// record adds a trade typed by hand (invest.Record), warns when the fund
// published no NAV on its day, and returns its id.
func (e *env) record(c *cli.Context, l *ledger.Ledger, t ledger.Trade) (int64, error) {
	id, navDay, err := invest.Record(ctxb, l, t, c.Bool("again"))
	if err != nil {
		return 0, fail(err)
	}
	e.warnNAVDay(t.Fund, t.Date, navDay)
	return id, nil
}

// unitsOrEstimate sets t's units from --units, or estimates them at the
// day's NAV; the text says which NAV when it did. Units typed far from
// what the amount buys at that NAV get a warning: 134567 for 11,900 is a
// slip of the keyboard.
func (e *env) unitsOrEstimate(c *cli.Context, l *ledger.Ledger, t *ledger.Trade) (string, error) {
	var err error
	if c.IsSet("units") {
		if t.Units, err = e.units(c); err != nil {
			return "", err
		}
		slip, err := invest.CheckUnits(ctxb, l, *t)
		if err != nil {
			return "", fail(err)
		}
		if slip != nil {
			e.printf(e.stderr, "warning: %s units for %s yen, but at the %s NAV %s that buys about %s units: check --units and --amount\n", units(t.Units), yen(t.Amount), slip.Price.Date, textable.Separated(slip.Price.NAV.String()), units(slip.Expected))
		}
		return "", nil
	}
	p, err := invest.Estimate(ctxb, l, t)
	if err != nil {
		return "", fail(err)
	}
	return e.p.Sprintf(" (estimated at the %s NAV %s)", p.Date, textable.Separated(p.NAV.String())), nil
}

// typed is a trade typed by hand, its ledger open for writing, and
// whether its account was taken from the fund's last trade.
type typed struct {
	ledger.Trade
	l           *ledger.Ledger
	lastAccount bool
}

// tradeFlags reads what every typed trade has: --fund, --date, --amount,
// --account; it opens the ledger for writing. Without --account the
// trade goes where the fund's last trade went, and the confirmation says
// so; a fund's first trade must name its account: none is assumed.
func (e *env) tradeFlags(c *cli.Context, verb string) (*typed, error) {
	var t ledger.Trade
	fund, err := e.fund(c)
	if err != nil {
		return nil, err
	}
	if c.String("date") == "" || c.String("amount") == "" {
		return nil, usage(e.p.Errorf("%s needs --date and --amount", verb))
	}
	t.Fund, t.Date = fund, c.String("date")
	if t.Amount, err = e.yen(c, "amount", true); err != nil {
		return nil, err
	}
	if c.IsSet("tax") {
		if t.Tax, err = e.yen(c, "tax", false); err != nil {
			return nil, err
		}
	}
	if c.IsSet("account") {
		if t.Account, err = e.account(c); err != nil {
			return nil, err
		}
	}
	l, err := openLedger(e, c, fundLedger)
	if err != nil {
		return nil, err
	}
	tt := &typed{Trade: t, l: l}
	if t.Account == "" {
		acct, err := invest.DefaultAccount(ctxb, l, fund)
		switch {
		case errors.Is(err, invest.ErrNoAccount):
			l.Close()
			noun := map[string]string{"buy": "purchase", "sell": "sale", "dividend": "distribution"}[verb]
			return nil, usage(e.p.Errorf("--account: which account is this %s of %s in? つみたて (nisa-tsumitate), 成長 (nisa-growth), 特定 (tokutei) or 一般 (ippan); later trades of the fund go to the same one unless told", e.p.T(noun), fund))
		case err != nil:
			l.Close()
			return nil, fail(err)
		}
		tt.Account, tt.lastAccount = acct, true
	}
	return tt, nil
}

// confirm says what was recorded, in the words of the broker's report:
// the fund, the account, the units and the yen.
func (e *env) confirm(c *cli.Context, t *typed, msg string) {
	if c.Bool("quiet") {
		return
	}
	e.println(e.stdout, msg)
	if t.lastAccount {
		e.printf(e.stdout, "  (in %s, the account of the last trade of %s; --account to choose another)\n", e.accountWord(t.Account), t.Fund)
	}
}

// fundName is the fund's code and, when its NAV file named it, its name.
func (e *env) fundName(l *ledger.Ledger, code string) string { return invest.FundLabel(ctxb, l, code) }

// accountWord is an account as the reader's broker says it.
func (e *env) accountWord(a string) string {
	return trade.Account(a).Localize(e.p)
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
			t, err := e.tradeFlags(c, "sell")
			if err != nil {
				return err
			}
			defer t.l.Close()
			t.Kind = trade.Sell
			if t.Units, err = e.units(c); err != nil {
				return err
			}
			id, err := e.record(c, t.l, t.Trade)
			if err != nil {
				return err
			}
			r, ok, err := invest.RealizedOf(ctxb, t.l, id)
			if err != nil {
				return fail(err)
			}
			msg := e.p.Sprintf("sold %s units of %s from %s for %s yen on %s", units(t.Units), e.fundName(t.l, t.Fund), e.accountWord(t.Account), yen(t.Amount), t.Date)
			if ok {
				msg += e.p.Sprintf(": cost %s yen (at the average %s yen per 10,000 units), gain %s yen", yen(r.Cost), yen(r.UnitCost), yen(r.Gain))
			}
			e.confirm(c, t, msg)
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
			t, err := e.tradeFlags(c, "dividend")
			if err != nil {
				return err
			}
			defer t.l.Close()
			t.Kind = trade.Dividend
			price := ""
			if c.Bool("reinvest") {
				t.Kind = trade.Reinvest
				if price, err = e.unitsOrEstimate(c, t.l, &t.Trade); err != nil {
					return err
				}
			}
			if _, err := e.record(c, t.l, t.Trade); err != nil {
				return err
			}
			if t.Kind == trade.Reinvest {
				e.confirm(c, t, e.p.Sprintf("reinvested %s yen of distribution in %s units of %s in %s on %s%s", yen(t.Amount), units(t.Units), e.fundName(t.l, t.Fund), e.accountWord(t.Account), t.Date, price))
			} else {
				e.confirm(c, t, e.p.Sprintf("distribution of %s yen from %s in %s on %s", yen(t.Amount), e.fundName(t.l, t.Fund), e.accountWord(t.Account), t.Date))
			}
			return nil
		},
	}
}

// warnNAVDay says when a fund published no price on a trade's day (a
// weekend, a holiday, a typo) and which day's price applies (navDay, ""
// when the day has its own).
func (e *env) warnNAVDay(fund, date, navDay string) {
	switch days := daysBetween(navDay, date); {
	case navDay == "":
	case invest.PastNAVEnd(navDay, date):
		e.printf(e.stderr, "warning: fund %s's prices end on %s, %d days before %s: the NAV of that day applies; import a newer NAV file (hanmoto invest nav import --fund %s FILE) and edit the trade\n", fund, navDay, days, date, fund)
	default:
		e.printf(e.stderr, "warning: fund %s published no NAV on %s (a weekend or a holiday?); the NAV of %s applies\n", fund, date, navDay)
	}
}
