package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/urfave/cli/v2"
)

func investTradesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "trades",
		Usage: "every trade with its id; delete or edit one",
		Description: `Lists every trade — purchase (buy), distribution bought back (reinvest),
sale (sell), distribution paid out (dividend) — oldest first, with the id
that invest trades delete and invest trades edit take. est marks units
hanmoto estimated from the NAV rather than the broker's figure.`,
		Flags:       []cli.Flag{fundFlag(), newFormatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Subcommands: []*cli.Command{investTradesDeleteCommand(e), investTradesEditCommand(e)},
		Action: readAction(e, func(c *cli.Context, l *ledger.Ledger, format string) error {
			ts, err := l.Trades(ctxb)
			if err != nil {
				return fail(err)
			}
			fund := c.String("fund")
			var shown []ledger.Trade
			for _, t := range ts {
				if fund == "" || t.Fund == fund {
					shown = append(shown, t)
				}
			}
			if format == "json" {
				type tradeJSON struct {
					ID        int64       `json:"id"`
					Kind      string      `json:"kind"`
					Fund      string      `json:"fund"`
					Date      string      `json:"date"`
					Amount    json.Number `json:"amount"`
					Fee       json.Number `json:"fee"`
					Tax       json.Number `json:"tax"`
					Units     int64       `json:"units"`
					Estimated bool        `json:"units_estimated"`
					Account   string      `json:"account"`
					Payments  []string    `json:"payments"`
					Source    string      `json:"source"`
				}
				out := []tradeJSON{}
				for _, t := range shown {
					out = append(out, tradeJSON{t.ID, t.Kind, t.Fund, t.Date, json.Number(t.Amount.String()), json.Number(t.Fee.String()), json.Number(t.Tax.String()), t.Units, t.UnitsEstimated,
						t.Account, append([]string{}, t.Payments...), sourceName(t.Source)})
				}
				return e.writeJSON(out)
			}
			t := &textable.Table{Header: []string{"id", "date", "kind", "fund", "amount", "fee", "tax", "units", "est", "account", "payments"},
				Numeric: map[string]bool{"id": true, "amount": true, "fee": true, "tax": true, "units": true}, Label: e.p.T}
			for _, tr := range shown {
				est := ""
				if tr.UnitsEstimated {
					est = "est"
				}
				t.Add(strconv.FormatInt(tr.ID, 10), tr.Date, tr.Kind, tr.Fund, tr.Amount.String(), tr.Fee.String(), tr.Tax.String(), strconv.FormatInt(tr.Units, 10), est, tr.Account, strings.Join(tr.Payments, " "))
			}
			return e.table(e.words(t), format)
		}),
	}
}

// tradeID reads the ID operand: 12, #12 or full-width ＃１２.
func tradeID(e *env, c *cli.Context) (int64, error) {
	if c.NArg() != 1 {
		return 0, usage(e.p.Errorf("give one trade id (hanmoto invest trades lists them)"))
	}
	arg := c.Args().First()
	id, err := jinput.Whole(strings.TrimLeft(strings.TrimSpace(arg), "#＃"))
	if err != nil || id <= 0 {
		return 0, usage(e.p.Errorf("%q is not a trade id such as 12 (hanmoto invest trades lists them)", arg))
	}
	return id, nil
}

func investTradesDeleteCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "delete",
		Usage:     "delete one trade",
		ArgsUsage: "ID",
		Description: `Asks first on a terminal; a script says --yes. A trade a later sale needs
the units of can't be deleted.`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "delete without asking"}, ledgerFlag(), quietFlag()},
		Action: tradeAction(e, nil, func(c *cli.Context, l *ledger.Ledger, t ledger.Trade) error {
			held, err := l.Trades(ctxb)
			if err != nil {
				return fail(err)
			}
			if err := invest.CheckRemoval(held, t.ID); err != nil {
				return fail(e.p.Errorf("#%d can't be deleted: without it, %v", t.ID, err))
			}
			what := e.p.Sprintf("#%d: %s of %s, %s yen, %s units, in %s on %s", t.ID, e.p.T(enumWords["kind"][t.Kind]), e.fundName(l, t.Fund), yen(t.Amount), units(t.Units), e.accountWord(t.Account), t.Date)
			if !c.Bool("yes") {
				if e.askable == nil || !e.askable() {
					return usage(e.p.Errorf("delete %s? Give --yes to delete without being asked (nobody is at a terminal to answer)", what))
				}
				if !e.ask(e.p.Sprintf("delete %s?", what)) {
					e.printf(e.stderr, "nothing deleted\n")
					return nil
				}
			}
			if err := invest.Remove(ctxb, l, t.ID); err != nil {
				return fail(err)
			}
			if !c.Bool("quiet") {
				e.printf(e.stdout, "deleted %s\n", what)
			}
			return nil
		}),
	}
}

