package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/fx"
	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/hanmoto/hanmoto/sales/report"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

func ledgerFlag() cli.Flag {
	return &cli.StringFlag{Name: "ledger", Usage: "the ledger `FILE` (default $HANMOTO_LEDGER, else $XDG_DATA_HOME/hanmoto/ledger.db)"}
}

// ledgerMode says what a command does with the ledger.
type ledgerMode int

const (
	readLedger   ledgerMode = iota // never creates one
	writeLedger                    // creates it, and its folder at the default location
	dryRunLedger                   // reads one if there is one, else a throw-away empty one
	maybeLedger                    // reads one if there is one, else nil: an import opens one once a file reads well
)

// openLedger opens the ledger named by --ledger (on the command or the
// app), $HANMOTO_LEDGER or the default path. The caller closes it.
func openLedger(e *env, c *cli.Context, mode ledgerMode) (*ledger.Ledger, error) {
	path, explicit := "", true
	for _, ctx := range c.Lineage() {
		if ctx.IsSet("ledger") {
			path = ctx.String("ledger")
			if strings.TrimSpace(path) == "" {
				// never the default ledger in its place
				return nil, usage(e.p.Errorf("--ledger needs a file name"))
			}
			break
		}
	}
	if path == "" {
		path = e.getenv("HANMOTO_LEDGER")
	}
	if path == "" {
		var err error
		if path, err = ledger.DefaultPath(e.getenv); err != nil {
			return nil, usage(e.p.Errorf("no HOME: name the ledger with --ledger PATH"))
		}
		explicit = false
	}
	var l *ledger.Ledger
	var err error
	switch mode {
	case writeLedger:
		if !explicit {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, usage(err)
			}
		}
		l, err = ledger.Open(path)
	default:
		l, err = ledger.OpenExisting(path)
		var nf *ledger.NotFoundError
		if mode == dryRunLedger && errors.As(err, &nf) {
			return openScratchLedger()
		}
		if mode == maybeLedger && errors.As(err, &nf) {
			return nil, nil
		}
	}
	var nf *ledger.NotFoundError
	var se *ledger.StoreError
	switch {
	case errors.As(err, &se):
		return nil, err
	case errors.As(err, &nf):
		return nil, usage(e.p.Errorf("no ledger at %s — import a KDP report first (hanmoto sales import FILE.xlsx), or check --ledger", path))
	case errors.Is(err, fs.ErrNotExist):
		return nil, usage(e.p.Errorf("ledger %s: the folder %s does not exist (hanmoto creates only its default folder)", path, filepath.Dir(path)))
	case err != nil:
		return nil, usage(e.p.Errorf("ledger %s: %v", path, err))
	}
	return l, nil
}

// dryRunOr is the mode of an import: a dry run creates nothing.
func dryRunOr(c *cli.Context) ledgerMode {
	if c.Bool("dry-run") {
		return dryRunLedger
	}
	return writeLedger
}

func homeMode(c *cli.Context) ledgerMode {
	if c.NArg() > 0 {
		return writeLedger
	}
	return readLedger
}

// openScratchLedger is an empty ledger in a temporary folder, for a dry run
// when there is no ledger yet: nothing is created where the user looks. The
// folder goes when the ledger is closed.
func openScratchLedger() (*ledger.Ledger, error) {
	dir, err := os.MkdirTemp("", "hanmoto-dry-run")
	if err != nil {
		return nil, usage(err)
	}
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, usage(err)
	}
	l.OnClose(func() { os.RemoveAll(dir) })
	return l, nil
}

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
		Action: func(c *cli.Context) error {
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
			failed, worst := 0, exitOK
			for i, f := range files {
				err := f.Wait().Err
				if err == nil && l == nil {
					if l, err = openLedger(e, c, dryRunOr(c)); err != nil {
						return err
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
					worst = max(worst, exitCodeOf(err))
				}
				bar.update(i+1, len(files))
			}
			bar.done()
			if !quiet && !c.Bool("dry-run") && failed < len(files) {
				// lines no payment or rate converts are said once, with what to run
				if u, err := l.Unconverted(ctxb); err == nil && u.Lines > 0 {
					e.printf(e.stdout, "%d lines (%s) have no rate into %s: %s\n", u.Lines, strings.Join(u.Currencies, ", "), u.Home, e.p.Msg(u.Advice()))
				}
			}
			if failed > 0 {
				if c.NArg() > 1 {
					e.printf(e.stderr, "%d of %d files not imported; the others are in the ledger\n", failed, c.NArg())
				}
				return quietFailure(worst)
			}
			return nil
		},
	}
}

