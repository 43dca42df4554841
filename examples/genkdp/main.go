// Command genkdp writes synthetic KDP monthly statements for `make bench`:
// go run ./examples/genkdp [-n 120] DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hanmoto/hanmoto/internal/kdptest"
)

func main() {
	n := flag.Int("n", 120, "how many months")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: genkdp [-n N] DIR")
		os.Exit(2)
	}
	if err := os.MkdirAll(flag.Arg(0), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := kdptest.GenerateStatements(flag.Arg(0), *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
