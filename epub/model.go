package epub

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
)

// model is the book's package as data, made once from a manuscript.Book:
// its metadata, every file of the package with its bytes, the spine, the
// two-level table of contents and the landmarks. Everything the build
// writes is derived from it: package.opf, nav.xhtml, toc.ncx and each
// XHTML document's wrapper from the templates in pkgdoc/ (pkgdoc.go), the
// files a previewer serves and the structure it reads (Package), and the
// media go-epub stores in the container (container.go).
type model struct {
	Meta      metadata
	Lang      string
	Labels    front.Labels
	Vertical  bool
	Items     []*item // the manifest, in the order the build added them
	Spine     []*item
	TOC       []tocEntry
	Landmarks []landmark
	modified  time.Time
}

// metadata is what the package document says of the book.
type metadata struct {
	Identifier, Title, TitleReading string
	Publisher, Date, Description    string
	Series                          string
	Volume                          int
	Creators                        []creator
	Modified                        string // dcterms:modified
	CoverID                         string // the cover image's manifest id, "" for none
}

// creator is a dc:creator with its refinements.
type creator struct {
	ID, Name, Role, Reading string
	Seq                     int
}

// item is a file of the package.
type item struct {
	ID, Href, MediaType, Properties string
	// Title is an XHTML document's <title>.
	Title string
	// body is a document's text inside <body>, or a media file's bytes,
	// in chunks: a body file is its episodes' rendered text as the
	// manuscript holds it, never copied into one buffer.
	body [][]byte
	// episodes are where each episode's chunks start and end in body.
	episodes []episodeSpan
	// media is a file go-epub stores in the container: a stylesheet or
	// an image.
	media bool
	// page marks a document that is one page (the cover, the 奥付): its
	// root and body take the viewport, so that what it holds is centred
	// on that page, or set at its end, in any reader — not only in those
	// that give the body the page's size (epub.js)
	page bool
}

// episodeSpan is an episode's chunks in a body file: from first to last
// (exclusive), a part heading just before it included.
type episodeSpan struct {
	id          string
	first, last int
}

// landmark is an entry of the nav's landmarks and of the EPUB 2 guide.
type landmark struct {
	Type      string // epub:type: cover, toc, bodymatter
	GuideType string // the guide's type: cover, toc, text
	Title     string
	Href      string // relative to EPUB/
}

// tocEntry is one line of the table of contents.
type tocEntry struct {
	Title    string
	Href     string // relative to the xhtml folder
	Children []tocEntry
	// Order is the entry's place in the NCX's playOrder, from 1.
	Order int
	// Vertical is the book's direction, for templates/toc.xhtml's tate
	Vertical bool
}

func newModel(b *manuscript.Book, modified time.Time) *model {
	c := b.Config
	m := &model{
		Lang:     c.Language,
		Labels:   front.LabelsFor(c.Language),
		Vertical: c.Vertical(),
		modified: modified,
		Meta: metadata{
			Identifier: c.Identifier, Title: c.Title, TitleReading: c.TitleReading,
			Publisher: c.Publisher, Date: c.Date, Description: c.Description,
			Series: c.Series, Volume: c.Volume,
			Modified: modified.Format("2006-01-02T15:04:05Z"),
		},
	}
	for i, a := range c.Author {
		m.Meta.Creators = append(m.Meta.Creators, creator{ID: "creator" + strconv.Itoa(i+1), Name: a.Name, Role: a.Role, Reading: a.Reading, Seq: i + 1})
	}
	return m
}

// add puts a file in the manifest. Its id is made from its href, so that
// it reads well in a diff of two builds and stays the same across builds.
func (m *model) add(it *item) *item {
	it.ID = manifestID(it.Href)
	m.Items = append(m.Items, it)
	return it
}

// addMedia adds a stylesheet or an image go-epub stores.
func (m *model) addMedia(href, mediaType string, data []byte) *item {
	return m.add(&item{Href: href, MediaType: mediaType, body: [][]byte{data}, media: true})
}

// addDocument adds an XHTML document to the manifest and the spine.
func (m *model) addDocument(name, title string, body [][]byte) *item {
	it := m.add(&item{Href: "xhtml/" + name, MediaType: "application/xhtml+xml", Title: title, body: body})
	m.Spine = append(m.Spine, it)
	return it
}

