package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/atomicfile"
	"github.com/hanmoto/hanmoto/manuscript/lint"
)

// fixable is a chapter with a certain fix lint makes (a trailing space)
const fixable = "# 一\n\n　彼は言った。 \n"

func bookWith(t *testing.T, chapter string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: t\nauthor: a\nidentifier: urn:uuid:0b6a3e43-7c52-4a8e-8f5e-2f3c8a1b9d10\n"), 0o644)
	path = filepath.Join(dir, "chapters", "1.md")
	os.WriteFile(path, []byte(chapter), 0o644)
	return dir, path
}

// TestFixLeavesWhatItMustNotRewrite: --fix rewrites a chapter only as an
// editor saves it and only over what it linted: a read-only chapter and
// one with another hard link are left as they are and named; a chapter
// saved by someone else in between is never overwritten.
func TestFixLeavesWhatItMustNotRewrite(t *testing.T) {
	t.Run("read-only", func(t *testing.T) {
		dir, path := bookWith(t, fixable)
		os.Chmod(path, 0o444)
		n, _, skipped, err := lint.FixAll(dir, lint.Options{})
		if err != nil || n != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Err.Error(), "read-only") {
			t.Fatalf("fixed %d, skipped %+v, %v", n, skipped, err)
		}
		if b, _ := os.ReadFile(path); string(b) != fixable {
			t.Errorf("a read-only chapter was rewritten: %q", b)
		}
	})
	t.Run("hard link", func(t *testing.T) {
		dir, path := bookWith(t, fixable)
		other := filepath.Join(dir, "copy.md")
		if err := os.Link(path, other); err != nil {
			t.Skip(err)
		}
		n, _, skipped, err := lint.FixAll(dir, lint.Options{})
		if err != nil || n != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Err.Error(), "hard links") {
			t.Fatalf("fixed %d, skipped %+v, %v", n, skipped, err)
		}
		a, _ := os.Stat(path)
		b, _ := os.Stat(other)
		if !os.SameFile(a, b) {
			t.Error("the hard link was cut")
		}
	})
	t.Run("saved meanwhile", func(t *testing.T) {
		_, path := bookWith(t, fixable)
		was := []byte(fixable)
		edited := fixable + "　続きを書いた。\n"
		os.WriteFile(path, []byte(edited), 0o644) // the editor saves after lint read it
		err := atomicfile.ReplaceUnchanged(path, was, []byte("# 一\n\n　彼は言った……\n"))
		if err == nil || !strings.Contains(err.Error(), "changed since it was read") {
			t.Fatalf("a file saved meanwhile: %v", err)
		}
		if b, _ := os.ReadFile(path); string(b) != edited {
			t.Errorf("the edit was lost: %q", b)
		}
		if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp*")); len(m) > 0 {
			t.Errorf("temporary files left: %v", m)
		}
	})
	t.Run("fixed", func(t *testing.T) {
		dir, path := bookWith(t, fixable)
		n, _, skipped, err := lint.FixAll(dir, lint.Options{})
		if err != nil || n == 0 || len(skipped) != 0 {
			t.Fatalf("fixed %d, skipped %+v, %v", n, skipped, err)
		}
		if b, _ := os.ReadFile(path); string(b) == fixable {
			t.Error("nothing was fixed")
		}
	})
}
