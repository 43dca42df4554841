package chrome

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "HANMOTO_CHROME" {
				return v
			}
			return ""
		}
	}
	if got, err := Find(env("")); err != nil || got != fake {
		t.Errorf("on PATH: %q, %v", got, err)
	}
	if _, err := Find(env("/nonexistent/chrome")); !errors.Is(err, ErrNotFound) {
		t.Errorf("HANMOTO_CHROME missing: %v", err)
	}
	if got, err := Find(env(fake)); err != nil || got != fake {
		t.Errorf("HANMOTO_CHROME: %q, %v", got, err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Find(env("")); !errors.Is(err, ErrNotFound) {
		t.Errorf("none on PATH: %v", err)
	}
}

// TestOnlyTheBookReachesThePDF: a page that names, in every form an
// attack round tried, a file of the machine and a file beside the book's
// folder prints none of it; each request is failed and listed, and the
// book's own image is served.
func TestOnlyTheBookReachesThePDF(t *testing.T) {
	path, err := Find(os.Getenv)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must have Chromium")
		}
		t.Skip(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("no pdftotext (poppler-utils)")
	}
	root := t.TempDir()
	book := filepath.Join(root, "book")
	os.MkdirAll(filepath.Join(book, "images"), 0o755)
	os.WriteFile(filepath.Join(root, "secret.txt"), []byte("SECRETBESIDE"), 0o644)
	os.WriteFile(filepath.Join(book, "own.css"), []byte("p.own::after { content: 'OWNCSS'; }"), 0o644)
	secret := filepath.Join(root, "secret.txt")
	page := `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="own.css">
<link rel="stylesheet" href="file://` + secret + `">
<style>@import "file:///etc/passwd"; @import "/../secret.txt"; p.x::after { content: url(/etc/passwd); }</style>
</head><body>
<p class="own">本</p><p class="x">x</p>
<iframe src="/etc/passwd"></iframe><iframe src="file:///etc/passwd"></iframe>
<iframe src="../secret.txt"></iframe><iframe src="file://` + secret + `"></iframe>
<object data="/etc/passwd"></object><embed src="file:///etc/passwd">
<img src="https://example.com/x.png"><img src="/etc/passwd">
</body></html>`
	os.WriteFile(filepath.Join(book, "page.html"), []byte(page), 0o644)
	b, err := Start(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	pdf, refused, err := b.Print(context.Background(), book, "page.html")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "out.pdf")
	os.WriteFile(out, pdf, 0o644)
	text, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"root:", "SECRETBESIDE"} {
		if strings.Contains(string(text), leak) {
			t.Errorf("the PDF holds %q:\n%s", leak, text)
		}
	}
	if !strings.Contains(string(text), "OWNCSS") {
		t.Errorf("the book's own stylesheet was not served:\n%s", text)
	}
	if len(refused) < 4 {
		t.Errorf("refused %v: every request out of the book is named", refused)
	}
	t.Logf("refused: %v", refused)
}
