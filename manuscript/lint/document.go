package lint

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/lazyre"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/syntax"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// Byte classes of a source file.
const (
	other  = iota // Markdown markup, code, raw HTML, URLs, front matter
	prose         // text a reader sees
	markup        // novel-syntax markup and ruby readings: never checked, never fixed
)

// newMarkdown parses like build but leaves the text as written.
func newMarkdown(c *manuscript.Config) goldmark.Markdown {
	// (goldmark's CJK extension would only set how a render breaks lines)
	return goldmark.New(goldmark.WithExtensions(&syntax.Extension{BlocksOnly: true}))
}

// doc is one episode being checked.
type doc struct {
	notes    map[string]int // a note reported, at its finding's index
	file     string
	src      []byte
	book     *manuscript.Book
	md       goldmark.Markdown
	opt      syntax.Options
	novel    bool
	lines    []int // offsets of line starts
	class    []byte
	codeLine []bool
	// headLine marks the headings' lines, where three digits stand upright
	headLine []bool
	// layout marks the lines a 青空文庫 block note lays out (verse in
	// ［＃ここから２字下げ］ … ［＃ここで字下げ終わり］): their indents are
	// the note's, not a paragraph's; colophon marks a pasted file's 底本
	// notice to its end, the source's provenance as the volunteers typed it
	layout, colophon []bool
	paras            [][]int                // top-level paragraphs: their line numbers (0-based)
	plain            []manuscript.PlainLine // the lines, when the episode is plain
	blocks           [][2]int
	disable          map[int][]string // line (0-based) → rules, "" for all

	findings  []Finding
	title     string
	titleOff  int
	chars     int
	fullLatin []int
	halfLatin []int
	// rubyProblem marks where the ruby rule already speaks of a stray 《
	rubyProblem map[int]bool
	buf         []pc
	// pos's memory: the last offset it was asked, its line and column
	posOff, posLine, posCol int
}

func newDoc(file string, src []byte, b *manuscript.Book, md goldmark.Markdown) *doc {
	d := &doc{file: file, src: src, book: b, md: md, novel: b.Config.LineMode != "markdown",
		opt: syntax.Options{ParenRuby: b.Config.ParenRuby, Vertical: b.Config.Vertical(), TCYDigits: b.Config.TCYDigits, Numbers: b.Config.Numbers}}
	d.lines = make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		d.lines = append(d.lines, i)
	}
	d.class = make([]byte, len(src))
	d.codeLine = make([]bool, len(d.lines))
	d.headLine = make([]bool, len(d.lines))
	d.layout = make([]bool, len(d.lines))
	d.colophon = make([]bool, len(d.lines))
	d.disable = map[int][]string{}
	d.rubyProblem = map[int]bool{}
	d.posLine = -1
	return d
}

// pos is the 1-based line and character column of a byte offset. Columns
// count characters from where the last call left off on the same line, so
// the findings of one very long line cost one pass over it, not one each.
func (d *doc) pos(off int) (int, int) {
	l := d.line(off)
	end := min(off, len(d.src))
	from, col := d.lines[l], 1
	if d.posLine == l && d.posOff <= end && d.posOff >= from {
		from, col = d.posOff, d.posCol
	}
	col += utf8.RuneCount(d.src[from:end])
	d.posLine, d.posOff, d.posCol = l, end, col
	return l + 1, col
}

// line is the 0-based line of a byte offset.
func (d *doc) line(off int) int {
	l := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off }) - 1
	return max(l, 0)
}

// note reports a note the book does not set once in the episode, at its
// first place: a 外字 note repeated for one character is one finding, its
// count said when it comes again.
func (d *doc) note(off int, note, format string) {
	if d.notes == nil {
		d.notes = map[string]int{}
	}
	if i, ok := d.notes[note]; ok {
		f := &d.findings[i]
		n := 2
		if len(f.msg.Args) == 2 {
			n = f.msg.Args[1].(int) + 1
		}
		f.msg = i18n.M(strings.TrimSuffix(format, " (%d times in the episode)")+" (%d times in the episode)", note, n)
		f.Message = fmt.Sprintf(f.msg.Format, f.msg.Args...)
		return
	}
	d.notes[note] = len(d.findings)
	d.add("aozora-note", off, nil, format, note)
}

