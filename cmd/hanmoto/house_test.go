package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsStayShort: cmd parses and prints; a function of more than
// 80 lines here holds work that belongs in the library, or a command's
// definition and its action together (apart, as cli/cli keeps them).
func TestCommandsStayShort(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			var body *ast.BlockStmt
			switch x := n.(type) {
			case *ast.FuncDecl:
				body = x.Body
			case *ast.FuncLit:
				body = x.Body
			}
			if body != nil {
				if lines := fset.Position(body.End()).Line - fset.Position(body.Pos()).Line; lines > 80 {
					t.Errorf("%s: a function of %d lines", fset.Position(n.Pos()), lines)
				}
			}
			return true
		})
	}
}
