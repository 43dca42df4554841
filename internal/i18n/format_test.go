package i18n

import (
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// callSites finds, for every constant format the code passes with
// arguments, the static types of those arguments at each call.
func callSites(t *testing.T) map[string][][]types.Type {
	t.Helper()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo, Dir: "../.."}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][][]types.Type{}
	for _, pkg := range pkgs {
		if strings.Contains(pkg.PkgPath, "/examples/") {
			continue
		}
		for _, f := range pkg.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || call.Ellipsis.IsValid() || !ours(pkg.TypesInfo, call.Fun) {
					return true
				}
				sig, ok := pkg.TypesInfo.TypeOf(call.Fun).(*types.Signature)
				if !ok || !sig.Variadic() || sig.Params().Len() < 2 {
					return true
				}
				j := sig.Params().Len() - 2
				if sig.Params().At(j).Name() != "format" || j >= len(call.Args) {
					return true
				}
				tv, ok := pkg.TypesInfo.Types[call.Args[j]]
				if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
					return true
				}
				var ts []types.Type
				for _, a := range call.Args[j+1:] {
					ts = append(ts, pkg.TypesInfo.TypeOf(a))
				}
				format := constant.StringVal(tv.Value)
				found[format] = append(found[format], ts)
				return true
			})
		}
	}
	return found
}

type sampleStringer struct{}

func (sampleStringer) String() string { return "x" }

// sample is a value of the kind t is, for fmt: what matters is what fmt
// does with it, so a named type stands as its underlying kind, an error as
// an error and anything with a String method as a Stringer.
func sample(t types.Type) any {
	if t == nil {
		return "x"
	}
	if types.Implements(t, errorType) {
		return errors.New("e")
	}
	if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "String"); obj != nil {
		if f, ok := obj.(*types.Func); ok && f.Signature().Params().Len() == 0 && f.Signature().Results().Len() == 1 {
			return sampleStringer{} // time.Duration, decimal.Decimal: fmt calls String
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsInteger != 0:
			return 7
		case u.Info()&types.IsFloat != 0:
			return 1.25
		case u.Info()&types.IsString != 0:
			return "x"
		case u.Info()&types.IsBoolean != 0:
			return true
		}
	case *types.Slice:
		return []string{"x"}
	}
	return sampleStringer{}
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// verbSample is a value a verb takes, for a format no call site shows.
func verbSample(verb byte) any {
	switch verb {
	case 'd', 'x', 'X', 'o', 'b', 'c':
		return 7
	case 'f', 'g', 'e', 'F', 'G', 'E':
		return 1.25
	case 't':
		return true
	}
	return "x"
}

// TestEveryMessageFormats renders every message of the catalog in both
// languages — with the arguments the code gives it where a call site shows
// their types, with what each verb takes elsewhere — and fails on any of
// fmt's complaints (%!f(BADINDEX), %!d(string=…), %!(EXTRA …), MISSING):
// the formats are data to the compiler, so only rendering them proves them.
func TestEveryMessageFormats(t *testing.T) {
	sites := callSites(t)
	if len(sites) < 100 {
		t.Fatalf("found only %d call sites: the scan is broken", len(sites))
	}
	var bad []string
	check := func(en string, args []any, where string) {
		for _, p := range []Printer{{Lang: English}, {Lang: Japanese}} {
			out := p.Sprintf(en, args...)
			if strings.Contains(out, "%!") {
				bad = append(bad, fmt.Sprintf("%s (%s): %q → %q", where, p.Lang, en, out))
			}
		}
	}
	for en, calls := range sites {
		for _, ts := range calls {
			args := make([]any, len(ts))
			for i, ty := range ts {
				args[i] = sample(ty)
			}
			check(en, args, "a call")
		}
	}
	for en := range ja() {
		vs := verbs(en)
		if len(vs) == 0 {
			continue
		}
		args := make([]any, len(vs))
		for i, v := range vs {
			args[i] = verbSample(v[len(v)-1])
		}
		check(en, args, "the catalog")
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// TestBrokenFormatsAreSeen: the checks above see each of fmt's complaints.
func TestBrokenFormatsAreSeen(t *testing.T) {
	for _, f := range []string{"%[2].1f", "%d %d", "%s"} {
		if out := fmt.Sprintf(f, 1.5); !strings.Contains(out, "%!") {
			t.Errorf("%q renders %q without a complaint", f, out)
		}
	}
	if got := verbs("%.1[2]f and %[1]d"); strings.Join(got, ",") != "1d,2f" {
		t.Errorf("verbs of an indexed precision: %v", got)
	}
}
