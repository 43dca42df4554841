package manuscript

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/lazyre"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/manuscript/syntax"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v4"
)

// renderer turns episodes into XHTML fragments. One is made per book and
// shared by the rendering goroutines: goldmark keeps per-call state only.
type renderer struct {
	md          goldmark.Markdown
	opt         syntax.Options
	novel       bool   // novel line mode: the fast path may render plain lines
	dir         string // the manuscript folder, absolute
	imagePrefix string
	headLevel   int // the level of an episode's title: 1, or 2 under parts
}

// NewMarkdown is the goldmark set-up for a book: CommonMark, East Asian line
// joining, the novel syntax, XHTML output. No typographer: it writes named
// entities such as &hellip; that EPUB XHTML does not define.
func NewMarkdown(c *Config) goldmark.Markdown {
	mode := syntax.Novel
	if c.LineMode == "markdown" {
		mode = syntax.Markdown
	}
	return goldmark.New(
		goldmark.WithExtensions(&syntax.Extension{Options: syntaxOptions(c), LineMode: mode}),
		// what goldmark's CJK extension does with WithEastAsianLineBreaks,
		// without importing its package, whose other extensions compile
		// regular expressions at every start of the program (0.5 ms)
		goldmark.WithRendererOptions(html.WithXHTML(), html.WithUnsafe(), html.WithEastAsianLineBreaks(html.EastAsianLineBreaksSimple)),
	)
}

func syntaxOptions(c *Config) syntax.Options {
	return syntax.Options{ParenRuby: c.ParenRuby, Vertical: c.Vertical(), TCYDigits: c.TCYDigits, SceneBreak: c.SceneBreak, Numbers: c.Numbers}
}

// newRenderer is the renderer of a book whose episode titles are headings
// of headLevel.
func newRenderer(c *Config, dir, imagePrefix string, headLevel int) *renderer {
	return &renderer{md: NewMarkdown(c), opt: syntaxOptions(c), novel: c.LineMode != "markdown", dir: dir, imagePrefix: imagePrefix, headLevel: headLevel}
}

// episodeState is what rendering one episode finds out.
type episodeState struct {
	file   string // relative, for messages
	src    []byte
	errs   Errors
	images []string // manuscript-relative paths of referenced images
	// illustrations are the images shown as pages of their own
	illustrations []string
	fullBleed     []string   // of them, those that fill their page
	headings      []Heading  // the 大 and 中見出し the 目次 lists
	drop          []ast.Node // blocks to remove once the walk is over
}

func (st *episodeState) errorf(off int, format string, args ...any) {
	switch {
	case len(st.errs) > MaxEpisodeErrors:
		// past the first ones, more say nothing new, and placing each
		// (counting from the file's start) made 20,000 unclosed tags
		// take seconds
		return
	case len(st.errs) == MaxEpisodeErrors:
		line, col := Position(st.src, off)
		st.errs = append(st.errs, &inputerr.Error{File: st.file, Line: line, Col: col,
			Msg: i18n.M("more problems follow in this file from here: mend these %d first", MaxEpisodeErrors)})
		return
	}
	line, col := Position(st.src, off)
	st.errs = append(st.errs, &inputerr.Error{File: st.file, Line: line, Col: col, Msg: i18n.M(format, args...)})
}

var frontMatterKeys = []string{"title"}