// printChanges says what an import replaced, month by month and line by line.
func printChanges(e *env, r *ledger.ImportResult) {
	w := e.stdout
	for _, ch := range r.Changes {
		if number, ok := strings.CutPrefix(ch.Source, "payment "); ok {
			e.printf(w, "  replaced payment %s with its newer report\n", number)
			continue
		}
		if ch.Source == "estimate" {
			e.printf(w, "  %s: replaced %d estimate lines (%s) with %d lines (%s)\n", ch.Month, ch.OldLines, e.totals(ch.OldTotals), ch.NewLines, e.totals(ch.NewTotals))
		} else {
			e.printf(w, "  %s: replaced %d statement lines (%s) with %d lines (%s)\n", ch.Month, ch.OldLines, e.totals(ch.OldTotals), ch.NewLines, e.totals(ch.NewTotals))
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
			e.printf(w, "    %s: %s → %s\n", lc.What, old, now)
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
	return strings.Join(parts, ", ")
}

func printImport(e *env, r *ledger.ImportResult) {
	w := e.stdout
	if r.AlreadyImported {
		e.printf(w, "%s: already imported (%s); nothing changed\n", r.File, r.ImportedAt)
		return
	}
	if r.Restored {
		e.printf(w, "%s: imported before (%s); its lines count again\n", r.File, r.ImportedAt)
		printChanges(e, r)
		return
	}
	// whole sentences, so that each reads well in Japanese
	formats := map[kdp.Kind][2]string{
		kdp.Statement: {"%s: imported statement %s, %d lines: %s\n", "%s: would import statement %s, %d lines: %s\n"},
		kdp.Payments:  {"%s: imported payments %s, %d payments: %s\n", "%s: would import payments %s, %d payments: %s\n"},
		kdp.Dashboard: {"%s: imported dashboard %s, %d lines: %s\n", "%s: would import dashboard %s, %d lines: %s\n"},
	}
	f := formats[r.Kind][0]
	if r.DryRun {
		f = formats[r.Kind][1]
	}
	e.printf(w, f, r.File, r.Period, r.Lines, e.totals(r.Totals))
	printChanges(e, r)
	if len(r.SkippedMonths) > 0 {
		e.printf(w, "  skipped %s: a statement already holds them\n", strings.Join(r.SkippedMonths, ", "))
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
		Name:        "imports",
		Usage:       "list what was imported: each file, its kind and months, its lines, when",
		Description: `One row per file the ledger took in (KDP reports and exchange-rate files), oldest first. sha256 tells two files of the same name apart.`,
		Flags:       []cli.Flag{formatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, listFormats, func(c *cli.Context, l *ledger.Ledger, format string) error {
			rs, err := l.Imports(ctxb)
			if err != nil {
				return usage(err)
			}
			t := &textable.Table{Header: []string{"imported_at", "file", "kind", "period", "lines", "sha256"}, Numeric: map[string]bool{"lines": true}}
			for _, r := range rs {
				t.Add(r.ImportedAt, r.File, r.Kind, r.Period, strconv.Itoa(r.Lines), r.SHA256[:min(12, len(r.SHA256))])
			}
			t.Label = e.p.T
			return t.Write(e.stdout, format)
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
			formatFlag("table", "table", "csv", "json"), ledgerFlag(),
		},
		Action: func(c *cli.Context) error {
			format, err := e.format(c, "table", "csv", "json")
			if err != nil {
				return err
			}
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
			return t.Write(e.stdout, format)
		},
	}
}

func salesPaymentsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "payments",
		Usage:       "list payments",
		Description: `One row per payment KDP made: marketplace, sales period, net earnings in the marketplace's currency, FX rate, and the payout in the bank's currency.`,
		Flags:       []cli.Flag{formatFlag("table", listFormats...), ledgerFlag()},
		Action: readAction(e, listFormats, func(c *cli.Context, l *ledger.Ledger, format string) error {
			ps, err := l.Payments(ctxb)
			if err != nil {
				return usage(err)
			}
			t := &textable.Table{Header: []string{"date", "number", "marketplace", "period_start", "period_end", "currency", "accrued", "withholding",
				"adjustments", "net", "fx_rate", "payout_currency", "payout_amount", "method", "status"},
				Numeric: map[string]bool{"accrued": true, "withholding": true, "adjustments": true, "net": true, "fx_rate": true, "payout_amount": true}}
			for _, p := range ps {
				t.Add(p.Date, p.Number, p.Marketplace, p.PeriodStart, p.PeriodEnd, p.Currency, p.Accrued.String(), p.Withholding.String(),
					p.Adjustments.String(), p.Net.String(), decCell(p.FXRate), p.PayoutCurrency, p.PayoutAmount.String(), p.Method, p.Status)
			}
			t.Label = e.p.T
			return t.Write(e.stdout, format)
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
			cur := strings.ToUpper(c.Args().First())
			if !kdp.Currencies[cur] {
				return usage(e.p.Errorf("unknown currency %q", c.Args().First()))
			}
			return l.SetHomeCurrency(cur)
		},
	}
}

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
						e.printf(e.stdout, "%s: %d rates written (%d changed)\n", name, res.Rates, res.Changed)
					}
				}
				return nil
			},
		}},
	}
}
