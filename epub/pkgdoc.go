package epub

import (
	"bytes"
	"embed"
	"strings"
	"sync"
	"text/template"
)

// The package's own documents are written from the model by the templates
// in pkgdoc/: package.opf, nav.xhtml, toc.ncx, and page.xhtml's head and
// tail around every XHTML document's body. They are text/template, not
// html/template, because these are XML documents with XML's rules (an
// html/template would take the package document for HTML), so every value
// goes through x, XML's escaping; TestPkgdocEscapesEveryValue holds them
// to it. Unlike templates/, a manuscript cannot override them: they are
// the EPUB's structure, not the book's look.
//
//go:embed pkgdoc
var pkgdocFS embed.FS

var pkgdoc = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{"x": xmlEscape}).ParseFS(pkgdocFS, "pkgdoc/*"))
})

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// xmlEscape makes s safe as XML text and as a double-quoted attribute.
func xmlEscape(s string) string { return xmlEscaper.Replace(s) }

// pkgView is what package.opf, nav.xhtml and toc.ncx are written from.
type pkgView struct {
	*model
	Manifest []*item
	NCXID    string
	Depth    int
}

// writePkgdoc executes one of the package's templates.
func writePkgdoc(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := pkgdoc().ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// packageDocuments writes package.opf, nav.xhtml and toc.ncx from the model.
func (m *model) packageDocuments() (map[string][]byte, error) {
	v := pkgView{model: m, Manifest: m.manifest(), NCXID: manifestID("toc.ncx"), Depth: m.depth()}
	out := map[string][]byte{}
	for _, name := range []string{"package.opf", "nav.xhtml", "toc.ncx"} {
		data, err := writePkgdoc(name, v)
		if err != nil {
			return nil, err
		}
		out["EPUB/"+name] = data
	}
	return out, nil
}

// documents are the XHTML documents as written, by path: each the
// wrapper's head, its body's chunks, the wrapper's tail.
func (m *model) documents() (map[string][][]byte, error) {
	tail, err := writePkgdoc("tail", nil)
	if err != nil {
		return nil, err
	}
	out := map[string][][]byte{}
	for _, it := range m.Spine {
		head, err := writePkgdoc("head", struct {
			Lang, Title string
			Page        bool
		}{m.Lang, it.Title, it.page})
		if err != nil {
			return nil, err
		}
		chunks := make([][]byte, 0, len(it.body)+2)
		chunks = append(chunks, head)
		chunks = append(chunks, it.body...)
		out["EPUB/"+it.Href] = append(chunks, tail)
	}
	return out, nil
}

// episodeMarkup is an episode's opening and closing tags in a body file.
type episodeMarkup struct{ end []byte }

func newEpisodeMarkup() (episodeMarkup, error) {
	end, err := writePkgdoc("episode-end", nil)
	return episodeMarkup{end}, err
}

func (episodeMarkup) open(id string) ([]byte, error) { return writePkgdoc("episode", id) }
