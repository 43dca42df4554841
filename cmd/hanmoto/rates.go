// rates import: exchange rates for the months KDP has not paid yet.

package main

import (
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/source"
	"github.com/urfave/cli/v2"
)

func ratesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rates",
		Usage: "exchange rates for months KDP has not paid yet",
		Subcommands: []*cli.Command{{
			Name:      "import",
			Usage:     "import exchange rates: the ECB's history, a bank's TTM history, or date,currency,rate",
			ArgsUsage: "FILE",
			Description: `Reads, as downloaded:
   the ECB's euro reference rates: eurofxref-hist.csv, or eurofxref-hist.zip
   a Japanese bank's TTM history: みずほ銀行's quote.csv (Shift_JIS; 確定申告
     takes TTM), IDR and KRW quoted per 100 units
   a CSV of date,currency,rate, rate the home currency's value of one unit:
     2025-01-31,EUR,162.35
Rates are into the home currency (hanmoto sales home: JPY unless set),
worked out from the file's own for each day. Royalties not yet paid convert
at the last rate on or before their month's end, and are labelled
estimates. No network access is needed or used.`,
			Flags: []cli.Flag{&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "check the file, change nothing"}, ledgerFlag(), quietFlag()},
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return usage(e.p.Errorf("rates import takes one rates file"))
				}
				// the file is read and checked before the ledger is opened to
				// write: a bad file creates no ledger
				home := ledger.DefaultHome
				if l, err := openLedger(e, c, maybeLedger); err != nil {
					return err
				} else if l != nil {
					home, err = l.HomeCurrency()
					l.Close()
					if err != nil {
						return usage(err)
					}
				}
				f, err := source.Rates(home).Open(c.Args().First())
				if err != nil {
					return err
				}
				name, rates, form := f.Name, f.Value.Rates, f.Value.Form
				l, err := openLedger(e, c, dryRunOr(c))
				if err != nil {
					return err
				}
				defer l.Close()
				res, err := l.ImportRates(ctxb, name, f.SHA256, rates, c.Bool("dry-run"))
				if err != nil {
					return fail(err)
				}
				if !c.Bool("quiet") {
					if res.AlreadyImported {
						e.printf(e.stdout, "%s: already imported; nothing changed\n", name)
					} else {
						if c.Bool("dry-run") {
							e.printf(e.stdout, "%s (%s): %d rates into %s would be written (%d changed); nothing was written\n", name, e.p.T(string(form)), res.Rates, home, res.Changed)
						} else {
							e.printf(e.stdout, "%s (%s): %d rates into %s written (%d changed)\n", name, e.p.T(string(form)), res.Rates, home, res.Changed)
						}
					}
				}
				return nil
			},
		}},
	}
}
