package syntax

import (
	"bytes"
	"fmt"
	"strings"

	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// AST node kinds of the novel syntax.
var (
	KindRuby      = ast.NewNodeKind("Ruby")
	KindSesame    = ast.NewNodeKind("Sesame")
	KindTCY       = ast.NewNodeKind("TCY")
	KindPageBreak = ast.NewNodeKind("PageBreak")
	KindBlankLine = ast.NewNodeKind("BlankLine")
	KindDash      = ast.NewNodeKind("Dash")
	KindLeader    = ast.NewNodeKind("Leader")
	KindDakuten   = ast.NewNodeKind("Dakuten")
	KindIllust    = ast.NewNodeKind("Illustration")
	KindNumber    = ast.NewNodeKind("Number")
)

// NumberNode holds a run of digits (or a curly quote) as its text child; it
// is written as a vertical book sets it (二〇二四, 〝), and read as written
// (titles, search).
type NumberNode struct {
	ast.BaseInline
	Glyph bool // a Glyph token: “ ” ! ? written 〝 〟 ！ ？
	Gaiji bool // a 外字 note: written as the character it names, else ※
	// Kaeriten is a 漢文 返り点 (written <sub>), Okurigana its 送り仮名 (<sup>)
	Kaeriten, Okurigana bool
	// Numbers is how its digits are set (kanji or fullwidth): a heading's
	// differ from the text's
	Numbers string
}

func (n *NumberNode) Kind() ast.NodeKind         { return KindNumber }
func (n *NumberNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// RubyNode holds its base as children and the readings as source segments.
type RubyNode struct {
	ast.BaseInline
	Readings []text.Segment
	Mono     bool // one reading per base character; else the readings join
}

func (n *RubyNode) Kind() ast.NodeKind              { return KindRuby }
func (n *RubyNode) Dump(src []byte, level int)      { ast.DumpHelper(n, src, level, nil, nil) }
func (n *SesameNode) Kind() ast.NodeKind            { return KindSesame }
func (n *SesameNode) Dump(src []byte, level int)    { ast.DumpHelper(n, src, level, nil, nil) }
func (n *TCYNode) Kind() ast.NodeKind               { return KindTCY }
func (n *TCYNode) Dump(src []byte, level int)       { ast.DumpHelper(n, src, level, nil, nil) }
func (n *PageBreakNode) Kind() ast.NodeKind         { return KindPageBreak }
func (n *PageBreakNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *BlankLineNode) Kind() ast.NodeKind         { return KindBlankLine }
func (n *BlankLineNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// SesameNode is 傍点 (emphasis dots) over its children.
type SesameNode struct {
	ast.BaseInline
	Mark string // Token.Mark
}

// TCYNode is 縦中横 over its children.
type TCYNode struct{ ast.BaseInline }

// DashNode is a run of ―― kept whole; LeaderNode a run of ……; DakutenNode
// a kana and a 濁点 set in one cell.
type DashNode struct{ ast.BaseInline }
type LeaderNode struct{ ast.BaseInline }
type DakutenNode struct{ ast.BaseInline }

// IllustrationNode is a paragraph holding an image alone: a page of its own.
// Width and Height, when the renderer knows them, make it an SVG whose
// viewBox is the image's size: centred on the page both ways in any
// reader and direction, as the cover is.
type IllustrationNode struct {
	ast.BaseBlock
	Width, Height int
	// FullBleed is an illustration that fills the page to its edges (a
	// 口絵): its image's title says so (FullBleed)
	FullBleed bool
}

// FullBleed reports whether an image's title asks for the whole page,
// to its edges: "full-bleed", or 裁ち落とし as a Japanese printer says it.
func FullBleed(title string) bool {
	switch strings.ToLower(strings.TrimSpace(title)) {
	case "full-bleed", "裁ち落とし":
		return true
	}
	return false
}

func (n *DashNode) Kind() ast.NodeKind                 { return KindDash }
func (n *DashNode) Dump(src []byte, level int)         { ast.DumpHelper(n, src, level, nil, nil) }
func (n *LeaderNode) Kind() ast.NodeKind               { return KindLeader }
func (n *LeaderNode) Dump(src []byte, level int)       { ast.DumpHelper(n, src, level, nil, nil) }
func (n *DakutenNode) Kind() ast.NodeKind              { return KindDakuten }
func (n *DakutenNode) Dump(src []byte, level int)      { ast.DumpHelper(n, src, level, nil, nil) }
func (n *IllustrationNode) Kind() ast.NodeKind         { return KindIllust }
func (n *IllustrationNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// PageBreakNode is a forced page break (=== or ［＃改ページ］).
type PageBreakNode struct{ ast.BaseBlock }

// BlankLineNode is an empty line the writer left on purpose (novel line mode).
type BlankLineNode struct{ ast.BaseBlock }

func (n *PageBreakNode) IsRaw() bool { return true }
func (n *BlankLineNode) IsRaw() bool { return true }

// LineMode says how source lines become paragraphs.
type LineMode int

const (
	// Novel: every line is a paragraph and blank lines are kept, the way
	// web novels are written and shown.
	Novel LineMode = iota
	// Markdown: CommonMark paragraphs.
	Markdown
)

// Extension is the novel syntax for goldmark.
type Extension struct {
	Options
	LineMode LineMode
	// BlocksOnly registers the page-break block parser alone: the text
	// stays as written, for tools that read the source (lint).
	BlocksOnly bool
}

// Extend registers the parsers, transformers and renderers.
func (e *Extension) Extend(m goldmark.Markdown) {
	if e.BlocksOnly {
		m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(pageBreakParser{}, 90)))
		return
	}
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(pageBreakParser{}, 90)),
		parser.WithASTTransformers(util.Prioritized(&transformer{e}, 100)),
	)
	if e.LineMode == Novel {
		// In novel line mode every line is a paragraph: --- under a line is
		// a scene break, as the sites show it, never a setext heading that
		// joins the lines above into one <h2>. goldmark's thematic break
		// parser is tried before the setext one (100) for that.
		m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(parser.NewThematicBreakParser(), 95)))
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{e.Options}, 100)))
}

