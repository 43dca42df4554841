package epub

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"image"
	_ "image/jpeg" // cover and illustration formats KDP accepts
	_ "image/png"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	goepub "github.com/go-shiori/go-epub"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
	"github.com/hanmoto/hanmoto/templates"
)

// ImagePrefix is how an XHTML file reaches the images folder go-epub uses.
const ImagePrefix = "../images/"

// Options steer Write.
type Options struct {
	// Modified is dcterms:modified and every zip entry's time. Zero means
	// the book's newest source file.
	Modified time.Time
	// MaxFileSize is the XHTML size at which a new file starts when
	// episodes share files. Zero means 256 KiB, well under KDP's limits and
	// small enough for old Kindles.
	MaxFileSize int
	// Pack puts several episodes in a file even when the book would stay
	// under MaxFiles with one file per episode.
	Pack bool
	// Files, when set, receives the book's files by their path in the
	// container instead of a zip written to w: a previewer serves them as
	// they are, and zipping 15 MB to unzip it at once is waste.
	Files map[string][]byte
	// Package, when set, receives the book's structure as the build made
	// it: a previewer reads it instead of parsing the package document.
	Package *Package
}

// Package is a built book's structure: its manifest, sorted by href, and
// its spine, the documents in reading order. Paths are the container's
// (EPUB/p0001.xhtml).
type Package struct {
	Manifest []Item
	Spine    []string
}

// Item is a file of the manifest.
type Item struct {
	Path, MediaType, Properties string
}

// MaxFiles is how many XHTML files a book may have before its episodes
// share files: well under the 300 at which KDP refuses a book. Below it,
// every episode is a file of its own, and so starts a page in every reader
// there is; above it, episodes share files and the stylesheet breaks the
// page (and the column, for readers that paginate with CSS columns).
const MaxFiles = 250

// Warning is something worth fixing that does not stop a build.
type Warning = manuscript.Warning

// tocEntry is one line of the table of contents.
type tocEntry struct {
	Title    string
	Href     string // relative to the xhtml folder
	Children []tocEntry
}

// bodyFile is one XHTML file of the book's text: several episodes, packed.
type bodyFile struct {
	name  string // e.g. "p0001.xhtml"
	title string
	parts [][]byte
	size  int
}

// plan is everything the finishing step needs to know about the book.
type plan struct {
	pkg        *Package // filled by finish when the caller asks for the structure
	book       *manuscript.Book
	lang       string
	label      front.Labels
	modified   time.Time
	files      map[string][]byte
	toc        []tocEntry
	bodies     []*bodyFile
	cover      string // in-book image file name, "" for none
	firstBody  string
	partStarts []partStart
}

// partStart says which body file opens with which part's heading.
type partStart struct{ part, body, slot int }

