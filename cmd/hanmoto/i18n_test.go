package main

import (
	"bytes"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript/lint"
	"github.com/urfave/cli/v2"
)

// helpTexts is every text the help shows: the app's and each command's
// usage and description, each flag's usage, the lint rules' summaries.
func helpTexts() []string {
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
	app := newApp(e)
	texts := []string{app.Usage, app.Description}
	flags := func(fs []cli.Flag) {
		for _, f := range fs {
			if d, ok := f.(cli.DocGenerationFlag); ok {
				texts = append(texts, d.GetUsage())
			}
		}
	}
	flags(app.Flags)
	var walk func([]*cli.Command)
	walk = func(cs []*cli.Command) {
		for _, c := range cs {
			texts = append(texts, c.Usage)
			if c.Description != "" {
				texts = append(texts, c.Description)
			}
			flags(c.Flags)
			walk(c.Subcommands)
		}
	}
	walk(app.Commands)
	for _, r := range lint.Rules {
		texts = append(texts, r.Summary)
	}
	texts = append(texts, lint.Error, lint.Warning, "nothing")
	return texts
}

// TestHelpInBothLanguages: every help text has its Japanese.
func TestHelpInBothLanguages(t *testing.T) {
	var missing []string
	for _, s := range helpTexts() {
		if err := i18n.CheckEntry(s); err != nil {
			missing = append(missing, err.Error())
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
}

// TestJapaneseHelp: under a Japanese locale the whole help of every command
// is Japanese (no English sentence is left), and --lang en overrides it.
func TestJapaneseHelp(t *testing.T) {
	var paths [][]string
	var walk func(prefix []string, cs []*cli.Command)
	walk = func(prefix []string, cs []*cli.Command) {
		for _, c := range cs {
			p := append(append([]string(nil), prefix...), c.Name)
			paths = append(paths, p)
			walk(p, c.Subcommands)
		}
	}
	walk(nil, newApp(&env{getenv: func(string) string { return "" }}).Commands)
	paths = append(paths, nil)
	for _, p := range paths {
		for _, lang := range []string{"ja_JP.UTF-8", "C.UTF-8"} {
			var out bytes.Buffer
			args := append(append([]string{"hanmoto"}, p...), "--help")
			code := run(args, &env{stdout: &out, stderr: &out, getenv: func(k string) string {
				if k == "LANG" {
					return lang
				}
				return ""
			}, isTerminal: func(io.Writer) bool { return false }})
			if code != 0 {
				t.Errorf("%v: exit %d: %s", args, code, out.String())
			}
			ja := strings.Contains(out.String(), "使い方:")
			if ja != (lang == "ja_JP.UTF-8") {
				t.Errorf("%v under LANG=%s:\n%s", args, lang, out.String())
			}
		}
	}
}
