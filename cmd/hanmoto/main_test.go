package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/paperback/chrome"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the cmp files of testdata/*.txtar")

// The testscripts run the real binary's entry point: `hanmoto` in a script
// is run() in a child process of the test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"hanmoto": func() {
			os.Exit(run(os.Args, &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
				isTerminal: func(io.Writer) bool { return os.Getenv("HANMOTO_FAKE_TTY") != "" }}))
		},
	})
}

func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("EXAMPLES", filepath.Join(root, "examples"))
			e.Setenv("SHARED", filepath.Join(root, "..", "shared"))
			e.Setenv("CI", os.Getenv("CI"))
			return nil
		},
		// [printer]: Chromium and IPAex明朝 are here for hanmoto print;
		// under CI they must be (.ci/run installs them), so it holds there
		Condition: func(cond string) (bool, error) {
			if cond != "printer" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			if os.Getenv("CI") != "" {
				return true, nil
			}
			_, err := chrome.Find(os.Getenv)
			fonts, _ := exec.Command("fc-list", ":family=IPAexMincho").Output()
			return err == nil && len(bytes.TrimSpace(fonts)) > 0, nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"copydir": cmdCopyDir,
			"epubcat": cmdEpubCat,
			"xlsxset": cmdXLSXSet,
		},
	})
}

// xlsxset SRC DST SHEET CELL VALUE [SHEET CELL VALUE…] writes a copy of
// a workbook with cells changed: a number where VALUE reads as one, else
// text; CELL "name" renames SHEET to VALUE.
func cmdXLSXSet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 5 || (len(args)-2)%3 != 0 {
		ts.Fatalf("usage: xlsxset SRC DST SHEET CELL VALUE…")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	for i := 2; i < len(args); i += 3 {
		sheet, cell, v := args[i], args[i+1], args[i+2]
		switch x, err := strconv.ParseFloat(v, 64); {
		case cell == "name":
			ts.Check(f.SetSheetName(sheet, v))
		case err == nil:
			ts.Check(f.SetCellFloat(sheet, cell, x, -1, 64))
		default:
			ts.Check(f.SetCellStr(sheet, cell, v))
		}
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}

// copydir SRC DST copies a folder tree (testscript's cp takes files only).
func cmdCopyDir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: copydir SRC DST")
	}
	src, dst := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			if rel == "dist" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	ts.Check(err)
}

// epubcat FILE.epub ENTRY prints one entry of an EPUB to stdout.
func cmdEpubCat(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: epubcat FILE ENTRY")
	}
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == args[1] {
			rc, err := f.Open()
			ts.Check(err)
			var b bytes.Buffer
			_, err = b.ReadFrom(rc)
			ts.Check(err)
			ts.Stdout().Write(b.Bytes())
			return
		}
	}
	if !neg {
		ts.Fatalf("%s has no entry %s", args[0], args[1])
	}
}

// Exit codes are part of the interface: scripts check them by number here.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(filepath.Join(bad, "chapters"), 0o755)
	os.WriteFile(filepath.Join(bad, "book.yaml"), []byte("title: x\nidentifier: urn:x\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "chapters", "1.md"), []byte("<div>x</div>\n"), 0o644)
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"hanmoto", "--help"}, 0},
		{[]string{"hanmoto", "nosuchcommand"}, 2},
		{[]string{"hanmoto", "build", "--nosuchflag"}, 2},
		{[]string{"hanmoto", "build", "a", "b"}, 2},
		{[]string{"hanmoto", "build", "-q", bad}, 1},
		// a file or folder that isn't there is the command line's mistake: 2,
		// in every command
		{[]string{"hanmoto", "build", "-q", filepath.Join(dir, "missing")}, 2},
		{[]string{"hanmoto", "lint", filepath.Join(dir, "missing")}, 2},
		{[]string{"hanmoto", "check", filepath.Join(dir, "missing.epub")}, 2},
		{[]string{"hanmoto", "sales", "import", "--ledger", filepath.Join(dir, "l.db"), filepath.Join(dir, "missing.xlsx")}, 2},
		{[]string{"hanmoto", "rates", "import", "--ledger", filepath.Join(dir, "l.db"), filepath.Join(dir, "missing.csv")}, 2},
		{[]string{"hanmoto", "invest", "nav", "import", "--fund", "1", "--ledger", filepath.Join(dir, "l.db"), filepath.Join(dir, "missing.csv")}, 2},
		{[]string{"hanmoto", "invest", "import", "--ledger", filepath.Join(dir, "l.db"), filepath.Join(dir, "missing.csv")}, 2},
		{[]string{"hanmoto", "sales", "list", "--ledger", filepath.Join(dir, "none.db")}, 2},
		{[]string{"hanmoto", "report", "monthly", "--ledger", filepath.Join(dir, "none.db")}, 2},
		// a file that is there but wrong is the input's: 1
		{[]string{"hanmoto", "sales", "import", "--ledger", filepath.Join(dir, "l.db"), filepath.Join(bad, "book.yaml")}, 1},
		{[]string{"hanmoto", "lint", bad}, 1},
		{[]string{"hanmoto", "check", "--no-epubcheck", filepath.Join(bad, "book.yaml")}, 1},
		// values that can't be read are usage errors
		{[]string{"hanmoto", "invest", "buy", "--fund", "1", "--date", "2024-01-04", "--amount", "x"}, 2},
		{[]string{"hanmoto", "sales", "list", "--month", "13"}, 2},
		{[]string{"hanmoto", "--lang", "xx", "--help"}, 2},
		{[]string{"hanmoto", "sales", "nosuch"}, 2},
		{[]string{"hanmoto", "--version"}, 0},
		{[]string{"hanmoto", "version"}, 0},
		{[]string{"hanmoto", "sales"}, 0},
		{[]string{"hanmoto", "help"}, 0},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		got := run(c.args, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }})
		if got != c.want {
			t.Errorf("%s: exit %d, want %d\nstderr: %s", strings.Join(c.args, " "), got, c.want, errb.String())
		}
	}
}
