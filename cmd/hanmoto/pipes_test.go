package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPipesAreNoInput: a pipe named as an input file — an import's file,
// book.yaml, a template — is refused by its mode before anything opens it:
// it once blocked for ever with no writer, or ate 23 GB with `yes` behind
// it. The command ends at once with exit 2, and no ledger is created.
func TestPipesAreNoInput(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no mkfifo here: %v", err)
	}
	book := filepath.Join(dir, "book")
	runIn := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		done := make(chan int, 1)
		go func() {
			done <- run(append([]string{"hanmoto"}, args...), &env{stdout: &out, stderr: &errb,
				getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }})
		}()
		select {
		case code := <-done:
			return code, errb.String()
		case <-time.After(20 * time.Second):
			t.Fatalf("%v: still running after 20 s (reading a pipe?)", args)
		}
		return 0, ""
	}
	if code, msg := runIn("init", "-q", book); code != 0 {
		t.Fatalf("init: %d %s", code, msg)
	}
	for _, args := range [][]string{
		{"sales", "import", fifo},
		{"invest", "nav", "import", "--fund", "F", fifo},
		{"invest", "import", fifo},
		{"rates", "import", fifo},
	} {
		led := filepath.Join(dir, "ledger.db")
		code, msg := runIn(append([]string{"--ledger", led}, args...)...)
		if code != exitUsage || !strings.Contains(msg, "reads only regular files") {
			t.Errorf("%v: exit %d: %s", args, code, msg)
		}
		if _, err := os.Stat(led); err == nil {
			t.Errorf("%v: a failed import left a ledger", args)
			os.Remove(led)
		}
	}
	// book.yaml and a template as pipes
	yaml := filepath.Join(book, "book.yaml")
	keep, _ := os.ReadFile(yaml)
	os.Remove(yaml)
	syscall.Mkfifo(yaml, 0o600)
	for _, cmd := range []string{"build", "lint"} {
		if code, msg := runIn(cmd, book); code == 0 || !strings.Contains(msg, "reads only regular files") {
			t.Errorf("%s with book.yaml a pipe: exit %d: %s", cmd, code, msg)
		}
	}
	os.Remove(yaml)
	os.WriteFile(yaml, keep, 0o644)
	os.MkdirAll(filepath.Join(book, "templates"), 0o755)
	syscall.Mkfifo(filepath.Join(book, "templates", "vertical.css"), 0o600)
	if code, msg := runIn("build", "-o", filepath.Join(dir, "x.epub"), book); code == 0 || !strings.Contains(msg, "reads only regular files") {
		t.Errorf("build with a template a pipe: exit %d: %s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.epub")); err == nil {
		t.Error("a failed build wrote its EPUB")
	}
}

// TestTemplateLinksStayInside: a manuscript's template or book.yaml that is
// a link out of the manuscript (templates/colophon.xhtml → /etc/hostname)
// is refused: the file would have been printed in the book.
func TestTemplateLinksStayInside(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
	if code := run([]string{"hanmoto", "init", "-q", book}, e); code != 0 {
		t.Fatal("init")
	}
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("a secret outside the book"), 0o644)
	os.MkdirAll(filepath.Join(book, "templates"), 0o755)
	if err := os.Symlink(secret, filepath.Join(book, "templates", "colophon.xhtml")); err != nil {
		t.Skip(err)
	}
	var errb bytes.Buffer
	out := filepath.Join(dir, "x.epub")
	code := run([]string{"hanmoto", "build", "-o", out, book}, &env{stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false }})
	if code == 0 || !strings.Contains(errb.String(), "outside the manuscript") {
		t.Errorf("build with a template linked out of the book: exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the EPUB was written")
	}
	// a link that stays inside the manuscript is a file of the book
	os.Remove(filepath.Join(book, "templates", "colophon.xhtml"))
	os.RemoveAll(filepath.Join(book, "templates"))
	if code := run([]string{"hanmoto", "build", "-q", "-o", out, book}, e); code != 0 {
		t.Errorf("build without templates: exit %d", code)
	}
}
