package manuscript

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript/syntax"
)

// plainAndMarkdown renders src both ways; ok says the fast path took it.
func plainAndMarkdown(t testing.TB, cfg *Config, src []byte) (plain, md *Episode, ok bool) {
	r := newRenderer(cfg, t.TempDir(), "../images/", 1)
	plain = &Episode{Index: 1, File: "chapters/001.md", Source: bytes.Clone(src)}
	if off, _ := badXMLChar(src); off >= 0 || !r.renderPlain(plain, plain.Source) {
		return nil, nil, false
	}
	md = &Episode{Index: 1, File: "chapters/001.md", Source: bytes.Clone(src)}
	if errs, _ := r.renderMarkdown(md, &episodeState{file: md.File, src: md.Source}); len(errs) > 0 {
		t.Fatalf("the fast path took what goldmark refuses: %q: %v", src, errs)
	}
	return plain, md, true
}

func samePlain(t testing.TB, src []byte, plain, md *Episode) {
	if !bytes.Equal(plain.Body, md.Body) || plain.Title != md.Title {
		t.Fatalf("%q:\nfast path %q (title %q)\ngoldmark  %q (title %q)", src, plain.Body, plain.Title, md.Body, md.Title)
	}
}

// Every episode of both bench novels, in both writing directions: the
// fast path takes nearly all of them and writes what goldmark writes.
func TestPlainPathOnTheNovel(t *testing.T) {
	for _, nb := range novelgen.Benches {
		dir := filepath.Join(t.TempDir(), nb.Name)
		if err := novelgen.Write(dir, nb.Options); err != nil {
			t.Fatal(err)
		}
		b, err := Load(dir, Options{NoRender: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, dirn := range []string{"vertical", "horizontal"} {
			cfg := *b.Config
			cfg.WritingMode = dirn
			took := 0
			eps := b.Episodes()
			for _, ep := range eps {
				plain, md, ok := plainAndMarkdown(t, &cfg, ep.Source)
				if ok {
					took++
					samePlain(t, ep.Source, plain, md)
				}
			}
			// the web novel's lists, links, emphasis and HTML are goldmark's
			if took < len(eps)*85/100 {
				t.Errorf("%s %s: the fast path took %d of %d episodes", nb.Name, dirn, took, len(eps))
			}
		}
	}
}

// FuzzPlainPath: for any episode the fast path takes, goldmark writes the
// same bytes and finds the same title.
func FuzzPlainPath(f *testing.F) {
	seeds := []string{
		"# 第一話　出会い\n\n「こんにちは」\n　彼は｜東京《とうきょう》へ行った。\n\n\n　{漢字|かん|じ}と《《傍点》》。\n",
		"本文だけ\n二行目\n",
		"#  見出し  \n本文\n## 次\n\n\n三\n",
		"　ああ！！　いや!?\n――そして……\n12時に2025年\nあ゛\n",
		"\n\n# 題\n\n\n",
		"行\n　\n行\n",
		"\"引用\" と 'x' と {a|b} と |c《d》 と ｜《逃》\n",
		"#題\n",
		"a\tb\n",
		"漢字（かんじ）\n",
		"# 一\n\n　一行目。\n\n* * *\n\n　二行目。\n***\n　三行目。\n___\n3日後、彼は来た。\n89歳の祖母。\n",
		"本文\n---\n", "本文\n\n---\n", "# 題\n---\n本文\n- - -\n",
		"　一行目。\n続き｜漢字《かんじ》\n《《傍点》》の行\nabc\ndef\n漢字\nxyz\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	// the example's episodes too
	if files, err := filepath.Glob("../examples/tsukiyo/chapters/*/*.md"); err == nil {
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	cfgs := []*Config{{WritingMode: "vertical"}, {WritingMode: "horizontal"}, {WritingMode: "vertical", ParenRuby: true},
		{WritingMode: "vertical", LineMode: "markdown"}, {WritingMode: "horizontal", LineMode: "markdown", SceneBreak: "＊"},
		{WritingMode: "vertical", Numbers: "kanji"}, {WritingMode: "vertical", LineMode: "markdown", Numbers: "fullwidth"}}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Count(s, "\n") > 200 || len(s) > 20000 {
			return
		}
		for _, cfg := range cfgs {
			if plain, md, ok := plainAndMarkdown(t, cfg, []byte(s)); ok {
				samePlain(t, []byte(s), plain, md)
			}
		}
	})
}

// Random episodes built from the pieces novels are made of — and of the
// characters at the fast path's edges — rendered both ways.
func TestPlainPathRandom(t *testing.T) {
	// HANMOTO_PLAIN_N=1000000 HANMOTO_PLAIN_SEED=7 searches further
	n, seed := 10000, uint64(1)
	if v, err := strconv.Atoi(os.Getenv("HANMOTO_PLAIN_N")); err == nil {
		n = v
	}
	if v, err := strconv.ParseUint(os.Getenv("HANMOTO_PLAIN_SEED"), 10, 64); err == nil {
		seed = v
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	cfgs := []*Config{{WritingMode: "vertical"}, {WritingMode: "horizontal", ParenRuby: true},
		{WritingMode: "vertical", LineMode: "markdown"}, {WritingMode: "horizontal", LineMode: "markdown", SceneBreak: "⁂"},
		{WritingMode: "vertical", Numbers: "kanji"}, {WritingMode: "vertical", LineMode: "markdown", Numbers: "fullwidth"}}
	took := 0
	for i := 0; i < n; i++ {
		src := novelgen.Scrambled(rng)
		for _, cfg := range cfgs {
			if plain, md, ok := plainAndMarkdown(t, cfg, src); ok {
				took++
				samePlain(t, src, plain, md)
			}
		}
	}
	if took < n/4 {
		t.Errorf("the fast path took only %d of %d random episodes: the test says little", took, 2*n)
	}
}

// BlockOfLine names the element renderPlain writes for a line: the line's
// text is in the element at that place.
func TestBlockOfLine(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := newRenderer(&Config{WritingMode: "vertical"}, t.TempDir(), "../images/", 1)
	checked := 0
	for i := 0; i < 3000; i++ {
		src := novelgen.Scrambled(rng)
		ep := &Episode{Index: 1, File: "chapters/001.md", Source: src}
		lines, ok := PlainLines(src, nil)
		if !ok || !r.renderPlain(ep, ep.Source) {
			continue
		}
		// the top-level elements of the fragment, one per line of output
		blocks := strings.Split(strings.TrimSuffix(string(ep.Body), "\n"), "\n")
		for l, pl := range lines {
			k := BlockOfLine(src, l+1)
			if k < 1 || k > len(blocks) {
				t.Fatalf("%q line %d: block %d of %d", src, l+1, k, len(blocks))
			}
			if pl.Blank {
				continue
			}
			opt := r.opt
			if pl.Level > 0 {
				opt = opt.Heading()
			}
			toks := syntax.ScanInto(nil, src[pl.Start:pl.End], opt, nil)
			want := string(syntax.AppendHTML(nil, src[pl.Start:pl.End], toks, opt))
			if pl.Break {
				want = `<p class="scene-break">`
			}
			if !strings.Contains(blocks[k-1], want) {
				t.Fatalf("%q line %d: block %d is %q, not the line's %q", src, l+1, k, blocks[k-1], want)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d lines checked", checked)
	}
}

// BlockOfLineIn names the top-level element a line renders into, for
// episodes with Markdown blocks too: the line's words are in that element.
func TestBlockOfLineIn(t *testing.T) {
	cfg := &Config{WritingMode: "vertical"}
	r := newRenderer(cfg, t.TempDir(), "../images/", 1)
	src := []byte("# 第一話\n\n> 引用の一行目\n> 二行目\n\n- 箇条の一\n- 箇条の二\n\n　本文の行。\n次の行、*強調*あり。\n\n***\n\n```\nコード\n```\n最後の行\n")
	ep := &Episode{Index: 1, File: "chapters/001.md", Source: src}
	if errs, _ := r.render(ep); len(errs) > 0 {
		t.Fatal(errs)
	}
	tops := topElements(t, ep.Body)
	for _, c := range []struct {
		line int
		want string
	}{{1, "第一話"}, {3, "引用の一行目"}, {4, "二行目"}, {6, "箇条の一"}, {7, "箇条の二"}, {9, "本文の行"}, {10, "次の行"}, {12, "scene-break"}, {15, "コード"}, {17, "最後の行"}} {
		k := BlockOfLineIn(cfg, src, c.line)
		if k < 1 || k > len(tops) || !strings.Contains(tops[k-1], c.want) {
			got := ""
			if k >= 1 && k <= len(tops) {
				got = tops[k-1]
			}
			t.Errorf("line %d: block %d %q, want the one with %q", c.line, k, got, c.want)
		}
	}
	// raw HTML before the line: its elements can't be counted
	if k := BlockOfLineIn(cfg, []byte("<div>\n\n</div>\n\n本文\n"), 5); k != 0 {
		t.Errorf("after raw HTML: %d", k)
	}
}

// topElements splits an XHTML fragment into its top-level elements.
func topElements(t *testing.T, body []byte) []string {
	t.Helper()
	var out []string
	depth, start := 0, 0
	s := string(body)
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		end := strings.IndexByte(s[i:], '>') + i
		tag := s[i : end+1]
		switch {
		case strings.HasPrefix(tag, "</"):
			depth--
			if depth == 0 {
				out = append(out, s[start:end+1])
			}
		case strings.HasSuffix(tag, "/>"):
			if depth == 0 {
				out = append(out, tag)
			}
		default:
			if depth == 0 {
				start = i
			}
			depth++
		}
		i = end
	}
	return out
}
