// rates import: exchange rates for the months KDP has not paid yet.

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/sales/fx"
	"github.com/urfave/cli/v2"
)

func ratesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "rates",
		Usage: "exchange rates for months KDP has not paid yet",
		Subcommands: []*cli.Command{{
			Name:      "import",
			Usage:     "import exchange rates from CSV: date,currency,rate",
			ArgsUsage: "FILE.csv",
			Description: `rate is the home currency's value of one unit of currency on that date:
   date,currency,rate
   2025-01-31,EUR,162.35
Royalties not yet paid convert at the last rate on or before their month's
end, and are labelled estimates. No network access is needed or used.`,
			Flags: []cli.Flag{&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "check the file, change nothing"}, ledgerFlag(), quietFlag()},
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return usage(e.p.Errorf("rates import takes one CSV file"))
				}
				path := c.Args().First()
				name := filepath.Base(path)
				data, err := inputfile.Read(path, fx.MaxFileSize)
				if err != nil {
					return usage(err)
				}
				// the file is read and checked before the ledger is opened: a
				// bad file creates no ledger
				rates, err := fx.Parse(name, data)
				if err != nil {
					return fail(err)
				}
				l, err := openLedger(e, c, dryRunOr(c))
				if err != nil {
					return err
				}
				defer l.Close()
				sum := sha256.Sum256(data)
				res, err := l.ImportRates(ctxb, name, hex.EncodeToString(sum[:]), rates, c.Bool("dry-run"))
				if err != nil {
					return fail(err)
				}
				if !c.Bool("quiet") {
					if res.AlreadyImported {
						e.printf(e.stdout, "%s: already imported; nothing changed\n", name)
					} else {
						if c.Bool("dry-run") {
							e.printf(e.stdout, "%s: %d rates would be written (%d changed); nothing was written\n", name, res.Rates, res.Changed)
						} else {
							e.printf(e.stdout, "%s: %d rates written (%d changed)\n", name, res.Rates, res.Changed)
						}
					}
				}
				return nil
			},
		}},
	}
}
