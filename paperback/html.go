package paperback

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
	"github.com/hanmoto/hanmoto/paperback/pdf"
	"github.com/hanmoto/hanmoto/templates"
)

// pageTemplates are the templates a print uses: the EPUB's pages and the
// print stylesheet, a manuscript's own first.
type pageTemplates struct {
	css                       []byte
	titlepage, colophon, part *template.Template
}

func loadTemplates(dir string) (*pageTemplates, error) {
	t := &pageTemplates{}
	var err error
	if t.css, err = templates.Read(dir, "print.css"); err != nil {
		return nil, i18n.Errorf("templates/%s: %v", "print.css", err)
	}
	if err := templates.CheckCSS(templates.Policy{Name: "templates/print.css"}, t.css); err != nil {
		return nil, err
	}
	parse := func(name string) (*template.Template, error) {
		src, err := templates.Read(dir, name)
		if err != nil {
			return nil, i18n.Errorf("templates/%s: %v", name, err)
		}
		tp, err := template.New(name).Funcs(front.Funcs).Parse(string(src))
		if err != nil {
			return nil, i18n.Errorf("templates/%s: %v", name, err)
		}
		return tp, nil
	}
	if t.titlepage, err = parse("titlepage.xhtml"); err != nil {
		return nil, err
	}
	if t.colophon, err = parse("colophon.xhtml"); err != nil {
		return nil, err
	}
	if t.part, err = parse("part.xhtml"); err != nil {
		return nil, err
	}
	return t, nil
}

// doc is the print document of a book in one geometry.
type doc struct {
	book   *manuscript.Book
	tpl    *pageTemplates
	g      Geometry
	images map[string]string
	vert   bool
	// partPage starts a part on the next page (改ページ), without a blank
	// back; else a part starts on an odd page (改丁), its back blank
	partPage bool
	// dropBlank leaves out lone blank lines (Options.DropBlankLines)
	dropBlank bool
	// denseTOC sets the 目次 smaller and closer (Options.DenseTOC)
	denseTOC bool
	// order lists the parts' and episodes' ids in reading order, with
	// their titles, as the 目次 lists them
	order []docEntry
}

type docEntry struct {
	id, title string
	part      bool
	partNo    int // the part it belongs to, 1-based; 0 for none
	// heading is a 大見出し (1) or 中見出し (2) inside an episode, 0 for
	// a part or an episode: its place is its own element's, where an
	// episode's or part's is its marker's (at-ID)
	heading int
}

// anchor is the name of the entry's place in the document.
func (e docEntry) anchor() string {
	if e.heading > 0 {
		return e.id
	}
	return "at-" + e.id
}

func newDoc(b *manuscript.Book, tpl *pageTemplates, g Geometry, images map[string]string, partPage bool) *doc {
	d := &doc{book: b, tpl: tpl, g: g, images: images, vert: b.Config.Vertical(), partPage: partPage}
	for pi, part := range b.Parts {
		no := 0
		if part.Title != "" {
			no = pi + 1
			d.order = append(d.order, docEntry{id: partID(pi), title: part.Title, part: true, partNo: no})
		}
		for _, ep := range part.Episodes {
			d.order = append(d.order, docEntry{id: ep.ID(), title: ep.Title, partNo: no})
			major := false
			for _, h := range ep.Headings {
				level := 2
				if h.Major {
					level, major = 1, true
				} else if !major {
					level = 1 // a 中見出し with no 大見出し before it
				}
				d.order = append(d.order, docEntry{id: h.ID, title: h.Title, partNo: no, heading: level})
			}
		}
	}
	return d
}

func partID(i int) string { return fmt.Sprintf("part%02d", i+1) }

// pagePlan is where everything falls once the blank pages are in.
type pagePlan struct {
	blankBefore map[string]bool // a part (or "colophon") that needs a blank page before it
	pages       map[string]int
	toc         []TOCLine
	total       int
}

