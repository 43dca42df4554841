package epub_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
)

// A middle volume of a serial is a book of its own: epubcheck passes it,
// epub.js turns every page, its 扉 and 奥付 say 第2巻, its 目次 lists its
// own episodes only, numbered from its first, and its package names the
// series with the volume's place in it.
func TestVolumeIsABook(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 90, PerPart: 30}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "book.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("volumes:\n  - episodes: 1-30\n    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-000000000001\n  - episodes: 31-60\n    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-000000000002\n  - episodes: 61-\n    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-000000000003\n")
	f.Close()
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: epub.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	v, err := b.Volume(2)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := epub.Write(v, &buf, epub.Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	files := map[string]string{}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		r, _ := zf.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		files[zf.Name] = string(b)
	}
	var opf, nav, all string
	for name, s := range files {
		switch {
		case strings.HasSuffix(name, ".opf"):
			opf = s
		case strings.HasSuffix(name, "nav.xhtml"):
			nav = s
		}
		all += s
	}
	if !strings.Contains(opf, `property="belongs-to-collection"`) || !strings.Contains(opf, `property="group-position">2<`) || !strings.Contains(opf, "7d3f8f52-8a1e-5c1b-9d1f-000000000002") {
		t.Errorf("the package does not name the series, volume 2 and its identifier:\n%s", opf)
	}
	if strings.Count(nav, "<a ") < 30 || strings.Contains(nav, b.Episodes()[0].Title) || !strings.Contains(nav, b.Episodes()[30].Title) {
		t.Errorf("the 目次 is not volume 2's episodes: %d links", strings.Count(nav, "<a "))
	}
	if strings.Count(all, "第2巻") < 2 {
		t.Errorf("第2巻 is on %d pages: the 扉 and the 奥付 say it", strings.Count(all, "第2巻"))
	}
	epubcheck(t, "volume-2", data)
	script := walker(t)
	checkWalk(t, "volume-2", data, walkBook(t, script, data), true)
}
