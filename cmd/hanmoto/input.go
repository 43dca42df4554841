package main

import (
	"strings"

	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

// The flags' values as a Japanese keyboard types them. Each checker puts
// the value back in its canonical form (c.Set), so the command reads
// c.String as before, and a value it can't read is one line saying what was
// expected.

// formatNames are the spellings of each output format.
var formatNames = map[string][]string{
	"table":    {"table", "表", "テーブル"},
	"text":     {"text", "テキスト"},
	"csv":      {"csv"},
	"json":     {"json"},
	"markdown": {"markdown", "md", "マークダウン"},
}

// formatFlag is a command's --format: the formats it writes are said once,
// here, and the flag is checked and put in its canonical form (表 → table)
// with the other flags, before the command runs (normalizeFlags).
type formatFlag struct {
	cli.StringFlag
	allowed []string
}

func newFormatFlag(def string, allowed ...string) *formatFlag {
	return &formatFlag{cli.StringFlag{Name: "format", Value: def, Usage: "output `FORMAT`: " + strings.Join(allowed, ", ")}, allowed}
}

// readAction is the shape of every command that reads the ledger and
// prints in one of its formats: it opens the ledger read-only (creating
// nothing) and closes it after fn.
func readAction(e *env, fn func(c *cli.Context, l *ledger.Ledger, format string) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		format := e.format(c)
		l, err := openLedger(e, c, readLedger)
		if err != nil {
			return err
		}
		defer l.Close()
		return fn(c, l, format)
	}
}

// listFormats are the formats of the commands that list rows.
var listFormats = []string{"table", "csv", "json"}

// format is the command's --format, checked already.
func (e *env) format(c *cli.Context) string { return c.String("format") }

// checkFormat puts a --format value in its canonical form, or says which
// formats the command writes.
func (e *env) checkFormat(c *cli.Context, f *formatFlag) error {
	var names [][]string
	for _, a := range f.allowed {
		names = append(names, formatNames[a])
	}
	v, ok := jinput.Choice(c.String("format"), names...)
	if !ok {
		return usage(e.p.Errorf("--format %q: use %s", c.String("format"), strings.Join(f.allowed, ", ")))
	}
	return c.Set("format", v)
}

// dateFlag is a flag whose value is a day, typed any way a Japanese
// keyboard types it (2024-01-04, 2024/1/4, 2024年1月4日, R6.1.4, full
// width); monthFlag a month (2024-01, 2024/1, 2024年1月, R6.1). Their
// kind is their type: every one is put in its canonical form before any
// action runs (normalizeFlags), so no command can read one unread — as
// invest status --date 2025年6月30日 once valued the portfolio on the last
// NAV day instead.
type (
	dateFlag  struct{ cli.StringFlag }
	monthFlag struct{ cli.StringFlag }
)

func newDateFlag(name, usage string) *dateFlag {
	return &dateFlag{cli.StringFlag{Name: name, Usage: usage}}
}

func newMonthFlag(name, usage string) *monthFlag {
	return &monthFlag{cli.StringFlag{Name: name, Usage: usage}}
}

// normalizeFlags puts every date and month flag of the command in its
// canonical form, or says which one it can't read.
func (e *env) normalizeFlags(c *cli.Context) error {
	for _, f := range c.Command.Flags {
		var read func(string) (string, error)
		switch f := f.(type) {
		case *formatFlag:
			if err := e.checkFormat(c, f); err != nil {
				return err
			}
			continue
		case *dateFlag:
			read = jinput.Date
		case *monthFlag:
			read = jinput.Month
		default:
			continue
		}
		if err := e.normalize(c, f.Names()[0], read); err != nil {
			return err
		}
	}
	return nil
}

func (e *env) normalize(c *cli.Context, flag string, read func(string) (string, error)) error {
	v := c.String(flag)
	if v == "" {
		return nil
	}
	n, err := read(v)
	if err != nil {
		return usage(e.p.Errorf("--%s: %v", flag, err))
	}
	return c.Set(flag, n)
}

// fund is the --fund a command needs.
func (e *env) fund(c *cli.Context) (string, error) {
	f := jinput.Fold(c.String("fund"))
	if f == "" {
		return "", usage(e.p.Errorf("--fund CODE is required"))
	}
	return f, nil
}

// yen reads an amount flag (full-width, 円 and commas accepted).
func (e *env) yen(c *cli.Context, flag string, positive bool) (decimal.Decimal, error) {
	v, err := jinput.Amount(c.String(flag))
	switch {
	case positive && (err != nil || !v.IsPositive()):
		return v, usage(e.p.Errorf("--%s %q is not a positive amount of yen", flag, c.String(flag)))
	case err != nil || v.IsNegative():
		return v, usage(e.p.Errorf("--%s %q is not an amount of yen", flag, c.String(flag)))
	}
	return v, nil
}

// units reads --units: the broker's whole number of units.
func (e *env) units(c *cli.Context) (int64, error) {
	n, err := jinput.Whole(c.String("units"))
	if err != nil || n <= 0 {
		return 0, usage(e.p.Errorf("--units %q: give the whole number of units (口) the broker reports, such as 12345", c.String("units")))
	}
	return n, nil
}

// account reads --account in any of its spellings.
func (e *env) account(c *cli.Context) (string, error) {
	acct, ok := jinput.Choice(c.String("account"), accountNames...)
	if !ok {
		return "", usage(e.p.Errorf("--account %q: use nisa-tsumitate (つみたて投資枠), nisa-growth (成長投資枠), tokutei (特定) or ippan (一般); before 2024 nisa-old (一般NISA) or nisa-tsumitate-old (つみたてNISA)", c.String("account")))
	}
	return acct, nil
}
