package main

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/manuscript/lint"
	"github.com/urfave/cli/v2"
)

func lintCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "proofread a manuscript for Japanese novel conventions (校正)",
		ArgsUsage: "[DIR]",
		Description: `Checks every episode of DIR (default: the current folder) and prints one
finding a line, the way compilers do, so editors jump to it:

   chapters/003.md:14:7: warning: ellipsis-even: "…" should come in pairs ("……")

--fix applies the fixes that are certain (trailing spaces, invisible
characters, half-width katakana, kana split from their 濁点), writing each file
atomically; a second --fix changes nothing. A style rule's fix (a missing
「　」, 。」, odd ……, ・・・) is applied only when book.yaml names the rule:
lint: {fix: [punct-before-close]}. It never touches ruby readings, code or HTML.

Silence a rule for the next line with <!-- hanmoto-lint-disable RULE -->,
or for the book in book.yaml:  lint: {disable: [digits], severity: {tab: error}}

Exit status: 0 nothing found, 1 findings remain, 2 usage or I/O errors.`,
		Flags: []cli.Flag{
			newFormatFlag("text", "text", "json"),
			&cli.BoolFlag{Name: "fix", Usage: "apply the certain fixes in place"},
			&cli.StringFlag{Name: "rule", Usage: "run only these rules (`ID,...`)"},
			&cli.StringFlag{Name: "disable", Usage: "never run these rules (`ID,...`)"},
			&cli.BoolFlag{Name: "list-rules", Usage: "list the rules and exit"},
			&cli.StringFlag{Name: "volume", Usage: "lint volume `N` of a serial (book.yaml's volumes:) as a book of its own"},
			quietFlag(),
		},
		Action: func(c *cli.Context) error { return e.lint(c) },
	}
}

func (e *env) lint(c *cli.Context) error {
	if c.Bool("list-rules") {
		for _, r := range lint.Rules {
			sev := e.p.T(r.Severity)
			e.printf(e.stdout, "%-21s %s%s %s\n", r.ID, sev, strings.Repeat(" ", max(0, 8-textable.DisplayWidth(sev))), e.p.T(r.Summary))
		}
		return nil
	}
	if c.NArg() > 1 {
		return usage(e.p.Errorf("lint takes one manuscript folder"))
	}
	format := e.format(c)
	dir := c.Args().First()
	if dir == "" {
		dir = "."
	}
	if err := e.inputDir(dir); err != nil {
		return err
	}
	opt := lint.Options{Only: splitList(c.String("rule")), Disable: splitList(c.String("disable")), Volume: c.String("volume")}
	if c.Bool("fix") {
		n, files, skipped, err := lint.FixAll(dir, opt)
		if err != nil {
			return lintError(e, dir, err)
		}
		for _, s := range skipped {
			e.printf(e.stderr, "%s: not fixed: %v\n", filepath.ToSlash(filepath.Join(dir, s.File)), e.p.Err(s.Err))
		}
		if n > 0 && !c.Bool("quiet") {
			e.printf(e.stderr, "fixed %d problems in %d files\n", n, len(files))
		}
	}
	res, err := lint.Run(dir, opt)
	if err != nil {
		return lintError(e, dir, err)
	}
	// places relative to where the user stands, as build's errors are,
	// so that an editor opens them from there
	for i := range res.Findings {
		if dir != "." {
			res.Findings[i].File = filepath.ToSlash(filepath.Join(dir, res.Findings[i].File))
		}
	}
	if format == "json" {
		// the keys are a script's, the message the reader's
		fs := []lint.Finding{}
		for _, f := range res.Findings {
			f.Message = f.Text(e.p)
			fs = append(fs, f)
		}
		if err := e.writeJSON(fs); err != nil {
			return usage(err)
		}
	} else {
		for _, f := range res.Findings {
			e.println(e.stdout, f.Localize(e.p))
		}
	}
	if len(res.Findings) > 0 {
		return findingsRemain{}
	}
	return nil
}

// lintError sorts usage mistakes (an unknown rule) from manuscript errors.
func lintError(e *env, dir string, err error) error {
	var unknown *lint.UnknownRuleError
	var bad *lint.UsageError
	if errors.As(err, &unknown) || errors.As(err, &bad) {
		return usage(err)
	}
	return manuscriptError(e, dir, err)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