// splitFrontMatter blanks out a leading --- YAML block (keeping newlines so
// every position in the file stays true) and returns its title.
func splitFrontMatter(st *episodeState) (string, []byte) {
	src := st.src
	end := FrontMatterEnd(src)
	if end == 0 {
		return "", src
	}
	var node yaml.Node
	var fm struct {
		Title string `yaml:"title"`
	}
	if err := yaml.Unmarshal(src[:end], &node); err != nil || len(node.Content) == 0 {
		if err != nil {
			if le, ok := loadError(err); ok {
				st.errorf(0, "front matter: line %d: %s", le.Mark.Line, le.Message)
			} else {
				st.errorf(0, "front matter: %v", err)
			}
		}
	} else if err := checkKeys(node.Content[0], "front matter", frontMatterKeys); err != nil {
		ke := err.(*yamlKeyError)
		st.errs = append(st.errs, &inputerr.Error{File: st.file, Line: ke.line, Col: ke.col, Msg: ke.msg})
	} else if err := node.Content[0].Decode(&fm); err != nil {
		st.errorf(0, "front matter: %v", err)
	} else if r, bad := controlRune(fm.Title); bad {
		// a title is a heading, a 目次 entry, a nav label: an escape
		// sequence in it makes documents no XML reader opens
		st.errorf(0, "front matter: the title holds control character U+%04X, which cannot stand in a book: delete it", r)
		fm.Title = ""
	}
	blank := bytes.Clone(src)
	for i := 0; i < end; i++ {
		if blank[i] != '\n' {
			blank[i] = ' '
		}
	}
	return fm.Title, blank
}

// FrontMatterEnd is the offset where an episode's leading --- YAML block
// ends (before its last newline), or 0 when it has none.
func FrontMatterEnd(src []byte) int {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return 0
	}
	end := bytes.Index(src[3:], []byte("\n---"))
	if end < 0 {
		return 0
	}
	end += 3 + len("\n---")
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return end
}

var numberPrefix = lazyre.New(`^[0-9]+[-_. 　]*`)

// badXMLChar finds the first character XML 1.0 cannot hold — C0 controls
// other than tab and newlines, U+FFFE, U+FFFF — or invalid UTF-8. It returns
// the offset and the character, or -1.
func badXMLChar(b []byte) (int, rune) {
	// the common case in three quick passes: valid UTF-8, no control
	// byte, no noncharacter; only a file that fails one is read rune by rune
	if utf8.Valid(b) && !hasControl(b) && !bytes.Contains(b, []byte("\xef\xbf\xbe")) && !bytes.Contains(b, []byte("\xef\xbf\xbf")) {
		return -1, 0
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return i, rune(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return i, r
		}
		i += size
	}
	return -1, 0
}

// hasControl reports a C0 control other than tab and the line ends.
func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// render turns one episode into an XHTML fragment.
func (r *renderer) render(ep *Episode) (Errors, []string) {
	errs, images := r.renderBody(ep)
	ep.Title = titleNumbers(ep.Title, r.opt)
	return errs, images
}

// titleNumbers sets an episode title's numbers as an explicit numbers:
// (kanji, fullwidth) sets the text's, for the 目次, the navigation and the
// 柱: 第一〇〇話 there as in the heading, never 第100話 beside 一〇〇日後.
func titleNumbers(title string, opt syntax.Options) string {
	if !opt.Vertical || (opt.Numbers != "kanji" && opt.Numbers != "fullwidth") {
		return title
	}
	var b []byte
	s := title
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			b = append(b, s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		alnum := func(c byte) bool {
			return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '.' || c == ','
		}
		if j-i > opt.UprightDigits() && (i == 0 || !alnum(s[i-1])) && (j == len(s) || !alnum(s[j])) {
			b = append(b, syntax.NumberText([]byte(s[i:j]), opt)...)
		} else {
			b = append(b, s[i:j]...)
		}
		i = j
	}
	return string(b)
}

func (r *renderer) renderBody(ep *Episode) (Errors, []string) {
	st := &episodeState{file: ep.File, src: ep.Source}
	if off, c := badXMLChar(ep.Source); off >= 0 {
		if c == utf8.RuneError {
			st.errorf(off, "the file is not UTF-8 here: save it as UTF-8")
		} else {
			st.errorf(off, "control character U+%04X cannot stand in an EPUB: delete it", c)
		}
		return st.errs, nil
	}
	if end, title, author := aozoraHeader(ep.Source); end > 0 {
		st.src = blankHeader(ep.Source, end)
		ep.Warnings = append(ep.Warnings, headerWarning(ep.File, title, author))
	}
	if r.renderPlain(ep, st.src) {
		return nil, nil
	}
	return r.renderMarkdown(ep, st)
}

