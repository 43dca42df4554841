// Command testsum reads `go test -json` and prints what a person needs of
// it: each package's result line as go test prints it, the whole output of
// every test that failed, every skipped test with the reason it gave, and
// a closing count. make test pipes into it, so that a skipped browser test
// is seen, not hidden in a package's "ok".
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action     string
	Package    string
	ImportPath string // build-output, build-fail
	Test       string
	Output     string
	Elapsed    float64
}

func main() {
	out := map[string][]string{} // package/test → its output lines
	var skipped []string
	passed, failed, skips := 0, 0, 0
	failedPkgs := 0
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			fmt.Println(string(line)) // the build's own words
			continue
		}
		key := e.Package + "\x00" + e.Test
		switch e.Action {
		case "build-output":
			fmt.Print(e.Output)
		case "build-fail":
			failedPkgs++
		case "output":
			if e.Test == "" {
				// a package's lines: print its result and build errors
				o := strings.TrimRight(e.Output, "\n")
				if strings.HasPrefix(o, "ok  ") || strings.HasPrefix(o, "FAIL") || strings.HasPrefix(o, "?   ") ||
					strings.HasPrefix(o, "#") || strings.Contains(o, ".go:") || strings.HasPrefix(o, "panic:") {
					fmt.Println(o)
				}
				continue
			}
			out[key] = append(out[key], e.Output)
		case "pass":
			if e.Test != "" {
				passed++
				delete(out, key)
			}
		case "skip":
			if e.Test != "" {
				skips++
				reason := ""
				for _, l := range out[key] {
					if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "=== ") && !strings.HasPrefix(t, "--- ") {
						reason = t
					}
				}
				skipped = append(skipped, fmt.Sprintf("%s %s: %s", shortPkg(e.Package), e.Test, reason))
				delete(out, key)
			}
		case "fail":
			if e.Test == "" {
				failedPkgs++
				continue
			}
			failed++
			fmt.Printf("--- FAIL: %s %s\n%s", shortPkg(e.Package), e.Test, strings.Join(out[key], ""))
			delete(out, key)
		}
	}
	if len(skipped) > 0 {
		sort.Strings(skipped)
		fmt.Printf("\nskipped (%d):\n", len(skipped))
		for _, s := range skipped {
			fmt.Println("  " + s)
		}
	}
	fmt.Printf("\n%d passed, %d failed, %d skipped\n", passed, failed, skips)
	if failed > 0 || failedPkgs > 0 {
		os.Exit(1)
	}
}

func shortPkg(p string) string { return strings.TrimPrefix(p, "github.com/hanmoto/hanmoto/") }
