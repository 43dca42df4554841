package epub

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
)

// Fingerprint is the fingerprint of an EPUB's files (by path in the zip,
// as Options.Files holds them) of a book of episodes episodes last
// modified at modified: a hash of each kind of content. The package's
// dcterms:modified is left out, so a book built again from the same text
// on another day has the same fingerprint; the zip's packing is never in.
func Fingerprint(files map[string][]byte, episodes int, modified time.Time) manuscript.Fingerprint {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	hs := map[string]hash.Hash{}
	for _, kind := range []string{"text", "toc", "book", "style", "art"} {
		hs[kind] = sha256.New()
	}
	for _, n := range names {
		data := files[n]
		kind := fingerprintKind(n)
		if kind == "" {
			continue
		}
		if n == "EPUB/package.opf" {
			data = withoutModified(data)
		}
		h := hs[kind]
		// name and length first: moving bytes from one file to the next is
		// a change too
		io.WriteString(h, n)
		binary.Write(h, binary.BigEndian, int64(len(data)))
		h.Write(data)
	}
	sum := func(kind string) string { return hex.EncodeToString(hs[kind].Sum(nil)[:8]) }
	return manuscript.Fingerprint{
		Made:     modified.UTC().Format(time.RFC3339),
		Episodes: episodes,
		Text:     sum("text"), TOC: sum("toc"), Book: sum("book"), Style: sum("style"), Art: sum("art"),
	}
}

// fingerprintKind is the part of the book a file of the EPUB is.
func fingerprintKind(name string) string {
	base := path.Base(name)
	switch {
	case name == "mimetype" || strings.HasPrefix(name, "META-INF/"):
		return "" // the container: the same for every book
	case base == "nav.xhtml" || base == "toc.ncx" || base == "toc.xhtml":
		return "toc"
	case base == "package.opf" || base == "titlepage.xhtml" || base == "colophon.xhtml" || base == "cover.xhtml":
		return "book"
	case strings.HasSuffix(base, ".css"):
		return "style"
	case strings.HasPrefix(name, "EPUB/images/"):
		return "art"
	}
	return "text"
}

// withoutModified is our package document without its dcterms:modified
// element, which pkgdoc/package.opf writes on a line of its own.
func withoutModified(opf []byte) []byte {
	const open = `<meta property="dcterms:modified">`
	i := bytes.Index(opf, []byte(open))
	if i < 0 {
		return opf
	}
	j := bytes.Index(opf[i:], []byte("</meta>"))
	if j < 0 {
		return opf
	}
	return append(append([]byte(nil), opf[:i]...), opf[i+j+len("</meta>"):]...)
}

// FingerprintFile is the fingerprint of the EPUB we wrote to file.
func FingerprintFile(file string, episodes int, modified time.Time) (manuscript.Fingerprint, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return manuscript.Fingerprint{}, err
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		if files[f.Name], err = readZip(f); err != nil {
			return manuscript.Fingerprint{}, err
		}
	}
	return Fingerprint(files, episodes, modified), nil
}

// FingerprintBook builds b in memory and fingerprints it: what volumes
// record N writes to book.yaml.
func FingerprintBook(b *manuscript.Book) (manuscript.Fingerprint, error) {
	files := map[string][]byte{}
	if _, err := Write(b, io.Discard, Options{Files: files}); err != nil {
		return manuscript.Fingerprint{}, err
	}
	return Fingerprint(files, len(b.Episodes()), b.Modified), nil
}

// Published compares the volume v of series, as built to file, with the
// fingerprint book.yaml records for it (volumes record N). It returns that
// record, nil when there is none, and what would change for readers who
// bought it: nothing when the volume is as published.
func Published(series, v *manuscript.Book, file string) (*manuscript.Fingerprint, []i18n.Msg, error) {
	n := v.Config.Volume
	if n < 1 || n > series.Volumes() {
		return nil, nil, nil
	}
	rec := series.Config.Volumes[n-1].Fingerprint
	if rec == nil {
		return nil, nil, nil
	}
	now, err := FingerprintFile(file, len(v.Episodes()), v.Modified)
	if err != nil {
		return rec, nil, err
	}
	return rec, rec.Changes(now, v.SavedSince(rec.MadeTime())), nil
}
