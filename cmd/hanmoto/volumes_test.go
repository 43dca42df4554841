package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
	"github.com/hanmoto/hanmoto/paperback/chrome"
	"github.com/rogpeppe/go-internal/testscript"
)

func hanmoto(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
	if code := run(append([]string{"hanmoto"}, args...), e); code != 0 {
		t.Fatalf("hanmoto %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String()
}

// A serial planned into volumes (volumes plan --write) builds each volume
// to dist/<series>_第N巻.epub. Forty more episodes, posted later, go to the
// last volume, which runs to the serial's end: every earlier volume's
// EPUB is the same bytes, and the last one's changes.
func TestVolumesKeepTheirBytes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 120, PerPart: 1000, Web: true}); err != nil {
		t.Fatal(err)
	}
	plan := hanmoto(t, "volumes", "plan", dir, "--target", "4万", "--write")
	if !strings.Contains(plan, "episodes") {
		t.Fatalf("no plan:\n%s", plan)
	}
	// every file of the serial as of March, book.yaml too
	old := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
	hanmoto(t, "build", "-q", "--volume", "all", dir)
	before, _ := filepath.Glob(filepath.Join(dir, "dist", "*_第*巻.epub"))
	if len(before) < 3 {
		t.Fatalf("%d volumes built: %v", len(before), before)
	}
	read := func(files []string) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range files {
			m[filepath.Base(f)], _ = os.ReadFile(f)
		}
		return m
	}
	first := read(before)
	// forty more episodes, posted today
	src, _ := os.ReadFile(filepath.Join(dir, "chapters", "001.md"))
	for i := 121; i <= 160; i++ {
		file := filepath.Join(dir, "chapters", fmt.Sprintf("%03d.md", i))
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(file, old.AddDate(0, 1, 0), old.AddDate(0, 1, 0))
	}
	// the last volume runs to the serial's end: it takes them
	keep := len(before) - 1
	hanmoto(t, "build", "-q", "--volume", "all", dir)
	after, _ := filepath.Glob(filepath.Join(dir, "dist", "*_第*巻.epub"))
	second := read(after)
	same := 0
	for i := 1; i <= keep; i++ {
		name := fmt.Sprintf("_第%d巻.epub", i)
		for f, data := range first {
			if strings.HasSuffix(f, name) {
				if !bytes.Equal(data, second[f]) {
					t.Errorf("%s changed when episodes were added after it", f)
				} else {
					same++
				}
			}
		}
	}
	if same != keep {
		t.Errorf("%d of the %d earlier volumes kept their bytes", same, keep)
	}
	last := fmt.Sprintf("_第%d巻.epub", len(before))
	for f, data := range first {
		if strings.HasSuffix(f, last) && bytes.Equal(data, second[f]) {
			t.Errorf("%s, which took the new episodes, is unchanged", f)
		}
	}
	t.Logf("%d volumes, then %d: %d kept their bytes", len(before), len(after), same)
}

// settime TIME FILE... sets the files' modification times (RFC 3339), as
// a save on that day would have.
func cmdSetTime(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: settime TIME FILE...")
	}
	t, err := time.Parse(time.RFC3339, args[0])
	ts.Check(err)
	for _, f := range args[1:] {
		ts.Check(os.Chtimes(ts.MkAbs(f), t, t))
	}
}

// A web serial of 1,000 episodes of uneven lengths becomes volumes of a
// 新書 on cream paper whose size the page limit decides (a target of 30万
// characters prints past 776 pages): every volume builds and passes
// KDP's rules; the first, a middle and the last pass epubcheck with
// nothing to say; the first and the last print, and poppler counts their
// pages inside KDP's limits and within 8 % of the plan's estimate.
func TestSerialOfAThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("prints two 650-page volumes (about a minute)")
	}
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 1000, Web: true}); err != nil {
		t.Fatal(err)
	}
	out := hanmoto(t, "volumes", "plan", dir, "--target", "30万", "--trim", "shinsho", "--paper", "cream", "--write", "--format", "csv")
	var est []int
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		f := strings.Split(l, ",")
		p, err := strconv.Atoi(f[len(f)-1])
		if err != nil {
			t.Fatalf("plan line %q", l)
		}
		est = append(est, p)
	}
	n := len(est)
	if n < 3 {
		t.Fatalf("%d volumes:\n%s", n, out)
	}
	hanmoto(t, "build", "-q", "--volume", "all", dir)
	for v := 1; v <= n; v++ {
		hanmoto(t, "check", "-q", "--no-epubcheck", "--volume", strconv.Itoa(v), dir)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "dist", "*_第*巻.epub"))
	if len(files) != n {
		t.Fatalf("%d EPUBs for %d volumes", len(files), n)
	}
	for _, v := range []int{1, (n + 1) / 2, n} {
		file := filepath.Join(dir, "dist", manuscript.VolumeFileName("辺境ギルドの見習い記録", v, "ja")+".epub")
		res, ran, err := epub.Epubcheck(file)
		switch {
		case err != nil:
			t.Fatal(err)
		case !ran && os.Getenv("CI") != "":
			t.Fatal("CI must run epubcheck: apt-get install epubcheck")
		case !ran:
			t.Log("no epubcheck here")
		case res.Fatals+res.Errors+res.Warnings > 0:
			t.Errorf("volume %d: epubcheck %d fatals, %d errors, %d warnings\n%s", v, res.Fatals, res.Errors, res.Warnings, res.Output)
		}
	}
	if _, err := chrome.Find(os.Getenv); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must print: apt-get install chromium")
		}
		t.Skip("no Chromium here: the volumes are not printed")
	}
	for _, v := range []int{1, n} {
		pdf := filepath.Join(t.TempDir(), "v.pdf")
		hanmoto(t, "print", "-q", "--volume", strconv.Itoa(v), "--trim", "shinsho", "--paper", "cream", "-o", pdf, "--cover", pdf+".cover.pdf", dir)
		info, err := exec.Command("pdfinfo", pdf).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		var pages int
		for _, l := range strings.Split(string(info), "\n") {
			if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
				pages, _ = strconv.Atoi(f[1])
			}
		}
		if pages < paperback.MinPages || pages > paperback.MaxPagesOn(paperback.Cream) {
			t.Errorf("volume %d prints on %d pages: KDP binds %d to %d on cream", v, pages, paperback.MinPages, paperback.MaxPagesOn(paperback.Cream))
		}
		if d := float64(pages-est[v-1]) / float64(est[v-1]); d > 0.08 || d < -0.08 {
			t.Errorf("volume %d prints on %d pages, the plan said %d", v, pages, est[v-1])
		}
		t.Logf("volume %d of %d: %d pages, %d estimated", v, n, pages, est[v-1])
	}
}