// pageBreakParser reads a line holding only === or ［＃改ページ］. It runs
// before setext headings, so === under a line is a page break, not an <h1>.
type pageBreakParser struct{}

func (pageBreakParser) Trigger() []byte { return []byte{'=', 0xef} } // 0xef: first byte of ［

// IsPageBreakLine says a line is a page break: === or a 青空文庫 note of
// one — ［＃改ページ］, ［＃改丁］ (a new right-hand page), ［＃改見開き］ (a new
// spread) and ［＃改段］ (a new column), each a new page in an e-book.
func IsPageBreakLine(line []byte) bool {
	l := bytes.TrimSpace(line)
	switch string(l) {
	case "［＃改ページ］", "［＃改丁］", "［＃改見開き］", "［＃改段］":
		return true
	}
	return len(l) >= 3 && len(bytes.Trim(l, "=")) == 0
}

func (pageBreakParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if !IsPageBreakLine(line) {
		return nil, parser.NoChildren
	}
	reader.Advance(seg.Len() - 1)
	return &PageBreakNode{}, parser.NoChildren
}
func (pageBreakParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (pageBreakParser) Close(ast.Node, text.Reader, parser.Context) {}
func (pageBreakParser) CanInterruptParagraph() bool                 { return true }
func (pageBreakParser) CanAcceptIndentedLine() bool                 { return false }

type transformer struct{ ext *Extension }

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var runs [][]*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML, ast.KindAutoLink:
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeInline || !hasInlineChildren(n) {
			return ast.WalkContinue, nil
		}
		runs = collectRuns(n, src, runs)
		return ast.WalkContinue, nil
	})
	var buf []Token
	for _, run := range runs {
		t.rewrite(run, src, &buf)
	}
	if t.ext.LineMode == Novel {
		novelLines(doc, src)
	}
	aozoraLayout(doc, src)
	illustrations(doc, src)
}

