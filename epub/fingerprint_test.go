package epub

import (
	"io"
	"maps"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/manuscript"
)

// A fingerprint is of the content: the same book built on another day has
// the same one, and a change to one kind of file changes that kind alone.
func TestFingerprintKinds(t *testing.T) {
	b, err := manuscript.Load("../examples/tsukiyo", manuscript.Options{ImagePrefix: ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	build := func(when time.Time) map[string][]byte {
		files := map[string][]byte{}
		if _, err := Write(b, io.Discard, Options{Files: files, Modified: when}); err != nil {
			t.Fatal(err)
		}
		return files
	}
	day1 := build(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	day2 := build(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
	if string(day1["EPUB/package.opf"]) == string(day2["EPUB/package.opf"]) {
		t.Fatal("the package does not carry its day: the test tests nothing")
	}
	base := Fingerprint(day1, 6, time.Time{})
	if got := Fingerprint(day2, 6, time.Time{}); got != base {
		t.Errorf("another day's build: %+v, want %+v", got, base)
	}
	for _, c := range []struct {
		file, kind string
	}{
		{"EPUB/xhtml/p0003.xhtml", "text"},
		{"EPUB/nav.xhtml", "toc"},
		{"EPUB/xhtml/toc.xhtml", "toc"},
		{"EPUB/package.opf", "book"},
		{"EPUB/xhtml/colophon.xhtml", "book"},
		{"EPUB/css/book.css", "style"},
		{"EPUB/images/cover.jpg", "art"},
	} {
		files := maps.Clone(day1)
		if files[c.file] == nil {
			t.Fatalf("the build has no %s", c.file)
		}
		files[c.file] = append(append([]byte(nil), files[c.file]...), ' ')
		got := Fingerprint(files, 6, time.Time{})
		changed := map[string]bool{"text": got.Text != base.Text, "toc": got.TOC != base.TOC, "book": got.Book != base.Book, "style": got.Style != base.Style, "art": got.Art != base.Art}
		for kind, ch := range changed {
			if ch != (kind == c.kind) {
				t.Errorf("%s changed: %s changed = %v", c.file, kind, ch)
			}
		}
		if msgs := base.Changes(got, nil); len(msgs) != 1 {
			t.Errorf("%s changed: %d changes said, want 1: %v", c.file, len(msgs), msgs)
		}
	}
}
