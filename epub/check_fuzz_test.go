package epub_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/booktest"
)

// real EPUBs to mutate: the example and the syntax fixtures, as built
var (
	realOnce  sync.Once
	realBooks [][]byte
)

func realEPUBs(t testing.TB) [][]byte {
	realOnce.Do(func() {
		realBooks = append(realBooks, build(t, filepath.Join("..", "examples", "tsukiyo")))
		realBooks = append(realBooks, build(t, booktest.Fixtures(t, "vertical")))
	})
	return realBooks
}

// FuzzCheck runs check — which reads any EPUB a user names — on real
// EPUBs with one part changed: an entry's bytes overwritten at a point
// (the zip stays sound, so the package document, nav, NCX and pages are
// what is attacked), or, when raw is set, the zip's own bytes. It must
// return findings or an error, never panic nor hang.
func FuzzCheck(f *testing.F) {
	f.Add(uint8(0), uint8(1), uint32(0), []byte("<"), false)
	f.Add(uint8(0), uint8(2), uint32(40), []byte(`"><item id="x" href="../../../etc/passwd" media-type="application/xhtml+xml"/>`), false)
	f.Add(uint8(1), uint8(3), uint32(100), []byte("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>"), false)
	f.Add(uint8(1), uint8(0), uint32(30), []byte{0xff, 0xfe, 0}, true)
	f.Fuzz(func(t *testing.T, book, entry uint8, at uint32, with []byte, raw bool) {
		books := realEPUBs(t)
		src := books[int(book)%len(books)]
		var data []byte
		if raw {
			data = append([]byte(nil), src...)
			i := int(at) % len(data)
			copy(data[i:], with)
		} else {
			data = mutateEntry(t, src, int(entry), int(at), with)
		}
		file := filepath.Join(t.TempDir(), "book.epub")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fs, err := epub.Check(file)
		for _, x := range fs {
			if x.Rule == "" || x.Msg.IsZero() {
				t.Fatalf("a finding with no rule or message: %+v", x)
			}
		}
		if err != nil && err.Error() == "" {
			t.Fatal("an error that says nothing")
		}
	})
}

// mutateEntry rewrites the zip src with its n-th entry overwritten by with
// at offset at (modulo its length), every other entry as it was.
func mutateEntry(t *testing.T, src []byte, n, at int, with []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	n %= len(zr.File)
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if i == n && len(body) > 0 {
			j := at % len(body)
			body = append(body[:j:j], append(with, body[min(len(body), j+len(with)):]...)...)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
