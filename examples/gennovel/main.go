// Command gennovel writes the synthetic 1,000-episode novel that `make bench`
// builds: go run ./examples/gennovel [-plain] [-web] [-episodes N] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hanmoto/hanmoto/internal/novelgen"
)

func main() {
	var o novelgen.Options
	flag.IntVar(&o.Episodes, "episodes", 1000, "how many episodes")
	flag.IntVar(&o.PerPart, "per-part", 100, "episodes per part folder")
	flag.BoolVar(&o.Plain, "plain", false, "no novel syntax (for pandoc)")
	flag.BoolVar(&o.Web, "web", false, "the other novel: line-mode markdown, scene breaks, numbers, some lists, links and HTML")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gennovel [-plain] [-web] [-episodes N] DIR")
		os.Exit(2)
	}
	if err := novelgen.Write(flag.Arg(0), o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
