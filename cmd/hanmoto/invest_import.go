// invest import: a broker's trade history.

package main

import (
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/source"
	"github.com/urfave/cli/v2"
)

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
			f, err := source.Trades.Open(c.Args().First())
			if err != nil {
				return err
			}
			name, hist := f.Name, f.Value
			l, err := openLedger(e, c, fundLedger)
			if err != nil {
				return err
			}
			defer l.Close()
			added, err := invest.Import(ctxb, l, name, hist, invest.ImportOptions{Fund: c.String("fund"), Again: c.Bool("again"), NISAFrame: frame})
			if err != nil {
				return fail(err)
			}
			trades := hist.Records
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
