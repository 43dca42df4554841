package epub_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/epub"
)

// check refuses a book with a script, a frame, an event handler or a
// javascript: link, whoever made it.
func TestCheckActiveContent(t *testing.T) {
	good := build(t, "../examples/tsukiyo")
	for _, bad := range []string{`<script>alert(1)</script>`, `<a href="javascript:alert(1)">x</a>`, `<p onclick="x()">x</p>`, `<iframe src="x"></iframe>`,
		`<a href="jav&#x61;script:alert(1)">x</a>`, `<img src="https://example.com/t.png" alt=""/>`, `<p style="background: url(/etc/passwd)">x</p>`} {
		zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method})
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			if f.Name == "EPUB/xhtml/p0002.xhtml" {
				data = bytes.Replace(data, []byte("</body>"), []byte(bad+"</body>"), 1)
			}
			w.Write(data)
		}
		zw.Close()
		file := filepath.Join(t.TempDir(), "bad.epub")
		os.WriteFile(file, out.Bytes(), 0o644)
		fs, err := epub.Check(file)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range fs {
			found = found || (f.Rule == "active-content" && f.Severity == "error" && strings.Contains(f.Msg.String(), "p0002.xhtml"))
		}
		if !found {
			t.Errorf("%s: check found %v", bad, fs)
		}
	}
	file := filepath.Join(t.TempDir(), "good.epub")
	os.WriteFile(file, good, 0o644)
	fs, _ := epub.Check(file)
	for _, f := range fs {
		if f.Rule == "active-content" {
			t.Errorf("the example: %v", f)
		}
	}
}
