package epub

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
)

// The packing stages of a build of the generated 1,000-episode novel
// (manuscript's benchmarks cover reading and rendering): Pack is the whole
// of Write on rendered episodes — the model, its documents, go-epub's
// container and media, and the zip;
// Deflate is the zip alone, on the same text.

func renderedNovel(b *testing.B) *manuscript.Book {
	dir := filepath.Join(b.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{}); err != nil {
		b.Fatal(err)
	}
	book, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: ImagePrefix})
	if err != nil {
		b.Fatal(err)
	}
	return book
}

func BenchmarkStagePack(b *testing.B) {
	book := renderedNovel(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Write(book, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStageDeflate(b *testing.B) {
	book := renderedNovel(b)
	entries := []entry{{name: "mimetype", chunks: [][]byte{[]byte("application/epub+zip")}}}
	size := 0
	for _, ep := range book.Episodes() {
		entries = append(entries, entry{name: "EPUB/xhtml/" + ep.ID() + ".xhtml", chunks: [][]byte{ep.Body}})
		size += len(ep.Body)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := writeZip(io.Discard, entries, time.Unix(0, 0)); err != nil {
			b.Fatal(err)
		}
	}
}
