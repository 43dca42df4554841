package epub

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"html/template"
	"image"
	_ "image/jpeg" // cover and illustration formats KDP accepts
	_ "image/png"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
	"github.com/hanmoto/hanmoto/templates"
)

// ImagePrefix is how an XHTML file reaches the images folder.
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
	// they are, and zipping 15 MB to unzip it at once is waste. The
	// container's own two files, mimetype and META-INF/container.xml, are
	// only in the zip.
	Files map[string][]byte
	// Package, when set, receives the book's structure as the build made
	// it: a previewer reads it instead of parsing the package document.
	Package *Package
	// Media, when set, is shared by the books of one run (a serial's
	// volumes): go-epub assembles each stylesheet and image once.
	Media *MediaCache
}

// MaxFiles is how many XHTML files a book may have before its episodes
// share files: well under the 300 at which KDP refuses a book. Below it,
// every episode is a file of its own, and so starts a page in every reader
// there is; above it, episodes share files and the stylesheet breaks the
// page (and the column, for readers that paginate with CSS columns).
const MaxFiles = 250

// Write builds the book's EPUB into w. The output is a function of the
// book alone: the same inputs give the same bytes.
func Write(b *manuscript.Book, w io.Writer, opt Options) ([]manuscript.Warning, error) {
	modified := opt.Modified
	if modified.IsZero() {
		modified = b.Modified
	}
	if modified.IsZero() {
		modified = time.Unix(0, 0)
	}
	m := newModel(b, modified.UTC().Truncate(time.Second))
	warnings, cover, err := m.media(b)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, b.TextWarnings()...)
	warnings = append(warnings, checkIllustrations(b)...)
	// go-epub stores the media while the text is made: its work is mostly
	// waiting on the file system it stages the container in
	type stored struct {
		files map[string]*zip.File
		err   error
	}
	media := make(chan stored, 1)
	if opt.Files == nil {
		items := append([]*item(nil), m.Items...)
		go func() {
			files, err := goepubMedia(m.Meta.Title, items, opt.Media)
			media <- stored{files, err}
		}()
	}
	if err := m.text(b, cover, opt); err != nil {
		return nil, err
	}
	pkgdocs, err := m.packageDocuments()
	if err != nil {
		return nil, err
	}
	docs, err := m.documents()
	if err != nil {
		return nil, err
	}
	if opt.Package != nil {
		*opt.Package = m.structure(docs)
	}
	if opt.Files != nil {
		for _, it := range m.Items {
			if it.media {
				opt.Files["EPUB/"+it.Href] = it.body[0]
			}
		}
		for name, data := range pkgdocs {
			opt.Files[name] = data
		}
		for name, chunks := range docs {
			opt.Files[name] = bytes.Join(chunks, nil)
		}
		return warnings, nil
	}
	st := <-media
	if st.err != nil {
		return nil, st.err
	}
	entries := make([]entry, 0, len(st.files)+len(pkgdocs)+len(docs))
	for name, f := range st.files {
		entries = append(entries, entry{name: name, raw: f})
	}
	for name, data := range pkgdocs {
		entries = append(entries, entry{name: name, chunks: [][]byte{data}})
	}
	for name, chunks := range docs {
		entries = append(entries, entry{name: name, chunks: chunks})
	}
	sort.Slice(entries, func(i, j int) bool { return zipOrder(entries[i].name) < zipOrder(entries[j].name) })
	return warnings, writeZip(w, entries, m.modified)
}

// zipOrder puts mimetype first and META-INF next, as readers expect.
func zipOrder(name string) string {
	switch {
	case name == "mimetype":
		return "0"
	case strings.HasPrefix(name, "META-INF/"):
		return "1" + name
	}
	return "2" + name
}

// media puts the stylesheet, the images and the cover into the model.
func (m *model) media(b *manuscript.Book) ([]manuscript.Warning, *coverImage, error) {
	css := "vertical.css"
	if !b.Config.Vertical() {
		css = "horizontal.css"
	}
	cssData, err := templates.Read(filepath.Join(b.Dir, "templates"), css)
	if err != nil {
		return nil, nil, i18n.Errorf("templates/%s: %v", css, err)
	}
	if err := templates.CheckCSS(templates.Policy{Name: "templates/" + css}, cssData); err != nil {
		return nil, nil, err
	}
	m.addMedia("css/book.css", "text/css", cssData)
	for _, img := range b.Images {
		full := filepath.Join(b.Dir, filepath.FromSlash(img))
		if _, err := manuscript.CheckImage(full, img); err != nil {
			return nil, nil, err
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return nil, nil, i18n.Errorf("%s: %v", img, err)
		}
		m.addMedia("images/"+manuscript.ImageName(img), imageType(img), data)
	}
	if b.Cover == "" {
		return nil, nil, nil
	}
	return m.addCover(b)
}

