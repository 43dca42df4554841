package paperback_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
)

// TestFarTooLongRefusedBeforeLayout: a 1,000-episode serial is refused
// by the estimate alone — no browser runs (the path given is no browser:
// reaching it would fail otherwise) — with the pages the text needs.
func TestFarTooLongRefusedBeforeLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 1000, Web: true}); err != nil {
		t.Fatal(err)
	}
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: paperback.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := paperback.FindTrim("a5")
	_, err = paperback.Print(context.Background(), b, paperback.Options{Trim: tr, Chrome: "/nonexistent/chromium"})
	if err == nil || !strings.Contains(err.Error(), "the text alone needs at least") || !strings.Contains(err.Error(), "at most 828") {
		t.Fatalf("a serial of 1,000 episodes: %v", err)
	}
	if est := paperback.EstimatePages(b, tr.Chars, 20); est < 2000 {
		t.Errorf("3.5 million characters estimated at %d pages", est)
	}
}
