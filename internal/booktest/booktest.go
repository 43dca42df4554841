// Package booktest writes manuscripts for tests: every rendering fixture
// of manuscript/testdata/render as one book, the syntax cases epub and
// paperback are each proven on. For tests only.
package booktest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Fixtures writes every rendering fixture that builds (has a want.xhtml)
// as one episode of a book in the writing mode, and returns its folder.
func Fixtures(t testing.TB, mode string) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	render := filepath.Join(filepath.Dir(here), "..", "..", "manuscript", "testdata", "render")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: 試験\nauthor: 試験者\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000001\nparen-ruby: true\nwriting-mode: "+mode+"\n"), 0o644)
	files, _ := filepath.Glob(filepath.Join(render, "*.txtar"))
	n := 0
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, af := range ar.Files {
			ok = ok || af.Name == "want.xhtml"
		}
		if !ok {
			continue
		}
		n++
		for _, af := range ar.Files {
			name := af.Name
			switch {
			case name == "book.yaml" || strings.HasPrefix(name, "want."):
				continue
			case strings.HasSuffix(name, ".md"):
				name = fmt.Sprintf("chapters/%02d-%s", n, filepath.Base(name))
			case strings.HasPrefix(name, "chapters/"):
				name = fmt.Sprintf("chapters/%02d-%s", n, strings.TrimPrefix(name, "chapters/"))
			}
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, af.Data, 0o644)
		}
	}
	// the image fixtures link relative to their episode
	fixImages(t, dir)
	return dir
}

var imgLink = regexp.MustCompile(`\]\(img/`)

func fixImages(t testing.TB, dir string) {
	eps, _ := filepath.Glob(filepath.Join(dir, "chapters", "*.md"))
	for _, ep := range eps {
		data, _ := os.ReadFile(ep)
		prefix := strings.SplitN(filepath.Base(ep), "-", 2)[0]
		data = imgLink.ReplaceAll(data, []byte("]("+prefix+"-img/"))
		os.WriteFile(ep, data, 0o644)
	}
	// a real PNG where fixtures hold placeholder bytes
	png := PNG(t)
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".png") {
			os.WriteFile(p, png, 0o644)
		}
		return nil
	})
}

// PNG is a small real PNG image.
func PNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := 0; i < 16; i++ {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