// illustrations makes every top-level paragraph that holds an image alone
// an illustration: a page of its own, fitted to the page.
func illustrations(doc *ast.Document, src []byte) {
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if para, ok := n.(*ast.Paragraph); ok {
			var img ast.Node
			alone := true
			for c := para.FirstChild(); c != nil; c = c.NextSibling() {
				switch c.Kind() {
				case ast.KindImage:
					if img != nil {
						alone = false
					}
					img = c
				case ast.KindText:
					if len(bytes.TrimSpace(c.(*ast.Text).Segment.Value(src))) > 0 {
						alone = false
					}
				default:
					alone = false
				}
			}
			if img != nil && alone {
				il := &IllustrationNode{FullBleed: FullBleed(string(img.(*ast.Image).Title))}
				para.RemoveChild(para, img)
				il.AppendChild(il, img)
				doc.ReplaceChild(doc, para, il)
			}
		}
		n = next
	}
}

func hasInlineChildren(n ast.Node) bool {
	c := n.FirstChild()
	return c != nil && c.Type() == ast.TypeInline
}

// collectRuns groups the direct Text children of n into runs of adjacent
// source on one line: syntax is read across goldmark's text splits (it
// splits at ASCII punctuation such as ! and &) but never across lines.
func collectRuns(n ast.Node, src []byte, runs [][]*ast.Text) [][]*ast.Text {
	var cur []*ast.Text
	end := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || t.IsRaw() {
			end()
			continue
		}
		if len(cur) > 0 && cur[len(cur)-1].Segment.Stop != t.Segment.Start {
			end()
		}
		cur = append(cur, t)
		if t.SoftLineBreak() || t.HardLineBreak() {
			end()
		}
	}
	end()
	return runs
}

func (t *transformer) rewrite(run []*ast.Text, src []byte, buf *[]Token) {
	start, stop := run[0].Segment.Start, run[len(run)-1].Segment.Stop
	line := src[start:stop]
	opt := t.ext.Options
	for n := run[0].Parent(); n != nil; n = n.Parent() {
		if n.Kind() == ast.KindHeading {
			opt = opt.Heading()
			break
		}
	}
	toks := ScanInto(*buf, line, opt, nil)
	*buf = toks
	if len(toks) == 0 || (len(toks) == 1 && toks[0].Kind == Text) {
		return
	}
	last := run[len(run)-1]
	parent := run[0].Parent()
	anchor := ast.Node(last)
	seg := func(a, b int) *ast.Text { return ast.NewTextSegment(text.NewSegment(start+a, start+b)) }
	var nodes []ast.Node
	for _, tk := range toks {
		switch tk.Kind {
		case Text:
			nodes = append(nodes, seg(tk.Start, tk.End))
		case Ruby:
			r := &RubyNode{Mono: tk.Mono}
			if r.Mono {
				// one base character per reading
				b := tk.BaseStart
				for b < tk.BaseEnd {
					_, size := utf8.DecodeRune(line[b:])
					r.AppendChild(r, seg(b, b+size))
					b += size
				}
			} else {
				base := line[tk.BaseStart:tk.BaseEnd]
				for _, p := range gaijiParts(base) {
					if p.drop {
						continue
					}
					if p.note {
						r.AppendChild(r, holding(&NumberNode{Gaiji: true}, seg(tk.BaseStart+p.start, tk.BaseStart+p.end)))
					} else {
						r.AppendChild(r, seg(tk.BaseStart+p.start, tk.BaseStart+p.end))
					}
				}
			}
			for _, rd := range tk.Readings {
				r.Readings = append(r.Readings, text.NewSegment(start+rd[0], start+rd[1]))
			}
			nodes = append(nodes, r)
		case Sesame:
			nodes = append(nodes, holding(&SesameNode{Mark: tk.Mark}, seg(tk.BaseStart, tk.BaseEnd)))
		case TCY:
			nodes = append(nodes, holding(&TCYNode{}, seg(tk.BaseStart, tk.BaseEnd)))
		case Dash:
			nodes = append(nodes, holding(&DashNode{}, seg(tk.BaseStart, tk.BaseEnd)))
		case Leader:
			nodes = append(nodes, holding(&LeaderNode{}, seg(tk.BaseStart, tk.BaseEnd)))
		case Dakuten:
			nodes = append(nodes, holding(&DakutenNode{}, seg(tk.BaseStart, tk.BaseEnd)))
		case Escape:
			nodes = append(nodes, seg(tk.BaseStart, tk.BaseEnd))
		case Number, Glyph, Gaiji, Kaeriten, Okurigana:
			nodes = append(nodes, holding(&NumberNode{Glyph: tk.Kind == Glyph, Gaiji: tk.Kind == Gaiji, Kaeriten: tk.Kind == Kaeriten,
				Okurigana: tk.Kind == Okurigana, Numbers: opt.Numbers}, seg(tk.BaseStart, tk.BaseEnd)))
		}
	}
	// a note alone leaves no node: an empty text keeps the run's place
	if len(nodes) == 0 {
		nodes = append(nodes, seg(len(line), len(line)))
	}
	// The line-break flags of the run's last node belong to its new last node.
	if tl, ok := nodes[len(nodes)-1].(*ast.Text); ok {
		tl.SetSoftLineBreak(last.SoftLineBreak())
		tl.SetHardLineBreak(last.HardLineBreak())
	} else if last.SoftLineBreak() || last.HardLineBreak() {
		br := ast.NewTextSegment(text.NewSegment(start+len(line), start+len(line)))
		br.SetSoftLineBreak(last.SoftLineBreak())
		br.SetHardLineBreak(last.HardLineBreak())
		nodes = append(nodes, br)
	}
	for _, n := range nodes {
		parent.InsertBefore(parent, anchor, n)
	}
	for _, r := range run {
		parent.RemoveChild(parent, r)
	}
}

