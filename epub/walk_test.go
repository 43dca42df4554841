package epub_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/booktest"
	"github.com/hanmoto/hanmoto/internal/novelgen"
)

// walkReport is what internal/tools/epubwalk/walk.js says of a book turned
// page by page in epub.js.
type walkReport struct {
	Direction string   `json:"direction"`
	Spine     []string `json:"spine"`
	Stuck     string   `json:"stuck"`
	Errors    []string `json:"errors"`
	Pages     []struct {
		Href         string   `json:"href"`
		Mode         string   `json:"mode"`
		Shows        []string `json:"shows"`
		TCY          int      `json:"tcy"`
		TCYUpright   int      `json:"tcyUpright"`
		SceneBreak   bool     `json:"sceneBreak"`
		Illustration bool     `json:"illustration"`
		CoverOffset  float64  `json:"coverOffset"` // the cover's middle from the page's, a fraction of its width; -1: none shown
		// IllustrationOffset is the same for an illustration
		IllustrationOffset float64 `json:"illustrationOffset"`
		// Sideways are the texts of a vertical book's front pages and
		// headings that show a half-width digit, ! or ? outside 縦中横
		Sideways []string `json:"sideways"`
		// Dakuten gives each あ゛ shown: the cells its span takes along the
		// line and the kana's size across it, in em
		Dakuten [][2]float64 `json:"dakuten"`
		// HeadingWeight is the heaviest computed font-weight of a heading
		// shown (0: none); Notes, any 青空文庫 note ［＃…］ in the text
		HeadingWeight int      `json:"headingWeight"`
		Notes         []string `json:"notes"`
	} `json:"pages"`
}

// walker is the walk script, or a skip: locally without node, its modules
// or chromium; in CI it must run (.ci/run installs all three).
func walker(t *testing.T) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "internal", "tools", "epubwalk")
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "epubjs")); err != nil {
		missing = "npm ci in internal/tools/epubwalk"
	} else if _, err := os.Stat(chromium()); err != nil {
		missing = "chromium (apt-get install chromium)"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must walk the books in epub.js: no %s", missing)
		}
		t.Skipf("the epub.js walk needs %s", missing)
	}
	return filepath.Join(dir, "walk.js")
}

func chromium() string {
	if c := os.Getenv("CHROMIUM"); c != "" {
		return c
	}
	return "/usr/bin/chromium"
}

func walkBook(t *testing.T, script string, data []byte, size ...string) *walkReport {
	t.Helper()
	file := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("node", append([]string{script, file}, size...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("walk.js: %v\n%s", err, stderr.String())
	}
	var r walkReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("walk.js said %q: %v", stdout.String(), err)
	}
	return &r
}

// sections lists the ids of the episodes and part titles in the book.
func sections(t *testing.T, data []byte) map[string]bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "EPUB/xhtml/p") {
			continue
		}
		body := readEntry(t, zr, f.Name)
		for _, class := range []string{`<section class="episode" id="`, `<section class="part" id="`} {
			for rest := body; ; {
				i := strings.Index(rest, class)
				if i < 0 {
					break
				}
				rest = rest[i+len(class):]
				ids[rest[:strings.IndexByte(rest, '"')]] = true
			}
		}
	}
	return ids
}

// checkWalk: no page shows two episodes (or a part title and an episode),
// every episode shows on some page, the writing mode and the direction are
// the book's, every 縦中横 on a page stands upright, every heading is in
// normal weight (KDP advises against bold kanji), no 青空文庫 note ［＃…］
// shows, and epub.js turned to the end without getting stuck or throwing.
func checkWalk(t *testing.T, name string, data []byte, r *walkReport, vertical bool) {
	t.Helper()
	if r.Stuck != "" {
		t.Errorf("%s: epub.js could not turn the pages of %s", name, r.Stuck)
	}
	if len(r.Errors) > 0 {
		t.Errorf("%s: the page threw %v", name, r.Errors)
	}
	wantMode, wantDir := "horizontal-tb", "ltr"
	if vertical {
		wantMode, wantDir = "vertical-rl", "rtl"
	}
	if r.Direction != wantDir && !(r.Direction == "" && wantDir == "ltr") {
		t.Errorf("%s: pages turn %q, want %s", name, r.Direction, wantDir)
	}
	seen := map[string]bool{}
	shared, tcy, headings := 0, 0, 0
	for i, p := range r.Pages {
		if p.Mode != wantMode {
			t.Errorf("%s: page %d (%s) is %s, want %s", name, i+1, p.Href, p.Mode, wantMode)
		}
		if len(p.Shows) > 1 {
			shared++
			if shared <= 5 {
				t.Errorf("%s: page %d (%s) shows %v at once", name, i+1, p.Href, p.Shows)
			}
		}
		for _, id := range p.Shows {
			seen[id] = true
		}
		if len(p.Sideways) > 0 {
			t.Errorf("%s: page %d (%s) shows %q on its side", name, i+1, p.Href, p.Sideways)
		}
		if p.HeadingWeight > 400 {
			t.Errorf("%s: page %d (%s) shows a heading of weight %d", name, i+1, p.Href, p.HeadingWeight)
		}
		if len(p.Notes) > 0 {
			t.Errorf("%s: page %d (%s) shows the 青空文庫 note %q", name, i+1, p.Href, p.Notes)
		}
		headings = max(headings, p.HeadingWeight)
		if p.TCY != p.TCYUpright {
			t.Errorf("%s: page %d (%s): %d of %d 縦中横 not upright", name, i+1, p.Href, p.TCY-p.TCYUpright, p.TCY)
		}
		tcy += p.TCY
	}
	if shared > 0 {
		t.Errorf("%s: %d of %d pages show two episodes", name, shared, len(r.Pages))
	}
	if headings == 0 {
		t.Errorf("%s: no page showed a heading's weight", name)
	}
	for id := range sections(t, data) {
		if !seen[id] {
			t.Errorf("%s: %s shows on no page", name, id)
		}
	}
	t.Logf("%s: %d pages walked, %d sections, %d 縦中横, none sharing a page", name, len(r.Pages), len(seen), tcy)
}

