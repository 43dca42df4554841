package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileInBothLanguages: the hostile inputs of the testscripts
// (fail_hostile_templates, hostile_images, sales_structure, rates bounds,
// lint --fix on a read-only chapter) are refused the same way under
// LANG=ja_JP.UTF-8 and C: the same exit, nothing written, one message in
// the reader's language with no format error in it.
func TestHostileInBothLanguages(t *testing.T) {
	root := t.TempDir()
	book := filepath.Join(root, "book")
	os.MkdirAll(filepath.Join(book, "chapters"), 0o755)
	os.MkdirAll(filepath.Join(book, "templates"), 0o755)
	os.WriteFile(filepath.Join(book, "book.yaml"), []byte("title: t\nauthor: a\nidentifier: urn:uuid:0b6a3e43-7c52-4a8e-8f5e-2f3c8a1b9d10\n"), 0o644)
	os.WriteFile(filepath.Join(book, "chapters", "1.md"), []byte("# 一\n\n　彼は言った。 \n"), 0o444)
	os.WriteFile(filepath.Join(book, "templates", "colophon.xhtml"), []byte(`<div class="colophon"><if{{/**/}}rame src="/etc/passwd"></if{{/**/}}rame></div>`), 0o644)
	rates := filepath.Join(root, "rates.csv")
	os.WriteFile(rates, []byte("date,currency,rate\n2025-01-31,USD,1e400\n"), 0o644)
	for _, lang := range []string{"ja_JP.UTF-8", "C"} {
		for _, c := range []struct {
			args    []string
			code    int
			ja, en  string
			noFiles []string
		}{
			{[]string{"build", book, "-o", filepath.Join(root, "x.epub")}, exitFail, "<iframe> は何かを実行するか送信します", "<iframe> runs something", []string{filepath.Join(root, "x.epub")}},
			{[]string{"--ledger", filepath.Join(root, "l.db"), "rates", "import", rates}, exitFail, "は正のレートではありません", "is not a positive rate", []string{filepath.Join(root, "l.db")}},
			{[]string{"lint", "--fix", book}, -1, "読み取り専用です", "read-only", nil},
		} {
			var out, errb bytes.Buffer
			code := run(append([]string{"hanmoto"}, c.args...), &env{stdout: &out, stderr: &errb,
				getenv: func(k string) string {
					if k == "LANG" {
						return lang
					}
					return ""
				}, isTerminal: func(io.Writer) bool { return false }})
			msg := errb.String()
			want := c.en
			if lang != "C" {
				want = c.ja
			}
			if c.code >= 0 && code != c.code || !strings.Contains(msg, want) || strings.Contains(msg, "%!") {
				t.Errorf("%s %v: exit %d, %q; want exit %d and %q", lang, c.args, code, msg, c.code, want)
			}
			for _, f := range c.noFiles {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s %v: %s was written", lang, c.args, f)
				}
			}
		}
		if b, _ := os.ReadFile(filepath.Join(book, "chapters", "1.md")); string(b) != "# 一\n\n　彼は言った。 \n" {
			t.Errorf("%s: the read-only chapter was rewritten", lang)
		}
	}
}