// holding is n with the text t as its child.
func holding(n ast.Node, t *ast.Text) ast.Node {
	n.AppendChild(n, t)
	return n
}

// novelLines makes every line of a paragraph its own paragraph and turns the
// blank lines between top-level blocks into visible empty lines.
func novelLines(doc *ast.Document, src []byte) {
	var prev ast.Node
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if prev != nil && prev.Kind() != ast.KindHeading && prev.Kind() != KindPageBreak && n.Kind() != KindPageBreak {
			if p := blockStart(n); p >= 0 {
				for k := blankLinesBefore(src, p); k > 0; k-- {
					doc.InsertBefore(doc, n, &BlankLineNode{})
				}
			}
		}
		if para, ok := n.(*ast.Paragraph); ok {
			splitParagraph(doc, para)
		}
		prev = n
		n = next
	}
}

// BlockStart is the source offset where block n begins, or -1 when it
// holds no source (a blank line, a page break made by the transformer).
func BlockStart(n ast.Node) int { return blockStart(n) }

func blockStart(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}

func blankLinesBefore(src []byte, p int) int {
	// back to the start of p's line
	for p > 0 && src[p-1] != '\n' {
		p--
	}
	count := 0
	for p > 0 {
		end := p - 1 // the '\n' ending the previous line
		s := end
		for s > 0 && src[s-1] != '\n' {
			s--
		}
		if len(bytes.TrimSpace(bytes.TrimSuffix(src[s:end], []byte("\r")))) != 0 {
			break
		}
		count++
		p = s
	}
	return count
}

func splitParagraph(doc *ast.Document, para *ast.Paragraph) {
	cur := ast.Node(para)
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if cur != para {
			para.RemoveChild(para, c)
			cur.AppendChild(cur, c)
		}
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) && next != nil {
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
			np := ast.NewParagraph()
			doc.InsertAfter(doc, cur, np)
			cur = np
		}
		c = next
	}
}