// Write builds the book's EPUB into w. The output is a function of the
// book alone: the same inputs give the same bytes.
func Write(b *manuscript.Book, w io.Writer, opt Options) ([]Warning, error) {
	p := &plan{book: b, lang: b.Config.Language, label: front.LabelsFor(b.Config.Language), modified: opt.Modified, files: opt.Files, pkg: opt.Package}
	if p.modified.IsZero() {
		p.modified = b.Modified
	}
	if p.modified.IsZero() {
		p.modified = time.Unix(0, 0)
	}
	p.modified = p.modified.UTC().Truncate(time.Second)
	tplDir := filepath.Join(b.Dir, "templates")
	var warnings []Warning

	// go-epub's in-memory file system is one map for the whole process,
	// unguarded: two books made at once (tests, a preview server) would
	// write it together
	goepubMu.Lock()
	locked := true
	defer func() {
		if locked {
			goepubMu.Unlock()
		}
	}()
	e, err := newSkeleton(b.Config.Title)
	if err != nil {
		return nil, err
	}
	e.SetIdentifier(b.Config.Identifier)
	e.SetLang(p.lang)
	if b.Config.Description != "" {
		e.SetDescription(b.Config.Description)
	}
	css := "vertical.css"
	if !b.Config.Vertical() {
		css = "horizontal.css"
	}
	cssData, err := templates.Read(tplDir, css)
	if err != nil {
		return nil, i18n.Errorf("templates/%s: %v", css, err)
	}
	if err := templates.CheckCSS(templates.Policy{Name: "templates/" + css}, cssData); err != nil {
		return nil, err
	}
	cssPath, err := e.AddCSS(dataURL("text/css", cssData), "book.css")
	if err != nil {
		return nil, err
	}
	for _, img := range b.Images {
		if _, err := manuscript.CheckImage(filepath.Join(b.Dir, filepath.FromSlash(img)), img); err != nil {
			return nil, err
		}
		if _, err := e.AddImage(filepath.Join(b.Dir, filepath.FromSlash(img)), manuscript.ImageName(img)); err != nil {
			return nil, i18n.Errorf("%s: %v", img, err)
		}
	}
	warnings = append(warnings, b.TextWarnings()...)
	warnings = append(warnings, checkIllustrations(b)...)
	data := front.Data(p.book)
	page := func(name, title, file string, extra map[string]any) error {
		for k, v := range extra {
			data[k] = v
		}
		body, err := execTemplate(tplDir, name, data)
		if err != nil {
			return err
		}
		_, err = e.AddSection(string(body), title, file, cssPath)
		return err
	}
	if b.Cover != "" {
		ws, size, err := checkCover(filepath.Join(b.Dir, filepath.FromSlash(b.Cover)), b.Cover)
		if err != nil {
			return nil, err
		}
		warnings = append(warnings, ws...)
		p.cover = "cover" + strings.ToLower(path.Ext(b.Cover))
		// read once: go-epub stores these bytes, and the cover page's
		// copy is made of them
		src, err := os.ReadFile(filepath.Join(b.Dir, filepath.FromSlash(b.Cover)))
		if err != nil {
			return nil, i18n.Errorf("%s: %v", b.Cover, err)
		}
		if _, err := e.AddImage(dataURL(http.DetectContentType(src), src), p.cover); err != nil {
			return nil, i18n.Errorf("%s: %v", b.Cover, err)
		}
		// the cover page shows a copy of at most 2 million pixels where
		// the cover is larger (coverpage.go)
		shown, w, h := p.cover, size.Width, size.Height
		small, sw, sh, err := coverPage(src, size)
		if err != nil {
			return nil, i18n.Errorf("%s: %v", b.Cover, err)
		}
		if small != nil {
			shown, w, h = "cover-page.jpg", sw, sh
			if _, err := e.AddImage(dataURL("image/jpeg", small), shown); err != nil {
				return nil, err
			}
		}
		// the image's own size is the SVG's viewBox: the cover then fills
		// the page and sits in its middle in any reader and direction
		if err := page("cover.xhtml", p.label.Cover, "cover.xhtml", map[string]any{"Src": ImagePrefix + shown, "Width": w, "Height": h}); err != nil {
			return nil, err
		}
	}
	p.pack(opt.MaxFileSize, opt.Pack)
	if err := page("titlepage.xhtml", b.Config.Title, "titlepage.xhtml", nil); err != nil {
		return nil, err
	}
	if err := page("toc.xhtml", p.label.TOC, "toc.xhtml", map[string]any{"TOC": p.toc}); err != nil {
		return nil, err
	}
	partTpl, err := parseTemplate(tplDir, "part.xhtml")
	if err != nil {
		return nil, err
	}
	if err := p.fillParts(partTpl); err != nil {
		return nil, err
	}
	for i, bf := range p.bodies {
		// go-epub gets a marker; the finishing step puts the text in, so the
		// megabytes of prose are compressed once, in parallel.
		if _, err := e.AddSection(bodyMarker(i), bf.title, bf.name, cssPath); err != nil {
			return nil, err
		}
	}
	if err := page("colophon.xhtml", p.label.Colophon, "colophon.xhtml", nil); err != nil {
		return nil, err
	}
	var skeleton bytes.Buffer
	if _, err := e.WriteTo(&skeleton); err != nil {
		return nil, i18n.Errorf("go-epub: %v", err)
	}
	goepubMu.Unlock()
	locked = false
	return warnings, finish(skeleton.Bytes(), p, w)
}

