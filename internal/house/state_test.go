package house

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestBooksShareNoState: the packages that make books hold no mutable
// state at package level — no mutex, no sync.Map, no map filled as they
// run — so that two books made at once (tests, a preview beside a build)
// share nothing and wait for nothing. A build once took a global lock for
// go-epub's in-memory file system, and kept cover copies in a global map.
// Values made once and only read (compiled templates, regexps) are fine.
func TestBooksShareNoState(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"epub", "epub/preview", "paperback", "manuscript"} {
		fs, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
		files = append(files, fs...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	mutable := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.SelectorExpr:
			x, ok := e.X.(*ast.Ident)
			return ok && x.Name == "sync" && (e.Sel.Name == "Mutex" || e.Sel.Name == "RWMutex" || e.Sel.Name == "Map")
		case *ast.MapType:
			return true // declared empty, to be filled
		case *ast.CallExpr:
			if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "make" && len(e.Args) > 0 {
				_, ok := e.Args[0].(*ast.MapType)
				return ok
			}
		}
		return false
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				// a map literal is a table read as it is; a map declared
				// empty, made, or a sync type is filled as books are made
				bad := vs.Type != nil && mutable(vs.Type) && (len(vs.Values) == 0 || isSync(vs.Type))
				for _, v := range vs.Values {
					if c, ok := v.(*ast.CompositeLit); ok {
						bad = bad || isSync(c.Type)
						continue
					}
					bad = bad || mutable(v)
				}
				if bad {
					rel, _ := filepath.Rel(root, path)
					t.Errorf("%s:%d: package-level %s is state every book shares", rel, fset.Position(vs.Pos()).Line, vs.Names[0].Name)
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
