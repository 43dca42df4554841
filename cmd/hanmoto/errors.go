// Errors and exit codes: one place decides what status a failure exits with.

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/hanmoto/hanmoto/sales/ledger"
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

func fail(err error) error { return &exitError{exitFail, err} }

func usage(err error) error { return &exitError{exitUsage, err} }

// exitCodeOf is the one place a failure's exit status is decided, for a
// whole command (run) and for each input of several (an import of many
// files). By the error's type first: the ledger failing (a read-only or
// full disk), a file that isn't there or is no regular file are the
// machine's or the command line's (2), whichever command met them; the
// input's own errors — a positioned error in a workbook, a manuscript or a
// history, a file too large — are the input's (1). Then as the command
// said (fail, usage); anything else is the machine's (2).
func exitCodeOf(err error) int {
	var (
		pe *fs.PathError
		ee *exitError
		se *ledger.StoreError
		nr *inputfile.NotRegularError
		tl *inputfile.TooLargeError
		ke *kdp.Error
		me *manuscript.Error
		ms manuscript.Errors
		ie *i18n.Error
	)
	switch {
	case errors.As(err, &se), errors.As(err, &pe), errors.As(err, &nr):
		return exitUsage
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &tl), errors.As(err, &ke), errors.As(err, &me), errors.As(err, &ms), errors.As(err, &ie):
		return exitFail
	}
	return exitUsage
}

// quietFailure is an exit code whose message was printed already.
type quietFailure int

func (q quietFailure) Error() string { return fmt.Sprintf("exit %d", int(q)) }

// noCommand says a command is not there, and which one was likely meant.
func noCommand(e *env, name string, cs []*cli.Command, parent string) error {
	var names []string
	for _, c := range cs {
		names = append(names, c.Names()...)
	}
	if n := nearest(name, names); n != "" {
		return usage(e.p.Errorf("no command %q: did you mean %s %s? (see %s --help)", name, parent, n, parent))
	}
	return usage(e.p.Errorf("no command %q (see %s --help)", name, parent))
}

// unknownFlag says a flag is not the command's, with the one likely meant.
func unknownFlag(p i18n.Printer, cl commandLine) error {
	flags := []cli.Flag{}
	name := "hanmoto"
	if n := len(cl.path); n > 0 {
		flags = cl.path[n-1].Flags
		name += " " + commandPath(cl.path)
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	if n := nearest(strings.TrimLeft(cl.unknown, "-"), names); n != "" {
		return p.Errorf("unknown flag %s: did you mean %s? (see %s --help)", cl.unknown, dashes(n), name)
	}
	return p.Errorf("unknown flag %s (see %s --help)", cl.unknown, name)
}
