package manuscript

import (
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The stages of a build of the generated 1,000-episode novel, one
// benchmark each, so that a regression shows where it happened: reading
// the files, goldmark's parse (with and without the novel-syntax
// transformer), goldmark's render, and the fast path that replaces all
// three for plain episodes. epub's benchmarks cover packing and deflate.

func stageBook(b *testing.B) *Book {
	dir := filepath.Join(b.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{}); err != nil {
		b.Fatal(err)
	}
	book, err := Load(dir, Options{NoRender: true})
	if err != nil {
		b.Fatal(err)
	}
	return book
}

func BenchmarkStageRead(b *testing.B) {
	book := stageBook(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Load(book.Dir, Options{NoRender: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// parse is goldmark's own parse, no novel syntax; transform adds the
// transformer (so transform − parse is the transformer's cost).
func BenchmarkStageParse(b *testing.B) {
	book := stageBook(b)
	for _, c := range []struct {
		name string
		p    parser.Parser
	}{
		{"goldmark", parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...), parser.WithInlineParsers(parser.DefaultInlineParsers()...), parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))},
		{"transform", NewMarkdown(book.Config).Parser()},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, ep := range book.Episodes() {
					c.p.Parse(text.NewReader(ep.Source))
				}
			}
		})
	}
}

func BenchmarkStageRender(b *testing.B) {
	book := stageBook(b)
	md := NewMarkdown(book.Config)
	eps := book.Episodes()
	docs := make([]ast.Node, len(eps))
	for k, ep := range eps {
		docs[k] = md.Parser().Parse(text.NewReader(ep.Source))
	}
	// rendering leaves the tree as it was: the same trees render again
	b.Run("goldmark", func(b *testing.B) {
		var sink discard
		for i := 0; i < b.N; i++ {
			for k, ep := range eps {
				if err := md.Renderer().Render(&sink, ep.Source, docs[k]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		r := newRenderer(book.Config, book.Dir, "../images/", 2)
		for i := 0; i < b.N; i++ {
			for _, ep := range book.Episodes() {
				e := *ep
				if !r.renderPlain(&e, e.Source) {
					b.Fatalf("%s: not plain", ep.File)
				}
			}
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
