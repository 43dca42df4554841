package lint_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/golden"
	"github.com/hanmoto/hanmoto/manuscript/lint"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want and fixed/ sections")

// defaultConfig opts in to every style rule's fix, so that the cases show
// each fix; style_fix_opt_in.txtar shows what --fix does without.
const defaultConfig = "title: テスト\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n" +
	"lint:\n  fix: [paragraph-start, punct-before-close, punct-doubled, indent-doubled, indent-before-bracket, space-after-mark, ellipsis-even, dash-even, ellipsis-style, dash-style, halfwidth-mark]\n"

// Each testdata/*.txtar holds a manuscript's files, "want" — the findings
// in text form — and fixed/<file> for each file --fix must change. After the
// fixes, a second --fix must change nothing.
func TestRuleFindingsAndFixes(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			inputs := map[string][]byte{}
			wantFixed := map[string][]byte{}
			var want []byte
			hasWant := false
			for _, f := range ar.Files {
				switch {
				case f.Name == "want":
					want, hasWant = f.Data, true
				case strings.HasPrefix(f.Name, "fixed/"):
					wantFixed[strings.TrimPrefix(f.Name, "fixed/")] = f.Data
				default:
					inputs[f.Name] = f.Data
				}
			}
			if _, ok := inputs["book.yaml"]; !ok {
				inputs["book.yaml"] = []byte(defaultConfig)
			}
			for name, data := range inputs {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, data, 0o644)
			}
			res, err := lint.Run(dir, lint.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, f := range res.Findings {
				got.WriteString(f.String() + "\n")
			}
			if _, _, _, err := lint.FixAll(dir, lint.Options{}); err != nil {
				t.Fatal(err)
			}
			gotFixed := map[string][]byte{}
			for name, data := range inputs {
				now, _ := os.ReadFile(filepath.Join(dir, name))
				if !bytes.Equal(now, data) {
					gotFixed[name] = now
				}
			}
			n, _, _, err := lint.FixAll(dir, lint.Options{})
			if err != nil || n != 0 {
				t.Errorf("a second --fix made %d fixes (err %v): fixes must be idempotent", n, err)
			}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if f.Name != "want" && !strings.HasPrefix(f.Name, "fixed/") {
						files = append(files, f)
					}
				}
				files = append(files, txtar.File{Name: "want", Data: got.Bytes()})
				for _, f := range ar.Files {
					if _, ok := gotFixed[f.Name]; ok {
						files = append(files, txtar.File{Name: "fixed/" + f.Name, Data: gotFixed[f.Name]})
					}
				}
				old := txtar.Format(ar)
				ar.Files = files
				golden.Updated(t, file, old, txtar.Format(ar))
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			if !hasWant {
				t.Fatal("the case has no want section (go test -update writes it)")
			}
			if got.String() != string(want) {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got.String(), want)
			}
			for name, data := range gotFixed {
				if !bytes.Equal(data, wantFixed[name]) {
					t.Errorf("--fix on %s gives\n%s\nwant\n%s", name, data, wantFixed[name])
				}
			}
			for name := range wantFixed {
				if _, ok := gotFixed[name]; !ok {
					t.Errorf("--fix did not change %s", name)
				}
			}
		})
	}
}
