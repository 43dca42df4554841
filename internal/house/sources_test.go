package house

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// goSource is a non-test Go file of the module, parsed.
type goSource struct {
	rel  string // module-relative, forward slashes
	fset *token.FileSet
	file *ast.File
}

// line is where n is in the file.
func (s goSource) line(n ast.Node) int { return s.fset.Position(n.Pos()).Line }

// goSources parses the non-test Go files of dirs (module-relative; "."
// for the whole module) and the folders below them, but for skip's and
// hidden folders, node_modules and testdata. It fails the test when fewer
// than least files are read: a check that reads nothing passes nothing.
func goSources(t *testing.T, least int, skip []string, dirs ...string) []goSource {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var out []goSource
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" || slices.Contains(skip, rel)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			out = append(out, goSource{rel, fset, f})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < least {
		t.Fatalf("only %d files read in %v", len(out), dirs)
	}
	return out
}
