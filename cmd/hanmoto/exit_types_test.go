package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/urfave/cli/v2"
)

// TestExitCodeFromType: the status comes from the error's type alone,
// through any wrapping.
func TestExitCodeFromType(t *testing.T) {
	inner := i18n.Errorf("bad")
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{usage(inner), exitUsage},
		{fail(inner), exitFail},
		{findingsRemain{}, exitFail},
		{reported{fail(inner)}, exitFail},
		{reported{worse(fail(inner), usage(inner))}, exitUsage},
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, exitUsage},
		{fail(&fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}), exitUsage},
		{&inputerr.Error{File: "chapters/1.md"}, exitFail},
		{inner, exitFail},
		{errors.New("the machine"), exitUsage},
	} {
		if got := exitCodeOf(c.err); got != c.want {
			t.Errorf("exitCodeOf(%T %v) = %d, want %d", c.err, c.err, got, c.want)
		}
	}
}

// TestEveryCommandExitsByType walks every command and sub-command: a flag
// it does not know is the command line's mistake, exit 2, said as such
// (the testscripts hold each command's other failures and their codes).
func TestEveryCommandExitsByType(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
	var walk func(path []string, cs []*cli.Command)
	n := 0
	walk = func(path []string, cs []*cli.Command) {
		for _, c := range cs {
			p := append(append([]string(nil), path...), c.Name)
			walk(p, c.Subcommands)
			n++
			var errb bytes.Buffer
			args := append(append([]string{"hanmoto", "--ledger", t.TempDir() + "/l.db"}, p...), "--no-such-flag-at-all")
			code := run(args, &env{stdout: io.Discard, stderr: &errb, getenv: e.getenv, isTerminal: e.isTerminal})
			if code != exitUsage || !strings.Contains(errb.String(), "unknown flag --no-such-flag-at-all") {
				t.Errorf("%s --no-such-flag-at-all: exit %d, %q", strings.Join(p, " "), code, errb.String())
			}
		}
	}
	walk(nil, newApp(e).Commands)
	if n < 30 {
		t.Errorf("walked %d commands: the tree is not the app's", n)
	}
}