// plan reads the first pass: where each part and episode began. A part
// starts on an odd page (a 改丁, as books start parts) unless the book
// asks for 改ページ, and the colophon
// is on the last page, which is even: each takes a blank page before it
// when it would not, and the pages after move on by one.
func (d *doc) plan(f *pdf.File) (*pagePlan, error) {
	dests := f.Dests()
	n := len(f.Pages())
	p := &pagePlan{blankBefore: map[string]bool{}, pages: map[string]int{}}
	shift := 0
	for _, e := range d.order {
		at, ok := dests[e.anchor()]
		if !ok {
			return nil, i18n.Errorf("the browser lost the place of %q in the book: check templates/print.css", e.title)
		}
		at += shift
		if e.part && at%2 == 0 && !d.partPage {
			p.blankBefore[e.id] = true
			shift++
			at++
		}
		p.pages[e.id] = at
		p.toc = append(p.toc, TOCLine{Title: e.title, Page: at, Part: e.part})
	}
	p.total = n + shift
	if p.total%2 == 1 {
		p.blankBefore["colophon"] = true
		p.total++
	}
	return p, nil
}

// confirm checks the final print against its plan: every heading where
// the 目次 says.
func (d *doc) confirm(f *pdf.File, p *pagePlan) error {
	dests := f.Dests()
	if n := len(f.Pages()); n != p.total {
		return i18n.Errorf("the book printed on %d pages where %d were planned: the layout moved between passes (a font missing at times?)", n, p.total)
	}
	for _, e := range d.order {
		if dests[e.anchor()] != p.pages[e.id] {
			return i18n.Errorf("%q printed on page %d, but the 目次 says %d: the layout moved between passes", e.title, dests[e.anchor()], p.pages[e.id])
		}
	}
	return nil
}

