package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/manuscript"
)

// TestOutputsNeverDestroyInputs: an output named like an input of the
// command — the ledger, a folder the build reads — is refused and the input
// is left as it was: report html -o L.db once turned the ledger into a web
// page. A missing folder is the command line's mistake (exit 2) and names
// the path asked for, not a hidden temporary file.
func TestOutputsNeverDestroyInputs(t *testing.T) {
	dir := t.TempDir()
	led := filepath.Join(dir, "L.db")
	book := filepath.Join(dir, "book")
	runIn := func(args ...string) (int, string) {
		var errb bytes.Buffer
		code := run(append([]string{"hanmoto", "--ledger", led}, args...), &env{stdout: io.Discard, stderr: &errb,
			getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }})
		return code, errb.String()
	}
	if code, msg := runIn("rates", "import", writeTemp(t, dir, "r.csv", "date,currency,rate\n2025-01-31,EUR,162\n")); code != 0 {
		t.Fatalf("rates import: %d %s", code, msg)
	}
	if code, _ := runIn("init", "-q", book); code != 0 {
		t.Fatal("init")
	}
	before, _ := os.ReadFile(led)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "html", "-q", "-o", led}, "holds something other than an HTML page"},
		{[]string{"chart", "revenue", "--svg", led}, "holds something other than an SVG image"},
		{[]string{"build", "-q", "-o", led, book}, "holds something other than an EPUB"},
		{[]string{"build", "-q", "-o", filepath.Join(book, "chapters", "zz.md"), book}, "inside the book's chapters/ folder"},
		{[]string{"build", "-q", "-o", filepath.Join(book, "templates", "x.epub"), book}, "inside the book's templates/ folder"},
		{[]string{"build", "-q", "-o", filepath.Join(dir, "missing", "x.epub"), book}, "missing/x.epub"},
	} {
		code, msg := runIn(c.args...)
		if code != exitUsage || !strings.Contains(msg, c.want) || strings.Contains(msg, ".tmp") {
			t.Errorf("%v: exit %d: %s", c.args, code, msg)
		}
	}
	after, _ := os.ReadFile(led)
	if !bytes.Equal(before, after) {
		t.Error("the ledger changed")
	}
	if _, err := os.Stat(filepath.Join(book, "chapters", "zz.md")); err == nil {
		t.Error("an EPUB was written into chapters/")
	}
	// an output of the same kind is replaced, as before
	out := filepath.Join(dir, "b.epub")
	for i := 0; i < 2; i++ {
		if code, msg := runIn("build", "-q", "-o", out, book); code != 0 {
			t.Fatalf("build over its own EPUB: %d %s", code, msg)
		}
	}
}

func writeTemp(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNoIllFormedBook: what would make a document no XML reader opens — a
// control character in a front-matter title, a file name that is not
// UTF-8, a template whose tags do not match — stops the build with its
// place, and no EPUB is written (each was an epubcheck fatal error, exit 0).
func TestNoIllFormedBook(t *testing.T) {
	for name, setup := range map[string]func(book string){
		"escape in a front-matter title": func(book string) {
			os.WriteFile(filepath.Join(book, "chapters", "001.md"), []byte("---\ntitle: \"\\e[31mRED\\a\"\n---\n\n　本文。\n"), 0o644)
		},
		"a file name not UTF-8": func(book string) {
			os.WriteFile(filepath.Join(book, "chapters", "002\xff.md"), []byte("# 第2話\n\n　本文。\n"), 0o644)
		},
		"a template's tags do not match": func(book string) {
			os.MkdirAll(filepath.Join(book, "templates"), 0o755)
			os.WriteFile(filepath.Join(book, "templates", "colophon.xhtml"), []byte("<p>{{.Title}}</div>\n"), 0o644)
		},
	} {
		dir := t.TempDir()
		book := filepath.Join(dir, "book")
		e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
		if run([]string{"hanmoto", "init", "-q", book}, e) != 0 {
			t.Fatal("init")
		}
		setup(book)
		var errb bytes.Buffer
		out := filepath.Join(dir, "b.epub")
		code := run([]string{"hanmoto", "build", "-q", "-o", out, book}, &env{stdout: io.Discard, stderr: &errb,
			getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }})
		if code == 0 {
			t.Errorf("%s: built", name)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: an EPUB was written", name)
		}
		if !strings.Contains(errb.String(), "chapters/") && !strings.Contains(errb.String(), "templates/") {
			t.Errorf("%s: no place: %s", name, errb.String())
		}
	}
}

// TestLongTitleFileName: a title of 10,000 characters makes a file name a
// file system takes (it gave a 30 KB "file name too long"), cut at a
// character.
func TestLongTitleFileName(t *testing.T) {
	name := manuscript.FileName(strings.Repeat("長", 10000))
	if len(name)+len(".epub") > 255 || !utf8.ValidString(name) || !strings.HasPrefix(name, "長長") {
		t.Errorf("%d bytes: %q", len(name), name[:min(len(name), 30)])
	}
}
