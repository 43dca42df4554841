package house

import (
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
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
	for _, src := range goSources(t, 10, notMarkup, markupDirs...) {
		ast.Inspect(src.file, func(n ast.Node) bool {
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
							t.Errorf("%s:%d: %s writes markup %q: write it from a template", src.rel, src.line(lit), sel.Sel.Name, s)
						}
					}
					return true
				})
			}
			return true
		})
	}
}
