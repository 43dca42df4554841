// Command hanmoto (版元, "the publisher") takes a serialized web novel from
// its Markdown episodes to a Kindle book, and keeps the books of what it earns.
//
// This package parses flags, wires the packages together and prints; the
// work itself lives in manuscript, epub and sales.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the input is wrong: a manuscript error, findings remain
	exitUsage = 2 // the command line is wrong, or the machine failed us
)

// exitError carries an exit code through urfave/cli.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func fail(err error) error  { return &exitError{exitFail, err} }
func usage(err error) error { return &exitError{exitUsage, err} }

// quietFailure is an exit code whose message was printed already.
type quietFailure int

func (q quietFailure) Error() string { return fmt.Sprintf("exit %d", int(q)) }

// env is what a command may touch of the outside world, so tests can run
// commands with and without a terminal.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(io.Writer) bool
}

func main() {
	os.Exit(run(os.Args, &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: isTerminal}))
}

func run(args []string, e *env) int {
	app := newApp(e)
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	var q quietFailure
	if errors.As(err, &q) {
		return int(q)
	}
	var ee *exitError
	code := exitUsage
	if errors.As(err, &ee) {
		code = ee.code
	}
	fmt.Fprintf(e.stderr, "hanmoto: %v\n", err)
	return code
}

func newApp(e *env) *cli.App {
	return &cli.App{
		Name:  "hanmoto",
		Usage: "版元 — from a web novel's Markdown episodes to a Kindle book, and the books of what it earns",
		Description: `From the manuscript to the book — a manuscript is a folder: book.yaml and
chapters/ with one Markdown file per episode (sub-folders are parts):

   hanmoto init mynovel                  start one
   hanmoto lint mynovel [--fix]          proofread: 「　」, 。」, ……, ruby…
   hanmoto build mynovel                 write mynovel/dist/<title>.epub for KDP
   hanmoto check mynovel/dist/*.epub     KDP's rules and epubcheck

From the book to the money — one ledger file (--ledger, $HANMOTO_LEDGER):

   hanmoto sales import ~/Downloads/*.xlsx    KDP statements, payments, dashboard
   hanmoto report monthly                     what each month earned, in yen
   hanmoto invest nav import --fund 253425 nav.csv
   hanmoto invest buy --fund 253425 --date 2025-08-01 --amount 30000
   hanmoto invest status                      what the royalties became
   hanmoto report html -o report.html         all of it on one offline page

Every command has --help. Exit status: 0 success, 1 the input has problems,
2 usage or system errors. Colour only on a terminal, never with NO_COLOR.`,
		Writer:         e.stdout,
		ErrWriter:      e.stderr,
		HideVersion:    true,
		Commands:       []*cli.Command{initCommand(e), lintCommand(e), buildCommand(e), checkCommand(e), salesCommand(e), ratesCommand(e), investCommand(e), reportCommand(e), chartCommand(e)},
		Flags:          []cli.Flag{ledgerFlag()},
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return usage(fmt.Errorf("%v (see hanmoto %s --help)", err, c.Command.Name))
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usage(fmt.Errorf("no command %q (see hanmoto --help)", c.Args().First()))
			}
			return cli.ShowAppHelp(c)
		},
	}
}