func bodyMarker(i int) string { return fmt.Sprintf("<!--hanmoto-body-%d-->", i) }

// bodyMarkerPrefix is what every body marker starts with.
var bodyMarkerPrefix = []byte("<!--hanmoto-body-")

var (
	skeletonOnce sync.Once
	goepubMu     sync.Mutex
)

// newSkeleton starts a go-epub book. go-epub stages files in a file system
// of its own; its in-memory one spares the disk.
func newSkeleton(title string) (*goepub.Epub, error) {
	skeletonOnce.Do(func() { _ = goepub.Use(goepub.MemoryFS) })
	return goepub.NewEpub(title)
}

func parseTemplate(dir, name string) (*template.Template, error) {
	src, err := templates.Read(dir, name)
	if err != nil {
		return nil, templates.ExecError(name, err)
	}
	t, err := template.New(name).Funcs(front.Funcs).Parse(string(src))
	if err != nil {
		return nil, templates.ExecError(name, err)
	}
	return t, nil
}

func execTemplate(dir, name string, data any) ([]byte, error) {
	t, err := parseTemplate(dir, name)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, templates.ExecError(name, err)
	}
	if err := wellFormed(buf.Bytes()); err != nil {
		return nil, i18n.Errorf("templates/%s makes XHTML no reader can open (%v): check its tags", name, err)
	}
	// what the page reaches is read in what the template made, never in
	// its source, whose {{/* */}} comments split any word a check seeks
	if err := templates.CheckPage(templates.Policy{Name: "templates/" + name, Strict: true}, buf.Bytes()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// wellFormed checks a template's output as an XML reader will: every tag
// closed by its own end tag, characters XML allows. A page (with its XML
// declaration) is checked as it is, a fragment inside a root of its own.
func wellFormed(doc []byte) error {
	src := doc
	if !bytes.HasPrefix(bytes.TrimSpace(doc), []byte("<?xml")) && !bytes.Contains(doc, []byte("<html")) {
		src = append(append([]byte("<fragment>"), doc...), "</fragment>"...)
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// pack puts the episodes into XHTML files. A part's title page is a file
// of its own. While the book stays under MaxFiles, so is every episode;
// past it (KDP refuses books of 300 or more HTML files) episodes share
// files, a part always starting a new one and a file closing once it
// passes maxSize: a thousand-episode novel becomes a few dozen files.
func (p *plan) pack(maxSize int, pack bool) {
	if maxSize <= 0 {
		maxSize = 256 << 10
	}
	files := 4 // cover, title page, contents, colophon
	for _, part := range p.book.Parts {
		files += len(part.Episodes)
		if part.Title != "" {
			files++
		}
	}
	onePerEpisode := !pack && files <= MaxFiles
	var cur *bodyFile
	newFile := func(title string) {
		cur = &bodyFile{name: fmt.Sprintf("p%04d.xhtml", len(p.bodies)+1), title: title}
		p.bodies = append(p.bodies, cur)
	}
	for pi, part := range p.book.Parts {
		var children []tocEntry
		partEntry := -1
		if part.Title != "" {
			// packed, a part's title page shares the file before it while
			// it has room (the stylesheet starts it on a page of its own):
			// a file per part made a book of many parts thousands of files
			// KDP refuses, and go-epub adds each file in time that grows
			// with the files before it
			if onePerEpisode || cur == nil || cur.size >= maxSize {
				newFile(part.Title)
			}
			id := fmt.Sprintf("part%02d", pi+1)
			p.toc = append(p.toc, tocEntry{Title: part.Title, Href: link(cur, id)})
			partEntry = len(p.toc) - 1
			cur.parts = append(cur.parts, nil) // filled by fillParts
			p.partStarts = append(p.partStarts, partStart{pi, len(p.bodies) - 1, len(cur.parts) - 1})
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
			href := link(cur, ep.ID())
			open := []byte(episodeOpen + ep.ID() + "\">\n")
			cur.parts = append(cur.parts, open, ep.Body, []byte("</section>\n"))
			cur.size += len(open) + len(ep.Body)
			e := tocEntry{Title: ep.Title, Href: href}
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
	p.firstBody = p.bodies[0].name
}

// link is where the table of contents points for what is about to go
// into f: the file itself when it starts the file — Kobo's Japanese
// production guide asks a vertical book's table of contents to point at
// file starts, and a reader opens a file at its start without searching
// it — else the fragment inside it (episodes that share a file, past
// MaxFiles).
func link(f *bodyFile, id string) string {
	if len(f.parts) == 0 {
		return f.name
	}
	return f.name + "#" + id
}

// fillParts renders the part headings into the files that start parts.
func (p *plan) fillParts(t *template.Template) error {
	for _, ps := range p.partStarts {
		var buf bytes.Buffer
		data := map[string]any{"ID": fmt.Sprintf("part%02d", ps.part+1), "Title": p.book.Parts[ps.part].Title, "Vertical": p.book.Config.Vertical()}
		if err := t.Execute(&buf, data); err != nil {
			return templates.ExecError("part.xhtml", err)
		}
		if err := wellFormed(buf.Bytes()); err != nil {
			return i18n.Errorf("templates/%s makes XHTML no reader can open (%v): check its tags", "part.xhtml", err)
		}
		buf.WriteByte('\n')
		p.bodies[ps.body].parts[ps.slot] = buf.Bytes()
	}
	return nil
}

// minIllustration is the long side an illustration needs to fill a page of
// today's Kindles (1236×1648 and up) without being enlarged into a blur.
const minIllustration = 1200

// checkIllustrations warns about each image shown as a page of its own that
// is too small for the page it fills.
func checkIllustrations(b *manuscript.Book) []Warning {
	var ws []Warning
	seen := map[string]bool{}
	for _, ep := range b.Episodes() {
		for _, rel := range ep.Illustrations {
			if seen[rel] {
				continue
			}
			seen[rel] = true
			f, err := os.Open(filepath.Join(b.Dir, filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			cfg, _, err := image.DecodeConfig(f)
			f.Close()
			if err == nil && max(cfg.Width, cfg.Height) < minIllustration {
				ws = append(ws, Warning{File: ep.File, Msg: i18n.M("illustration %s is %d×%d: a page of a Kindle needs about %d pixels on its long side, so it will be enlarged and blurred", rel, cfg.Width, cfg.Height, minIllustration)})
			}
		}
	}
	return ws
}

// checkCover refuses what KDP cannot show and warns about what it shows badly.
func checkCover(full, rel string) ([]Warning, image.Config, error) {
	if ext := strings.ToLower(path.Ext(rel)); ext != ".jpg" && ext != ".jpeg" && ext != ".png" {
		return nil, image.Config{}, i18n.Errorf("book.yaml: cover %q is not a readable JPEG or PNG image (KDP takes JPEG or PNG covers)", rel)
	}
	if _, err := os.Stat(full); err != nil {
		return nil, image.Config{}, i18n.Errorf("book.yaml: cover: %v", err)
	}
	cfg, err := manuscript.CheckImage(full, rel)
	if err != nil {
		return nil, cfg, i18n.Errorf("book.yaml: cover: %v", err)
	}
	var ws []Warning
	ratio := float64(cfg.Height) / float64(cfg.Width)
	if ratio < 1.5 || ratio > 1.7 {
		ws = append(ws, Warning{File: rel, Msg: i18n.M("cover is %d×%d (width×height), a height:width of %.2f:1; KDP recommends 1.6:1, 1600×2560", cfg.Width, cfg.Height, ratio)})
	}
	if cfg.Width < 625 || cfg.Height < 1000 {
		ws = append(ws, Warning{File: rel, Msg: i18n.M("cover is %d×%d (width×height), smaller than KDP's minimum of 625×1000 (1600×2560 recommended)", cfg.Width, cfg.Height)})
	}
	return ws, cfg, nil
}