func TestWalkExample(t *testing.T) {
	t.Parallel()
	script := walker(t)
	data := build(t, "../examples/tsukiyo")
	r := walkBook(t, script, data)
	checkWalk(t, "example", data, r, true)
	pic, scene := false, false
	for _, p := range r.Pages {
		pic = pic || p.Illustration
		scene = scene || p.SceneBreak
	}
	if !pic || !scene {
		t.Errorf("the example's illustration shown: %v, scene break shown: %v", pic, scene)
	}
	// the cover stands in the middle of its page, in a vertical book too
	// (text-align centred it along the column only: 20–25 % off)
	covers := 0
	for _, p := range r.Pages {
		if p.CoverOffset >= 0 {
			covers++
			if p.CoverOffset > 0.02 {
				t.Errorf("the cover stands %.1f %% of the page's width off its middle", 100*p.CoverOffset)
			}
		}
	}
	if covers == 0 {
		t.Error("no page showed the cover")
	}
}

func TestWalkFixtures(t *testing.T) {
	t.Parallel()
	script := walker(t)
	for _, mode := range []string{"vertical", "horizontal"} {
		data := build(t, booktest.Fixtures(t, mode))
		checkWalk(t, "fixtures-"+mode, data, walkBook(t, script, data), mode == "vertical")
	}
}

// TestWalkLongNovel walks the generated 1,000-episode novel in parts, whose
// episodes share files: the stylesheet's column breaks are what start their
// pages. Some 4,000 pages: in CI, or with HANMOTO_WALK_LONG=1.
func TestWalkLongNovel(t *testing.T) {
	if os.Getenv("CI") == "" && os.Getenv("HANMOTO_WALK_LONG") == "" {
		t.Skip("walks 4,000 pages for minutes: set HANMOTO_WALK_LONG=1 (CI always does)")
	}
	t.Parallel()
	script := walker(t)
	dir := filepath.Join(t.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{}); err != nil {
		t.Fatal(err)
	}
	data := build(t, dir)
	checkWalk(t, "novel1000", data, walkBook(t, script, data, "1200", "1600"), true)
}

// TestWalkPortraitIllustration: a portrait illustration in a vertical book
// stands in the middle of its page (centred by text-align it stood at the
// column's side, 12.7 % off), and a landscape one too.
func TestWalkPortraitIllustration(t *testing.T) {
	t.Parallel()
	script := walker(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: 挿絵\nauthor: 試験者\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000002\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
	os.MkdirAll(filepath.Join(dir, "images"), 0o755)
	for name, size := range map[string][2]int{"portrait.png": {800, 1400}, "landscape.png": {1400, 800}} {
		img := image.NewGray(image.Rect(0, 0, size[0], size[1]))
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "images", name), buf.Bytes(), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "chapters", "001.md"), []byte("# 一\n\n　前の行。\n\n![立ち姿](../images/portrait.png)\n\n　間の行。\n\n![町](../images/landscape.png)\n\n　後の行。\n"), 0o644)
	data := build(t, dir)
	r := walkBook(t, script, data)
	shown := 0
	for _, p := range r.Pages {
		if p.IllustrationOffset >= 0 {
			shown++
			if p.IllustrationOffset > 0.02 {
				t.Errorf("an illustration stands %.1f %% of the page's width off its middle", 100*p.IllustrationOffset)
			}
		}
	}
	if shown < 2 {
		t.Errorf("%d pages showed an illustration", shown)
	}
}

// あ゛ in a vertical book is set in one cell with the kana at full size
// (text-combine-upright squeezed both into one cell at half width); a
// horizontal book sets the two as written, side by side.
func TestWalkDakuten(t *testing.T) {
	t.Parallel()
	script := walker(t)
	for _, mode := range []string{"vertical", "horizontal"} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: 叫び\nauthor: 試験者\nwriting-mode: "+mode+"\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000003\n"), 0o644)
		os.MkdirAll(filepath.Join(dir, "chapters"), 0o755)
		os.WriteFile(filepath.Join(dir, "chapters", "001.md"), []byte("# 一\n\n「あ゛あ゛あ゛っ」とア゛が叫んだ。\n"), 0o644)
		r := walkBook(t, script, build(t, dir))
		n := 0
		for _, p := range r.Pages {
			for _, d := range p.Dakuten {
				n++
				if d[0] < 0.9 || d[0] > 1.1 || d[1] < 0.9 {
					t.Errorf("%s: あ゛ takes %.2f cells along the line, the kana %.2f em across it: want one cell, the kana whole", mode, d[0], d[1])
				}
			}
		}
		if want := map[string]int{"vertical": 4, "horizontal": 0}[mode]; n != want {
			t.Errorf("%s: %d あ゛ set, want %d", mode, n, want)
		}
	}
}
