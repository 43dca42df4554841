// Package epub makes an EPUB 3 for Kindle Direct Publishing out of a
// manuscript.Book, and checks EPUBs against KDP's rules.
//
// go-shiori/go-epub lays out the package (manifest, spine, XHTML wrappers,
// media); finish.go then turns its output into what KDP and epubcheck want and
// what a reproducible build needs. This package never reads Markdown: the
// episodes arrive rendered.
package epub
