package epub

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"path"
	"sync"

	goepub "github.com/go-shiori/go-epub"
	"github.com/hanmoto/hanmoto/internal/i18n"
)

// What go-epub does for us, and why no more. go-epub v1.2.1 is the EPUB
// library the user chose. It assembles an EPUB's container — the stored
// mimetype first, META-INF/container.xml — and stores its media: it
// fetches each stylesheet and image, types it and deflates it. That is
// what it does here. Its own package document, nav and NCX cannot be ours:
// it has no setter for the metadata a Japanese book needs (file-as,
// primary-writing-mode, series), for landmarks or spine properties, it
// stamps time.Now() as dcterms:modified, and it can only hand back a
// finished zip, built in a file system that is a package variable. So the
// model writes every text file of the package (pkgdoc.go), and go-epub's
// zip gives the container and the media: each entry is taken as go-epub
// compressed it — never inflated, never parsed — and written into our zip
// beside the model's documents, under our timestamps (writeZip).
//
// Joining them any other way needs go-epub's internals: a fork, which the
// house rule that everything in the repository is written by us rules
// out. go-epub writes in its default file system, a fresh temporary
// folder per book, so builds in parallel share nothing and need no lock.

// isContainerFile says whether go-epub made name as the container's own
// (not a medium), which the book keeps.
func isContainerFile(name string) bool {
	return name == "mimetype" || name == "META-INF/container.xml"
}

// goepubMedia has go-epub assemble the container and the media among
// items: the zip entries to keep, by name, each checked against the bytes
// the model holds.
func goepubMedia(title string, items []*item, cache *MediaCache) (map[string]*zip.File, error) {
	if cache == nil {
		return goepubRun(title, items)
	}
	return cache.media(title, items)
}

// MediaCache keeps what go-epub made of each medium — its stored entry,
// by name, checksum and size — and the container, across the books of one
// run: a serial's volumes share their stylesheet and often their art, and
// each go-epub run costs a temporary folder, its files and their deflate
// (about 10 ms a book). Safe for books built at once; the zero value is
// ready.
type MediaCache struct {
	mu      sync.Mutex
	entries map[mediaKey]*zip.File
}

type mediaKey struct {
	name string
	crc  uint32
	size int
}

func keyOf(it *item) mediaKey {
	return mediaKey{"EPUB/" + it.Href, crc32.ChecksumIEEE(it.body[0]), len(it.body[0])}
}

// media is goepubRun's answer for items, from the cache where it can be;
// go-epub runs once for the media no book of the run has had yet.
func (c *MediaCache) media(title string, items []*item) (map[string]*zip.File, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[mediaKey]*zip.File{}
	}
	var missing []*item
	for _, it := range items {
		if it.media && c.entries[keyOf(it)] == nil {
			missing = append(missing, it)
		}
	}
	if len(missing) > 0 || c.entries[mediaKey{name: "mimetype"}] == nil {
		made, err := goepubRun(title, missing)
		if err != nil {
			return nil, err
		}
		for _, it := range missing {
			c.entries[keyOf(it)] = made["EPUB/"+it.Href]
		}
		for _, name := range []string{"mimetype", "META-INF/container.xml"} {
			c.entries[mediaKey{name: name}] = made[name]
		}
	}
	kept := map[string]*zip.File{}
	for _, it := range items {
		if it.media {
			kept["EPUB/"+it.Href] = c.entries[keyOf(it)]
		}
	}
	for _, name := range []string{"mimetype", "META-INF/container.xml"} {
		kept[name] = c.entries[mediaKey{name: name}]
	}
	return kept, nil
}

// goepubRun has go-epub assemble the container and the media among items.
func goepubRun(title string, items []*item) (map[string]*zip.File, error) {
	e, err := goepub.NewEpub(title)
	if err != nil {
		return nil, i18n.Errorf("go-epub: %v", err)
	}
	want := map[string]*item{}
	for _, it := range items {
		if !it.media {
			continue
		}
		src := dataURL(it.MediaType, it.body[0])
		name := path.Base(it.Href)
		if it.MediaType == "text/css" {
			_, err = e.AddCSS(src, name)
		} else {
			_, err = e.AddImage(src, name)
		}
		if err != nil {
			return nil, i18n.Errorf("go-epub: %s: %v", it.Href, err)
		}
		want["EPUB/"+it.Href] = it
	}
	var out bytes.Buffer
	if _, err := e.WriteTo(&out); err != nil {
		return nil, i18n.Errorf("go-epub: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		return nil, i18n.Errorf("go-epub: %v", err)
	}
	kept := map[string]*zip.File{}
	for _, f := range zr.File {
		if it := want[f.Name]; it != nil {
			// the container holds what the model holds, or the book
			// would differ from its preview and its checks
			if f.CRC32 != crc32.ChecksumIEEE(it.body[0]) || f.UncompressedSize64 != uint64(len(it.body[0])) {
				return nil, i18n.Errorf("go-epub stored %s other than it was given", it.Href)
			}
			kept[f.Name] = f
		} else if isContainerFile(f.Name) {
			kept[f.Name] = f
		}
	}
	for name := range want {
		if kept[name] == nil {
			return nil, i18n.Errorf("go-epub left %s out of the book", name)
		}
	}
	for _, name := range []string{"mimetype", "META-INF/container.xml"} {
		if kept[name] == nil {
			return nil, i18n.Errorf("go-epub left %s out of the book", name)
		}
	}
	return kept, nil
}