func (d *doc) add(rule string, off int, fix *Fix, format string, args ...any) {
	if l := d.line(off); l < len(d.lines) && (d.layout[l] && indentRules[rule] || d.colophon[l] && (isStyle(rule) || rule == "digits")) {
		return
	}
	d.findings = append(d.findings, Finding{File: d.file, Rule: rule, Message: fmt.Sprintf(format, args...), msg: i18n.M(format, args...), Fix: fix, off: off})
}

// indentRules judge a line's start: a block note's lines are laid out
// by the note.
var indentRules = map[string]bool{"paragraph-start": true, "indent-doubled": true, "indent-before-bracket": true}

// markLayout finds the lines of 青空文庫's block notes and of a pasted
// file's 底本 notice (layout and colophon).
func (d *doc) markLayout() {
	in, prev := false, ""
	for l, start := range d.lines {
		end := len(d.src)
		if l+1 < len(d.lines) {
			end = d.lines[l+1]
		}
		line := strings.TrimSpace(string(d.src[start:end]))
		switch {
		case strings.HasPrefix(line, "底本：") || d.colophon[max(l-1, 0)] && l > 0:
			d.colophon[l] = true
		case l > 0 && continues(prev, line):
			// と after verse or a quotation goes on with the sentence
			// that quoted it: no paragraph starts
			d.layout[l] = true
		case strings.HasPrefix(line, "［＃ここから"):
			in = true
		case strings.HasPrefix(line, "［＃ここで") && strings.HasSuffix(line, "終わり］"):
			in = false
		case in:
			d.layout[l] = true
		}
		if line != "" {
			prev = line
		}
	}
}

// continues says whether line goes on with the sentence before it: it
// starts with a particle (の, と, を, …; って) right after a block note's
// end (verse or a list quoted: 「…［＃ここで字下げ終わり］／の句がある」)
// or a line that closes a quotation (「…」／と言った).
func continues(prev, line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	if !strings.ContainsRune("のとをにはがもへでや", r) && !strings.HasPrefix(line, "って") {
		return false
	}
	return strings.HasPrefix(prev, "［＃ここで") || strings.HasSuffix(prev, "」") || strings.HasSuffix(prev, "』")
}

func replace(start, end int, s string) *Fix { return &Fix{start: start, end: end, Text: s} }

var disableComment = lazyre.New(`<!--\s*hanmoto-lint-disable\b([^>]*?)-->`)

func (d *doc) disabledAt(off int, rule string) bool {
	for _, r := range d.disable[d.line(off)] {
		if r == "" || r == rule {
			return true
		}
	}
	return false
}