// renderMarkdown renders an episode through goldmark.
func (r *renderer) renderMarkdown(ep *Episode, st *episodeState) (Errors, []string) {
	fmTitle, src := splitFrontMatter(st)
	pc := parser.NewContext()
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	var title ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if title == nil {
				title = n
				n.Level = r.headLevel
			} else {
				n.Level = min(r.headLevel+1, 6)
				r.listedHeading(st, ep, n)
			}
			// a heading's raw HTML passes the same allow-list as a paragraph's
			r.inlineHTML(st, n)
		case *ast.Link:
			r.link(st, n, n.Destination)
		case *ast.AutoLink:
			r.link(st, n, n.URL(st.src))
		case *ast.Image:
			r.image(st, n)
		case *ast.HTMLBlock:
			r.htmlBlock(st, n)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			r.inlineHTML(st, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range st.drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	switch {
	case title != nil:
		ep.Title = plainText(title, src)
	case fmTitle != "":
		ep.Title = fmTitle
	default:
		ep.Title = strings.TrimSuffix(path.Base(ep.File), path.Ext(ep.File))
	}
	if title == nil {
		h := ast.NewHeading(r.headLevel)
		// set as a heading's text is (25-001: 縦中横), escaped by AppendHTML
		s := ast.NewString(fileTitleHTML(ep.Title, r.opt))
		s.SetCode(true) // written as it is: HTML already
		h.AppendChild(h, s)
		doc.InsertBefore(doc, doc.FirstChild(), h)
	}
	if len(st.errs) > 0 {
		return st.errs, nil
	}
	var buf bytes.Buffer
	buf.Grow(2 * len(src)) // ruby markup roughly doubles marked-up lines
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		st.errorf(0, "rendering: %v", err)
		return st.errs, nil
	}
	// only a character reference such as &#11; can bring one in now
	if bytes.Contains(src, []byte("&#")) {
		if off, c := badXMLChar(buf.Bytes()); off >= 0 {
			st.errorf(0, "a character reference makes U+%04X, which cannot stand in an EPUB", c)
			return st.errs, nil
		}
	}
	ep.Body = buf.Bytes()
	ep.Illustrations, ep.FullBleed, ep.Headings = st.illustrations, st.fullBleed, st.headings
	return nil, st.images
}

// listedHeading gives a 大見出し or 中見出し (syntax's aozoraLayout marks
// them by class) an id, and records it for the 目次.
func (r *renderer) listedHeading(st *episodeState, ep *Episode, n *ast.Heading) {
	class, _ := n.AttributeString("class")
	c, _ := class.([]byte)
	major := string(c) == "o-midashi"
	if !major && string(c) != "naka-midashi" {
		return
	}
	id := ep.ID() + "-m" + strconv.Itoa(len(st.headings)+1)
	n.SetAttributeString("id", []byte(id))
	st.headings = append(st.headings, Heading{ID: id, Title: plainText(n, st.src), Major: major})
}

