package manuscript

import (
	"bytes"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/hanmoto/hanmoto/manuscript/syntax"
)

// The fast path. Most episodes of a web novel are plain lines — dialogue,
// narration, ruby, 傍点, a line that starts with a number (3日後、…) — with
// a heading, blank lines and scene breaks (* * *, ***, ---): no Markdown
// beyond that, in either line mode. For such an episode goldmark's parse, the novel-syntax
// transformer and the render walk come to "a <p> per line, with the
// line's novel syntax"; renderPlain writes that directly, in a fraction of
// the time. Anything else — any character goldmark could read as markup,
// a line that could open another kind of block, front matter, CRLF — goes
// to goldmark. FuzzPlainPath holds the two outputs byte-identical for every
// episode the fast path accepts.

// mayBeSpace marks the bytes a white-space character can begin with:
// ASCII's, and the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and
// U+3000.
var mayBeSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true, 0xc2: true, 0xe1: true, 0xe2: true, 0xe3: true}

// containsMarkup says src holds a byte of markup: a vectorised search for
// each, quicker than one pass that looks for all of them.
func containsMarkup(src []byte) bool {
	for i := 0; i < len(markup); i++ {
		if bytes.IndexByte(src, markup[i]) >= 0 {
			return true
		}
	}
	return false
}

// onlySpace says a line is white space and nothing else.
func onlySpace(line []byte) bool {
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// markup are the bytes goldmark may read as inline markup, an escape or an
// entity; a line holding one goes to goldmark.
const markup = "\\`*_[]<>&"

// PlainLine is a line of a plain episode: a heading, a paragraph line, a
// blank line or a scene break.
type PlainLine struct {
	// Start and End bound the line's text: a heading's after its #s
	Start, End int
	Level      int // 1–6 for a heading, 0 otherwise
	Blank      bool
	// Break is a thematic break (* * *, ***, ---, ___), which the book
	// shows as its scene-break mark
	Break bool
}

// PlainLines splits src into its lines when it is plain novel lines —
// headings, paragraph lines, blank lines and scene breaks, nothing
// goldmark could read as other markup — and says whether it is.
func PlainLines(src []byte, buf []PlainLine) ([]PlainLine, bool) {
	lines := buf[:0]
	if n := bytes.Count(src, []byte("\n")) + 1; cap(lines) < n {
		lines = make([]PlainLine, 0, n)
	}
	// a 青空文庫 file's 底本 notice is set apart by goldmark's path
	if FrontMatterEnd(src) > 0 || bytes.IndexByte(src, '\r') >= 0 || bytes.Contains(src, []byte("底本：")) {
		return lines, false
	}
	// most episodes hold no markup byte at all: one vectorised look; the
	// others are looked at line by line, where only a scene break may
	// hold one
	markupHere := containsMarkup(src)
	prevText := false // the line before is a paragraph's
	for off := 0; off < len(src); {
		end := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i
		}
		line := src[off:end]
		pl := PlainLine{Start: off, End: end}
		start := off
		off = end + 1
		if len(bytes.Trim(line, " \t")) == 0 {
			pl.Blank = true
			lines = append(lines, pl)
			prevText = false
			continue
		}
		if c, ok := thematicBreak(line); ok {
			// --- under a paragraph's line underlines a heading (setext)
			if c == '-' && prevText {
				return lines, false
			}
			pl.Break = true
			lines = append(lines, pl)
			prevText = false
			continue
		}
		if markupHere && bytes.ContainsAny(line, markup) {
			return lines, false
		}
		// a line of other white space (U+3000 alone) is blank to some rules
		// and text to others; only a line that starts with a byte that can
		// begin white space needs the look
		if mayBeSpace[line[0]] && onlySpace(line) {
			return lines, false
		}
		if c, last := line[0], line[len(line)-1]; c == ' ' || c == '\t' || last == ' ' || last == '\t' {
			return lines, false
		}
		if line[0] == '#' {
			level := 0
			for level < len(line) && line[level] == '#' {
				level++
			}
			if level > 6 || level == len(line) || line[level] != ' ' {
				return lines, false
			}
			content := bytes.TrimLeft(line[level:], " \t")
			if len(content) == 0 || content[len(content)-1] == '#' {
				return lines, false
			}
			pl.Level, pl.Start = level, start+len(line)-len(content)
		} else if !plainStart(line) {
			return lines, false
		}
		lines = append(lines, pl)
		prevText = pl.Level == 0
	}
	return lines, true
}

// thematicBreak says a line is a thematic break as CommonMark reads one —
// three or more of one of * - _ and nothing else but spaces and tabs — and
// which character it is made of. (A line indented by a space never gets
// here.)
func thematicBreak(line []byte) (byte, bool) {
	c := line[0]
	if c != '*' && c != '-' && c != '_' {
		return 0, false
	}
	n := 0
	for _, b := range line {
		switch b {
		case c:
			n++
		case ' ', '\t':
		default:
			return 0, false
		}
	}
	return c, n >= 3
}

