package main

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/hanmoto/hanmoto/sales/trade"
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

// accountNames are the spellings of each kind of account.
var accountNames = [][]string{
	{"nisa-tsumitate", "つみたて投資枠", "NISAつみたて投資枠", "NISA つみたて投資枠", "tsumitate", "つみたて", "つみたて枠", "積立", "積立投資枠",
		"NISA(つ)", "NISAつみたて", "NISA つみたて", "新NISAつみたて", "新NISA つみたて投資枠"},
	{"nisa-growth", "成長投資枠", "NISA成長投資枠", "NISA 成長投資枠", "growth", "成長", "成長枠", "NISA(成)", "NISA成長", "NISA 成長",
		"新NISA成長", "新NISA 成長投資枠"},
	{"nisa-old", "一般NISA", "旧NISA"},
	{"nisa-tsumitate-old", "つみたてNISA", "旧つみたてNISA"},
	{"nisa", "NISA", "ニーサ"},
	{"tokutei", "特定", "特定口座", "特定口座(源泉徴収あり)", "特定口座(源泉徴収なし)", "specific"}, {"ippan", "一般", "一般口座", "general"}}

func investFundsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "funds",
		Usage: "list the funds: the NAV held of each (first and last day, last price) and the units bought",
		Flags: []cli.Flag{newFormatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, func(c *cli.Context, l *ledger.Ledger, format string) error {
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
	return e.table(t, format)
}

func accountFlag() cli.Flag {
	return &cli.StringFlag{Name: "account", Usage: "`ACCOUNT`: nisa-tsumitate (つみたて), nisa-growth (成長), tokutei (特定), ippan (一般); before 2024 nisa-old (一般NISA) or nisa-tsumitate-old (つみたてNISA). Default: the account of the fund's last trade"}
}

func investBuyCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "buy",
		Usage: "record a purchase of fund units",
		Description: `--units is the number of units (口) the broker reports: give it when you
have it. Without it hanmoto estimates floor(amount × 10,000 ÷ NAV) at the
day's NAV and marks the purchase as estimated; units far from what the
amount buys at that NAV get a warning. --payment names the royalty
payment(s) this purchase reinvests (hanmoto sales payments lists them);
--month links every payment of that month no purchase names yet.
Without --account the purchase goes where the fund's last trade went.

   hanmoto invest buy --fund 253425 --date 2025-08-01 --amount 30000 --account つみたて --month 2025-07`,
		Flags: []cli.Flag{fundFlag(),
			newDateFlag("date", "the trade date (約定日) `YYYY-MM-DD`"),
			&cli.StringFlag{Name: "amount", Usage: "`YEN` paid for the units"},
			&cli.StringFlag{Name: "units", Usage: "`UNITS` (口) bought, as the broker reports them"},
			&cli.StringFlag{Name: "fee", Value: "0", Usage: "`YEN` of fees on top"},
			accountFlag(),
			&cli.StringSliceFlag{Name: "payment", Usage: "the KDP payment `NUMBER` this reinvests (repeatable)"},
			newMonthFlag("month", "link every payment made in `YYYY-MM` that no purchase names yet"),
			againFlag(), ledgerFlag(), quietFlag()},
		Action: func(c *cli.Context) error {
			fee, err := e.yen(c, "fee", false)
			if err != nil {
				return err
			}
			t, err := e.tradeFlags(c, "buy")
			if err != nil {
				return err
			}
			defer t.l.Close()
			t.Kind, t.Fee, t.Payments = trade.Buy, fee, c.StringSlice("payment")
			linked, err := e.monthPayments(c, t.l)
			if err != nil {
				return err
			}
			t.Payments = append(t.Payments, linked...)
			price, err := e.unitsOrEstimate(c, t.l, &t.Trade)
			if err != nil {
				return err
			}
			if _, err := e.record(c, t.l, t.Trade); err != nil {
				return err
			}
			e.confirm(c, t, e.p.Sprintf("bought %s units of %s in %s for %s yen on %s%s", units(t.Units), e.fundName(t.l, t.Fund), e.accountWord(t.Account), yen(t.Amount), t.Date, price))
			if len(linked) > 0 && !c.Bool("quiet") {
				e.printf(e.stdout, "  reinvests the %d payments of %s: %s\n", len(linked), c.String("month"), i18n.List(linked))
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

// yen is an amount of yen as a person reads it: whole, with separators
// (every display rounds in money).
func yen(d decimal.Decimal) string { return money.Format(d, "JPY") }

// units is a count of units (口) as a person reads it: 20,755.
func units(n int64) string { return money.Format(decimal.NewFromInt(n), "JPY") }

// yenPlain is an amount of yen for a script: whole, no separators.
func yenPlain(d decimal.Decimal) string { return money.Plain(d, "JPY") }

// monthPayments are the payments of --month that no purchase names yet:
// one flag instead of typing each nine-digit number.
func (e *env) monthPayments(c *cli.Context, l *ledger.Ledger) ([]string, error) {
	month := c.String("month")
	if month == "" {
		return nil, nil
	}
	p, err := invest.Load(ctxb, l)
	if err != nil {
		return nil, fail(err)
	}
	var out []string
	for _, r := range p.Unlinked(month) {
		out = append(out, r.Number)
	}
	if len(out) == 0 {
		return nil, usage(e.p.Errorf("--month %s: no payment of that month is left to link (hanmoto invest plan --payments --all --month %s shows them)", month, month))
	}
	return out, nil
}
