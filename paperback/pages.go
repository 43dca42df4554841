package paperback

import (
	"embed"
	"html/template"
	"sync"
)

// The print's own documents — the book (pages/book.html) and its cover
// (pages/cover.html) — are html/template: every value is escaped for where
// it stands, and what arrives made (the manuscript's episodes, the pages of
// templates/, the stylesheets) says so by its type. A manuscript's
// templates/ styles and fills them, but cannot replace them: they are how
// the print is assembled and measured.
//
//go:embed pages
var pagesFS embed.FS

var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").ParseFS(pagesFS, "pages/*.html"))
})
