package chrome

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "HANMOTO_CHROME" {
				return v
			}
			return ""
		}
	}
	if got, err := Find(env("")); err != nil || got != fake {
		t.Errorf("on PATH: %q, %v", got, err)
	}
	if _, err := Find(env("/nonexistent/chrome")); !errors.Is(err, ErrNotFound) {
		t.Errorf("HANMOTO_CHROME missing: %v", err)
	}
	if got, err := Find(env(fake)); err != nil || got != fake {
		t.Errorf("HANMOTO_CHROME: %q, %v", got, err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Find(env("")); !errors.Is(err, ErrNotFound) {
		t.Errorf("none on PATH: %v", err)
	}
}