// finish completes the model once every document is in: the documents
// that draw SVG say so, the navigation documents join the manifest, the
// TOC is numbered for the NCX and the landmarks are set.
func (m *model) finish(cover *item, firstBody string) {
	for _, it := range m.Spine {
		for _, c := range it.body {
			if bytes.Contains(c, []byte("<svg")) {
				it.Properties = "svg"
				break
			}
		}
	}
	m.add(&item{Href: "nav.xhtml", MediaType: "application/xhtml+xml", Properties: "nav"})
	m.add(&item{Href: "toc.ncx", MediaType: "application/x-dtbncx+xml"})
	order := 0
	var number func(es []tocEntry)
	number = func(es []tocEntry) {
		for i := range es {
			order++
			es[i].Order = order
			number(es[i].Children)
		}
	}
	number(m.TOC)
	if cover != nil {
		cover.Properties = "cover-image"
		m.Meta.CoverID = cover.ID
		m.Landmarks = append(m.Landmarks, landmark{"cover", "cover", m.Labels.Cover, "xhtml/cover.xhtml"})
	}
	m.Landmarks = append(m.Landmarks,
		landmark{"toc", "toc", m.Labels.TOC, "xhtml/toc.xhtml"},
		landmark{"bodymatter", "text", m.Labels.Body, "xhtml/" + firstBody})
}

// setTOC makes toc the book's table of contents, every entry knowing the
// book's direction (templates/toc.xhtml sets titles by it).
func (m *model) setTOC(toc []tocEntry) {
	var direction func(es []tocEntry)
	direction = func(es []tocEntry) {
		for i := range es {
			es[i].Vertical = m.Vertical
			direction(es[i].Children)
		}
	}
	direction(toc)
	m.TOC = toc
}

// manifest is the manifest as the package document lists it: by href.
func (m *model) manifest() []*item {
	items := append([]*item(nil), m.Items...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })
	return items
}

// depth is the NCX's dtb:depth: the TOC's levels (parts, episodes, the
// episodes' 見出し).
func (m *model) depth() int {
	var depth func(es []tocEntry) int
	depth = func(es []tocEntry) int {
		d := 0
		for _, e := range es {
			d = max(d, 1+depth(e.Children))
		}
		return d
	}
	return max(depth(m.TOC), 1)
}

// manifestID makes an XML id from a manifest href: xhtml/p0001.xhtml →
// xhtml-p0001-xhtml.
func manifestID(href string) string {
	var b strings.Builder
	for _, r := range href {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		id = "i" + id
	}
	return id
}

// Package is a built book's structure, from the model: its manifest,
// sorted by href, its spine, the documents in reading order, and where each
// episode is in the document that holds it. Paths are the container's
// (EPUB/p0001.xhtml).
type Package struct {
	Manifest []Item
	Spine    []string
	// Sections are the episodes of each body document, in order, by the
	// document's path.
	Sections map[string][]Section
}

// Item is a file of the manifest.
type Item struct {
	Path, MediaType, Properties string
}

// Section is an episode's place in a body document, in bytes: from its
// opening tag (or the part heading just before it) to the end of its
// closing tag.
type Section struct {
	ID         string // the episode's id, ep0001
	Start, End int
}

// structure is the model as a Package; docs are the documents as written.
func (m *model) structure(docs map[string][][]byte) Package {
	var p Package
	for _, it := range m.manifest() {
		p.Manifest = append(p.Manifest, Item{Path: "EPUB/" + it.Href, MediaType: it.MediaType, Properties: it.Properties})
	}
	p.Sections = map[string][]Section{}
	for _, it := range m.Spine {
		path := "EPUB/" + it.Href
		p.Spine = append(p.Spine, path)
		if len(it.episodes) == 0 {
			continue
		}
		chunks := docs[path]
		// the wrapper's head is the document's first chunk, the body's
		// chunks follow it
		at := make([]int, len(chunks)+1)
		for i, c := range chunks {
			at[i+1] = at[i] + len(c)
		}
		for _, e := range it.episodes {
			p.Sections[path] = append(p.Sections[path], Section{ID: e.id, Start: at[1+e.first], End: at[1+e.last]})
		}
	}
	return p
}