// plainText is a heading's text for the TOC: ruby bases without readings,
// no markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(c.Segment.Value(src)))))
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			// a code span's text is its text children, as written
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if seg, ok := t.(*ast.Text); ok {
					b.Write(seg.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

var urlScheme = lazyre.New(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// ImageName is the file name an image gets inside the book: stable for the
// same manuscript path, whatever order episodes are rendered in.
func ImageName(rel string) string {
	sum := sha256.Sum256([]byte(rel))
	return "img-" + hex.EncodeToString(sum[:6]) + strings.ToLower(path.Ext(rel))
}

// ResolveImage checks that dest, written in episodeFile, names an image
// inside the manuscript folder dir and returns its manuscript-relative path.
func ResolveImage(dir, episodeFile, dest string) (string, error) {
	return (&renderer{dir: dir}).resolveImage(episodeFile, dest)
}

func (r *renderer) resolveImage(episodeFile, dest string) (string, error) {
	if dest == "" {
		return "", i18n.Errorf("image has no path")
	}
	if urlScheme().MatchString(dest) || strings.HasPrefix(dest, "//") {
		return "", i18n.Errorf("image %q is a URL: put the file in the manuscript folder and link it by a relative path", dest)
	}
	p, err := url.PathUnescape(dest)
	if err != nil {
		p = dest
	}
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) {
		return "", i18n.Errorf("image %q is an absolute path: link it relative to the Markdown file", dest)
	}
	rel := path.Clean(path.Join(path.Dir(episodeFile), p))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", i18n.Errorf("image %q is outside the manuscript", dest)
	}
	switch strings.ToLower(path.Ext(rel)) {
	case ".jpg", ".jpeg", ".png", ".gif":
	default:
		return "", i18n.Errorf("image %q: Kindle books take JPEG, PNG or GIF", dest)
	}
	full := filepath.Join(r.dir, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err == nil && !fi.Mode().IsRegular() {
		return "", i18n.Errorf("image %q is not a regular file (a folder, a pipe or a device): name the image file", dest)
	}
	if err != nil {
		return "", &MissingImageError{i18n.Errorf("image %q not found (looked for %s)", dest, rel)}
	}
	// a link inside the manuscript may still point outside it
	if real, err := filepath.EvalSymlinks(full); err == nil {
		if root, err := filepath.EvalSymlinks(r.dir); err == nil {
			if in, err := filepath.Rel(root, real); err != nil || in == ".." || strings.HasPrefix(in, ".."+string(filepath.Separator)) {
				return "", i18n.Errorf("image %q is a link to a file outside the manuscript", dest)
			}
		}
	}
	return rel, nil
}

// safeSchemes are the link targets a book may hold: the web, mail, and
// places inside the book (no scheme).
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// link refuses a link that runs something (javascript:, vbscript:) or
// carries its content (data:) or reaches the reader's files (file:).
func (r *renderer) link(st *episodeState, n ast.Node, dest []byte) {
	d := strings.TrimSpace(string(dest))
	scheme := linkScheme(dest)
	if scheme == "" || safeSchemes[scheme] {
		return
	}
	off := 0
	if p := n.Pos(); p >= 0 {
		off = p
	} else if n.Parent() != nil && n.Parent().Lines().Len() > 0 {
		off = n.Parent().Lines().At(0).Start
	}
	st.errorf(off, "link %q: a book links only http, https and mailto addresses", d)
}

// linkScheme is the scheme a reader will follow: the destination as the
// book writes it (goldmark resolves backslash escapes and character
// references — jav&#x61;script: is javascript:) and as a browser reads it
// (percent escapes decoded, tabs, newlines and other controls dropped,
// any case). "" is a link inside the book.
func linkScheme(dest []byte) string {
	d := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
	for i := 0; i < 4; i++ {
		u, err := url.PathUnescape(d)
		if err != nil || u == d {
			break
		}
		d = u
	}
	d = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, d)
	i := strings.IndexAny(d, ":/?#")
	if i <= 0 || d[i] != ':' {
		return ""
	}
	return strings.ToLower(d[:i])
}

func (r *renderer) image(st *episodeState, n *ast.Image) {
	rel, err := r.resolveImage(st.file, string(n.Destination))
	if err != nil {
		off := n.Pos() // goldmark's position of the "!"

		st.errorf(max(off, 0), "%v", err)
		return
	}
	st.images = append(st.images, rel)
	if il, ok := n.Parent().(*syntax.IllustrationNode); ok {
		st.illustrations = append(st.illustrations, rel)
		if il.FullBleed {
			st.fullBleed = append(st.fullBleed, rel)
		}
		il.Width, il.Height = imageSize(filepath.Join(r.dir, filepath.FromSlash(rel)))
	}
	n.Destination = []byte(r.imagePrefix + ImageName(rel))
}

// inlineHTML checks the raw HTML inside one block against the allow-list,
// rewrites it as well-formed XHTML and checks that tags balance.
func (r *renderer) inlineHTML(st *episodeState, block ast.Node) {
	type open struct {
		name string
		off  int
	}
	var stack []open
	var raws []*ast.RawHTML
	for c := block.FirstChild(); c != nil; c = c.NextSibling() {
		_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if raw, ok := n.(*ast.RawHTML); ok && entering {
				raws = append(raws, raw)
			}
			return ast.WalkContinue, nil
		})
	}
	for _, raw := range raws {
		var seg text.Segment
		var b strings.Builder
		for i := 0; i < raw.Segments.Len(); i++ {
			s := raw.Segments.At(i)
			if i == 0 {
				seg = s
			}
			b.Write(s.Value(st.src))
		}
		s := b.String()
		parent := raw.Parent()
		if isComment(s) {
			parent.RemoveChild(parent, raw)
			continue
		}
		t, err := parseTag(s)
		if err != nil {
			st.errorf(seg.Start, "%v", err)
			continue
		}
		if t.name == "img" {
			src := ""
			for i, a := range t.attrs {
				if a[0] == "src" {
					rel, err := r.resolveImage(st.file, a[1])
					if err != nil {
						st.errorf(seg.Start, "%v", err)
						return
					}
					st.images = append(st.images, rel)
					t.attrs[i][1] = r.imagePrefix + ImageName(rel)
					src = a[1]
				}
			}
			if src == "" {
				st.errorf(seg.Start, "<img> needs a src")
			}
			if !hasAttr(t, "alt") {
				t.attrs = append(t.attrs, [2]string{"alt", ""})
			}
		}
		switch {
		case voidTags[t.name]:
		case t.closing:
			if len(stack) == 0 || stack[len(stack)-1].name != t.name {
				st.errorf(seg.Start, "</%s> closes nothing that is open here", t.name)
				continue
			}
			stack = stack[:len(stack)-1]
		default:
			stack = append(stack, open{t.name, seg.Start})
		}
		str := ast.NewString([]byte(t.xhtml()))
		str.SetCode(true) // written as is: the tag is already XHTML
		parent.ReplaceChild(parent, raw, str)
	}
	for _, o := range stack {
		st.errorf(o.off, "<%s> is never closed in this paragraph", o.name)
	}
}

