package paperback

import (
	"bytes"
	"encoding/xml"
	"io"

	"github.com/hanmoto/hanmoto/manuscript"
	"golang.org/x/text/width"
)

// EstimatePages is the fewest pages the book's text can take on a 版面 of
// chars × lines, before any layout: the episodes run on from one to the
// next as print.css sets them, every paragraph and heading starts a line
// and fills ceil(width ÷ chars) of them (a Latin letter half a character's
// room, ruby readings none of their own), every page break ends a page,
// and the front pages (扉 and its back, 目次, 奥付) are added. A layout
// only adds to it (blank lines, headings' drop, 禁則, parts on odd pages),
// so a book this estimate puts past KDP's limit is refused before
// Chromium starts: 227 s of layout once ended in that refusal.
func EstimatePages(b *manuscript.Book, chars, lines int) int {
	if chars < 1 || lines < 1 {
		return 0
	}
	e := &estimate{chars: chars, perPage: lines}
	for _, ep := range b.Episodes() {
		e.episode(ep.Body)
	}
	e.endPage()
	return 4 + e.pages
}

type estimate struct {
	chars, perPage int
	pages, lines   int // pages ended, lines on the page being filled
	n              int // half-width columns of the block being read
}

// block ends a paragraph or heading: its lines join the page.
func (e *estimate) block() {
	if e.n > 0 {
		e.lines += (e.n + 2*e.chars - 1) / (2 * e.chars)
	}
	e.n = 0
}

// endPage ends the page being filled (a page break, the book's end).
func (e *estimate) endPage() {
	e.block()
	if e.lines > 0 {
		e.pages += (e.lines + e.perPage - 1) / e.perPage
	}
	e.lines = 0
}

func (e *estimate) episode(body []byte) {
	d := xml.NewDecoder(io.MultiReader(bytes.NewReader([]byte("<x>")), bytes.NewReader(body), bytes.NewReader([]byte("</x>"))))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	skip := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "rt", "rp":
				skip++
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre":
				e.block()
			case "div":
				for _, a := range t.Attr {
					if a.Name.Local == "class" && a.Value == "pagebreak" {
						e.endPage()
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "rt", "rp":
				skip--
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre":
				e.block()
			}
		case xml.CharData:
			if skip == 0 {
				for _, r := range string(bytes.TrimSpace(t)) {
					if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
						e.n += 2
					} else {
						e.n++
					}
				}
			}
		}
	}
	e.block()
}
