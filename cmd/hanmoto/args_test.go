package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestFlagsOnBothSides: for every command, a flag typed after an operand
// is read exactly as the same flag typed before it.
func TestFlagsOnBothSides(t *testing.T) {
	app := newApp(&env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }})
	var walk func(path []string, cs []*cli.Command)
	n := 0
	walk = func(path []string, cs []*cli.Command) {
		for _, c := range cs {
			p := append(append([]string(nil), path...), c.Name)
			if len(c.Subcommands) > 0 {
				walk(p, c.Subcommands)
				continue
			}
			for _, f := range c.Flags {
				flag := []string{"--" + f.Names()[0]}
				if takesValue(f) {
					flag = append(flag, "v")
				}
				before := parseCommandLine(app, slices.Concat([]string{"hanmoto"}, p, flag, []string{"operand"}))
				after := parseCommandLine(app, slices.Concat([]string{"hanmoto"}, p, []string{"operand"}, flag))
				if !slices.Equal(before.args, after.args) {
					t.Errorf("%s: %q before the operand gives %q, after it %q", strings.Join(p, " "), flag, before.args, after.args)
				}
				want := slices.Concat([]string{"hanmoto"}, p, flag, []string{"--", "operand"})
				if !slices.Equal(after.args, want) {
					t.Errorf("%s: %q gives %q, want %q", strings.Join(p, " "), flag, after.args, want)
				}
				n++
			}
		}
	}
	walk(nil, app.Commands)
	if n < 50 {
		t.Fatalf("only %d flags tried", n)
	}
}

func TestParseCommandLine(t *testing.T) {
	app := newApp(&env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }})
	for _, c := range []struct{ in, want string }{
		{"hanmoto build book -o out.epub", "hanmoto build -o out.epub -- book"},
		{"hanmoto build -o=out.epub book -q", "hanmoto build -o=out.epub -q -- book"},
		{"hanmoto sales import a.xlsx --dry-run b.xlsx", "hanmoto sales import --dry-run -- a.xlsx b.xlsx"},
		{"hanmoto sales --ledger x.db import a.xlsx", "hanmoto sales import --ledger x.db -- a.xlsx"},
		{"hanmoto --ledger x.db sales list --month 2024-01", "hanmoto --ledger x.db sales list --month 2024-01"},
		{"hanmoto build -- -o", "hanmoto build -- -o"},
		{"hanmoto invest nav import nav.csv --fund 253425", "hanmoto invest nav import --fund 253425 -- nav.csv"},
		{"hanmoto lint book --lang ja --format json", "hanmoto lint --format json -- book"},
		{"hanmoto sales --generate-bash-completion", "hanmoto sales --generate-bash-completion"},
	} {
		got := parseCommandLine(app, strings.Fields(c.in))
		if strings.Join(got.args, " ") != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.in, strings.Join(got.args, " "), c.want)
		}
	}
	if cl := parseCommandLine(app, strings.Fields("hanmoto sales import --help")); !cl.help || len(cl.path) != 2 {
		t.Errorf("--help after a command: %+v", cl)
	}
	// a flag never takes another flag or "--" as its value: it has none
	for _, in := range []string{"hanmoto build --output -q book", "hanmoto build book -o", "hanmoto build -o -- book", "hanmoto lint book --rule"} {
		if cl := parseCommandLine(app, strings.Fields(in)); cl.noValue == "" {
			t.Errorf("%s: the flag took %q as its value", in, cl.args)
		}
	}
	if cl := parseCommandLine(app, strings.Fields("hanmoto chart revenue --months １２")); !slices.Contains(cl.args, "12") {
		t.Errorf("--months １２: %q", cl.args)
	}
	if cl := parseCommandLine(app, strings.Fields("hanmoto lint --lang=ja")); cl.lang != "ja" {
		t.Errorf("--lang=ja: %+v", cl)
	}
}
