// Package templates holds the stylesheets and page templates every book
// starts from. A manuscript overrides any of them by putting a file of the
// same name in its own templates/ folder.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.css *.xhtml
var builtin embed.FS

// Names lists the templates a manuscript may override.
var Names = []string{"vertical.css", "horizontal.css", "titlepage.xhtml", "toc.xhtml", "part.xhtml", "colophon.xhtml", "cover.xhtml"}

// Read returns the template name from overrideDir when it holds one, else
// the built-in one. overrideDir may be "".
func Read(overrideDir, name string) ([]byte, error) {
	if overrideDir != "" {
		b, err := os.ReadFile(filepath.Join(overrideDir, name))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return builtin.ReadFile(name)
}
