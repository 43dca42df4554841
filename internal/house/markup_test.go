package house

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// markupDirs write documents — XHTML, XML, HTML — and write them from
// templates or models, never by printing strings: a printed tag escapes
// nothing unless someone remembers to, and cannot be read as a document.
// PDF syntax (paperback/pdf) is not markup.
var markupDirs = []string{"epub", "paperback"}

var notMarkup = []string{"paperback/pdf"}

// a tag or an XML declaration in a string literal
var markupLit = regexp.MustCompile(`<[?/]?[A-Za-z]`)

// TestNoMarkupByPrintf: no call of Fprintf, Sprintf, Printf or
// WriteString in markupDirs has markup in its string literals.
func TestNoMarkupByPrintf(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, dir := range markupDirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			if d.IsDir() && slices.Contains(notMarkup, filepath.ToSlash(rel)) {
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
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				switch sel.Sel.Name {
				case "Fprintf", "Sprintf", "Printf", "WriteString", "Fprint", "Sprint":
				default:
					return true
				}
				for _, a := range call.Args {
					ast.Inspect(a, func(n ast.Node) bool {
						if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if s, err := strconv.Unquote(lit.Value); err == nil && markupLit.MatchString(s) {
								rel, _ := filepath.Rel(root, fset.Position(lit.Pos()).Filename)
								t.Errorf("%s:%d: %s writes markup %q: write it from a template", rel, fset.Position(lit.Pos()).Line, sel.Sel.Name, s)
							}
						}
						return true
					})
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 10 {
		t.Fatalf("only %d files read", files)
	}
}
