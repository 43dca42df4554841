// Package templates holds the stylesheets and page templates every book
// starts from. A manuscript overrides any of them by putting a file of the
// same name in its own templates/ folder.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/internal/lazyre"
)

//go:embed *.css *.xhtml
var builtin embed.FS

// MaxSize bounds a template: a stylesheet or a page of a few KB.
const MaxSize = 1 << 20

// Names lists the templates a manuscript may override.
var Names = []string{"vertical.css", "horizontal.css", "print.css", "titlepage.xhtml", "toc.xhtml", "part.xhtml", "colophon.xhtml", "cover.xhtml"}

// Read returns the template name from overrideDir when it holds one, else
// the built-in one. overrideDir may be "".
func Read(overrideDir, name string) ([]byte, error) {
	if overrideDir != "" {
		// a regular file of the manuscript's own: a pipe would hang the
		// build, a link to /etc/passwd would print it in the book
		b, err := inputfile.ReadInside(overrideDir, name, MaxSize)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return builtin.ReadFile(name)
}

var (
	activeRe = lazyre.New(`(?i)<script\b|<iframe\b|<object\b|<embed\b|\son[a-z]+\s*=|(?:href|src)\s*=\s*["']\s*(?:javascript|vbscript|data|file):`)
	remoteRe = lazyre.New(`(?i)(?:(?:href|src)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import)`)
)

// ActiveContent names the first script, frame, event handler or
// javascript: link in a page, or "".
func ActiveContent(body []byte) string {
	if m := activeRe().Find(body); m != nil {
		return strings.TrimSpace(string(m))
	}
	return ""
}

// Check refuses a manuscript's template that would put a script in the
// book or make it fetch something: a book is read offline and runs nothing
// (KDP strips both, readers may not; the paperback's browser would run
// them with the manuscript's files beside it).
func Check(name string, src []byte) error {
	if what := ActiveContent(src); what != "" {
		return i18n.Errorf("templates/%s holds %s: a book runs no scripts", name, what)
	}
	if m := remoteRe().Find(src); m != nil {
		return i18n.Errorf("templates/%s fetches from outside the book (%s): put the file in the manuscript instead", name, string(m))
	}
	return nil
}
