package house

import (
	"go/ast"
	"go/token"
	"testing"
)

// TestBooksShareNoState: the packages that make books hold no mutable
// state at package level — no mutex, no sync.Map, no map filled as they
// run — so that two books made at once (tests, a preview beside a build)
// share nothing and wait for nothing. A build once took a global lock for
// go-epub's in-memory file system, and kept cover copies in a global map.
// Values made once and only read (compiled templates, regexps, tables
// written as literals) are fine.
func TestBooksShareNoState(t *testing.T) {
	for _, src := range goSources(t, 20, nil, "epub", "paperback", "manuscript") {
		for _, decl := range src.file.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				// a sync type, or a map declared empty or made, is filled
				// as books are made
				_, isMap := vs.Type.(*ast.MapType)
				bad := isSync(vs.Type) || isMap && len(vs.Values) == 0
				for _, v := range vs.Values {
					switch v := v.(type) {
					case *ast.CompositeLit:
						bad = bad || isSync(v.Type)
					case *ast.CallExpr:
						if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "make" && len(v.Args) > 0 {
							_, made := v.Args[0].(*ast.MapType)
							bad = bad || made
						}
					}
				}
				if bad {
					t.Errorf("%s:%d: package-level %s is state every book shares", src.rel, src.line(vs), vs.Names[0].Name)
				}
			}
		}
	}
}

func isSync(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == "sync" && (sel.Sel.Name == "Mutex" || sel.Sel.Name == "RWMutex" || sel.Sel.Name == "Map")
}
