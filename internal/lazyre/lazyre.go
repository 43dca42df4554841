// Package lazyre compiles a regular expression the first time it is used.
// A package-level regexp.MustCompile runs at every start of the program,
// whichever command runs; the CLI starts in a few milliseconds and most
// expressions serve one command.
package lazyre

import (
	"regexp"
	"sync"
)

// New is expr, compiled on the first call; it panics then if expr is bad,
// as regexp.MustCompile would at start.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
