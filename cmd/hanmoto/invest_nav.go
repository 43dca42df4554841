// The invest nav commands: a fund's daily NAV (基準価額) in and out.

package main

import (
	"path/filepath"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/source"
	"github.com/urfave/cli/v2"
)

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
			failed := 0
			var worst error
			for _, path := range c.Args().Slice() {
				name := filepath.Base(path)
				file, err := source.Prices.Open(path)
				if err == nil {
					f := file.Value
					if l == nil {
						if l, err = openLedger(e, c, writeLedger); err != nil {
							return err
						}
					}
					if err == nil {
						var res *ledger.NAVResult
						if res, err = invest.ImportNAV(ctxb, l, fund, c.String("name"), name, f, c.Bool("replace")); err == nil && !c.Bool("quiet") {
							e.printf(e.stdout, "%s: fund %s, %d days %s..%s: %d added, %d already held, %d replaced\n", name, fund, len(f.Days), res.From, res.To, res.Added, res.Same, res.Replaced)
						}
					}
				}
				if err != nil {
					e.println(e.stderr, e.p.Err(err))
					failed++
					worst = worse(worst, err)
				}
			}
			if failed > 0 {
				return reported{worst}
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
			newFormatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, func(c *cli.Context, l *ledger.Ledger, format string) error {
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
			return e.table(t, format)
		}),
	}
}