// renderPlain renders ep when it is plain novel lines, and says whether
// it did.
func (r *renderer) renderPlain(ep *Episode, src []byte) bool {
	lines, ok := PlainLines(src, nil)
	if !ok {
		return false
	}
	out := make([]byte, 0, 2*len(src)+64)
	var toks []syntax.Token
	var title []byte
	haveTitle := false
	mark := r.opt.SceneBreak
	if mark == "" {
		mark = "◇"
	}
	// heading writes a heading line: the episode's title, or one under it
	headOpt := r.opt.Heading()
	heading := func(content []byte) {
		toks = syntax.ScanInto(toks, content, headOpt, nil)
		h := min(r.headLevel+1, 6)
		if !haveTitle {
			h, haveTitle = r.headLevel, true
			title = syntax.AppendPlain(nil, content, toks)
		}
		tag := "h" + strconv.Itoa(h)
		out = append(out, "<"+tag+">"...)
		out = syntax.AppendHTML(out, content, toks, headOpt)
		out = append(out, "</"+tag+">\n"...)
	}
	// a scene-break mark never holds < > & " (book.yaml refuses them)
	sceneBreak := "<p class=\"scene-break\">" + mark + "</p>\n"
	if r.novel {
		plainLayout(lines, func(_, blanks int) {
			for ; blanks > 0; blanks-- {
				out = append(out, "<p class=\"blank\"><br/></p>\n"...)
			}
		}, func(i int) {
			pl := lines[i]
			if pl.Break {
				out = append(out, sceneBreak...)
				return
			}
			content := src[pl.Start:pl.End]
			if pl.Level > 0 {
				heading(content)
				return
			}
			toks = syntax.ScanInto(toks, content, r.opt, nil)
			out = append(out, "<p>"...)
			out = syntax.AppendHTML(out, content, toks, r.opt)
			out = append(out, "</p>\n"...)
		})
	} else {
		// line-mode: markdown: a paragraph is its lines joined as goldmark
		// joins them (softBreak); blank lines show nothing
		inPara := false
		var last syntax.Token
		var lastLine []byte
		for _, pl := range lines {
			if inPara && (pl.Blank || pl.Break || pl.Level > 0) {
				out = append(out, "</p>\n"...)
				inPara = false
			}
			switch {
			case pl.Blank:
				continue
			case pl.Break:
				out = append(out, sceneBreak...)
				continue
			}
			content := src[pl.Start:pl.End]
			if pl.Level > 0 {
				heading(content)
				continue
			}
			toks = syntax.ScanInto(toks, content, r.opt, nil)
			if !inPara {
				out = append(out, "<p>"...)
				inPara = true
			} else if softBreak(lastLine, last, content, toks[0]) {
				out = append(out, '\n')
			}
			out = syntax.AppendHTML(out, content, toks, r.opt)
			last, lastLine = toks[len(toks)-1], content
		}
		if inPara {
			out = append(out, "</p>\n"...)
		}
	}
	if haveTitle {
		ep.Title = strings.TrimSpace(string(title))
	} else {
		// no heading: the file's name is the title, a heading first
		ep.Title = strings.TrimSuffix(path.Base(ep.File), path.Ext(ep.File))
		if strings.ContainsAny(ep.Title, markup) {
			return false
		}
		tag := "h" + strconv.Itoa(r.headLevel)
		head := "<" + tag + ">" + string(fileTitleHTML(ep.Title, r.opt)) + "</" + tag + ">\n"
		out = append([]byte(head), out...)
	}
	ep.Body = out
	ep.Illustrations, ep.FullBleed, ep.Headings = nil, nil, nil
	return true
}

// softBreak says whether goldmark writes a line break between two lines of
// a paragraph, as its renderText does with EastAsianLineBreaksSimple. The
// break belongs to the first line's last text node: an empty one (the
// line ends in ruby, 縦中横, …: the transformer leaves an empty node to
// carry the break) writes it always; a text writes it only before a text
// node that holds text — not before ruby — and not between two East Asian
// wide characters.
func softBreak(aLine []byte, a syntax.Token, bLine []byte, b syntax.Token) bool {
	av, ok := tokenText(aLine, a)
	if !ok || len(av) == 0 {
		return true
	}
	bv, ok := tokenText(bLine, b)
	if !ok || len(bv) == 0 {
		return false
	}
	ar, _ := utf8.DecodeLastRune(av)
	br, _ := utf8.DecodeRune(bv)
	return !(util.IsEastAsianWideRune(ar) && util.IsEastAsianWideRune(br))
}

