package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/manuscript/lint"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestJapaneseReplay runs every testscript's commands again under a
// Japanese locale — its files, its setup, every `exec hanmoto` with the
// same operands, asserting nothing of their output — and fails on an
// English word anywhere a person reads: stdout of every command but the
// ones asked for CSV or JSON (made for scripts), and every stderr. Words
// the script itself holds (its operands, its manuscripts and files) are
// the user's data and may come back; so may the words of allowedWords.
func TestJapaneseReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("replays every testscript (about a minute)")
	}
	scripts, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			t.Fatal(err)
		}
		own := ownWords(a)
		a.Comment = []byte(replayScript(string(a.Comment)))
		a.Files = append(a.Files, txtar.File{Name: "replay-own-words", Data: []byte(strings.Join(own, "\n") + "\n")})
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmds := scriptCmds()
	cmds["nowords"] = cmdNoWords // the replay's own check, at each script's end
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("EXAMPLES", filepath.Join(root, "examples"))
			e.Setenv("SHARED", filepath.Join(root, "..", "shared"))
			e.Setenv("CI", os.Getenv("CI"))
			e.Setenv("LANG", "ja_JP.UTF-8")
			e.Setenv("HANMOTO_REPLAY", filepath.Join(e.WorkDir, "replay.log"))
			return nil
		},
		Condition: func(cond string) (bool, error) { return cond == "printer", nil },
		Cmds:      cmds,
	})
}

// assertions are the script commands that only look at output: a replay
// under another language drops them.
var assertions = map[string]bool{"stdout": true, "stderr": true, "cmp": true, "cmpenv": true,
	"grep": true, "exists": true, "samefig": true, "nowords": true}

// replayScript is a script's commands with its assertions dropped, its
// language settings gone, and a check of what hanmoto printed at its end.
func replayScript(script string) string {
	var out []string
	for _, line := range strings.Split(script, "\n") {
		fields := strings.Fields(line)
		var conds []string
		for len(fields) > 0 && strings.HasPrefix(fields[0], "[") {
			conds, fields = append(conds, fields[0]), fields[1:]
		}
		if len(fields) > 0 && (fields[0] == "!" || fields[0] == "?") {
			fields = fields[1:]
		}
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") || assertions[fields[0]] {
			continue
		}
		if fields[0] == "env" && len(fields) > 1 && regexp.MustCompile(`^(LANG|LC_ALL|LC_MESSAGES|LANGUAGE)=`).MatchString(fields[1]) {
			continue
		}
		// setup (files, folders, env) must still work, as is
		cmd := strings.TrimSpace(strings.Join(conds, " ") + " " + strings.Join(fields, " "))
		switch {
		case fields[0] == "stop" || fields[0] == "skip":
			cmd = strings.TrimSpace(strings.Join(conds, " ") + " " + fields[0])
		case fields[0] == "exec" && !strings.Contains(line, "hanmoto"):
			continue // a tool looking at output
		case fields[0] == "exec":
			// hanmoto exits 0 in a replay, whatever happened; an operand
			// quoted in the script stays one: the raw line is kept
			i := strings.Index(line, "exec ")
			cmd = strings.TrimSpace(strings.Join(conds, " ") + " " + line[i:])
			cmd = regexp.MustCompile(`--lang(=| )en\b`).ReplaceAllString(cmd, "--lang${1}ja")
		}
		out = append(out, cmd)
	}
	out = append(out, "nowords $HANMOTO_REPLAY $WORK/replay-own-words")
	return strings.Join(out, "\n") + "\n"
}

// ownWords are the words a script holds: its operands and its files.
func ownWords(a *txtar.Archive) []string {
	seen := map[string]bool{}
	add := func(s string) {
		for _, w := range wordRE.FindAllString(s, -1) {
			seen[strings.ToLower(w)] = true
		}
	}
	add(string(a.Comment))
	for _, f := range a.Files {
		add(string(f.Data))
	}
	var words []string
	for w := range seen {
		words = append(words, w)
	}
	return words
}

var (
	// a chunk of ASCII text, as it stands between spaces and Japanese
	chunkRE = regexp.MustCompile(`[A-Za-z0-9'’._/@:+#=%$~\\,-]+`)
	wordRE  = regexp.MustCompile(`[A-Za-z]+`)
)

