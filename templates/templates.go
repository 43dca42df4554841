// Package templates holds the stylesheets and page templates every book
// starts from. A manuscript overrides any of them by putting a file of the
// same name in its own templates/ folder.
package templates

import (
	"embed"
	"errors"
	"io/fs"

	"github.com/hanmoto/hanmoto/internal/inputfile"
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