func hasAttr(t htmlTag, name string) bool {
	for _, a := range t.attrs {
		if a[0] == name {
			return true
		}
	}
	return false
}

var commentsOnly = lazyre.New(`^(?s:\s*<!--.*?-->\s*)+$`)

// htmlBlock allows comment-only blocks (lint's disable comments) and drops
// them; block-level HTML would escape the templates and is refused.
func (r *renderer) htmlBlock(st *episodeState, n *ast.HTMLBlock) {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		l := n.Lines().At(i)
		b.Write(l.Value(st.src))
	}
	if n.HasClosure() {
		cl := n.ClosureLine
		b.Write(cl.Value(st.src))
	}
	if commentsOnly().MatchString(b.String()) {
		st.drop = append(st.drop, n)
		return
	}
	start := n.Lines().At(0).Start
	s := strings.TrimSpace(b.String())
	if tag := tagRe().FindString(firstTag(s)); tag != "" {
		if _, err := parseTag(tag); err != nil {
			st.errorf(start, "%v", err)
			return
		}
	}
	st.errorf(start, "block-level HTML is not allowed: write the line as Markdown (raw HTML may only be ruby, rt, rp, span, em, strong, br or img inside a line of text)")
}

func firstTag(s string) string {
	if i := strings.IndexByte(s, '>'); i >= 0 {
		return s[:i+1]
	}
	return s
}

// imageSize is an image's width and height from its header, 0 and 0 when
// it can't be read (the build's image check says why).
func imageSize(file string) (int, int) {
	f, err := os.Open(file)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}

// fileTitleHTML is the heading made of an episode's file name, set as a
// heading's text is: its numbers upright in a vertical book.
func fileTitleHTML(title string, opt syntax.Options) []byte {
	t := []byte(title)
	head := opt.Heading()
	return syntax.AppendHTML(nil, t, syntax.ScanInto(nil, t, head, nil), head)
}
