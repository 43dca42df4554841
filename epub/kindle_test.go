package epub_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"io"
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
	old = strings.Replace(old, "\nbody {\n", "\nbody {\n  line-height: 1.75;\n", 1)
	old = old[:strings.Index(old, "\n@media amzn-kf8")]
	os.WriteFile(filepath.Join(tpl, "vertical.css"), []byte(old), 0o644)
	toc, _ := os.ReadFile("../templates/toc.xhtml")
	os.WriteFile(filepath.Join(tpl, "toc.xhtml"), []byte(strings.NewReplacer("{{tate .Title $.Vertical}}", "{{.Title}}", "{{tate .Title .Vertical}}", "{{.Title}}").Replace(string(toc))), 0o644)
	got := rules(build(t, dir))
	for _, r := range kindle[:4] {
		if !got[r] {
			t.Errorf("yesterday's templates: no %s finding (%v)", r, got)
		}
	}
}

// The cover page shows a copy of at most 2 million pixels of a larger
// cover; the cover-image stays the author's own. A cover page that shows
// the large image itself is told of.
func TestCoverPageUnder2MP(t *testing.T) {
	data := build(t, "../examples/tsukiyo")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = b
	}
	src, _ := os.ReadFile("../examples/tsukiyo/images/cover.jpg")
	if !bytes.Equal(files["EPUB/images/cover.jpg"], src) {
		t.Error("the cover-image is not the author's file")
	}
	if !bytes.Contains(files["EPUB/package.opf"], []byte(`href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"`)) {
		t.Errorf("cover.jpg is not the cover-image:\n%s", files["EPUB/package.opf"])
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(files["EPUB/images/cover-page.jpg"]))
	if err != nil || cfg.Width*cfg.Height > epub.MaxCoverPagePixels || cfg.Width < 1000 {
		t.Errorf("the cover page's copy: %v %v", cfg, err)
	}
	if page := string(files["EPUB/xhtml/cover.xhtml"]); !strings.Contains(page, `xlink:href="../images/cover-page.jpg"`) || !strings.Contains(page, fmt.Sprintf(`viewBox="0 0 %d %d"`, cfg.Width, cfg.Height)) {
		t.Errorf("the cover page:\n%s", page)
	}
	// a second build, its copy from the cache, is the same bytes
	if again := build(t, "../examples/tsukiyo"); !bytes.Equal(again, data) {
		t.Error("two builds differ")
	}
	// a template that shows the large image is told of
	dir := filepath.Join(t.TempDir(), "book")
	copyTree(t, "../examples/tsukiyo", dir)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	tpl, _ := os.ReadFile("../templates/cover.xhtml")
	os.WriteFile(filepath.Join(dir, "templates", "cover.xhtml"), bytes.ReplaceAll(tpl, []byte("{{.Src}}"), []byte("../images/cover.jpg")), 0o644)
	file := filepath.Join(t.TempDir(), "b.epub")
	os.WriteFile(file, build(t, dir), 0o644)
	fs, err := epub.Check(file)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		if f.Rule == "image-size" && strings.Contains(f.Msg.String(), "shows the cover image images/cover.jpg, 1600×2560") {
			found = true
		}
	}
	if !found {
		t.Errorf("no image-size finding for a cover page of 4 million pixels: %v", fs)
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			if fi.Name() == "dist" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
