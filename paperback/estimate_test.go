package paperback_test

import (
	"context"
	"os"
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

// TestPageBreaksCount: 30,000 page breaks — each a page — are refused by
// the estimate before any layout (they once ran past 120 s and 3.9 GB).
func TestPageBreaksCount(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: t\nauthor: a\nidentifier: urn:uuid:0b6a3e43-7c52-4a8e-8f5e-2f3c8a1b9d10\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "chapters", "1.md"), []byte("# 一\n\n"+strings.Repeat("本文。\n\n［＃改ページ］\n\n", 30000)), 0o644)
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: paperback.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := paperback.FindTrim("a5")
	_, err = paperback.Print(context.Background(), b, paperback.Options{Trim: tr, Chrome: "/nonexistent/chromium"})
	if err == nil || !strings.Contains(err.Error(), "the text alone needs at least 3000") {
		t.Fatalf("30,000 page breaks: %v", err)
	}
}
