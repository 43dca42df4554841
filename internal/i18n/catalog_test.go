package i18n

import (
	"go/ast"
	"go/constant"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// messagesInCode finds every message the code can show: the constant
// format or text given to i18n.M, i18n.Errorf, a Printer's methods, and to
// any function of ours whose parameter is `format` (followed by ...any) or
// `msg`; and the headers of textable tables. cmd/hanmoto's test adds what
// only exists at run time (help texts, rule summaries).
func messagesInCode(t *testing.T) map[string]string {
	t.Helper()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo, Dir: "../.."}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, pkg := range pkgs {
		if strings.Contains(pkg.PkgPath, "/examples/") || strings.HasSuffix(pkg.PkgPath, "/internal/i18n") {
			continue
		}
		for _, f := range pkg.Syntax {
			file := pkg.Fset.Position(f.Pos()).Filename
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					sig, ok := pkg.TypesInfo.TypeOf(n.Fun).(*types.Signature)
					if !ok || !ours(pkg.TypesInfo, n.Fun) {
						return true
					}
					params := sig.Params()
					for j := 0; j < params.Len() && j < len(n.Args); j++ {
						p := params.At(j)
						isFormat := p.Name() == "format" && sig.Variadic() && j == params.Len()-2
						isMsg := (p.Name() == "msg" || p.Name() == "en") && types.Identical(p.Type(), types.Typ[types.String])
						if !isFormat && !isMsg {
							continue
						}
						if tv, ok := pkg.TypesInfo.Types[n.Args[j]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
							found[constant.StringVal(tv.Value)] = pkg.Fset.Position(n.Pos()).String()
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Header" {
						if cl, ok := n.Value.(*ast.CompositeLit); ok {
							for _, el := range cl.Elts {
								if tv, ok := pkg.TypesInfo.Types[el]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
									found[constant.StringVal(tv.Value)] = pkg.Fset.Position(el.Pos()).String()
								}
							}
						}
					}
				}
				return true
			})
		}
	}
	return found
}

// ours says whether a call goes to this module's code (not fmt's Sprintf).
func ours(info *types.Info, fun ast.Expr) bool {
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	obj := info.Uses[id]
	if obj == nil {
		return false
	}
	if v, ok := obj.(*types.Var); ok { // a func-typed variable: a closure of ours
		return v.Pkg() != nil && strings.HasPrefix(v.Pkg().Path(), "github.com/hanmoto/hanmoto")
	}
	return obj.Pkg() != nil && strings.HasPrefix(obj.Pkg().Path(), "github.com/hanmoto/hanmoto")
}

// TestEveryMessageInBothLanguages: every message the code can show has its
// Japanese, with the same arguments.
func TestEveryMessageInBothLanguages(t *testing.T) {
	found := messagesInCode(t)
	if len(found) < 100 {
		t.Fatalf("found only %d messages: the scan is broken", len(found))
	}
	var missing []string
	for en, where := range found {
		if CheckEntry(en) != nil {
			missing = append(missing, where+": "+CheckEntry(en).Error())
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
}

// TestJapaneseReadsAsWritten pins the vocabulary of KDP's Japanese
// interface and of fund managers, and the typography of a Japanese editor.
func TestJapaneseReadsAsWritten(t *testing.T) {
	for en, j := range ja() {
		if err := CheckStyle(en, j); err != nil {
			t.Error(err)
		}
	}
}

func TestVerbs(t *testing.T) {
	if got := verbs("%s and %[2]q then %d%%"); strings.Join(got, ",") != "1s,2q,3d" {
		t.Errorf("verbs = %v", got)
	}
}

// TestOperatingSystemWords: the file errors a person sees are in the catalog.
func TestOperatingSystemWords(t *testing.T) {
	for _, f := range pathOps {
		if err := CheckEntry(f); err != nil {
			t.Error(err)
		}
	}
	for _, s := range errnos {
		if err := CheckEntry(s); err != nil {
			t.Error(err)
		}
	}
	p := Printer{Lang: Japanese}
	_, err := os.Open("/no/such/file")
	if got := p.Err(err); got != "/no/such/file を開けません: そのようなファイルやフォルダはありません" {
		t.Errorf("Japanese: %q", got)
	}
	if got := (Printer{}).Err(err); got != "can't open /no/such/file: no such file or directory" { // a sentence, not Go's "open /no/such/file: …"
		t.Errorf("English: %q", got)
	}
}

// TestOneIsSingular: English counts one in the singular, with its verb;
// other counts and Japanese are as written.
func TestOneIsSingular(t *testing.T) {
	en, ja := Printer{}, Printer{Lang: Japanese}
	for _, c := range []struct{ format, want string }{
		{"wrote (%d episodes, 5 KB)", "wrote (1 episode, 5 KB)"},
		{"replaced %d estimate lines with 3 lines", "replaced 1 estimate line with 3 lines"},
		{"%d payments were made in another currency", "1 payment was made in another currency"},
		{"%d lines (EUR 1.00) have no rate", "1 line (EUR 1.00) has no rate"},
		{"epubcheck: %d fatals, 0 errors", "epubcheck: 1 fatal, 0 errors"},
	} {
		if got := en.Sprintf(c.format, 1); got != c.want {
			t.Errorf("%q: %q, want %q", c.format, got, c.want)
		}
		if got := en.Sprintf(c.format, 21); strings.Contains(got, "21 ") && !strings.Contains(got, "s") {
			t.Errorf("%q with 21: %q", c.format, got)
		}
	}
	if got := ja.Sprintf("%d episodes", 1); got != "1 episodes" {
		t.Errorf("Japanese: %q", got)
	}
}

// TestOneRegister: a sentence ends in です・ます, whatever it says.
func TestOneRegister(t *testing.T) {
	for j, plain := range map[string]bool{
		"レートがありません。":       false,
		"取り込めませんでした。":      false,
		"記録しました。":          false,
		"取引を記録する":          false, // a help line: no 。, as a menu item
		"この行は推定だ。":         true,
		"レートがない。ほかは取り込んだ。": true,
		"台帳を更新した。":         true,
	} {
		if err := CheckStyle("x", j); (err != nil) != plain {
			t.Errorf("%q: %v", j, err)
		}
	}
}

// TestGlossaryIsDocumented: docs/glossary.md lists every word the
// vocabulary test holds the catalog to, so a translator reads the same list.
func TestGlossaryIsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "glossary.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range glossary() {
		row := "| " + g.ja + " |"
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/glossary.md has no row %q", row)
		}
		for _, n := range g.not {
			if !strings.Contains(string(doc), n) {
				t.Errorf("docs/glossary.md does not warn against %q (for %s)", n, g.ja)
			}
		}
	}
}
