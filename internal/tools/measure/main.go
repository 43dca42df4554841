// Command measure runs a command a few times and prints its best wall time
// and its peak resident memory, for `make bench`:
//
//	go run ./internal/tools/measure -n 3 -label hanmoto -- hanmoto build DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 3, "runs; the best wall time is reported")
	label := flag.String("label", "", "name for the output line")
	anyExit := flag.Bool("any-exit", false, "a non-zero exit is an answer, not a failure (lint finding problems)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [-n N] [-label L] -- COMMAND ARGS...")
		os.Exit(2)
	}
	best := time.Duration(1<<63 - 1)
	var peak int64
	for i := 0; i < *n; i++ {
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil && !(*anyExit && cmd.ProcessState != nil) {
			fmt.Fprintf(os.Stderr, "measure: %s: %v\n", flag.Arg(0), err)
			os.Exit(1)
		}
		if d := time.Since(start); d < best {
			best = d
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss // KiB on Linux
		}
	}
	fmt.Printf("%-10s wall %7.3f s   peak RSS %6.1f MiB   (best of %d)\n", *label, best.Seconds(), float64(peak)/1024, *n)
}
