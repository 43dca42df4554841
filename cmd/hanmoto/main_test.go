package main

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/golden"
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
			stdout, stderr, done := replayLog(os.Args)
			code := run(os.Args, &env{stdout: stdout, stderr: stderr, getenv: os.Getenv,
				isTerminal: func(io.Writer) bool { return os.Getenv("HANMOTO_FAKE_TTY") != "" }})
			if done() {
				code = 0 // a replay asks only what was said
			}
			os.Exit(code)
		},
	})
}

func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		// what -update rewrites is shown, so a refresh is read (go test -v)
		before := map[string][]byte{}
		scripts, _ := filepath.Glob("testdata/*.txtar")
		for _, s := range scripts {
			before[s], _ = os.ReadFile(s)
		}
		defer func() {
			for s, old := range before {
				now, _ := os.ReadFile(s)
				golden.Updated(t, s, old, now)
			}
		}()
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
		Cmds: scriptCmds(),
	})
}

// scriptCmds are the testscripts' own commands.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"copydir":  cmdCopyDir,
		"epubcat":  cmdEpubCat,
		"xlsxset":  cmdXLSXSet,
		"xlsxbomb": cmdXLSXBomb,
		"bigpng":   cmdBigPNG,
		"samefig":  cmdSameFig,
		"payinyen": cmdPayInYen,
		"sjis":     cmdSJIS,
		"zipone":   cmdZipOne,
		"settime":  cmdSetTime,
		"nowords":  cmdNoWordsIn,
	}
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

// xlsxbomb nested|strings FILE writes a small workbook built to exhaust
// memory: 9 million nested elements in its sheet, or 3.5 million shared
// strings, each well under the 64 MB unpacked limit.
func cmdXLSXBomb(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: xlsxbomb nested|strings FILE")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		ts.Check(err)
		_, err = io.WriteString(w, body)
		ts.Check(err)
	}
	put("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`)
	put("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="eBook Royalty" sheetId="1"/></sheets></workbook>`)
	w, err := zw.Create(map[string]string{"nested": "xl/worksheets/sheet1.xml", "strings": "xl/sharedStrings.xml"}[args[0]])
	ts.Check(err)
	switch args[0] {
	case "nested":
		io.WriteString(w, "<worksheet>")
		for i := 0; i < 9_000_000/100_000; i++ {
			io.WriteString(w, strings.Repeat("<a>", 100_000))
		}
		for i := 0; i < 9_000_000/100_000; i++ {
			io.WriteString(w, strings.Repeat("</a>", 100_000))
		}
		io.WriteString(w, "</worksheet>")
	case "strings":
		io.WriteString(w, "<sst>")
		for i := 0; i < 35; i++ {
			io.WriteString(w, strings.Repeat("<si><t>x</t></si>", 100_000))
		}
		io.WriteString(w, "</sst>")
	default:
		ts.Fatalf("xlsxbomb: nested or strings")
	}
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), buf.Bytes(), 0o644))
}

// bigpng W H FILE writes a transparent PNG of W × H pixels; past 10
// million, only its first row: a few hundred bytes whose header says they
// decode into W × H × 4 bytes.
func cmdBigPNG(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: bigpng W H FILE")
	}
	w, err := strconv.Atoi(args[0])
	ts.Check(err)
	h, err := strconv.Atoi(args[1])
	ts.Check(err)
	chunk := func(b *bytes.Buffer, typ string, data []byte) {
		binary.Write(b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk(&b, "IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	rows := h
	if w*h > 10_000_000 {
		rows = 1 // the header is what is read: the rest need not be there
	}
	row := make([]byte, 4*w+1)
	for i := 0; i < rows; i++ {
		zw.Write(row)
	}
	zw.Close()
	chunk(&b, "IDAT", z.Bytes())
	chunk(&b, "IEND", nil)
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), b.Bytes(), 0o644))
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
