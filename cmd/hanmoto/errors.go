// Errors and exit codes: one place decides what status a failure exits with.

package main

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/urfave/cli/v2"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the input is wrong: a manuscript error, findings remain
	exitUsage = 2 // the command line is wrong, or the machine failed us
)

// inputError is a failure of the input a command was given: a manuscript,
// a download, a history (exit 1).
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }

func (e *inputError) Unwrap() error { return e.err }

// usageError is a failure of the command line, or of the machine under
// the command: a flag, an operand, a file that is not there, a disk (2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }

func (e *usageError) Unwrap() error { return e.err }

// fail says err is the input's fault; usage says it is the command line's
// or the machine's. Neither picks a status: exitCodeOf does, by type.
func fail(err error) error { return &inputError{err} }

func usage(err error) error { return &usageError{err} }

// findingsRemain is a command's "no" after it printed why: lint's
// findings, check's, a build's errors (exit 1).
type findingsRemain struct{}

func (findingsRemain) Error() string { return "findings remain" }

// reported is a failure whose messages were printed already, one input at
// a time: its status is the worst of theirs.
type reported struct{ worst error }

func (r reported) Error() string { return r.worst.Error() }

// cause is the error under the wrappers that only carry a status.
func cause(err error) error {
	var ie *inputError
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return ue.err
	case errors.As(err, &ie):
		return ie.err
	}
	return err
}

// exitCodeOf is the one place a failure's exit status is decided, by the
// error's type, for a whole command (run) and for each input of several
// (an import of many files): the ledger failing (a read-only or full
// disk), a file that isn't there or is no regular file are the machine's
// or the command line's (2), whichever command met them; a usageError is
// the command line's (2); an inputError, findings that remain and the
// input's own errors — a positioned error in a workbook, a manuscript or a
// history, a file too large — are the input's (1); a reported failure
// takes its worst input's; anything else is the machine's (2).
func exitCodeOf(err error) int {
	var (
		pe *fs.PathError
		ie *inputError
		ue *usageError
		rp reported
		se *ledger.StoreError
		nr *inputfile.NotRegularError
		tl *inputfile.TooLargeError
		ke *inputerr.Error
		me *inputerr.Error
		ms manuscript.Errors
		le *i18n.Error
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &rp):
		return exitCodeOf(rp.worst)
	case errors.As(err, &se), errors.As(err, &pe), errors.As(err, &nr):
		return exitUsage
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ie), errors.Is(err, findingsRemain{}):
		return exitFail
	case errors.As(err, &tl), errors.As(err, &ke), errors.As(err, &me), errors.As(err, &ms), errors.As(err, &le):
		return exitFail
	}
	return exitUsage
}

// printed says whether a failure's messages were printed already.
func printed(err error) bool {
	var rp reported
	return errors.As(err, &rp) || errors.Is(err, findingsRemain{})
}

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

// worse is whichever of two inputs' errors exits with the higher status
// (the machine's over the input's), the first on a tie.
func worse(a, b error) error {
	if a == nil || exitCodeOf(b) > exitCodeOf(a) {
		return b
	}
	return a
}
