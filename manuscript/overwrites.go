package manuscript

import (
	"path/filepath"
	"strings"

	"github.com/hanmoto/hanmoto/templates"
)

// Overwrites says which of the book's sources, in the folder dir, a file
// written to out would overwrite or sit in ("" when none): book.yaml, an
// episode, an image, a template; a folder the build reads ends in "/".
// Every command that writes beside a manuscript asks it first.
func (b *Book) Overwrites(dir, out string) string {
	target, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(target); err == nil {
		target = real
	}
	same := func(rel string) bool {
		p, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return false
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return p == target
	}
	if same(ConfigFile) {
		return ConfigFile
	}
	for _, ep := range b.Episodes() {
		if same(ep.File) {
			return ep.File
		}
	}
	for _, img := range append(append([]string(nil), b.Images...), b.Cover) {
		if img != "" && same(img) {
			return img
		}
	}
	for _, name := range templates.Names {
		if same("templates/" + name) {
			return "templates/" + name
		}
	}
	// a new file in a folder the build reads would be read next time: an
	// EPUB in chapters/ breaks the next build
	for _, folder := range []string{ChaptersDir, "templates", "images"} {
		p, err := filepath.Abs(filepath.Join(dir, folder))
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		parent := filepath.Dir(target)
		if real, err := filepath.EvalSymlinks(parent); err == nil {
			parent = real
		}
		if rel, err := filepath.Rel(p, parent); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return folder + "/"
		}
	}
	return ""
}