func (d *doc) check() {
	// front matter, and a pasted 青空文庫 file's header, are not the text
	fmEnd := max(manuscript.FrontMatterEnd(d.src), manuscript.AozoraHeaderEnd(d.src))
	src := d.src
	if fmEnd > 0 {
		src = bytes.Clone(d.src)
		for i := 0; i < fmEnd; i++ {
			if src[i] != '\n' {
				src[i] = ' '
			}
		}
	}
	for _, m := range disableComment().FindAllSubmatchIndex(d.src, -1) {
		l := d.line(m[0]) + 1
		rules := strings.FieldsFunc(string(d.src[m[2]:m[3]]), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		if len(rules) == 0 {
			rules = []string{""}
		}
		d.disable[l] = append(d.disable[l], rules...)
	}
	// plain novel lines need no parse: their blocks are their lines
	if lines, ok := manuscript.PlainLines(src, nil); ok {
		d.plainWalk(lines, src)
	} else {
		doc := d.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
		d.walk(doc, src)
	}
	d.markLayout()
	d.scanMarkup()
	for l := range d.lines {
		d.checkLine(l)
	}
	for _, p := range d.paras {
		d.paragraphStart(p)
	}
	for _, blk := range d.blocks {
		d.brackets(blk[0], blk[1])
	}
}

func (d *doc) walk(root ast.Node, src []byte) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				d.codeLine[d.line(seg.Start)] = true
			}
			if f, ok := n.(*ast.FencedCodeBlock); ok {
				if p := f.Pos(); p >= 0 {
					d.codeLine[d.line(p)] = true
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if d.title == "" {
				var b strings.Builder
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						b.Write(t.Segment.Value(src))
					}
				}
				d.title = plainTitle(b.String(), d.opt)
				if n.Lines().Len() > 0 {
					d.titleOff = n.Lines().At(0).Start
				}
			}
			if n.Lines().Len() > 0 {
				d.blocks = append(d.blocks, [2]int{n.Lines().At(0).Start, n.Lines().At(n.Lines().Len() - 1).Stop})
				for i := 0; i < n.Lines().Len(); i++ {
					d.headLine[d.line(n.Lines().At(i).Start)] = true
				}
			}
		case *ast.Paragraph:
			if n.Lines().Len() > 0 {
				var ls []int
				for i := 0; i < n.Lines().Len(); i++ {
					ls = append(ls, d.line(n.Lines().At(i).Start))
					if !d.novel {
						break
					}
				}
				if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
					d.paras = append(d.paras, ls)
				}
				d.blocks = append(d.blocks, [2]int{n.Lines().At(0).Start, n.Lines().At(n.Lines().Len() - 1).Stop})
			}
		case *ast.Image:
			if _, err := manuscript.ResolveImage(d.book.Dir, d.file, string(n.Destination)); err != nil {
				var missing *manuscript.MissingImageError
				if errors.As(err, &missing) {
					d.add("missing-image", max(n.Pos(), 0), nil, "%v", err)
				}
			}
		case *ast.Text:
			for i := n.Segment.Start; i < n.Segment.Stop; i++ {
				d.class[i] = prose
			}
		}
		return ast.WalkContinue, nil
	})
	if d.title == "" {
		d.title = strings.TrimSuffix(d.file[strings.LastIndex(d.file, "/")+1:], ".md")
	}
}

// plainWalk finds in plain novel lines (manuscript.PlainLines) what walk
// finds in goldmark's tree: the prose, the title, the paragraphs and the
// blocks. TestPlainWalk holds the two equal.
func (d *doc) plainWalk(lines []manuscript.PlainLine, src []byte) {
	d.plain = lines
	// every paragraph's line numbers in one array: a paragraph is a slice
	// of it, never appended to past its end
	all := make([]int, 0, len(lines))
	var para []int
	start, stop := -1, -1
	flush := func() {
		if start < 0 {
			return
		}
		if !d.novel {
			para = para[:1]
		}
		d.paras = append(d.paras, para[:len(para):len(para)])
		d.blocks = append(d.blocks, [2]int{start, stop})
		para, start = nil, -1
	}
	for l, pl := range lines {
		if pl.Blank || pl.Break {
			// a scene break is markup, as goldmark's walk leaves it
			flush()
			continue
		}
		fill(d.class[pl.Start:pl.End], prose)
		if pl.Level > 0 {
			flush()
			if d.title == "" {
				d.title = plainTitle(string(src[pl.Start:pl.End]), d.opt)
				d.titleOff = pl.Start
			}
			d.blocks = append(d.blocks, [2]int{pl.Start, pl.End})
			d.headLine[d.line(pl.Start)] = true
			continue
		}
		if start < 0 {
			start = pl.Start
			para = all[len(all):]
		}
		all = append(all, l)
		para = para[:len(para)+1]
		stop = pl.End
	}
	flush()
	if d.title == "" {
		d.title = strings.TrimSuffix(d.file[strings.LastIndex(d.file, "/")+1:], ".md")
	}
}

