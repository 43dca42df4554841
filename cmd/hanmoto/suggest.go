// Reading flags' values and suggesting what was meant.

package main

import (
	"strconv"

	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/urfave/cli/v2"
)

// dashes writes a flag as the help writes it: -o, --output.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// numeric puts a number flag's value as a Japanese keyboard may type it
// (１２, full-width) into the digits the flag package reads.
func numeric(f cli.Flag, v string) string {
	switch f.(type) {
	case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Uint64Flag, *cli.Float64Flag:
		return jinput.Fold(v)
	}
	return v
}

// isNumber says whether a number flag's value reads as its number; other
// flags' values are the commands' to check.
func isNumber(f cli.Flag, v string) bool {
	var err error
	switch f.(type) {
	case *cli.IntFlag, *cli.Int64Flag:
		_, err = strconv.ParseInt(v, 0, 64)
	case *cli.UintFlag, *cli.Uint64Flag:
		_, err = strconv.ParseUint(v, 0, 64)
	case *cli.Float64Flag:
		_, err = strconv.ParseFloat(v, 64)
	}
	return err == nil
}

// nearest is the name in names closest to s, when it is close enough to be
// what was meant (at most a third of its letters off, and one letter in a
// name of two or three: --fx is --fix), else "".
func nearest(s string, names []string) string {
	best, bestD := "", len(s)/3+1
	if len([]rune(s)) >= 2 {
		bestD = max(bestD, 2)
	}
	for _, n := range names {
		if d := editDistance(s, n); d < bestD && d > 0 {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (adjacent swaps count
// one: buidl → build).
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
