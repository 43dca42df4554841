// Package epub makes an EPUB 3 for Kindle Direct Publishing out of a
// manuscript.Book, and checks EPUBs against KDP's rules.
//
// A build makes one model of the book's package (model.go): metadata,
// manifest, spine, the two-level table of contents and the landmarks, with
// every file's bytes. Everything is derived from it: package.opf, nav.xhtml,
// toc.ncx and each XHTML document's wrapper are written by the templates in
// pkgdoc/; the episodes are packed into files by pack.go; a previewer gets
// the files and the structure, episodes' places included (Package), from
// the same model. go-shiori/go-epub, the EPUB library the user chose,
// assembles the container and stores the media (container.go says what it
// cannot do and why it does no more); the zip is ours (zip.go), so that
// the same book gives the same bytes. Nothing the build writes is read back.
// This package never reads Markdown: the episodes arrive rendered.
package epub
