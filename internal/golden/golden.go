// Package golden is for tests: what -update changed in a golden file,
// shown as a line diff before it is written, so that a refresh is read
// and not taken on trust.
package golden

import (
	"fmt"
	"strings"
	"testing"
)

// Updated logs, for a golden file rewritten by -update, the lines that
// changed (nothing when none did). go test shows it with -v; make update
// runs the goldens' tests so.
func Updated(t testing.TB, name string, old, new []byte) {
	t.Helper()
	if d := Diff(string(old), string(new)); d != "" {
		t.Logf("golden %s updated:\n%s", name, d)
	}
}

// Diff is a line diff of a and b: "-" lines only in a, "+" lines only in
// b, with up to two lines of context around each change; "" when equal.
func Diff(a, b string) string {
	if a == b {
		return ""
	}
	x, y := splitLines(a), splitLines(b)
	// the longest common subsequence, by dynamic programming: golden
	// files are small
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			lines = append(lines, line{' ', x[i]})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, line{'-', x[i]})
			i++
		default:
			lines = append(lines, line{'+', y[j]})
			j++
		}
	}
	const context = 2
	var out strings.Builder
	last := -1
	for k, l := range lines {
		near := false
		for d := -context; d <= context; d++ {
			if k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' ' {
				near = true
			}
		}
		if !near {
			continue
		}
		if last >= 0 && k > last+1 {
			out.WriteString("…\n")
		}
		fmt.Fprintf(&out, "%c %s", l.op, strings.TrimSuffix(l.text, "\n")+"\n")
		last = k
	}
	return out.String()
}

func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
