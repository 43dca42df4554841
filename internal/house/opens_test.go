package house

import (
	"go/ast"
	"testing"
)

// TestCmdOpensNoImportFile: the command line reads no file itself. A
// download goes through its reader (sales/source, kdp.ReadAll), a
// manuscript through manuscript.Load: each is bounded, checked and named
// in one place.
func TestCmdOpensNoImportFile(t *testing.T) {
	banned := map[string]bool{"inputfile.Read": true, "os.ReadFile": true, "os.Open": true, "excelize.OpenFile": true, "excelize.OpenReader": true}
	for _, src := range goSources(t, 10, nil, "cmd/hanmoto") {
		ast.Inspect(src.file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && banned[x.Name+"."+sel.Sel.Name] {
				t.Errorf("%s:%d: %s.%s: read files through their reader (sales/source) or manuscript.Load", src.rel, src.line(sel), x.Name, sel.Sel.Name)
			}
			return true
		})
	}
}
