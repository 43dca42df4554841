package epub

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/templates"
)

// packing is how the book's text is cut into XHTML files.
type packing struct {
	toc    []tocEntry
	bodies []*bodyFile
}

// bodyFile is one XHTML file of the book's text: part headings and
// episodes, in order.
type bodyFile struct {
	name  string // e.g. "p0001.xhtml"
	title string
	slots []slot
	size  int
}

// slot is a part's heading or an episode in a body file.
type slot struct {
	part    int                 // the part's index, for a heading
	episode *manuscript.Episode // nil for a heading
}

// pack puts the episodes into XHTML files. A part's title page is a file
// of its own. While the book stays under MaxFiles, so is every episode;
// past it (KDP refuses books of 300 or more HTML files) episodes share
// files, a part always starting a new one and a file closing once it
// passes maxSize: a thousand-episode novel becomes a few dozen files.
func pack(b *manuscript.Book, maxSize int, packAlways bool) *packing {
	if maxSize <= 0 {
		maxSize = 256 << 10
	}
	files := 4 // cover, title page, contents, colophon
	for _, part := range b.Parts {
		files += len(part.Episodes)
		if part.Title != "" {
			files++
		}
	}
	onePerEpisode := !packAlways && files <= MaxFiles
	p := &packing{}
	var cur *bodyFile
	newFile := func(title string) {
		cur = &bodyFile{name: fmt.Sprintf("p%04d.xhtml", len(p.bodies)+1), title: title}
		p.bodies = append(p.bodies, cur)
	}
	for pi, part := range b.Parts {
		var children []tocEntry
		partEntry := -1
		if part.Title != "" {
			// packed, a part's title page shares the file before it while
			// it has room (the stylesheet starts it on a page of its own):
			// a file per part made a book of many parts thousands of files
			// KDP refuses
			if onePerEpisode || cur == nil || cur.size >= maxSize {
				newFile(part.Title)
			}
			p.toc = append(p.toc, tocEntry{Title: part.Title, Href: link(cur, partID(pi))})
			partEntry = len(p.toc) - 1
			cur.slots = append(cur.slots, slot{part: pi})
		}
		if onePerEpisode {
			cur = nil
		}
		for _, ep := range part.Episodes {
			if cur == nil || onePerEpisode || (cur.size > 0 && cur.size+len(ep.Body) > maxSize) {
				newFile(ep.Title)
			}
			if cur.title == "" {
				cur.title = ep.Title
			}
			e := tocEntry{Title: ep.Title, Href: link(cur, ep.ID()), Children: headingEntries(cur.name, ep.Headings)}
			cur.slots = append(cur.slots, slot{episode: ep})
			cur.size += len(episodeOpenSize) + len(ep.ID()) + len(ep.Body)
			if partEntry >= 0 {
				children = append(children, e)
			} else {
				p.toc = append(p.toc, e)
			}
		}
		if partEntry >= 0 {
			p.toc[partEntry].Children = children
		}
	}
	return p
}

// headingEntries are an episode's 大見出し and 中見出し as the 目次 lists
// them: a 中見出し under the 大見出し before it, if any.
func headingEntries(file string, hs []manuscript.Heading) []tocEntry {
	var out []tocEntry
	major := -1
	for _, h := range hs {
		e := tocEntry{Title: h.Title, Href: file + "#" + h.ID}
		switch {
		case h.Major:
			out = append(out, e)
			major = len(out) - 1
		case major >= 0:
			out[major].Children = append(out[major].Children, e)
		default:
			out = append(out, e)
		}
	}
	return out
}

// episodeOpenSize stands for an episode's opening tag when a file's size
// is reckoned, its id aside.
const episodeOpenSize = `<section class="episode" id="">` + "\n"

func partID(i int) string { return fmt.Sprintf("part%02d", i+1) }

// link is where the table of contents points for what is about to go
// into f: the file itself when it starts the file — Kobo's Japanese
// production guide asks a vertical book's table of contents to point at
// file starts, and a reader opens a file at its start without searching
// it — else the fragment inside it (episodes that share a file, past
// MaxFiles).
func link(f *bodyFile, id string) string {
	if len(f.slots) == 0 {
		return f.name
	}
	return f.name + "#" + id
}

// fill renders the part headings and wraps the episodes, and adds each
// body file to the model with where its episodes are.
func (p *packing) fill(b *manuscript.Book, tplDir string, m *model) error {
	partTpl, err := parseTemplate(tplDir, "part.xhtml")
	if err != nil {
		return err
	}
	mk, err := newEpisodeMarkup()
	if err != nil {
		return err
	}
	for _, bf := range p.bodies {
		var body [][]byte
		var spans []episodeSpan
		heading := -1 // the chunk of a part heading waiting for its first episode
		for _, s := range bf.slots {
			if s.episode == nil {
				h, err := partHeading(partTpl, b, s.part)
				if err != nil {
					return err
				}
				heading = len(body)
				body = append(body, h)
				continue
			}
			open, err := mk.open(s.episode.ID())
			if err != nil {
				return err
			}
			first := len(body)
			if heading >= 0 {
				first, heading = heading, -1
			}
			body = append(body, open, s.episode.Body, mk.end)
			spans = append(spans, episodeSpan{id: s.episode.ID(), first: first, last: len(body)})
		}
		m.addDocument(bf.name, bf.title, body).episodes = spans
	}
	return nil
}

// partHeading renders part i's heading with the part template.
func partHeading(t *template.Template, b *manuscript.Book, i int) ([]byte, error) {
	var buf bytes.Buffer
	data := map[string]any{"ID": partID(i), "Title": b.Parts[i].Title, "Vertical": b.Config.Vertical()}
	if err := t.Execute(&buf, data); err != nil {
		return nil, templates.ExecError("part.xhtml", err)
	}
	if err := wellFormed(buf.Bytes()); err != nil {
		return nil, i18n.Errorf("templates/%s makes XHTML no reader can open (%v): check its tags", "part.xhtml", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
