package manuscript_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/hanmoto/hanmoto/internal/golden"

	"github.com/hanmoto/hanmoto/manuscript"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

const defaultConfig = "title: テスト\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n"

// Each testdata/render/*.txtar is one case: a manuscript's files (book.yaml
// defaults to a minimal one) and either want.xhtml, the first episode's
// rendered body, or want.err, the error Load reports.
func TestRender(t *testing.T) {
	files, _ := filepath.Glob("testdata/render/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var wantOut, wantErr *txtar.File
			hasConfig := false
			for i := range ar.Files {
				f := &ar.Files[i]
				switch f.Name {
				case "want.xhtml":
					wantOut = f
					continue
				case "want.err":
					wantErr = f
					continue
				case "book.yaml":
					hasConfig = true
				}
				p := filepath.Join(dir, f.Name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if !hasConfig {
				os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(defaultConfig), 0o644)
			}
			b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: "../images/"})
			var got []byte
			var golden *txtar.File
			if err != nil {
				got = []byte(err.Error() + "\n")
				golden = wantErr
				if golden == nil && !*update {
					t.Fatalf("unexpected error: %v", err)
				}
				if golden == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want.err"})
					golden = &ar.Files[len(ar.Files)-1]
				}
			} else {
				got = b.Episodes()[0].Body
				checkWellFormed(t, got)
				golden = wantOut
				if golden == nil && !*update {
					t.Fatalf("no error, but the case wants one; got:\n%s", got)
				}
				if golden == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want.xhtml"})
					golden = &ar.Files[len(ar.Files)-1]
				}
			}
			if *update {
				old := txtar.Format(ar)
				golden.Data = got
				goldenfile.Updated(t, file, old, txtar.Format(ar))
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			if !bytes.Equal(got, golden.Data) {
				t.Errorf("%s differs\n--- got\n%s\n--- want\n%s", golden.Name, got, golden.Data)
			}
		})
	}
}

func checkWellFormed(t testing.TB, frag []byte) {
	t.Helper()
	d := xml.NewDecoder(io.MultiReader(strings.NewReader("<body>"), bytes.NewReader(frag), strings.NewReader("</body>")))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XHTML: %v\n%s", err, frag)
		}
	}
}

// A link inside the manuscript that points outside it is refused too.
func TestImageSymlinkOutside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.png")
	os.WriteFile(outside, []byte("x"), 0o644)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(defaultConfig), 0o644)
	os.WriteFile(filepath.Join(dir, "chapters", "1.md"), []byte("![x](link.png)\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "chapters", "link.png")); err != nil {
		t.Skip(err)
	}
	_, err := manuscript.Load(dir, manuscript.Options{})
	if err == nil || !strings.Contains(err.Error(), `chapters/1.md:1:1: image "link.png" is a link to a file outside the manuscript`) {
		t.Fatalf("%v", err)
	}
}
