package main

import (
	"fmt"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:   "version",
		Usage:  "print the version and the commit it was built from",
		Action: func(*cli.Context) error { return printVersion(e) },
	}
}

// printVersion says the module version and the commit, from what the Go
// toolchain records in the binary (go build in a git checkout, or go install).
func printVersion(e *env) error {
	version, commit, when, dirty := "(devel)", "", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	e.printf(e.stdout, "hanmoto %s\n", version)
	switch {
	case commit == "":
		fmt.Fprintln(e.stdout, e.p.T("commit: unknown (built outside a git checkout)"))
	default:
		if len(commit) > 12 {
			commit = commit[:12]
		}
		if dirty {
			commit += e.p.T(" with uncommitted changes")
		}
		fmt.Fprintln(e.stdout, e.p.Sprintf("commit: %s (%s)", commit, when))
	}
	return nil
}
