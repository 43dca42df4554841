// Command measure runs a command a few times and prints its best wall time
// and its peak resident memory, for `make bench`, beside the targets when
// given and as a ratio to another command's time saved by -save:
//
//	measure -n 1 -label pandoc -save /tmp/pandoc.s -- pandoc …
//	measure -n 5 -label build -wall 0.15 -rss 80 -ratio /tmp/pandoc.s -size book.epub -- hanmoto build …
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
	wallTarget := flag.Float64("wall", 0, "the wall-time target in seconds")
	rssTarget := flag.Float64("rss", 0, "the peak-memory target in MiB")
	save := flag.String("save", "", "write the best wall time to this file")
	ratio := flag.String("ratio", "", "print how many times faster than the time saved in this file")
	size := flag.String("size", "", "print this file's size after the runs")
	times := flag.String("times", "", "print the time as a multiple of the time saved in this file")
	timesTarget := flag.Float64("times-target", 0, "the most that multiple may be")
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
	line := fmt.Sprintf("%-10s wall %8.4f s%s   peak RSS %6.1f MiB%s   (best of %d)", *label, best.Seconds(), target(best.Seconds(), *wallTarget, "%.3f s"),
		float64(peak)/1024, target(float64(peak)/1024, *rssTarget, "%.0f MiB"), *n)
	if *ratio != "" {
		if b, err := os.ReadFile(*ratio); err == nil {
			var other float64
			if _, err := fmt.Sscan(string(b), &other); err == nil && best > 0 {
				line += fmt.Sprintf("   %.0f× faster than it (%.2f s)", other/best.Seconds(), other)
			}
		} else {
			line += "   (no time to compare with)"
		}
	}
	if *times != "" {
		if b, err := os.ReadFile(*times); err == nil {
			var other float64
			if _, err := fmt.Sscan(string(b), &other); err == nil && other > 0 {
				m := best.Seconds() / other
				line += fmt.Sprintf("   %.2f× its time (%.3f s)%s", m, other, target(m, *timesTarget, "%.1f×"))
			}
		} else {
			line += "   (no time to compare with)"
		}
	}
	if *size != "" {
		if fi, err := os.Stat(*size); err == nil {
			line += fmt.Sprintf("   %s: %.2f MB", *size, float64(fi.Size())/1e6)
		}
	}
	fmt.Println(line)
	if *save != "" {
		if err := os.WriteFile(*save, []byte(fmt.Sprintf("%.6f\n", best.Seconds())), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "measure:", err)
			os.Exit(1)
		}
	}
}

// target says how a figure stands against its target (0: none).
func target(v, t float64, format string) string {
	if t == 0 {
		return ""
	}
	mark := "met"
	if v > t {
		mark = "MISSED"
	}
	return fmt.Sprintf(" (target ≤ "+format+": %s)", t, mark)
}
