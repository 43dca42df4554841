// Package paperback prints a manuscript.Book as a KDP paperback: an
// interior PDF set as a Japanese book (縦書き, right-bound, 版面 by trim,
// 扉, 目次 with page numbers, 柱 and ノンブル, 奥付 on the last page) and
// its wraparound cover PDF, spine width by page count and paper.
//
// Chromium lays the pages out (CSS paged media: @page sizes, named pages,
// margin boxes) from one HTML document; package pdf then reads where each
// heading fell and rewrites the file as KDP wants it. It takes two passes:
// the first finds each part's and the colophon's page, the second adds
// the blank pages that put parts on odd pages and the colophon on the last
// (even) one, and prints the 目次's page numbers — which the second pass's
// own destinations must then confirm.
//
// It reads the same Book as package epub and the same page templates
// (templates/titlepage.xhtml, colophon.xhtml, part.xhtml), with
// templates/print.css for the type.
package paperback
