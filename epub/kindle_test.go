package epub_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/novelgen"
)

// check's Kindle rules: hanmoto's own books pass them; a book whose
// templates set bold headings, fixed text defaults, column breaks with no
// Kindle page breaks and sideways TOC numbers is told of each.
func TestKindleJapaneseRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 30, PerPart: 10}); err != nil {
		t.Fatal(err)
	}
	rules := func(data []byte) map[string]bool {
		file := filepath.Join(t.TempDir(), "b.epub")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fs, err := epub.Check(file)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, f := range fs {
			out[f.Rule] = true
		}
		return out
	}
	kindle := []string{"toc-numbers", "bold-headings", "text-defaults", "page-breaks", "cover-size", "image-size"}
	for _, src := range []string{"../examples/tsukiyo", dir} {
		got := rules(build(t, src))
		for _, r := range kindle {
			if got[r] {
				t.Errorf("%s: hanmoto's own book breaks %s", src, r)
			}
		}
	}
	// the same novel with yesterday's templates
	tpl := filepath.Join(dir, "templates")
	os.MkdirAll(tpl, 0o755)
	css, _ := os.ReadFile("../templates/vertical.css")
	old := strings.Replace(string(css), "font-weight: normal;", "font-weight: bold;", 1)
	old = strings.Replace(old, "body {\n", "body {\n  line-height: 1.75;\n", 1)
	old = old[:strings.Index(old, "\n@media amzn-kf8")]
	os.WriteFile(filepath.Join(tpl, "vertical.css"), []byte(old), 0o644)
	toc, _ := os.ReadFile("../templates/toc.xhtml")
	os.WriteFile(filepath.Join(tpl, "toc.xhtml"), []byte(strings.ReplaceAll(string(toc), "{{tate .Title $.Vertical}}", "{{.Title}}")), 0o644)
	got := rules(build(t, dir))
	for _, r := range kindle[:4] {
		if !got[r] {
			t.Errorf("yesterday's templates: no %s finding (%v)", r, got)
		}
	}
}
