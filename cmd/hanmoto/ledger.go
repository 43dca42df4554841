// Opening the ledger: which file, and what a command may do with it.

package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hanmoto/hanmoto/sales/ledger"
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
	fundLedger                     // a trade's: never creates one (a fund's NAV must be in it already)
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
	case errors.As(err, &nf) && mode == fundLedger:
		return nil, usage(e.p.Errorf("no ledger at %s — import the fund's NAV first (hanmoto invest nav import --fund CODE FILE), or check --ledger", path))
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

// homeOf is the ledger's home currency; the default where it can't say.
func homeOf(l *ledger.Ledger) string {
	if h, err := l.HomeCurrency(); err == nil && h != "" {
		return h
	}
	return ledger.DefaultHome
}