// html is the document: the first pass's (p nil: no blanks to align, the
// 目次's numbers held open) or the final one, from pages/book.html.
func (d *doc) html(p *pagePlan) ([]byte, error) {
	c := d.book.Config
	v := bookView{Lang: c.Language, Class: "horizontal", Title: c.Title,
		CSS: template.CSS(d.tpl.css), PageCSS: template.CSS(d.pageCSS()),
		TOCLabel: front.LabelsFor(c.Language).TOC, TOC: d.toc(p)}
	if d.vert {
		v.Class = "vertical"
	}
	data := front.Data(d.book)
	titlepage, err := execPage(d.tpl.titlepage, data)
	if err != nil {
		return nil, err
	}
	v.Titlepage = template.HTML(titlepage)
	for pi, part := range d.book.Parts {
		pv := partView{}
		if part.Title != "" {
			id := partID(pi)
			pv.BlankBefore = p != nil && p.blankBefore[id]
			// a 改丁 leaves the back of the 中扉 blank
			pv.BlankAfter = !d.partPage
			heading, err := execPage(d.tpl.part, map[string]any{"ID": id, "Title": part.Title, "Vertical": d.vert})
			if err != nil {
				return nil, err
			}
			if pv.Heading, err = withMarker(heading, id); err != nil {
				return nil, err
			}
		}
		for _, ep := range part.Episodes {
			pv.Episodes = append(pv.Episodes, episodeView{Folio: folioOf(d.book, pi), ID: ep.ID(), Body: template.HTML(overhang(string(ep.Body)))})
		}
		v.Parts = append(v.Parts, pv)
	}
	v.BlankBeforeColophon = p != nil && p.blankBefore["colophon"]
	colophon, err := execPage(d.tpl.colophon, data)
	if err != nil {
		return nil, err
	}
	v.Colophon = template.HTML(colophon)
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, "book.html", v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// bookView is what pages/book.html prints.
type bookView struct {
	Lang, Class, Title  string
	CSS, PageCSS        template.CSS
	Titlepage, Colophon template.HTML
	TOCLabel            string
	TOC                 []tocView
	Parts               []partView
	BlankBeforeColophon bool
}

type tocView struct {
	Class, Anchor string
	Title         template.HTML // set for the book's direction (front.Tate)
	Num           string
}

type partView struct {
	BlankBefore, BlankAfter bool
	Heading                 template.HTML // "" for the book's untitled part
	Episodes                []episodeView
}

type episodeView struct {
	Folio int
	ID    string
	Body  template.HTML // rendered by the manuscript
}

// execPage runs a page template, and refuses what it made if it would run
// anything or load what is not the book's (templates.CheckPage): Chromium
// would print it. A template that fails to run fails the print.
func execPage(t *template.Template, data any) ([]byte, error) {
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return nil, templates.ExecError(t.Name(), err)
	}
	if err := templates.CheckPage(templates.Policy{Name: "templates/" + t.Name(), Strict: true}, out.Bytes()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// withMarker puts id's marker inside a part's page, after its opening
// tag, or before the page when it is not one section.
func withMarker(page []byte, id string) (template.HTML, error) {
	var m bytes.Buffer
	if err := pages().ExecuteTemplate(&m, "marker", id); err != nil {
		return "", err
	}
	s := string(page)
	if i := strings.Index(s, ">"); i >= 0 && strings.Contains(s[:i], "<section") {
		return template.HTML(s[:i+1] + m.String() + s[i+1:]), nil
	}
	return template.HTML(m.String() + s), nil
}

// A heading's page is read from its marker (pages/book.html): an empty
// block at the start of its section. Chromium places a link's destination
// at the top-left corner of its target, and in vertical text a section's
// top-left is its last line: an episode of two pages was found on its
// second.

// folioOf is the running head a part's pages use: its own title, or the
// book's (0) where it has none.
func folioOf(b *manuscript.Book, pi int) int {
	if b.Parts[pi].Title == "" {
		return 0
	}
	return pi + 1
}

// toc is the 目次's lines.
func (d *doc) toc(p *pagePlan) []tocView {
	var out []tocView
	for i, e := range d.order {
		// the first pass prints the widest number there can be, so that
		// the 目次 wraps and breaks as it will with the real ones
		num := d.pageNumber(888)
		if p != nil {
			num = d.pageNumber(p.toc[i].Page)
		}
		class := "toc-episode"
		switch {
		case e.part:
			class = "toc-part"
		case e.heading > 0:
			class = "toc-heading toc-heading-" + strconv.Itoa(e.heading)
		}
		if !e.part && e.partNo > 0 {
			class += " in-part"
		}
		out = append(out, tocView{Class: class, Anchor: e.anchor(), Title: front.Tate(e.title, d.vert), Num: num})
	}
	return out
}

// runningHead is a title as the 柱 sets it: on one line of the head
// margin, a long one cut with …
func runningHead(title string) string {
	r := []rune(title)
	if len(r) <= maxRunningTitle {
		return title
	}
	return string(r[:maxRunningTitle-1]) + "…"
}

// pageNumber is a page number as the 目次 prints it: in a vertical book
// in 漢数字 digit by digit (一二三), as vertical 目次 set them; else in
// figures.
func (d *doc) pageNumber(n int) string {
	if !d.vert {
		return strconv.Itoa(n)
	}
	return front.KanjiFigures(strconv.Itoa(n))
}

// pageCSS is the page's geometry, after the stylesheet so that it holds:
// the sheet, KDP's margins, a type area of whole lines, 柱 and ノンブル on
// the fore-edge side of the text pages and none on 扉, blank, part and
// colophon pages.
func (d *doc) pageCSS() string {
	g := d.g
	var b strings.Builder
	mm := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) + "mm" }
	// the room for the first line's ruby and the lines, and a hair more,
	// so that rounding never drops one
	area := float64(g.Lines)*g.LineMM + g.Room + 0.05
	fmt.Fprintf(&b, "@page { size: %s %s; margin: %s 0 %s 0; }\n", mm(g.PageW), mm(g.PageH), mm(g.Top), mm(g.Bottom))
	// :left is the page whose spine is on its right. In a vertical-rl
	// document Chromium calls page 1 :right; an rtl root makes it :left,
	// as page 1 of a right-bound book is (the body turns text back to ltr)
	fmt.Fprintf(&b, "@page :left { margin-left: %s; margin-right: %s; }\n", mm(g.PageW-g.Inside-area), mm(g.Inside))
	fmt.Fprintf(&b, "@page :right { margin-left: %s; margin-right: %s; }\n", mm(g.Inside), mm(g.PageW-g.Inside-area))
	// every page of an episode starts with the room: the reading of a
	// page's first line is drawn in it, inside the page. Outside, Chromium
	// drew it on the page before too (89 of 坊っちゃん's 138 pages)
	fmt.Fprintf(&b, "section.episode { padding-block-start: %s; box-decoration-break: clone; -webkit-box-decoration-break: clone; }\n", mm(g.Room))
	// and what Chromium still draws past a page's last line (a voiced
	// kana of the next page's first reading, 19 times in 坊っちゃん) is
	// cut off there
	if d.vert {
		b.WriteString("section.episode { overflow-x: clip; }\n")
	} else {
		b.WriteString("section.episode { overflow-y: clip; }\n")
	}
	if d.vert {
		b.WriteString("html { direction: rtl; } body { direction: ltr; }\n")
	}
	fmt.Fprintf(&b, "html { font-size: %spt; }\n", strconv.FormatFloat(g.Trim.FontPt, 'f', -1, 64))
	box := func(side, content string) string {
		return fmt.Sprintf("@%s { content: %s; font-size: 7.5pt; writing-mode: horizontal-tb; vertical-align: middle; text-align: %s; font-family: \"IPAexMincho\", \"IPAex明朝\", serif; }",
			side, content, strings.TrimPrefix(strings.TrimPrefix(side, "top-"), "bottom-"))
	}
	// the 柱: the book's (or the part's) title on even pages, the
	// episode's on odd ones, as Japanese books set them. Odd pages are
	// :left in a right-bound (vertical) book, :right in a left-bound one
	oddSide := "right"
	if d.vert {
		oddSide = "left"
	}
	folio := func(name, head, oddHead string) {
		for _, side := range []string{"left", "right"} {
			fmt.Fprintf(&b, "@page %s:%s { %s", name, side, box("bottom-"+side, "counter(page)"))
			h := head
			if side == oddSide && oddHead != "" {
				h = oddHead
			}
			if h != "" {
				b.WriteString(" " + box("top-"+side, cssString(runningHead(h))))
			}
			b.WriteString(" }\n")
		}
	}
	folio("toc", "", "")
	folio("folio-0", shortTitle(d.book), "")
	for pi, part := range d.book.Parts {
		head := shortTitle(d.book)
		if part.Title != "" {
			head = part.Title
			folio(fmt.Sprintf("folio-%d", pi+1), head, "")
		}
		// each episode a named page of its own, for its title
		for _, ep := range part.Episodes {
			folio("ep-"+ep.ID(), head, ep.Title)
			fmt.Fprintf(&b, "section.episode#%s { page: ep-%s; }\n", ep.ID(), ep.ID())
		}
	}
	// an illustration's page is a picture, and carries no folio either
	b.WriteString("section.titlepage-page, div.blank, section.part, div.colophon, div.illustration { page: nofolio; }\n")
	b.WriteString("nav.toc { page: toc; }\n")
	b.WriteString("section.folio-0 { page: folio-0; }\n")
	for pi, part := range d.book.Parts {
		if part.Title != "" {
			fmt.Fprintf(&b, "section.folio-%d { page: folio-%d; }\n", pi+1, pi+1)
		}
	}
	b.WriteString("section.titlepage-page, div.blank, nav.toc, section.part, section.episode, div.colophon, div.illustration { break-before: page; }\n")
	b.WriteString("div.illustration, section.part, div.blank { break-after: page; }\n")
	b.WriteString("div.at { position: absolute; width: 1px; height: 1px; }\n")
	if d.dropBlank {
		// a lone blank line is not printed; of a run, the second is
		b.WriteString("section.episode p.blank { display: none; }\n")
		b.WriteString("section.episode p.blank + p.blank { display: block; }\n")
		b.WriteString("section.episode p.blank + p.blank + p.blank { display: none; }\n")
	}
	if d.denseTOC {
		b.WriteString("nav.toc ol { font-size: 0.85em; line-height: 1.5; } nav.toc li { margin: 0; }\n")
	}
	b.WriteString(fitTitle(d.book, g, d.vert).css())
	// the pages of their own fill the type area, so that what they
	// centre or push to an end has a box to do it in
	full := fmt.Sprintf("width: %s; height: %s; box-sizing: border-box; overflow: hidden;", mm(area), mm(g.AreaH()))
	fmt.Fprintf(&b, "div.titlepage, section.part, div.colophon, div.illustration { %s }\n", full)
	// an illustration is inside its episode, after the room
	if d.vert {
		fmt.Fprintf(&b, "div.illustration { width: %s; }\n", mm(area-g.Room))
	} else {
		fmt.Fprintf(&b, "div.illustration { height: %s; }\n", mm(g.AreaH()-g.Room))
	}
	if g.Bleed {
		// a full-bleed picture (a 口絵) fills the sheet, bleed and all, on
		// a page with no margins; without bleed it fits the type area,
		// and print says so
		b.WriteString("@page bleed { margin: 0; }\n")
		fmt.Fprintf(&b, "div.illustration.full-bleed { page: bleed; width: %s; height: %s; margin-block-start: -%s; overflow: visible; }\n", mm(g.PageW), mm(g.PageH), mm(g.Room))
	}
	return b.String()
}

// cssString quotes s for CSS content.
func cssString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "<", `\3c `)
	return `"` + r.Replace(s) + `"`
}
