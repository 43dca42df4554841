package manuscript_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/lint"
)

func hostileBook(t *testing.T, episode string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: t\nauthor: a\nidentifier: urn:uuid:0b6a3e43-7c52-4a8e-8f5e-2f3c8a1b9d10\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "chapters", "1.md"), []byte(episode), 0o644)
	return dir
}

// Lines built to make a scanner quadratic render and lint in one pass: a
// line of 40,000 《《, 200,000 ｜, 100,000 {漢|. (Each took from 16 s to
// over 2 minutes; now a fraction of a second. The guard is generous: it
// catches a return to quadratic time, not a slow machine.)
func TestNoQuadraticLines(t *testing.T) {
	for name, line := range map[string]string{
		"sesame": strings.Repeat("《《", 40000), "bar": strings.Repeat("｜", 200000), "denden": strings.Repeat("{漢|", 100000),
		"open": strings.Repeat("《", 100000), "kanji-open": strings.Repeat("漢《", 50000), "run": strings.Repeat("…", 200000),
	} {
		dir := hostileBook(t, "# 一\n\n"+line+"\n")
		done := make(chan error, 1)
		go func() {
			if _, err := manuscript.Load(dir, manuscript.Options{}); err != nil {
				done <- err
				return
			}
			_, err := lint.Run(dir, lint.Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: still working after 20 s", name)
		}
	}
}

// Episodes that are not text to read are refused with their place: a pipe
// (reading it waits for ever), a link out of the manuscript, a file too
// large, a line indented past any nesting a novel has, a part folder whose
// name holds a control character.
func TestHostileEpisodes(t *testing.T) {
	cases := map[string]func(dir string){
		"not a regular file": func(dir string) {
			os.Remove(filepath.Join(dir, "chapters", "1.md"))
			syscall.Mkfifo(filepath.Join(dir, "chapters", "1.md"), 0o644)
		},
		"a link to a file outside the manuscript": func(dir string) {
			os.Remove(filepath.Join(dir, "chapters", "1.md"))
			os.Symlink("/etc/passwd", filepath.Join(dir, "chapters", "1.md"))
		},
		"no episode is that long": func(dir string) {
			os.WriteFile(filepath.Join(dir, "chapters", "1.md"), []byte(strings.Repeat("あ", manuscript.MaxEpisodeSize/3+10)), 0o644)
		},
		"a line indented more than 100 columns": func(dir string) {
			var b strings.Builder
			for i := 0; i < 200; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			os.WriteFile(filepath.Join(dir, "chapters", "1.md"), []byte(b.String()), 0o644)
		},
		"the file's name holds control character U+0007": func(dir string) {
			os.WriteFile(filepath.Join(dir, "chapters", "2\a.md"), []byte("本文\n"), 0o644)
		},
		"book.yaml:1:10: control character U+001B": func(dir string) {
			os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: \"T\x1b[31m\"\nauthor: a\nidentifier: urn:uuid:0b6a3e43-7c52-4a8e-8f5e-2f3c8a1b9d10\n"), 0o644)
		},
		"holds control character U+001B": func(dir string) {
			os.MkdirAll(filepath.Join(dir, "chapters", "01_\x1b[31m部"), 0o755)
			os.WriteFile(filepath.Join(dir, "chapters", "01_\x1b[31m部", "2.md"), []byte("本文\n"), 0o644)
		},
	}
	for want, mutate := range cases {
		dir := hostileBook(t, "# 一\n")
		mutate(dir)
		done := make(chan error, 1)
		go func() { _, err := manuscript.Load(dir, manuscript.Options{}); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v", want, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: still reading after 20 s", want)
		}
	}
}

// TestLinearInTheInput: the inputs an attack round found quadratic — a
// paragraph of unclosed links, of raw HTML tags, a line of quote markers,
// 《《, ｜《, 漢《 — cost at most 64 times the work at 16 times the size
// (linear is 16, quadratic 256: 64 lies between them, as far from each). 20,000 <span class="a"> took 3.8 s, each
// error placed by counting from the file's start; 80,000 ">" 7.4 s.
//
// The work is the process's CPU time, not the wall clock, and the median of
// five runs: no test runs beside this one in the process, and CPU time does
// not grow when other processes load the machine (wall time did: 121 ms and
// 2.92 s, a false 24×, under two go builds).
func TestLinearInTheInput(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	run := func(episode string) time.Duration {
		dir := hostileBook(t, episode)
		var runs []time.Duration
		for i := 0; i < 5; i++ {
			start := cpuTime(t)
			manuscript.Load(dir, manuscript.Options{})
			lint.Run(dir, lint.Options{})
			runs = append(runs, cpuTime(t)-start)
		}
		slices.Sort(runs)
		return runs[len(runs)/2]
	}
	for name, unit := range map[string]string{
		"unclosed links": "[a](b", "raw tags": `<span class="a">`, "quote markers": ">",
		"sesame": "《《", "bar and open": "｜《", "kanji and open": "漢《",
	} {
		const n = 5000
		small := run("# 一\n\n" + strings.Repeat(unit, n) + "\n")
		large := run("# 一\n\n" + strings.Repeat(unit, 16*n) + "\n")
		t.Logf("%s: %v at %d, %v at %d (%.1f×)", name, small, n, large, 16*n, float64(large)/float64(max(small, 1)))
		// small inputs cost little beside a process's fixed work, so a
		// ratio alone is noise there: a quadratic input is caught by both
		// the ratio and the work — 80,000 '>' took 7.4 s
		if large > 64*small && large > time.Second {
			t.Errorf("%s: %v at %d, %v at %d: more than 64 times", name, small, n, large, 16*n)
		}
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestNumbersWinEverywhere: an explicit numbers: sets a title's numbers as
// the text's — heading, 目次, navigation — not 第100話 beside 一〇〇日後;
// without it the title keeps three digits upright.
func TestNumbersWinEverywhere(t *testing.T) {
	for _, c := range []struct{ numbers, title, body string }{
		{"kanji", "第一〇〇話", "一〇〇日後"}, {"fullwidth", "第１００話", "１００日後"}, {"", "第100話", "100日後"},
	} {
		dir := hostileBook(t, "# 第100話\n\n　100日後、彼は来た。\n")
		yaml := "title: t\nauthor: a\nidentifier: urn:uuid:0b6a3e43-7c52-4a8e-8f5e-2f3c8a1b9d10\nwriting-mode: vertical\n"
		if c.numbers != "" {
			yaml += "numbers: " + c.numbers + "\n"
		}
		os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644)
		b, err := manuscript.Load(dir, manuscript.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ep := b.Episodes()[0]
		if ep.Title != c.title || !strings.Contains(string(ep.Body), c.body) {
			t.Errorf("numbers %q: title %q, body %s; want %q and %q", c.numbers, ep.Title, ep.Body, c.title, c.body)
		}
		if c.numbers != "" && strings.Contains(string(ep.Body), ">100<") {
			t.Errorf("numbers %q: the heading keeps 100: %s", c.numbers, ep.Body)
		}
	}
}
