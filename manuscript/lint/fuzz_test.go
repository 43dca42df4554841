package lint_test

import (
	"bytes"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/lint"
)

func lintSource(t *testing.T, cfg *manuscript.Config, src []byte) []lint.Finding {
	b := &manuscript.Book{Dir: t.TempDir(), Config: cfg, Parts: []*manuscript.Part{{
		Episodes: []*manuscript.Episode{{Index: 1, File: "chapters/1.md", Source: src}}}}}
	res, err := lint.RunBook(b, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// FuzzLint: lint never panics, and fixing is idempotent — what --fix leaves
// after its rounds, one more round does not change.
func FuzzLint(f *testing.F) {
	for _, s := range []string{
		"地の文。\n「わかりました。」\n", "「本当！嘘」", "…―・・・...ーー－－", "ｶﾞｯｺｳ!?!!!", "ひらがな《かな》｜《》《》",
		"|漢字《かんじ》《《ここ》》{漢字|かん|じ}", "`code`<!-- hanmoto-lint-disable -->\nx", "か\u3099\u200b\t \n", "「『（」",
		"---\ntitle: x\n---\n本文", "12 123 Ａbc", "# 見出し\n\n![a](b.png)",
	} {
		f.Add([]byte(s))
	}
	cfg, err := manuscript.ParseConfig([]byte("title: t\nidentifier: x\n"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cur := src
		for round := 0; round < 5; round++ {
			next := lint.Apply(cur, lintSource(t, cfg, cur))
			if bytes.Equal(next, cur) {
				return
			}
			cur = next
		}
		if again := lint.Apply(cur, lintSource(t, cfg, cur)); !bytes.Equal(again, cur) {
			t.Fatalf("fixes do not settle:\n%q\n→ %q", cur, again)
		}
	})
}

// BenchmarkLint1000 lints the generated 1,000-episode, 3.3M-character novel.
func BenchmarkLint1000(b *testing.B) {
	benchLint(b)
}