// allowedWords may appear in Japanese output: names (of the tool, its
// commands, flags' values, stores, products, fonts), the units and codes
// people use as they are, and what KDP's downloads hold (titles, royalty
// plans) that comes back as data.
var allowedWords = strings.Fields(`
hanmoto sales import imports report monthly year invest buy sell plan chart revenue rates volumes
build lint print check preview init nav trades home list payments status delete completion
version help fix all table csv json html svg text auto yes no
Amazon Kindle KDP Chromium Markdown Vivliostyle Noto IPAex IPAexMincho Mincho Gothic Serif Sans
CJK JP Shift JIS UTF eMAXIS Slim epubcheck epub js Unlimited Prime Reading
mm pt px dpi in cm ms
Title Standard Paperback Hardcover Expanded Distribution Author Publishing Sample
co com de fr es it nl ca au br mx jp uk in
tokutei ippan nisa tsumitate growth white cream shinsho bunko keep drop odd page
Web Java jar Debian SQLite git devel bash zsh fish ja en mynovel zip mailto https TrueType fontconfig
title language publisher series volume description identifier date cover chapters numbers rights lint print short
`)

// allowedSet is allowedWords and the lint rules' names, lower case.
func allowedSet() map[string]bool {
	allowed := map[string]bool{}
	for _, w := range allowedWords {
		allowed[strings.ToLower(w)] = true
	}
	for _, r := range lint.Rules {
		allowed[r.ID] = true // a finding names its rule
	}
	return allowed
}

// cmdNoWords LOG OWN fails when the replay LOG holds an English word: one
// outside allowedWords, the script's own words (file OWN), and anything
// written as a path, flag, code or placeholder.
func cmdNoWords(ts *testscript.TestScript, neg bool, args []string) {
	allowed := allowedSet()
	for _, w := range strings.Fields(ts.ReadFile(args[1])) {
		allowed[w] = true
	}
	f, err := os.Open(args[0])
	if os.IsNotExist(err) {
		return // the script ran no hanmoto
	}
	ts.Check(err)
	defer f.Close()
	var found []string
	var command string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if c, ok := strings.CutPrefix(line, "$ "); ok {
			command = c
			continue
		}
		if bad := englishIn(line, allowed); len(bad) > 0 {
			found = append(found, fmt.Sprintf("%s\n\t%s\n\t(%s)", command, line, strings.Join(bad, ", ")))
		}
	}
	if len(found) > 0 {
		ts.Fatalf("English under ja_JP:\n%s", strings.Join(found, "\n"))
	}
}

// englishIn lists a line's English words: letters-only chunks of two or
// more letters, not all capitals (codes, placeholders and acronyms are),
// not allowed.
func englishIn(line string, allowed map[string]bool) []string {
	var bad []string
	for _, c := range chunkRE.FindAllString(line, -1) {
		// paths, flags, codes, key=value, a-list,of,names, hyphenated-names,
		// and key: (a book.yaml key, a check's name)
		if strings.ContainsAny(strings.TrimRight(c, ",."), "0123456789./@:_=#%$~\\,-") || strings.HasPrefix(c, "-") {
			continue
		}
		for _, w := range wordRE.FindAllString(c, -1) {
			if len(w) < 2 || strings.ToUpper(w) == w || allowed[strings.ToLower(w)] {
				continue
			}
			bad = append(bad, w)
		}
	}
	return bad
}

// replayLog is where a replayed command writes: its own stdout and
// stderr, and a copy of what a person reads into $HANMOTO_REPLAY after the
// command line — stdout left out for output made for scripts.
func replayLog(args []string) (stdout, stderr io.Writer, done func() bool) {
	path := os.Getenv("HANMOTO_REPLAY")
	if path == "" {
		return os.Stdout, os.Stderr, func() bool { return false }
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		panic(err)
	}
	var out, errs bytes.Buffer
	line := strings.Join(args[1:], " ")
	forScripts := regexp.MustCompile(`--format[= ](csv|json)\b|--json\b|\bcompletion\b|(^| )-o -( |$)`).MatchString(line)
	return io.MultiWriter(os.Stdout, &out), io.MultiWriter(os.Stderr, &errs), func() bool {
		fmt.Fprintf(f, "$ hanmoto %s\n", line)
		if !forScripts && utf8.Valid(out.Bytes()) {
			f.Write(out.Bytes())
		}
		f.Write(errs.Bytes())
		f.Close()
		return true
	}
}
