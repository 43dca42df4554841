// Command hanmoto (版元, "the publisher") takes a serialized web novel from
// its Markdown episodes to a Kindle book, and keeps the books of what it earns.
//
// This package parses flags, wires the packages together and prints; the
// work itself lives in manuscript, epub and sales. Every text a person reads
// goes through the env's Printer (internal/i18n), in Japanese under a
// Japanese locale.
package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/safe"
	"github.com/urfave/cli/v2"
)

// inputDir checks that a folder named on the command line is there.
func (e *env) inputDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return usage(err)
	}
	if !fi.IsDir() {
		return usage(e.p.Errorf("%s is not a folder: name the manuscript folder (the one holding book.yaml)", dir))
	}
	return nil
}

// env is what a command may touch of the outside world, so tests can run
// commands with and without a terminal, in either language.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(io.Writer) bool
	p              i18n.Printer
	wide           bool // --wide: tables at their full width
	// stdin and askable: a question may be put to the person at the
	// terminal (stdin and stderr both one); never to a script
	stdin   io.Reader
	askable func() bool
}

// printf prints a message from the catalog in the reader's language.
// Data (titles, file names) never brings a control character to the
// terminal: an escape sequence in a title would retitle it.
func (e *env) printf(w io.Writer, format string, args ...any) {
	io.WriteString(w, safe.TerminalText(e.p.Sprintf(format, args...)))
}

// println prints one line of data safely.
func (e *env) println(w io.Writer, s string) {
	io.WriteString(w, safe.TerminalText(s)+"\n")
}

func main() {
	// A run lasts a fraction of a second: half the collections for a few
	// MiB more (lint of the 1,000-episode novel: 0.104 → 0.092 s, 51 → 52
	// MiB; build unchanged). GOGC, when set, still rules.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	os.Exit(run(os.Args, &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: isTerminal,
		stdin: os.Stdin, askable: func() bool { return isTerminal(os.Stdin) && isTerminal(os.Stderr) }}))
}

func run(args []string, e *env) int {
	e.p = i18n.Printer{Lang: i18n.Detect(e.getenv)}
	app := newApp(e)
	cl := parseCommandLine(app, imeFlags(args))
	if cl.lang != "" {
		lang, ok := i18n.ParseLang(cl.lang)
		if !ok {
			err := usage(e.p.Errorf("--lang %q: use ja or en", cl.lang))
			e.printf(e.stderr, "hanmoto: %s\n", e.p.Err(cause(err)))
			return exitCodeOf(err)
		}
		e.p.Lang = lang
	}
	e.wide = cl.wide
	if cl.help {
		writeHelp(e.stdout, e.p, app, cl.path)
		return exitOK
	}
	// the command line's mistakes, said before anything runs: the flag
	// package's own complaints have no types to tell them apart by
	var clErr error
	switch {
	case cl.unknown != "":
		clErr = unknownFlag(e.p, cl)
	case cl.noValue != "":
		clErr = e.p.Errorf("%s needs a value (one that starts with - is written %s=VALUE)", cl.noValue, cl.noValue)
	case cl.badFlag != "":
		clErr = e.p.Errorf("%s %q is not a number", cl.badFlag, cl.badValue)
	}
	if clErr != nil {
		e.printf(e.stderr, "hanmoto: %s\n", e.p.Err(clErr))
		return exitCodeOf(usage(clErr))
	}
	err := app.Run(cl.args)
	if err == nil {
		return exitOK
	}
	if !printed(err) {
		e.printf(e.stderr, "hanmoto: %s\n", e.p.Err(cause(err)))
	}
	return exitCodeOf(err)
}

func newApp(e *env) *cli.App {
	app := &cli.App{
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
   hanmoto invest nav import nav.csv --fund 253425
   hanmoto invest buy --fund 253425 --date 2025-08-01 --amount 30000
   hanmoto invest status                      what the royalties became
   hanmoto report html -o report.html         all of it on one offline page

Flags may come before or after the operands; -- ends them. Messages are in
Japanese under a Japanese locale (LANG=ja_JP.UTF-8), or with --lang ja.
Every command has --help. Exit status: 0 success, 1 the input has problems,
2 usage or system errors. Colour only on a terminal, never with NO_COLOR.`,
		Writer:               e.stdout,
		ErrWriter:            e.stderr,
		HideVersion:          true,
		HideHelp:             true,
		EnableBashCompletion: true,
		Commands: []*cli.Command{initCommand(e), lintCommand(e), buildCommand(e), printCommand(e), checkCommand(e), previewCommand(e), volumesCommand(e), salesCommand(e), ratesCommand(e),
			investCommand(e), reportCommand(e), chartCommand(e), versionCommand(e), completionCommand(e)},
		Flags: []cli.Flag{ledgerFlag(),
			&cli.BoolFlag{Name: "wide", Usage: "tables at their full width, however wide the terminal (default: fitted to $COLUMNS)"},
			&cli.StringFlag{Name: "lang", Usage: "messages in `LANG`: ja or en (default: from LC_ALL, LC_MESSAGES, LANG)"},
			&cli.BoolFlag{Name: "version", Aliases: []string{"V"}, Usage: "print the version and the commit it was built from"}},
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return usage(e.p.Errorf("%v (see %s --help)", err, "hanmoto"))
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				return printVersion(e)
			}
			if c.NArg() > 0 {
				return noCommand(e, c.Args().First(), c.App.Commands, "hanmoto")
			}
			writeHelp(e.stdout, e.p, c.App, nil)
			return nil
		},
	}
	prepareCommands(e, app, nil, app.Commands)
	return app
}

// prepareCommands leaves the help to writeHelp and the flag errors to one
// handler, and makes a command that holds commands print its help when
// called alone and refuse a command it does not have.
func prepareCommands(e *env, app *cli.App, path []*cli.Command, cs []*cli.Command) {
	for _, c := range cs {
		p := append(append([]*cli.Command(nil), path...), c)
		c.HideHelp = true
		name := "hanmoto " + commandPath(p)
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			return usage(e.p.Errorf("%v (see %s --help)", err, name))
		}
		if len(c.Subcommands) == 0 {
			// every date and month flag in its canonical form before the
			// command reads any
			c.Before = e.normalizeFlags
			continue
		}
		prepareCommands(e, app, p, c.Subcommands)
		if c.Action == nil {
			c.Action = func(ctx *cli.Context) error {
				if ctx.NArg() > 0 {
					return noCommand(e, ctx.Args().First(), c.Subcommands, "hanmoto "+commandPath(p))
				}
				writeHelp(e.stdout, e.p, app, p)
				return nil
			}
		}
	}
}

func commandPath(p []*cli.Command) string {
	var names []string
	for _, c := range p {
		names = append(names, c.Name)
	}
	return strings.Join(names, " ")
}

// writeJSON prints v for scripts: indented, and with <, > and & as they
// are (titles hold them).
func (e *env) writeJSON(v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	// exact for scripts, and no control character reaches a terminal
	_, err := e.stdout.Write(safe.JSON(b.Bytes()))
	return err
}
