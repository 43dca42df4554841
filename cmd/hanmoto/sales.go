package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/hanmoto/hanmoto/sales/report"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

func salesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "sales",
		Usage: "KDP royalty reports → a ledger (import, list, payments)",
		Description: `The ledger keeps every royalty line and payment KDP reported, to the last
yen or cent. Statements (Prior Months' Royalties) are the truth for their
month; reports-dashboard exports fill months without one and are marked as
estimates; the Payments report says what was paid, when, at which FX rate.

   hanmoto sales import ~/Downloads/*.xlsx
   hanmoto sales list --month 2025-01
   hanmoto sales payments --format csv`,
		Subcommands: []*cli.Command{salesImportCommand(e), salesImportsCommand(e), salesListCommand(e), salesPaymentsCommand(e), salesHomeCommand(e)},
	}
}

func decCell(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func salesImportsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "imports",
		Usage: "list what was imported: each file, its kind and months, its lines, when",
		Description: `One row per file the ledger took in (KDP reports and exchange-rate files), oldest first. sha256 tells two files of the same name apart.
made is when KDP made the download, which decides which of two downloads
counts; made_from says where that was read: the workbook, the name KDP gave
the file (its workbooks of 2017–2020 all carry one template time), or, when
neither says, the latest day its rows hold (such downloads of one day are
then ordered by their content, never by the order of import).`,
		Flags: []cli.Flag{newFormatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, func(c *cli.Context, l *ledger.Ledger, format string) error {
			rs, err := l.Imports(ctxb)
			if err != nil {
				return usage(err)
			}
			t := &textable.Table{Header: []string{"imported_at", "file", "kind", "period", "made", "made_from", "lines", "sha256"}, Numeric: map[string]bool{"lines": true},
				Drop: []string{"made_from", "made"}}
			for _, r := range rs {
				t.Add(r.ImportedAt, r.File, r.Kind, r.Period, r.Created, r.CreatedFrom, strconv.Itoa(r.Lines), r.SHA256[:min(12, len(r.SHA256))])
			}
			t.Label = e.p.T
			return e.table(e.words(t), format)
		}),
	}
}

func salesListCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list royalty lines",
		Description: `One line per title, marketplace, format and month, as KDP reported it.
source is statement or estimate (a dashboard export). royalty_home is the
royalty in the home currency (hanmoto sales home): home_basis says how —
payment (the payment's FX rate), rate (an imported rate: an estimate), or
none when no rate is known.`,
		Flags: []cli.Flag{
			newMonthFlag("month", "only `YYYY-MM`"),
			newMonthFlag("from", "from `YYYY-MM`"),
			newMonthFlag("to", "to `YYYY-MM` (inclusive)"),
			&cli.StringFlag{Name: "title", Usage: "titles containing `TEXT`"},
			&cli.StringFlag{Name: "marketplace", Usage: "only `MARKETPLACE` (Amazon.co.jp, …)"},
			newFormatFlag("table", "table", "csv", "json"), ledgerFlag(),
		},
		Action: func(c *cli.Context) error {
			format := e.format(c)
			l, err := openLedger(e, c, readLedger)
			if err != nil {
				return err
			}
			defer l.Close()
			home, err := l.HomeCurrency()
			if err != nil {
				return usage(err)
			}
			rs, err := l.Royalties(context.Background(), ledger.Filter{Month: c.String("month"), From: c.String("from"), To: c.String("to"),
				Title: c.String("title"), Marketplace: c.String("marketplace")})
			if err != nil {
				return usage(err)
			}
			t := report.RoyaltyTable(rs, home, format == "json")
			t.Label = e.p.T
			return e.table(e.words(t), format)
		},
	}
}

func salesPaymentsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "payments",
		Usage:       "list payments",
		Description: `One row per payment KDP made: marketplace, sales period, net earnings in the marketplace's currency, FX rate, and the payout in the bank's currency.`,
		Flags:       []cli.Flag{newFormatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, func(c *cli.Context, l *ledger.Ledger, format string) error {
			ps, err := l.Payments(ctxb)
			if err != nil {
				return usage(err)
			}
			t := &textable.Table{Header: []string{"date", "number", "marketplace", "period_start", "period_end", "currency", "accrued", "withholding",
				"adjustments", "net", "fx_rate", "payout_currency", "payout_amount", "method", "status"},
				Numeric: map[string]bool{"accrued": true, "withholding": true, "adjustments": true, "net": true, "fx_rate": true, "payout_amount": true},
				Drop:    []string{"period_start", "period_end", "method", "status", "adjustments", "withholding", "accrued", "number"}}
			// people read each amount in its currency's style (1,234.50);
			// scripts get the figures as KDP gave them
			amt := func(d decimal.Decimal, cur string) string {
				if format == "table" {
					return money.Format(d, cur)
				}
				return d.String()
			}
			for _, p := range ps {
				t.Add(p.Date, p.Number, p.Marketplace, p.PeriodStart, p.PeriodEnd, p.Currency, amt(p.Accrued, p.Currency), amt(p.Withholding, p.Currency),
					amt(p.Adjustments, p.Currency), amt(p.Net, p.Currency), decCell(p.FXRate), p.PayoutCurrency, amt(p.PayoutAmount, p.PayoutCurrency), p.Method, p.Status)
			}
			t.Label = e.p.T
			return e.table(e.words(t), format)
		}),
	}
}

func salesHomeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "home",
		Usage:     "show or set the home currency totals are converted into (default JPY)",
		ArgsUsage: "[CURRENCY]",
		Flags:     []cli.Flag{ledgerFlag()},
		Action: func(c *cli.Context) error {
			l, err := openLedger(e, c, homeMode(c))
			if err != nil {
				return err
			}
			defer l.Close()
			if c.NArg() == 0 {
				h, err := l.HomeCurrency()
				if err != nil {
					return usage(err)
				}
				fmt.Fprintln(e.stdout, h)
				return nil
			}
			cur := strings.ToUpper(jinput.Fold(c.Args().First()))
			if !royalty.Currencies[cur] {
				return usage(e.p.Errorf("unknown currency %q", c.Args().First()))
			}
			if err := l.SetHomeCurrency(cur); err != nil {
				return err
			}
			e.printf(e.stdout, "home currency: %s — totals and reports are in %s, and rates files are read into it\n", cur, cur)
			return nil
		},
	}
}
