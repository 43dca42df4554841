package house

import (
	"go/ast"
	"strings"
	"testing"
)

// TestNoReexports: no package names another package's type, constant or
// variable under a second name (type Line = royalty.Line). A reader of
// the code then finds each thing under one name, in the package that
// holds it; kdp, the ledger, epub and paperback once re-exported 30.
func TestNoReexports(t *testing.T) {
	for _, src := range goSources(t, 100, nil, ".") {
		// the module's packages this file imports, by the name it uses
		own := map[string]bool{}
		for _, imp := range src.file.Imports {
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
		fromOwn := func(e ast.Expr) (string, bool) {
			sel, ok := e.(*ast.SelectorExpr)
			if !ok {
				return "", false
			}
			x, ok := sel.X.(*ast.Ident)
			return sel.Sel.Name, ok && own[x.Name]
		}
		for _, decl := range src.file.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range g.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if name, ok := fromOwn(s.Type); ok && s.Assign.IsValid() && s.Name.IsExported() {
						t.Errorf("%s:%d: type %s re-exports %s", src.rel, src.line(s), s.Name.Name, name)
					}
				case *ast.ValueSpec:
					for i, v := range s.Values {
						if name, ok := fromOwn(v); ok && s.Names[i].IsExported() {
							t.Errorf("%s:%d: %s re-exports %s", src.rel, src.line(s), s.Names[i].Name, name)
						}
					}
				}
			}
		}
	}
}
