package house

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoReexports: no package names another package's type, constant or
// variable under a second name (type Line = royalty.Line). A reader of
// the code then finds each thing under one name, in the package that
// holds it; kdp and the ledger once re-exported 24.
func TestNoReexports(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		// the module's packages this file imports, by the name it uses
		own := map[string]bool{}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(p, module) {
				continue
			}
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			own[name] = true
		}
		fromOwn := func(e ast.Expr) bool {
			sel, ok := e.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			x, ok := sel.X.(*ast.Ident)
			return ok && own[x.Name]
		}
		rel, _ := filepath.Rel(root, path)
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range g.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Assign.IsValid() && fromOwn(s.Type) && s.Name.IsExported() {
						t.Errorf("%s:%d: type %s re-exports %s", rel, fset.Position(s.Pos()).Line, s.Name.Name, s.Type.(*ast.SelectorExpr).Sel.Name)
					}
				case *ast.ValueSpec:
					for i, v := range s.Values {
						if fromOwn(v) && s.Names[i].IsExported() {
							t.Errorf("%s:%d: %s re-exports %s", rel, fset.Position(s.Pos()).Line, s.Names[i].Name, v.(*ast.SelectorExpr).Sel.Name)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("only %d files read", files)
	}
}