// tradeAction reads the trade ID operand, runs check on the flags, opens
// the ledger for writing and hands fn the purchase.
func tradeAction(e *env, check func(c *cli.Context) error, fn func(c *cli.Context, l *ledger.Ledger, t ledger.Trade) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		id, err := tradeID(e, c)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(c); err != nil {
				return err
			}
		}
		l, err := openLedger(e, c, fundLedger)
		if err != nil {
			return err
		}
		defer l.Close()
		t, err := l.Trade(ctxb, id)
		if err != nil {
			return fail(err)
		}
		return fn(c, l, t)
	}
}

func investTradesEditCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "edit",
		Usage:     "correct one trade's date, amount, units, fee, tax or account",
		ArgsUsage: "ID",
		Description: `Changes only what is given. A purchase whose units were estimated is
estimated again at the new date's NAV unless --units gives the broker's figure.
An edit that would sell units not held, or go past a NISA limit, is refused.`,
		Flags: []cli.Flag{
			newDateFlag("date", "the trade date (約定日) `YYYY-MM-DD`"),
			&cli.StringFlag{Name: "amount", Usage: "`YEN` paid for the units"},
			&cli.StringFlag{Name: "units", Usage: "`UNITS` (口) bought, as the broker reports them"},
			&cli.StringFlag{Name: "fee", Usage: "`YEN` of fees on top"},
			&cli.StringFlag{Name: "tax", Usage: "`YEN` of tax withheld from a sale or a distribution"},
			&cli.StringFlag{Name: "account", Usage: "`ACCOUNT`: nisa-tsumitate (つみたて), nisa-growth (成長), tokutei (特定), ippan (一般); before 2024 nisa-old (一般NISA) or nisa-tsumitate-old (つみたてNISA)"},
			&cli.StringSliceFlag{Name: "payment", Usage: "the KDP payment `NUMBER` a purchase reinvests, added to those it names (repeatable)"},
			&cli.BoolFlag{Name: "no-payments", Usage: "the purchase reinvests no payment it names (then --payment names them anew)"},
			ledgerFlag(), quietFlag()},
		Action: tradeAction(e, func(c *cli.Context) error {
			if !c.IsSet("date") && !c.IsSet("amount") && !c.IsSet("units") && !c.IsSet("fee") && !c.IsSet("tax") && !c.IsSet("account") && !c.IsSet("payment") && !c.Bool("no-payments") {
				return usage(e.p.Errorf("edit needs at least one of --date, --amount, --units, --fee, --tax, --account, --payment, --no-payments"))
			}
			return nil
		}, e.editTrade),
	}
}

func (e *env) editTrade(c *cli.Context, l *ledger.Ledger, t ledger.Trade) error {
	var err error
	if c.IsSet("date") {
		t.Date = c.String("date")
	}
	if c.IsSet("amount") {
		if t.Amount, err = e.yen(c, "amount", true); err != nil {
			return err
		}
	}
	if c.IsSet("fee") {
		if t.Fee, err = e.yen(c, "fee", false); err != nil {
			return err
		}
	}
	if c.IsSet("tax") {
		if t.Tax, err = e.yen(c, "tax", false); err != nil {
			return err
		}
	}
	if c.IsSet("account") {
		if t.Account, err = e.account(c); err != nil {
			return err
		}
	}
	if c.Bool("no-payments") {
		t.Payments = nil
	}
	if c.IsSet("payment") {
		if t.Kind != trade.Buy {
			return usage(e.p.Errorf("--payment: #%d is a %s; only a purchase reinvests a payment", t.ID, e.p.T(enumWords["kind"][t.Kind])))
		}
		t.Payments = append(t.Payments, c.StringSlice("payment")...)
	}
	switch {
	case c.IsSet("units") && t.Kind == trade.Dividend:
		return usage(e.p.Errorf("a distribution paid out has no units"))
	case c.IsSet("units"):
		if t.Units, err = e.units(c); err != nil {
			return err
		}
		t.UnitsEstimated = false
	}
	t, navDay, err := invest.Edit(ctxb, l, t)
	if err != nil {
		return fail(err)
	}
	if c.IsSet("date") {
		e.warnNAVDay(t.Fund, t.Date, navDay)
	}
	if !c.Bool("quiet") {
		e.printf(e.stdout, "#%d: %s of %s, %s yen, %s units, in %s on %s\n", t.ID, e.p.T(enumWords["kind"][t.Kind]), e.fundName(l, t.Fund), yen(t.Amount), units(t.Units), e.accountWord(t.Account), t.Date)
		if len(t.Payments) > 0 {
			e.printf(e.stdout, "  reinvests payments %s\n", i18n.List(t.Payments))
		}
	}
	return nil
}

// sourceName is where a trade came from: "manual", or the broker file.
// (A typed trade is stored with the time it was typed, which keeps two
// identical ones apart; the time is no one's business.)
func sourceName(s string) string {
	if invest.IsManual(s) {
		return "manual"
	}
	return s
}
