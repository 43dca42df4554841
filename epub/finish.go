package epub

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/lazyre"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// finish turns go-epub's package into the book we ship. go-epub v1.2.1 cannot
// add arbitrary OPF meta (primary-writing-mode, file-as, series), titles its
// nav "Table of Contents" with no landmarks, links its TOC to files rather
// than to episodes, stamps time.Now() as dcterms:modified, orders media by Go
// map order, writes the NCX uid under dtb:depth, puts no lang on documents
// and zips with the current time. So this step:
//
//   - rewrites package.opf: our metadata, go-epub's manifest sorted by href,
//     its spine with the page progression;
//   - writes nav.xhtml and toc.ncx from the book's two-level TOC;
//   - puts lang/xml:lang and the epub namespace on every XHTML document and
//     the episodes' text where go-epub holds a marker;
//   - zips deterministically (writeZip).
func finish(skeleton []byte, p *plan, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(skeleton), int64(len(skeleton)))
	if err != nil {
		return i18n.Errorf("reading go-epub's output: %v", err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		files[f.Name] = data
		names = append(names, f.Name)
	}
	const opfName = "EPUB/package.opf"
	var pkg opfPackage
	if err := xml.Unmarshal(files[opfName], &pkg); err != nil {
		return i18n.Errorf("reading go-epub's package.opf: %v", err)
	}
	// a page that draws SVG says so: the cover page, and a text file with
	// an illustration, each centred by one (its text is still a marker in
	// go-epub's file: the parts say)
	svg := map[string]bool{}
	for _, bf := range p.bodies {
		for _, part := range bf.parts {
			if bytes.Contains(part, []byte("<svg")) {
				svg["xhtml/"+bf.name] = true
			}
		}
	}
	for i, it := range pkg.Manifest {
		if strings.HasSuffix(it.Href, ".xhtml") && (svg[it.Href] || bytes.Contains(files["EPUB/"+it.Href], []byte("<svg"))) {
			pkg.Manifest[i].Properties = "svg"
		}
	}
	sort.Slice(names, func(i, j int) bool { return zipOrder(names[i]) < zipOrder(names[j]) })
	entries := make([]entry, 0, len(names))
	for _, name := range names {
		chunks := [][]byte{files[name]}
		switch {
		case name == opfName:
			chunks[0] = p.opf(&pkg)
		case name == "EPUB/nav.xhtml":
			chunks[0] = p.nav()
		case name == "EPUB/toc.ncx":
			chunks[0] = p.ncx()
		case strings.HasSuffix(name, ".xhtml"):
			chunks, err = p.document(files[name])
			if err != nil {
				return i18n.Errorf("%s: %v", name, err)
			}
		}
		entries = append(entries, entry{name, chunks})
	}
	if p.files != nil {
		for _, e := range entries {
			p.files[e.name] = bytes.Join(e.chunks, nil)
		}
		return nil
	}
	return writeZip(w, entries, p.modified)
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

type opfPackage struct {
	Manifest []opfItem    `xml:"manifest>item"`
	Spine    []opfItemref `xml:"spine>itemref"`
}

type opfItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

type opfItemref struct {
	IDRef string `xml:"idref,attr"`
}

var esc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (p *plan) opf(pkg *opfPackage) []byte {
	c := p.book.Config
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="%s">`+"\n", esc.Replace(p.lang))
	b.WriteString(`  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	fmt.Fprintf(&b, "    <dc:identifier id=\"pub-id\">%s</dc:identifier>\n", esc.Replace(c.Identifier))
	fmt.Fprintf(&b, "    <dc:title id=\"title\">%s</dc:title>\n", esc.Replace(c.Title))
	if c.TitleReading != "" {
		fmt.Fprintf(&b, "    <meta refines=\"#title\" property=\"file-as\">%s</meta>\n", esc.Replace(c.TitleReading))
	}
	fmt.Fprintf(&b, "    <dc:language>%s</dc:language>\n", esc.Replace(p.lang))
	for i, a := range c.Author {
		id := fmt.Sprintf("creator%d", i+1)
		fmt.Fprintf(&b, "    <dc:creator id=\"%s\">%s</dc:creator>\n", id, esc.Replace(a.Name))
		fmt.Fprintf(&b, "    <meta refines=\"#%s\" property=\"role\" scheme=\"marc:relators\">%s</meta>\n", id, esc.Replace(a.Role))
		if a.Reading != "" {
			fmt.Fprintf(&b, "    <meta refines=\"#%s\" property=\"file-as\">%s</meta>\n", id, esc.Replace(a.Reading))
		}
		fmt.Fprintf(&b, "    <meta refines=\"#%s\" property=\"display-seq\">%d</meta>\n", id, i+1)
	}
	if c.Publisher != "" {
		fmt.Fprintf(&b, "    <dc:publisher>%s</dc:publisher>\n", esc.Replace(c.Publisher))
	}
	if c.Date != "" {
		fmt.Fprintf(&b, "    <dc:date>%s</dc:date>\n", esc.Replace(c.Date))
	}
	if c.Description != "" {
		fmt.Fprintf(&b, "    <dc:description>%s</dc:description>\n", esc.Replace(c.Description))
	}
	if c.Series != "" {
		fmt.Fprintf(&b, "    <meta property=\"belongs-to-collection\" id=\"series\">%s</meta>\n", esc.Replace(c.Series))
		b.WriteString("    <meta refines=\"#series\" property=\"collection-type\">series</meta>\n")
		if c.Volume > 0 {
			fmt.Fprintf(&b, "    <meta refines=\"#series\" property=\"group-position\">%d</meta>\n", c.Volume)
		}
	}
	fmt.Fprintf(&b, "    <meta property=\"dcterms:modified\">%s</meta>\n", p.modified.Format("2006-01-02T15:04:05Z"))
	// go-epub names media by UUIDs; ids derived from the path read better
	// in a diff of two builds and stay the same across builds.
	ids := map[string]string{}
	for i := range pkg.Manifest {
		id := manifestID(pkg.Manifest[i].Href)
		ids[pkg.Manifest[i].ID] = id
		pkg.Manifest[i].ID = id
	}
	for i := range pkg.Spine {
		if id, ok := ids[pkg.Spine[i].IDRef]; ok {
			pkg.Spine[i].IDRef = id
		}
	}
	coverID := ""
	for i := range pkg.Manifest {
		if p.cover != "" && pkg.Manifest[i].Href == "images/"+p.cover {
			pkg.Manifest[i].Properties = "cover-image"
			coverID = pkg.Manifest[i].ID
		}
	}
	if coverID != "" {
		// Kindle's older readers still look for the EPUB 2 cover meta.
		fmt.Fprintf(&b, "    <meta name=\"cover\" content=\"%s\"/>\n", esc.Replace(coverID))
	}
	if c.Vertical() {
		b.WriteString("    <meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>\n")
	}
	b.WriteString("  </metadata>\n  <manifest>\n")
	items := append([]opfItem(nil), pkg.Manifest...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })
	for _, it := range items {
		props := ""
		if it.Properties != "" {
			props = fmt.Sprintf(` properties="%s"`, esc.Replace(it.Properties))
		}
		fmt.Fprintf(&b, "    <item id=\"%s\" href=\"%s\" media-type=\"%s\"%s/>\n", esc.Replace(it.ID), esc.Replace(it.Href), esc.Replace(it.MediaType), props)
	}
	b.WriteString("  </manifest>\n")
	ppd := "ltr"
	if c.Vertical() {
		ppd = "rtl"
	}
	fmt.Fprintf(&b, "  <spine toc=\"%s\" page-progression-direction=\"%s\">\n", manifestID("toc.ncx"), ppd)
	for _, ref := range pkg.Spine {
		fmt.Fprintf(&b, "    <itemref idref=\"%s\"/>\n", esc.Replace(ref.IDRef))
	}
	b.WriteString("  </spine>\n")
	// EPUB 2's guide beside the nav's landmarks: converters that read only
	// the guide (calibre, and so Kindle's older paths) find the 目次 there
	// instead of making an English page of their own
	b.WriteString("  <guide>\n")
	if p.cover != "" {
		fmt.Fprintf(&b, "    <reference type=\"cover\" title=\"%s\" href=\"xhtml/cover.xhtml\"/>\n", esc.Replace(p.label.Cover))
	}
	fmt.Fprintf(&b, "    <reference type=\"toc\" title=\"%s\" href=\"xhtml/toc.xhtml\"/>\n", esc.Replace(p.label.TOC))
	fmt.Fprintf(&b, "    <reference type=\"text\" title=\"%s\" href=\"xhtml/%s\"/>\n", esc.Replace(p.label.Body), p.firstBody)
	b.WriteString("  </guide>\n</package>\n")
	if p.pkg != nil {
		// the structure as written, for a caller that serves the book
		p.pkg.Manifest, p.pkg.Spine = nil, nil
		href := map[string]string{}
		for _, it := range items {
			p.pkg.Manifest = append(p.pkg.Manifest, Item{Path: "EPUB/" + it.Href, MediaType: it.MediaType, Properties: it.Properties})
			href[it.ID] = it.Href
		}
		for _, ref := range pkg.Spine {
			p.pkg.Spine = append(p.pkg.Spine, "EPUB/"+href[ref.IDRef])
		}
	}
	return b.Bytes()
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

func (p *plan) htmlOpen(b *bytes.Buffer, title, css string) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	fmt.Fprintf(b, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%[1]s" xml:lang="%[1]s">`+"\n", esc.Replace(p.lang))
	fmt.Fprintf(b, "<head>\n<title>%s</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n</head>\n<body>\n", esc.Replace(title), css)
}

// nav is the EPUB 3 navigation document: the two-level TOC, in the book's
// language, linking each episode, and the landmarks KDP looks for.
func (p *plan) nav() []byte {
	var b bytes.Buffer
	p.htmlOpen(&b, p.label.TOC, "css/book.css")
	fmt.Fprintf(&b, "<nav epub:type=\"toc\" id=\"toc\" class=\"toc\">\n<h1>%s</h1>\n<ol>\n", esc.Replace(p.label.TOC))
	for _, e := range p.toc {
		fmt.Fprintf(&b, "<li><a href=\"xhtml/%s\">%s</a>", esc.Replace(e.Href), esc.Replace(e.Title))
		if len(e.Children) > 0 {
			b.WriteString("\n<ol>\n")
			for _, c := range e.Children {
				fmt.Fprintf(&b, "<li><a href=\"xhtml/%s\">%s</a></li>\n", esc.Replace(c.Href), esc.Replace(c.Title))
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n")
	if p.cover != "" {
		fmt.Fprintf(&b, "<li><a epub:type=\"cover\" href=\"xhtml/cover.xhtml\">%s</a></li>\n", esc.Replace(p.label.Cover))
	}
	fmt.Fprintf(&b, "<li><a epub:type=\"toc\" href=\"xhtml/toc.xhtml\">%s</a></li>\n", esc.Replace(p.label.TOC))
	fmt.Fprintf(&b, "<li><a epub:type=\"bodymatter\" href=\"xhtml/%s\">%s</a></li>\n", p.firstBody, esc.Replace(p.label.Body))
	b.WriteString("</ol>\n</nav>\n</body>\n</html>\n")
	return b.Bytes()
}

// ncx is the EPUB 2 table of contents, which Kindle still reads.
func (p *plan) ncx() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="%s">`+"\n", esc.Replace(p.lang))
	depth := 1
	for _, e := range p.toc {
		if len(e.Children) > 0 {
			depth = 2
		}
	}
	fmt.Fprintf(&b, "<head>\n<meta name=\"dtb:uid\" content=\"%s\"/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n", esc.Replace(p.book.Config.Identifier), depth)
	b.WriteString("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n")
	fmt.Fprintf(&b, "<docTitle><text>%s</text></docTitle>\n<navMap>\n", esc.Replace(p.book.Config.Title))
	order := 0
	var point func(e tocEntry)
	point = func(e tocEntry) {
		order++
		fmt.Fprintf(&b, "<navPoint id=\"np%d\" playOrder=\"%d\"><navLabel><text>%s</text></navLabel><content src=\"xhtml/%s\"/>", order, order, esc.Replace(e.Title), esc.Replace(e.Href))
		for _, c := range e.Children {
			b.WriteString("\n")
			point(c)
		}
		b.WriteString("</navPoint>\n")
	}
	for _, e := range p.toc {
		point(e)
	}
	b.WriteString("</navMap>\n</ncx>\n")
	return b.Bytes()
}

var (
	goepubHTML  = lazyre.New(`<html[^>]*>`)
	goepubTitle = []byte(`<title dir="auto">`)
	goepubBody  = []byte(`<body dir="auto">`)
)

// document puts lang on go-epub's XHTML wrapper and the text in place of a
// body marker.
func (p *plan) document(data []byte) ([][]byte, error) {
	loc := goepubHTML().FindIndex(data)
	if loc == nil {
		return nil, i18n.Errorf("go-epub's XHTML wrapper has no <html> element")
	}
	html := fmt.Sprintf(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%[1]s" xml:lang="%[1]s">`, esc.Replace(p.lang))
	data = append(append(append([]byte(nil), data[:loc[0]]...), html...), data[loc[1]:]...)
	data = bytes.Replace(data, goepubTitle, []byte("<title>"), 1)
	data = bytes.Replace(data, goepubBody, []byte("<body>"), 1)
	// the body this document holds, by its marker's number: looking for
	// every body's marker in every document took seconds in a book of
	// thousands of parts
	at := bytes.Index(data, bodyMarkerPrefix)
	if at < 0 {
		return [][]byte{data}, nil
	}
	end := bytes.Index(data[at:], []byte("-->"))
	i, err := strconv.Atoi(string(data[at+len(bodyMarkerPrefix) : at+max(end, len(bodyMarkerPrefix))]))
	if end < 0 || err != nil || i < 0 || i >= len(p.bodies) || bodyMarker(i) != string(data[at:at+end+3]) {
		return [][]byte{data}, nil
	}
	bf := p.bodies[i]
	out := make([][]byte, 0, len(bf.parts)+2)
	out = append(out, data[:at])
	out = append(out, bf.parts...)
	return append(out, data[at+end+3:]), nil
}

func dataURL(mime string, data []byte) string {
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data)
}