type nodeRenderer struct{ opt Options }

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRuby, renderRuby)
	mark := r.opt.SceneBreak
	if mark == "" {
		mark = "◇"
	}
	// a scene break is a mark on a line of its own, never an empty <hr>
	// that a reader may draw as nothing
	reg.Register(ast.KindThematicBreak, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<p class="scene-break">`)
			_, _ = w.Write(util.EscapeHTML([]byte(mark)))
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
	// ―― is kept as written, U+2015, so that search, copy and read-aloud
	// find the dash; the stylesheet draws a line through the span, which
	// joins the gap a vertical font leaves between two U+2015
	reg.Register(KindDash, wrap(`<span class="dash">`, `</span>`))
	reg.Register(KindLeader, wrap(`<span class="leader">`, `</span>`))
	reg.Register(KindNumber, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			v := n.FirstChild().(*ast.Text).Segment.Value(src)
			if n.(*NumberNode).Glyph {
				_, _ = w.Write(GlyphText(v))
			} else if n.(*NumberNode).Gaiji {
				_, _ = w.Write(util.EscapeHTML(GaijiText(v)))
			} else if n.(*NumberNode).Kaeriten {
				_, _ = w.WriteString(`<sub class="kaeriten">`)
				_, _ = w.Write(util.EscapeHTML(v))
				_, _ = w.WriteString(`</sub>`)
			} else if n.(*NumberNode).Okurigana {
				_, _ = w.WriteString(`<sup class="okurigana">`)
				_, _ = w.Write(util.EscapeHTML(v))
				_, _ = w.WriteString(`</sup>`)
			} else {
				_, _ = w.Write(NumberText(v, Options{Numbers: n.(*NumberNode).Numbers}))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindDakuten, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// the kana, then the spacing 濁点 (U+309B) in a span of its own,
		// which the stylesheet pulls back over the kana's cell
		t := []rune(string(n.FirstChild().(*ast.Text).Segment.Value(src)))
		mark := '゛'
		if t[1] == '\u309A' || t[1] == '\u309C' || t[1] == '\uFF9F' {
			mark = '゜'
		}
		_, _ = w.WriteString(`<span class="dakuten">` + string(t[0]) + `<span class="mark">` + string(mark) + `</span></span>`)
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindIllust, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		il := n.(*IllustrationNode)
		img, _ := il.FirstChild().(*ast.Image)
		svg := il.Width > 0 && il.Height > 0 && img != nil
		if !entering && svg {
			return ast.WalkContinue, nil // the SVG closed its own div
		}
		if entering && svg {
			var alt bytes.Buffer
			for c := img.FirstChild(); c != nil; c = c.NextSibling() {
				switch t := c.(type) {
				case *ast.Text:
					alt.Write(t.Segment.Value(src))
				case *ast.String: // a 挿絵 note's caption
					alt.Write(t.Value)
				}
			}
			// a full-bleed picture fills its page and loses what passes
			// the page's shape; any other is shown whole
			class, fit := "illustration", "meet"
			if il.FullBleed {
				class, fit = "illustration full-bleed", "slice"
			}
			fmt.Fprintf(w, `<div class="%s"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="100%%" height="100%%" viewBox="0 0 %d %d" preserveAspectRatio="xMidYMid %s"><title>%s</title><image width="%d" height="%d" xlink:href="%s"/></svg></div>`+"\n",
				class, il.Width, il.Height, fit, util.EscapeHTML(alt.Bytes()), il.Width, il.Height, util.EscapeHTML(util.URLEscape(img.Destination, true)))
			return ast.WalkSkipChildren, nil
		}
		if entering && il.FullBleed {
			_, _ = w.WriteString(`<div class="illustration full-bleed">`)
		} else if entering {
			_, _ = w.WriteString(`<div class="illustration">`)
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindSesame, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<em class="` + MarkClass(n.(*SesameNode).Mark) + `">`)
		} else {
			_, _ = w.WriteString(`</em>`)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindTCY, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="tcy">`)
		} else {
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindPageBreak, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<div class=\"pagebreak\"></div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindBlankLine, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<p class=\"blank\"><br/></p>\n")
		}
		return ast.WalkContinue, nil
	})
}

func wrap(open, close string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(open)
		} else {
			_, _ = w.WriteString(close)
		}
		return ast.WalkContinue, nil
	}
}

func renderRuby(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*RubyNode)
	if !n.Mono {
		if entering {
			_, _ = w.WriteString("<ruby>")
			return ast.WalkContinue, nil
		}
		writeRT(w, src, n.Readings...)
		_, _ = w.WriteString("</ruby>")
		return ast.WalkContinue, nil
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<ruby>")
	i := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t := c.(*ast.Text)
		_, _ = w.Write(util.EscapeHTML(t.Segment.Value(src)))
		writeRT(w, src, n.Readings[i])
		i++
	}
	_, _ = w.WriteString("</ruby>")
	return ast.WalkSkipChildren, nil
}

func writeRT(w util.BufWriter, src []byte, segs ...text.Segment) {
	_, _ = w.WriteString("<rp>（</rp><rt>")
	for _, seg := range segs {
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	_, _ = w.WriteString("</rt><rp>）</rp>")
}