// fill sets every byte of b to v, doubling what is done with copy.
func fill(b []byte, v byte) {
	if len(b) == 0 {
		return
	}
	b[0] = v
	for n := 1; n < len(b); n *= 2 {
		copy(b[n:], b[:n])
	}
}

// plainTitle drops ruby readings and markup from a heading's source.
func plainTitle(s string, opt syntax.Options) string {
	b := []byte(s)
	var out strings.Builder
	for _, t := range syntax.Scan(b, opt, nil) {
		if t.Kind == syntax.Text {
			out.Write(b[t.Start:t.End])
		} else {
			out.Write(b[t.BaseStart:t.BaseEnd])
		}
	}
	return strings.TrimSpace(out.String())
}

// scanMarkup reads the novel syntax in every prose run, marks its markup and
// readings so no other rule looks at them, and reports what stays literal.
func (d *doc) scanMarkup() {
	var toks []syntax.Token
	var probs []syntax.Problem
	// plain lines are the prose runs themselves; otherwise the runs are
	// found byte by byte
	pl := 0
	for i := 0; i < len(d.src); {
		var j int
		if d.plain != nil {
			for pl < len(d.plain) && (d.plain[pl].Blank || d.plain[pl].Break) {
				pl++
			}
			if pl == len(d.plain) {
				break
			}
			i, j = d.plain[pl].Start, d.plain[pl].End
			pl++
		} else {
			if d.class[i] != prose {
				i++
				continue
			}
			j = i
			for j < len(d.src) && d.class[j] == prose && d.src[j] != '\n' {
				j++
			}
		}
		run := d.src[i:j]
		probs = probs[:0]
		toks = syntax.ScanInto(toks, run, d.opt, &probs)
		for _, t := range toks {
			if t.Kind == syntax.Text {
				continue
			}
			for k := t.Start; k < t.End; k++ {
				if k < t.BaseStart || k >= t.BaseEnd || t.Kind == syntax.TCY || t.Kind == syntax.Gaiji {
					d.class[i+k] = markup
				}
			}
			if t.Kind == syntax.Note {
				if inner := run[t.Start+len("［＃") : t.End-len("］")]; !syntax.KnownNote(inner) {
					d.note(i+t.Start, string(run[t.Start:t.End]), "「%s」 is a 青空文庫 note the book does not set, and it is never printed: write what it means, or delete it")
				}
			}
			if t.Kind == syntax.Gaiji && !syntax.GaijiResolved(run[t.Start:t.End]) {
				d.note(i+t.Start, string(run[t.Start:t.End]), "「%s」 names no character (no JIS X 0213 code or U+ code point): it prints as ※; write the character, or a note with its code")
			}
			if t.Kind == syntax.Ruby {
				// a 外字 in the base (※［＃「木＋于」、U+6745、10-7］《いんう》):
				// its note is markup, its codes no prose digits
				for k := t.BaseStart; k < t.BaseEnd; {
					o := bytes.Index(run[k:t.BaseEnd], []byte("［＃"))
					if o < 0 {
						break
					}
					e := bytes.Index(run[k+o:t.BaseEnd], []byte("］"))
					if e < 0 {
						break
					}
					for m := k + o; m < k+o+e+len("］"); m++ {
						d.class[i+m] = markup
					}
					k += o + e + len("］")
				}
				for _, rd := range t.Readings {
					if r := run[rd[0]:rd[1]]; bytes.IndexByte(r, '|') >= 0 || bytes.IndexByte(r, '{') >= 0 || bytes.Contains(r, []byte("｜")) || bytes.Contains(r, []byte("《")) {
						d.add("ruby", i+rd[0], nil, "ruby inside a ruby reading: readings cannot nest")
					}
				}
			}
		}
		for _, p := range probs {
			d.add("ruby", i+p.Start, nil, "%v", p.Message)
			for k := p.Start; k < p.End; k++ {
				d.rubyProblem[i+k] = true
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// pc is a prose character.
type pc struct {
	off  int
	r    rune
	size int
}

var (
	openers = "「『（【〈《〔“‘(［｛〘〖«"
	closers = "」』）】〉》〕”’)］｝〙〗»"
)

func isCloser(r rune) bool { return strings.ContainsRune(closers, r) }
func isOpener(r rune) bool { return strings.ContainsRune(openers, r) }

func isJapanese(r rune) bool {
	return r >= 0x3000 && r <= 0x30FF || unicode.Is(unicode.Han, r) || r >= 0xFF00 && r <= 0xFFEF
}

// proseChars lists the prose characters of line l.
func (d *doc) proseChars(l int, buf []pc) []pc {
	buf = buf[:0]
	start, end := d.lines[l], len(d.src)
	if l+1 < len(d.lines) {
		end = d.lines[l+1]
	}
	for i := start; i < end; {
		r, size := decodeRune(d.src[i:])
		if d.class[i] == prose {
			buf = append(buf, pc{i, r, size})
		}
		i += size
	}
	return buf
}

// next is the prose character after c in the source, if it follows directly.
func adjacent(cs []pc, i int) bool { return i+1 < len(cs) && cs[i+1].off == cs[i].off+cs[i].size }

func (d *doc) checkLine(l int) {
	start, end := d.lines[l], len(d.src)
	if l+1 < len(d.lines) {
		end = d.lines[l+1]
	}
	line := bytes.TrimRight(d.src[start:end], "\r\n")
	if d.codeLine[l] {
		return
	}
	// trailing white space (looked for only when the line ends in some)
	if n := len(line); n > 0 && (line[n-1] == ' ' || line[n-1] == '\t' || bytes.HasSuffix(line, []byte("　"))) {
		if t := bytes.TrimRight(line, " \t　"); len(bytes.TrimLeft(t, " \t　")) > 0 {
			d.add("trailing-space", start+len(t), replace(start+len(t), start+len(line), ""), "white space at the end of the line")
		}
	}
	d.buf = d.proseChars(l, d.buf)
	cs := d.buf
	d.chars += len(cs)
	prevEnd := -1 // the end of the last run measured: a run is measured once
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		// most of a line is kana and kanji, which no rule below looks at
		if quiet(c.r) {
			continue
		}
		runEnd := i
		runFirst := i > prevEnd
		if i <= prevEnd {
			runEnd = prevEnd
		} else {
			for runEnd+1 < len(cs) && cs[runEnd+1].r == c.r && adjacent(cs, runEnd) {
				runEnd++
			}
			prevEnd = runEnd
		}
		n := runEnd - i + 1
		runStart, runStop := c.off, cs[runEnd].off+cs[runEnd].size
		switch r := c.r; {
		case r == '。' || r == '、':
			if adjacent(cs, i) && isCloser(cs[i+1].r) && cs[i+1].r != '》' {
				d.add("punct-before-close", c.off, replace(c.off, c.off+c.size, ""), "no %q right before the closing %q: 「わかりました」, not 「わかりました。」", string(r), string(cs[i+1].r))
			}
			if r == '。' && n >= 3 {
				d.add("ellipsis-style", c.off, replace(runStart, runStop, "……"), "%q is written \"……\"", strings.Repeat("。", n))
			}
			// 。。 and 、、: a key held a moment too long (。。。 is a leader, above)
			if runFirst && ((r == '。' && n == 2) || (r == '、' && n >= 2)) {
				d.add("punct-doubled", c.off, replace(runStart, runStop, string(r)), "%q is written once: %q", strings.Repeat(string(r), n), string(r))
			}
		case r == '！' || r == '？':
			j := i
			for j+1 < len(cs) && (cs[j+1].r == '！' || cs[j+1].r == '？') && adjacent(cs, j) {
				j++
			}
			after := cs[j].off + cs[j].size
			if nr, _ := utf8.DecodeRune(d.src[after:]); after < len(d.src) && nr != '\n' && nr != '\r' && d.class[after] == prose && nr != '　' && !isCloser(nr) {
				d.add("space-after-mark", after, replace(after, after, "　"), "after %q comes a full-width space 「　」 or a closing bracket", string(d.src[c.off:after]))
			}
			i = j
			continue
		case r == '…':
			if n%2 == 1 {
				d.add("ellipsis-even", c.off, replace(runStop, runStop, "…"), "\"…\" should come in pairs (\"……\")")
			}
		case r == '―':
			if n%2 == 1 && !separatorLine(d.src, c.off) {
				d.add("dash-even", c.off, replace(runStop, runStop, "―"), "\"―\" should come in pairs (\"――\")")
			}
		case r == '・' && n >= 2:
			d.add("ellipsis-style", c.off, replace(runStart, runStop, "……"), "%q is written \"……\"", strings.Repeat("・", n))
		case r == '.' && n >= 3:
			d.add("ellipsis-style", c.off, replace(runStart, runStop, "……"), "%q is written \"……\"", strings.Repeat(".", n))
		case (r == '—' || r == '─') && n >= 2 && !separatorLine(d.src, c.off):
			// —— (U+2014, an English keyboard's em dash) and ── (U+2500,
			// box drawing, which some converters write) look like the
			// dash but are other characters: search, copy and read-aloud
			// get them wrong, and a vertical font may set — on its side
			d.add("dash-style", c.off, replace(runStart, runStop, strings.Repeat("―", n+n%2)), "%q used as a dash is written \"――\"", strings.Repeat(string(r), n))
		case (r == 'ー' || r == '－') && n >= 2:
			if r == '－' || i == 0 || !adjacent(cs, i-1) || !isKatakana(cs[i-1].r) {
				d.add("dash-style", c.off, replace(runStart, runStop, strings.Repeat("―", n+n%2)), "%q used as a dash is written \"――\"", strings.Repeat(string(r), n))
			}
		case r >= 0xFF61 && r <= 0xFF9F:
			j := i
			for j+1 < len(cs) && cs[j+1].r >= 0xFF61 && cs[j+1].r <= 0xFF9F && adjacent(cs, j) {
				j++
			}
			end := cs[j].off + cs[j].size
			d.add("halfwidth-kana", c.off, replace(c.off, end, norm.NFKC.String(string(d.src[c.off:end]))), "half-width katakana %q: write %q", string(d.src[c.off:end]), norm.NFKC.String(string(d.src[c.off:end])))
			i = j
			continue
		case r == '!' || r == '?':
			j := i
			for j+1 < len(cs) && (cs[j+1].r == '!' || cs[j+1].r == '?') && adjacent(cs, j) {
				j++
			}
			end := cs[j].off + cs[j].size
			jp := (i > 0 && adjacent(cs, i-1) && isJapanese(cs[i-1].r)) || (j+1 < len(cs) && adjacent(cs, j) && isJapanese(cs[j+1].r))
			if !syntax.UprightMarks(d.src[c.off:end]) && jp {
				full := strings.NewReplacer("!", "！", "?", "？").Replace(string(d.src[c.off:end]))
				d.add("halfwidth-mark", c.off, replace(c.off, end, full), "half-width %q in Japanese text: write %q (only !! !? ?! ?? !!! !!? stand upright as 縦中横)", string(d.src[c.off:end]), full)
			}
			i = j
			continue
		case r >= '0' && r <= '9':
			j := i
			for j+1 < len(cs) && cs[j+1].r >= '0' && cs[j+1].r <= '9' && adjacent(cs, j) {
				j++
			}
			opt := d.opt
			if d.headLine[d.line(c.off)] {
				opt = opt.Heading()
			}
			// numbers: kanji or fullwidth sets them; the build does what lint would ask
			if opt.Vertical && j-i+1 > opt.UprightDigits() && opt.Numbers != "kanji" && opt.Numbers != "fullwidth" {
				d.add("digits", c.off, nil, "%q lies on its side in vertical text: write kanji numerals or full-width digits, or set numbers: kanji in book.yaml", string(d.src[c.off:cs[j].off+1]))
			}
			i = j
			continue
		case r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ':
			if i == 0 || !adjacent(cs, i-1) || !(cs[i-1].r >= 'Ａ' && cs[i-1].r <= 'Ｚ' || cs[i-1].r >= 'ａ' && cs[i-1].r <= 'ｚ') {
				d.fullLatin = append(d.fullLatin, c.off)
			}
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			if i == 0 || !adjacent(cs, i-1) || !(cs[i-1].r >= 'A' && cs[i-1].r <= 'Z' || cs[i-1].r >= 'a' && cs[i-1].r <= 'z') {
				d.halfLatin = append(d.halfLatin, c.off)
			}
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
			d.add("zero-width", c.off, replace(c.off, c.off+c.size, ""), "invisible character U+%04X", r)
		case r == '\t':
			d.add("tab", c.off, nil, "a tab in the text: indent with 「　」")
		case r < 0x20 && r != '\n' && r != '\r' || r == 0x7F || r >= 0x80 && r <= 0x9F:
			d.add("control-char", c.off, replace(c.off, c.off+c.size, ""), "control character U+%04X", r)
		case r == 0x3099 || r == 0x309A:
			if i > 0 && adjacent(cs, i-1) {
				p := cs[i-1]
				d.add("no-nfd", p.off, replace(p.off, c.off+c.size, norm.NFC.String(string(d.src[p.off:c.off+c.size]))), "%q is a kana and a separate 濁点 (NFD): write %q", string(d.src[p.off:c.off+c.size]), norm.NFC.String(string(d.src[p.off:c.off+c.size])))
			}
		}
		if n > 1 && strings.ContainsRune("…―・.ー－。", c.r) {
			i = runEnd // a run is one finding
		}
	}
}

// decodeRune is utf8.DecodeRune with the three-byte characters that are
// always well formed (lead bytes E1–EC, EE–EF: kana, kanji, full-width
// forms — most of a Japanese text) decoded in line.
func decodeRune(b []byte) (rune, int) {
	if len(b) >= 3 {
		if c := b[0]; (c >= 0xe1 && c <= 0xec || c >= 0xee && c <= 0xef) && b[1]&0xc0 == 0x80 && b[2]&0xc0 == 0x80 {
			return rune(c&0x0f)<<12 | rune(b[1]&0x3f)<<6 | rune(b[2]&0x3f), 3
		}
	}
	return utf8.DecodeRune(b)
}

// quiet says no per-character rule or bracket looks at r: kana (but the
// prolonged sound mark, the middle dot and the combining 濁点) and the
// common kanji. A run of them is skipped without a look.
func quiet(r rune) bool {
	return r >= 0x3041 && r < 0x3099 || r > 0x309A && r <= 0x30FA || r >= 0x4E00 && r <= 0x9FFF
}

func isKatakana(r rune) bool { return r >= 'ァ' && r <= 'ヺ' || r >= 0xFF66 && r <= 0xFF9D }

// paragraphStart wants each paragraph line to open with 「　」 or a bracket.
func (d *doc) paragraphStart(lines []int) {
	for _, l := range lines {
		if d.codeLine[l] {
			continue
		}
		i := d.lines[l]
		for k := 0; k < 3 && i < len(d.src) && d.src[i] == ' '; k++ {
			i++
		}
		if i >= len(d.src) || d.class[i] == other {
			continue // the line opens with Markdown: an image, emphasis, a link
		}
		r, size := utf8.DecodeRune(d.src[i:])
		if r == '　' {
			// one 「　」 indents; a second is a slip, and dialogue's 「
			// stands at the head of its line without one (『』 may quote a
			// letter indented as the narration is)
			j := i + size
			for j < len(d.src) && bytes.HasPrefix(d.src[j:], []byte("　")) {
				j += len("　")
			}
			next, _ := utf8.DecodeRune(d.src[j:])
			switch {
			case j < len(d.src) && next == '「':
				d.add("indent-before-bracket", i, replace(i, j, ""), "no 「　」 before an opening bracket at a paragraph's start: %q stands at the head of the line", string(next))
			case j-i == 2*size:
				// two is a slip; three and more set a line apart (a
				// section's number, a verse), as the author laid it out
				d.add("indent-doubled", i, replace(i+size, j, ""), "a paragraph is indented by one 「　」, not %d", (j-i)/size)
			}
			continue
		}
		if isOpener(r) || r == '\n' || r == '\r' || separatorLine(d.src, i) {
			continue
		}
		d.add("paragraph-start", i, replace(i, i, "　"), "a paragraph starts with a full-width space 「　」 or an opening bracket")
	}
}

// trailingBreak finds a scene break as an episode's last line (---, * * *,
// ◇, ＊＊＊, ―――, a line of such marks): where it is.
func trailingBreak(src []byte) (int, bool) {
	end := len(bytes.TrimRight(src, " \t\r\n　"))
	if end == 0 {
		return 0, false
	}
	start := bytes.LastIndexByte(src[:end], '\n') + 1
	line := strings.TrimSpace(strings.Trim(string(src[start:end]), "\r　"))
	if line == "" || strings.HasPrefix(line, "#") {
		return 0, false
	}
	for _, r := range line {
		if !strings.ContainsRune("-*_ ◇◆☆★＊―", r) {
			return 0, false
		}
	}
	if strings.Count(line, "-")+strings.Count(line, "*")+strings.Count(line, "_") > 0 && len(strings.ReplaceAll(line, " ", "")) < 3 {
		return 0, false // one - or * is text, not a break
	}
	return start, true
}

// separatorLine says whether the line holding off is a scene break as
// writers type one — dashes, stars, diamonds alone (―――, ＊＊＊, ◇): no
// paragraph to indent, no dash of prose to pair or respell; --fix once
// made ――― 「　――――」.
func separatorLine(src []byte, off int) bool {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	line := strings.TrimSpace(strings.Trim(string(src[start:end]), "\r　"))
	if line == "" {
		return false
	}
	for _, r := range line {
		if !strings.ContainsRune("―─—ー－-＊*◇◆☆★○●・＝=〜～※ 　", r) {
			return false
		}
	}
	return true
}

// closerOf is the bracket that closes r, or 0 when r opens nothing.
func closerOf(r rune) rune {
	switch r {
	case '「':
		return '」'
	case '『':
		return '』'
	case '（':
		return '）'
	case '【':
		return '】'
	case '〈':
		return '〉'
	case '《':
		return '》'
	}
	return 0
}

func isPairCloser(r rune) bool {
	switch r {
	case '」', '』', '）', '】', '〉', '》':
		return true
	}
	return false
}

// brackets checks that brackets close within one block.
func (d *doc) brackets(start, end int) {
	type open struct {
		r   rune
		off int
	}
	var stack []open
	for i := start; i < end && i < len(d.src); {
		// kanji and kana, skipped by their bytes: no bracket is among them
		if c := d.src[i]; (c >= 0xe4 && c <= 0xe9 || c == 0xe3 && i+1 < len(d.src) && d.src[i+1] >= 0x81 && d.src[i+1] <= 0x83) &&
			i+2 < len(d.src) && d.src[i+1]&0xc0 == 0x80 && d.src[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		r, size := decodeRune(d.src[i:])
		if c := closerOf(r); c != 0 || isPairCloser(r) {
			if d.class[i] == prose && !d.rubyProblem[i] {
				switch {
				case c != 0:
					stack = append(stack, open{r, i})
				case len(stack) > 0 && closerOf(stack[len(stack)-1].r) == r:
					stack = stack[:len(stack)-1]
				default:
					d.add("bracket-balance", i, nil, "%q closes nothing opened in this paragraph", string(r))
				}
			}
		}
		i += size
	}
	for _, o := range stack {
		d.add("bracket-balance", o.off, nil, "%q is not closed in this paragraph", string(o.r))
	}
}
