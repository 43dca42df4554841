// sales import: KDP's workbooks into the ledger, and what each changed.

package main

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/urfave/cli/v2"
)

func salesImportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import KDP report workbooks (statements, payments, dashboard exports)",
		ArgsUsage: "FILE.xlsx...",
		Description: `Each file is recognised by its sheets and headers (English or Japanese
interface) and imported in one transaction: a bad file changes nothing, and
the files before it stay imported. A file imported before changes nothing.
A statement for a month already held replaces that month's lines and says
what changed. --dry-run shows what would happen and writes nothing.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "show what would change, change nothing"},
			ledgerFlag(), quietFlag(),
		},
		Action: func(c *cli.Context) error { return e.salesImport(c) },
	}
}

func (e *env) salesImport(c *cli.Context) error {
	if c.NArg() == 0 {
		return usage(e.p.Errorf("sales import needs at least one report file"))
	}
	// no ledger is created before a file is known to be a report:
	// a failed import leaves no empty ledger behind
	l, err := openLedger(e, c, maybeLedger)
	if err != nil {
		return err
	}
	var known func(string) bool
	if l != nil {
		known = func(sha string) bool {
			_, ok, err := l.ImportedAt(ctxb, sha)
			return err == nil && ok
		}
	}
	defer func() {
		if l != nil {
			l.Close()
		}
	}()
	quiet := c.Bool("quiet")
	bar := newProgress(e, "importing", quiet || c.NArg() < 5)
	files := kdp.ReadAll(c.Args().Slice(), known)
	failed := 0
	var worst error
	for i, f := range files {
		err := f.Wait().Err
		if err == nil && l == nil {
			if l, err = openLedger(e, c, dryRunOr(c)); err != nil {
				return err
			}
		}
		if err == nil && f.Report != nil {
			// columns of figures nothing reads: always said, -q or not
			for _, m := range f.Report.Notes {
				bar.clear()
				e.println(e.stderr, e.p.Sprintf("warning: %s", e.p.Msg(m)))
			}
		}
		if err == nil {
			var res *ledger.ImportResult
			if !f.Known {
				res, err = l.Import(ctxb, f.Report, ledger.ImportOptions{DryRun: c.Bool("dry-run")})
			} else {
				// imported before: it counts again where an edited copy took its place
				res, err = l.Restore(ctxb, f.SHA256, ledger.ImportOptions{DryRun: c.Bool("dry-run")})
				if res != nil {
					res.File = filepath.Base(f.Path)
				}
			}
			if err == nil && !quiet {
				bar.clear()
				printImport(e, res)
			}
		}
		if err != nil {
			bar.clear()
			e.println(e.stderr, e.p.Err(err))
			failed++
			worst = worse(worst, err)
		}
		bar.update(i+1, len(files))
	}
	bar.done()
	if !quiet && !c.Bool("dry-run") && failed < len(files) {
		// lines no payment or rate converts are said once, with what to run
		if u, err := l.Unconverted(ctxb); err == nil && u.Lines > 0 {
			e.printf(e.stdout, "%d lines (%s) have no rate into %s: %s\n", u.Lines, i18n.List(u.Currencies), u.Home, e.p.Msg(u.Advice()))
		}
	}
	if failed > 0 {
		if c.NArg() > 1 {
			e.printf(e.stderr, "%d of %d files not imported; the others are in the ledger\n", failed, c.NArg())
		}
		return reported{worst}
	}
	return nil
}

// printChanges says what an import replaced, month by month and line by line.
func printChanges(e *env, r *ledger.ImportResult) {
	w := e.stdout
	// a dry run says what it would do, never that it did
	payment, estimate, statement := "  replaced payment %s with its newer report\n",
		"  %s: replaced %d estimate lines (%s) with %d lines (%s)\n", "  %s: replaced %d statement lines (%s) with %d lines (%s)\n"
	if r.DryRun {
		payment, estimate, statement = "  would replace payment %s with its newer report\n",
			"  %s: would replace %d estimate lines (%s) with %d lines (%s)\n", "  %s: would replace %d statement lines (%s) with %d lines (%s)\n"
	}
	for _, ch := range r.Changes {
		if number, ok := strings.CutPrefix(ch.Source, "payment "); ok {
			e.printf(w, payment, number)
			continue
		}
		if ch.Source == "estimate" {
			e.printf(w, estimate, ch.Month, ch.OldLines, e.totals(ch.OldTotals), ch.NewLines, e.totals(ch.NewTotals))
		} else {
			e.printf(w, statement, ch.Month, ch.OldLines, e.totals(ch.OldTotals), ch.NewLines, e.totals(ch.NewTotals))
		}
		// which lines, not only the totals
		for _, lc := range ch.Lines {
			old, now := lc.Old, lc.New
			if old == "" {
				old = "—"
			}
			if now == "" {
				now = "—"
			}
			e.printf(w, "    %s: %s → %s\n", e.lineWhat(lc), old, now)
		}
		if ch.More > 0 {
			e.printf(w, "    and %d more lines\n", ch.More)
		}
	}
}

func (e *env) totals(t ledger.Totals) string {
	var parts []string
	for _, cur := range t.Currencies() {
		parts = append(parts, cur+" "+money.Format(t[cur], cur))
	}
	if len(parts) == 0 {
		return e.p.T("nothing")
	}
	return strings.Join(parts, e.p.T(", "))
}

func printImport(e *env, r *ledger.ImportResult) {
	w := e.stdout
	if r.AlreadyImported {
		e.printf(w, "%s: already imported (%s); nothing changed\n", r.File, localTime(r.ImportedAt))
		return
	}
	if r.Restored {
		if r.DryRun {
			e.printf(w, "%s: imported before (%s); its lines would count again\n", r.File, localTime(r.ImportedAt))
		} else {
			e.printf(w, "%s: imported before (%s); its lines count again\n", r.File, localTime(r.ImportedAt))
		}
		printChanges(e, r)
		return
	}
	// whole sentences, so that each reads well in Japanese
	formats := map[royalty.Kind][2]string{
		royalty.Statement: {"%s: imported statement %s, %d lines: %s\n", "%s: would import statement %s, %d lines: %s\n"},
		royalty.Payments:  {"%s: imported payments %s, %d payments: %s\n", "%s: would import payments %s, %d payments: %s\n"},
		royalty.Dashboard: {"%s: imported dashboard %s, %d lines: %s\n", "%s: would import dashboard %s, %d lines: %s\n"},
	}
	f := formats[r.Kind][0]
	if r.DryRun {
		f = formats[r.Kind][1]
	}
	e.printf(w, f, r.File, strings.Replace(r.Period, "..", e.p.T(".."), 1), r.Lines, e.totals(r.Totals))
	printChanges(e, r)
	if len(r.SkippedMonths) > 0 {
		e.printf(w, "  skipped %s: a statement already holds them\n", i18n.List(r.SkippedMonths))
	}
}

// lineWhat names a line of a report in the reader's words: its title, and
// in brackets its marketplace, format and KDP's type of transaction.
func (e *env) lineWhat(lc ledger.LineChange) string {
	parts := []string{lc.Marketplace, e.p.T(enumWords["format"][lc.Format])}
	if lc.Type != "" {
		parts = append(parts, lc.Type)
	}
	what := lc.Title + " (" + strings.Join(parts, e.p.T(", ")) + ")"
	if lc.Seq > 0 {
		what += " #" + strconv.Itoa(lc.Seq+1)
	}
	return what
}
