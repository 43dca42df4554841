package ledger_test

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// TestStorageKnowsNoReader: the ledger stores its own types and the
// royalty package's; no reader (kdp, nav, broker, fx) is among its
// dependencies, however deep, so storage never changes when a reader does.
func TestStorageKnowsNoReader(t *testing.T) {
	const module = "github.com/hanmoto/hanmoto/"
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(pkg string)
	walk = func(pkg string) {
		if seen[pkg] || !strings.HasPrefix(pkg, module) {
			return
		}
		seen[pkg] = true
		for _, reader := range []string{"sales/kdp", "sales/nav", "sales/broker", "sales/fx"} {
			if pkg == module+reader {
				t.Errorf("the ledger depends on %s", pkg)
			}
		}
		p, err := build.ImportDir(filepath.Join(root, strings.TrimPrefix(pkg, module)), 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range p.Imports {
			walk(imp)
		}
	}
	walk(module + "sales/ledger")
	if seen[module+"sales/invest"] || seen[module+"sales/report"] {
		t.Error("the ledger depends on the packages that use it")
	}
	if !seen[module+"sales/royalty"] {
		t.Error("the ledger no longer stores the royalty package's types: update this test")
	}
}
