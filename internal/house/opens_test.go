package house

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestCmdOpensNoImportFile: the command line reads no file itself. A
// download goes through its reader (sales/source, kdp.ReadAll), a
// manuscript through manuscript.Load: each is bounded, checked and named
// in one place.
func TestCmdOpensNoImportFile(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "cmd", "hanmoto", "*.go"))
	if err != nil || len(files) < 10 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	banned := map[string]bool{"inputfile.Read": true, "os.ReadFile": true, "os.Open": true, "excelize.OpenFile": true, "excelize.OpenReader": true}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && banned[x.Name+"."+sel.Sel.Name] {
				t.Errorf("cmd/hanmoto/%s:%d: %s.%s: read files through their reader (sales/source) or manuscript.Load", filepath.Base(path), fset.Position(sel.Pos()).Line, x.Name, sel.Sel.Name)
			}
			return true
		})
	}
}
