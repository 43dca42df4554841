package main

import (
	"strings"

	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/sales/ledger"
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

func formatFlag(def string, allowed ...string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Value: def, Usage: "output `FORMAT`: " + strings.Join(allowed, ", ")}
}

// readAction is the shape of every command that reads the ledger and
// prints in one of formats: it checks --format, opens the ledger read-only
// (creating nothing) and closes it after fn.
func readAction(e *env, formats []string, fn func(c *cli.Context, l *ledger.Ledger, format string) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		format, err := e.format(c, formats...)
		if err != nil {
			return err
		}
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

// format checks --format against the formats a command writes.
func (e *env) format(c *cli.Context, allowed ...string) (string, error) {
	var names [][]string
	for _, a := range allowed {
		names = append(names, formatNames[a])
	}
	f, ok := jinput.Choice(c.String("format"), names...)
	if !ok {
		return "", usage(e.p.Errorf("--format %q: use %s", c.String("format"), strings.Join(allowed, ", ")))
	}
	return f, nil
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
		switch f.(type) {
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
