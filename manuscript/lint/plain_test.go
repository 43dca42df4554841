package lint

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestPlainWalk: for random plain episodes, plainWalk finds what walk
// finds in goldmark's tree, in both line modes.
func TestPlainWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	took := 0
	for i := 0; i < 5000; i++ {
		src := novelgen.Scrambled(rng)
		lines, ok := manuscript.PlainLines(src, nil)
		if !ok {
			continue
		}
		took++
		for _, mode := range []string{"novel", "markdown"} {
			book := &manuscript.Book{Dir: t.TempDir(), Config: &manuscript.Config{LineMode: mode}}
			md := newMarkdown(book.Config)
			a := newDoc("chapters/001.md", src, book, md)
			a.walk(md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext())), src)
			p := newDoc("chapters/001.md", src, book, md)
			p.plainWalk(lines, src)
			if !reflect.DeepEqual(a.class, p.class) || !reflect.DeepEqual(a.paras, p.paras) || !reflect.DeepEqual(a.blocks, p.blocks) ||
				a.title != p.title || a.titleOff != p.titleOff || !reflect.DeepEqual(a.codeLine, p.codeLine) {
				t.Fatalf("%s %q:\nwalk:  paras %v blocks %v title %q@%d class %v\nplain: paras %v blocks %v title %q@%d class %v",
					mode, src, a.paras, a.blocks, a.title, a.titleOff, a.class, p.paras, p.blocks, p.title, p.titleOff, p.class)
			}
		}
	}
	if took < 800 {
		t.Errorf("only %d of 5000 random episodes were plain: the test says little", took)
	}
}

// decodeRune agrees with utf8.DecodeRune on every three-byte sequence and
// on what comes before and after them.
func TestDecodeRune(t *testing.T) {
	for a := 0; a < 256; a++ {
		for b := 0x70; b < 0xd0; b++ {
			for _, c := range []int{0x00, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff} {
				s := []byte{byte(a), byte(b), byte(c), 'x'}
				r1, n1 := decodeRune(s)
				r2, n2 := utf8.DecodeRune(s)
				if r1 != r2 || n1 != n2 {
					t.Fatalf("% x: %U %d, utf8 says %U %d", s, r1, n1, r2, n2)
				}
			}
		}
	}
}