// tokenText is the text a token leaves as a goldmark text node, and
// whether it leaves one.
func tokenText(line []byte, t syntax.Token) ([]byte, bool) {
	switch t.Kind {
	case syntax.Text:
		return line[t.Start:t.End], true
	case syntax.Escape:
		return line[t.BaseStart:t.BaseEnd], true
	}
	return nil, false
}

// plainLayout walks plain lines in the order renderPlain writes them in
// novel line mode: blanks(i, k) before line i's element when k blank lines
// show there (the blank lines between two blocks show, unless a heading is
// the first of the two), then line(i) for each line that is not blank. A
// block starts at a heading or a scene break, after one, and after blank
// lines.
func plainLayout(lines []PlainLine, blanks func(i, k int), line func(i int)) {
	first, prevHeading, prevOwn := true, false, false
	blank := 0
	for i, pl := range lines {
		if pl.Blank {
			blank++
			continue
		}
		heading := pl.Level > 0
		own := heading || pl.Break // a block of its own line
		if own || first || blank > 0 || prevOwn {
			if !first && !prevHeading && blank > 0 {
				blanks(i, blank)
			}
			prevHeading = heading
		}
		first, blank, prevOwn = false, 0, own
		line(i)
	}
}

// BlockOfLine is the place, counted from 1 among the rendered episode's
// top-level elements, of the element that shows source line line (1-based)
// of a plain episode, as renderPlain writes it; 0 when the episode is not
// plain or the line is past its end. A previewer scrolls a finding there.
func BlockOfLine(src []byte, line int) int {
	lines, ok := PlainLines(src, nil)
	if !ok || line < 1 || line > len(lines) {
		return 0
	}
	n := 1 // the heading made of the file's name, when there is none
	for _, pl := range lines {
		if pl.Level > 0 {
			n = 0
			break
		}
	}
	at := 0
	plainLayout(lines, func(_, blanks int) {
		n += blanks
	}, func(i int) {
		n++
		// a blank line's element is the one after it, or the last
		if i+1 == line || at == 0 && i+1 > line {
			at = n
		}
	})
	if at <= 0 {
		return n
	}
	return at
}

// BlockOfLineIn is BlockOfLine for any episode of a book with config c:
// a plain one exactly, another by goldmark's blocks — each top-level block
// is one element — as long as no raw HTML block comes before the line
// (it may write any number of elements, or none): then 0.
func BlockOfLineIn(c *Config, src []byte, line int) int {
	if c.LineMode != "markdown" {
		if _, ok := PlainLines(src, nil); ok {
			return BlockOfLine(src, line)
		}
	}
	if FrontMatterEnd(src) > 0 || line < 1 {
		return 0
	}
	md := NewMarkdown(c)
	doc := md.Parser().Parse(text.NewReader(src))
	n, at, heading := 0, 0, false
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		if b.Kind() == ast.KindHeading {
			heading = true
		}
		p := startOf(b)
		if p >= 0 {
			if l, _ := Position(src, p); l > line {
				break
			}
		}
		if b.Kind() == ast.KindHTMLBlock {
			return 0
		}
		n++
		// a block of no source (a blank line shown) is not where a line is
		if p >= 0 {
			at = n
		}
	}
	if at == 0 {
		return 0
	}
	if !heading {
		// the heading made of the file's name comes first (only a
		// heading after the line could be missed here: the first heading
		// is the title wherever it stands)
		for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
			if b.Kind() == ast.KindHeading {
				heading = true
			}
		}
		if !heading {
			at++
		}
	}
	return at
}

// startOf is where block b's source begins: its own lines, or its first
// text's (a paragraph split off a novel-mode paragraph has no lines of its
// own); -1 for a block made by the transformer from no text.
func startOf(b ast.Node) int {
	if p := syntax.BlockStart(b); p >= 0 {
		return p
	}
	start := -1
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && start < 0 {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return start
}

// orderedItem says a line that starts with a digit may open an ordered
// list: up to nine digits, then . or ) and a space, a tab or the line's end
// (3日後、 and 89歳の are text; 1. and 2) are items).
func orderedItem(line []byte) bool {
	i := 0
	for i < len(line) && i < 10 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 0 || i > 9 || i == len(line) || line[i] != '.' && line[i] != ')' {
		return false
	}
	return i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'
}

// plainStart says a line opens a paragraph whatever comes before it: it
// does not start a list, a quote, a code fence, a thematic break, a setext
// underline, an HTML block or a page break.
func plainStart(line []byte) bool {
	c := line[0]
	if strings.IndexByte("#>-*+=_~`<[", c) >= 0 || c >= '0' && c <= '9' && orderedItem(line) {
		return false
	}
	// a 青空文庫 note (a page break, 地付き, 字下げ…) is goldmark's to place
	return !bytes.Contains(line, []byte("［＃"))
}
