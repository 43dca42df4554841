// Package manuscript reads a manuscript folder — book.yaml and the Markdown
// episodes under chapters/ — into a Book whose episodes are rendered XHTML
// fragments, and proofreads it (lint.go).
//
// It knows Markdown and the novel syntax; it must never know EPUB packaging:
// that is package epub, which receives a Book and never reads Markdown.
package manuscript
