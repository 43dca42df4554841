package epub

import (
	"strings"
	"testing"
	"text/template/parse"
)

// Every value a package template prints goes through x, XML's escaping,
// but for the few numbers the model holds: a title with & or < makes a
// package document no reader can open, and text/template escapes nothing
// by itself.
func TestPkgdocEscapesEveryValue(t *testing.T) {
	numbers := map[string]bool{".Seq": true, ".Order": true, ".Depth": true, ".Meta.Volume": true}
	checked := 0
	for _, tpl := range pkgdoc().Templates() {
		if tpl.Tree == nil {
			continue
		}
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n == nil {
					return
				}
				for _, c := range n.Nodes {
					walk(c)
				}
			case *parse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.ActionNode:
				checked++
				cmds := n.Pipe.Cmds
				last := cmds[len(cmds)-1]
				if id, ok := last.Args[0].(*parse.IdentifierNode); ok && id.Ident == "x" {
					return
				}
				if len(cmds) == 1 && len(last.Args) == 1 && numbers[last.Args[0].String()] {
					return
				}
				t.Errorf("pkgdoc/%s: {{%s}} prints a value without x", tpl.ParseName, n.Pipe)
			}
		}
		walk(tpl.Tree.Root)
	}
	if checked < 30 {
		t.Fatalf("only %d actions checked: the templates were not read", checked)
	}
}

func TestXMLEscape(t *testing.T) {
	if got := xmlEscape(`A&B <c> "d"`); got != `A&amp;B &lt;c&gt; &quot;d&quot;` {
		t.Errorf("xmlEscape = %s", got)
	}
	if strings.Contains(xmlEscape("月夜の郵便局"), "&") {
		t.Error("xmlEscape changed Japanese text")
	}
}