// text puts the front pages, the episodes packed into files and the 奥付
// into the model.
func (m *model) text(b *manuscript.Book, cover *coverImage, opt Options) error {
	tplDir := filepath.Join(b.Dir, "templates")
	data := front.Data(b)
	page := func(name, title string, extra map[string]any) error {
		for k, v := range extra {
			data[k] = v
		}
		body, err := execTemplate(tplDir, name, data)
		if err != nil {
			return err
		}
		it := m.addDocument(name, title, [][]byte{body})
		it.page = name == "cover.xhtml" || name == "colophon.xhtml"
		return nil
	}
	var coverItem *item
	if cover != nil {
		// the image's own size is the SVG's viewBox: the cover then fills
		// the page and sits in its middle in any reader and direction
		if err := page("cover.xhtml", m.Labels.Cover, map[string]any{"Src": ImagePrefix + cover.shown, "Width": cover.width, "Height": cover.height}); err != nil {
			return err
		}
		coverItem = cover.item
	}
	pk := pack(b, opt.MaxFileSize, opt.Pack)
	m.setTOC(pk.toc)
	if err := page("titlepage.xhtml", b.Config.Title, nil); err != nil {
		return err
	}
	if err := page("toc.xhtml", m.Labels.TOC, map[string]any{"TOC": m.TOC}); err != nil {
		return err
	}
	if err := pk.fill(b, tplDir, m); err != nil {
		return err
	}
	if err := page("colophon.xhtml", m.Labels.Colophon, nil); err != nil {
		return err
	}
	m.finish(coverItem, pk.bodies[0].name)
	return nil
}

// coverImage is the cover in the model and what its page shows.
type coverImage struct {
	item          *item
	shown         string
	width, height int
}

// addCover adds the cover image and the smaller copy its page shows
// where the cover is large (coverpage.go).
func (m *model) addCover(b *manuscript.Book) ([]manuscript.Warning, *coverImage, error) {
	ws, size, err := checkCover(filepath.Join(b.Dir, filepath.FromSlash(b.Cover)), b.Cover)
	if err != nil {
		return nil, nil, err
	}
	name := "cover" + strings.ToLower(path.Ext(b.Cover))
	src, err := os.ReadFile(filepath.Join(b.Dir, filepath.FromSlash(b.Cover)))
	if err != nil {
		return nil, nil, i18n.Errorf("%s: %v", b.Cover, err)
	}
	c := &coverImage{item: m.addMedia("images/"+name, http.DetectContentType(src), src), shown: name, width: size.Width, height: size.Height}
	small, sw, sh, err := coverPage(src, size)
	if err != nil {
		return nil, nil, i18n.Errorf("%s: %v", b.Cover, err)
	}
	if small != nil {
		c.shown, c.width, c.height = "cover-page.jpg", sw, sh
		m.addMedia("images/"+c.shown, "image/jpeg", small)
	}
	return ws, c, nil
}

// imageType is an image's media type by its name, which
// manuscript.CheckImage has held to its content.
func imageType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	}
	return "image/jpeg"
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

// minIllustration is the long side an illustration needs to fill a page of
// today's Kindles (1236×1648 and up) without being enlarged into a blur.
const minIllustration = 1200

// checkIllustrations warns about each image shown as a page of its own that
// is too small for the page it fills.
func checkIllustrations(b *manuscript.Book) []manuscript.Warning {
	var ws []manuscript.Warning
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
				ws = append(ws, manuscript.Warning{File: ep.File, Msg: i18n.M("illustration %s is %d×%d: a page of a Kindle needs about %d pixels on its long side, so it will be enlarged and blurred", rel, cfg.Width, cfg.Height, minIllustration)})
			}
		}
	}
	return ws
}

// checkCover refuses what KDP cannot show and warns about what it shows badly.
func checkCover(full, rel string) ([]manuscript.Warning, image.Config, error) {
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
	var ws []manuscript.Warning
	ratio := float64(cfg.Height) / float64(cfg.Width)
	if ratio < 1.5 || ratio > 1.7 {
		ws = append(ws, manuscript.Warning{File: rel, Msg: i18n.M("cover is %d×%d (width×height), a height:width of %.2f:1; KDP recommends 1.6:1, 1600×2560", cfg.Width, cfg.Height, ratio)})
	}
	if cfg.Width < 625 || cfg.Height < 1000 {
		ws = append(ws, manuscript.Warning{File: rel, Msg: i18n.M("cover is %d×%d (width×height), smaller than KDP's minimum of 625×1000 (1600×2560 recommended)", cfg.Width, cfg.Height)})
	}
	return ws, cfg, nil
}

func dataURL(mime string, data []byte) string {
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data)
}
