package house

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/hanmoto/hanmoto/"

// floors are the module's packages from the ground up: a package imports
// only packages of its floor or below. Everything not listed is a tool
// (examples, internal/tools) and stands on the roof.
var floors = [][]string{
	// what every floor uses: messages, text, files, amounts
	{"internal/i18n", "internal/safe", "internal/lazyre", "internal/inputerr", "internal/inputfile", "internal/jtext",
		"internal/jinput", "internal/textable", "internal/atomicfile", "sales/money", "paperback/pdf"},
	// vocabularies: what readers make and storage keeps
	{"sales/royalty", "sales/trade", "sales/price", "sales/download", "sales/convert", "manuscript/syntax", "templates"},
	// readers and storage, which never import one another
	{"sales/kdp", "sales/nav", "sales/broker", "sales/fx", "sales/ledger", "manuscript", "paperback/chrome"},
	// the domain: what the figures mean, what a book is made into
	{"sales/invest", "sales/source", "manuscript/lint", "manuscript/front", "epub"},
	{"sales/report", "epub/preview", "paperback"},
	{"cmd/hanmoto"},
}

// readers are the packages that read files people download; storage and
// the domain see only what they make.
var readers = []string{"sales/kdp", "sales/nav", "sales/broker", "sales/fx"}

func imports(t *testing.T, root, pkg string) []string {
	p, err := build.ImportDir(filepath.Join(root, pkg), 0)
	if err != nil {
		t.Fatalf("%s: %v", pkg, err)
	}
	var out []string
	for _, imp := range p.Imports {
		if strings.HasPrefix(imp, module) {
			out = append(out, strings.TrimPrefix(imp, module))
		}
	}
	return out
}

// TestNoImportRunsUp: no package imports one on a floor above its own,
// every package of the module has its floor, and no reader imports
// another reader or the ledger (nor the ledger a reader).
func TestNoImportRunsUp(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	floor := map[string]int{}
	for i, f := range floors {
		for _, p := range f {
			floor[p] = i
		}
	}
	var all []string
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			rel, _ := filepath.Rel(root, filepath.Dir(path))
			all = append(all, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	storage := append([]string{"sales/ledger"}, readers...)
	for _, pkg := range all {
		f, ok := floor[pkg]
		// tools and test helpers stand on the roof; sales/ is its doc only
		tool := strings.HasPrefix(pkg, "examples/") || strings.HasPrefix(pkg, "internal/tools/") ||
			pkg == "internal/house" || pkg == "sales" || pkg == "internal/golden" || pkg == "internal/booktest" || pkg == "internal/kdptest" || pkg == "internal/novelgen" || pkg == "."
		if !ok && !tool {
			t.Errorf("%s stands on no floor: give it one in floors", pkg)
			continue
		}
		if tool {
			continue
		}
		for _, imp := range imports(t, root, pkg) {
			g, ok := floor[imp]
			if ok && g > f {
				t.Errorf("%s (floor %d) imports %s (floor %d), above it", pkg, f, imp, g)
			}
			if slices.Contains(storage, pkg) && slices.Contains(storage, imp) {
				t.Errorf("%s imports %s: readers and storage never import one another", pkg, imp)
			}
		}
	}
}

// TestDomainKnowsNoReader: however deep, the ledger, invest and report
// depend on no reader, so none of them changes when a download's form
// does; the ledger stores the vocabularies' types.
func TestDomainKnowsNoReader(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, top := range []string{"sales/ledger", "sales/invest", "sales/report"} {
		seen := map[string]bool{}
		var walk func(pkg string)
		walk = func(pkg string) {
			if seen[pkg] {
				return
			}
			seen[pkg] = true
			if slices.Contains(readers, pkg) {
				t.Errorf("%s depends on the reader %s", top, pkg)
			}
			for _, imp := range imports(t, root, pkg) {
				walk(imp)
			}
		}
		walk(top)
		if top == "sales/ledger" && !(seen["sales/royalty"] && seen["sales/price"] && seen["sales/trade"]) {
			t.Error("the ledger no longer stores the vocabularies' types: update this test")
		}
	}
}
