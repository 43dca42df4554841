package main

import (
	"io"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestEveryDateFlagReadsAsTyped walks the command tree: every date and
// month flag of every command reaches the command in its canonical form,
// however a Japanese keyboard typed it — the action only ever sees
// 2025-06-30 (or 2025-06). A flag read before it was put in that form once
// valued the portfolio on the wrong day.
func TestEveryDateFlagReadsAsTyped(t *testing.T) {
	days := []string{"2025-06-30", "2025/6/30", "2025年6月30日", "R7.6.30", "令和7年6月30日", "２０２５/６/３０"}
	months := []string{"2025-06", "2025/6", "2025年6月", "R7.6", "２０２５年６月"}
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
	app := newApp(e)
	found := 0
	var walk func(path []string, cs []*cli.Command)
	walk = func(path []string, cs []*cli.Command) {
		for _, c := range cs {
			p := append(append([]string(nil), path...), c.Name)
			walk(p, c.Subcommands)
			for _, f := range c.Flags {
				var forms []string
				want := ""
				switch f.(type) {
				case *dateFlag:
					forms, want = days, "2025-06-30"
				case *monthFlag:
					forms, want = months, "2025-06"
				case *cli.StringFlag:
					switch f.Names()[0] {
					case "date", "from", "to", "month", "day":
						t.Errorf("hanmoto %s --%s is a plain string flag: declare it with newDateFlag or newMonthFlag", strings.Join(p, " "), f.Names()[0])
					}
					continue
				default:
					continue
				}
				name := f.Names()[0]
				found++
				var got string
				c.Action = func(ctx *cli.Context) error {
					got = ctx.String(name)
					return nil
				}
				for _, form := range forms {
					got = ""
					args := append(append([]string{"hanmoto"}, p...), "--"+name, form)
					if err := app.Run(args); err != nil {
						t.Errorf("hanmoto %s --%s %s: %v", strings.Join(p, " "), name, form, err)
						continue
					}
					if got != want {
						t.Errorf("hanmoto %s --%s %s: the command read %q, want %q", strings.Join(p, " "), name, form, got, want)
					}
				}
				// and one it can't read is refused before the command runs
				got = "untouched"
				if err := app.Run(append(append([]string{"hanmoto"}, p...), "--"+name, "2025-13-45")); err == nil || got != "untouched" {
					t.Errorf("hanmoto %s --%s 2025-13-45: %v, the command ran: %v", strings.Join(p, " "), name, err, got != "untouched")
				}
			}
		}
	}
	walk(nil, app.Commands)
	if found < 12 {
		t.Fatalf("only %d date and month flags found: a date flag declared as a plain string flag escapes this test", found)
	}
}
