package paperback_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/booktest"
	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
	"github.com/hanmoto/hanmoto/paperback/chrome"
)

// The prints are checked from the PDFs themselves, by poppler's tools and
// qpdf — readers that are not ours — against KDP's rules.

// needPrinter gives the browser, or skips; under CI a missing tool fails
// (.ci/run installs them).
func needPrinter(t *testing.T) string {
	t.Helper()
	path, err := chrome.Find(os.Getenv)
	missing := ""
	if err != nil {
		missing = "chromium"
	}
	for _, tool := range []string{"pdfinfo", "pdffonts", "pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing += " " + tool
		}
	}
	if out, _ := exec.Command("fc-list", ":family=IPAexMincho").Output(); len(bytes.TrimSpace(out)) == 0 {
		missing += " fonts-ipaexfont-mincho"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have%s (apt-get install chromium poppler-utils qpdf fonts-ipaexfont-mincho)", missing)
		}
		t.Skipf("needs%s", missing)
	}
	return path
}

type printed struct {
	book *manuscript.Book
	res  *paperback.Result
	dir  string // where the PDFs were written
	opt  paperback.Options
}

func printBook(t *testing.T, dir string, opt paperback.Options) *printed {
	t.Helper()
	opt.Chrome = needPrinter(t)
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: paperback.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	if opt.Trim.Name == "" && b.Config.Print.Trim != "" {
		opt.Trim, err = paperback.FindTrim(b.Config.Print.Trim)
		if err != nil {
			t.Fatal(err)
		}
	}
	if opt.Paper == "" && b.Config.Print.Paper != "" {
		opt.Paper = paperback.Paper(b.Config.Print.Paper)
	}
	res, err := paperback.Print(context.Background(), b, opt)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for name, data := range map[string][]byte{"interior.pdf": res.Interior, "cover.pdf": res.Cover} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if opt.Paper == "" {
		opt.Paper = paperback.White
	}
	return &printed{book: b, res: res, dir: out, opt: opt}
}

// grid is the print's 版面: characters a line, lines a page.
func grid(p *printed) (chars, lines int) {
	return p.res.Geometry.Grid(p.book.Config.Vertical())
}

// writeBook writes a manuscript for a test: book.yaml (title and yaml's
// further lines) and files, by their paths in the manuscript.
func writeBook(t *testing.T, title, yaml string, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	files["book.yaml"] = []byte("title: " + title + "\nauthor: 坂上ゆかり\nlanguage: ja\nidentifier: urn:uuid:5b0c2a7e-2f4d-4b59-8a51-8c3a3c0e7d2f\ndate: 2026-10-01\nwriting-mode: vertical\n" + yaml)
	for name, data := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func (p *printed) file(name string) string { return filepath.Join(p.dir, name) }

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

const ptMM = 25.4 / 72

// boxes reads each page's media and trim boxes with pdfinfo.
func boxes(t *testing.T, file string, pages int) (media, trim [][4]float64) {
	out := run(t, "pdfinfo", "-box", "-f", "1", "-l", strconv.Itoa(pages), file)
	re := regexp.MustCompile(`Page\s+(\d+)\s+(MediaBox|TrimBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)`)
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[3+i], 64)
		}
		if m[2] == "MediaBox" {
			media = append(media, v)
		} else {
			trim = append(trim, v)
		}
	}
	return media, trim
}

type word struct {
	x0, y0, x1, y1 float64 // points from the page's top-left
	text           string
}

type page struct {
	w, h     float64
	words    []word
	vertical bool // the book's direction, for text
}

var (
	pageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>`)
)

// words reads every word's box on every page with pdftotext -bbox.
func words(t *testing.T, file string) []page {
	out := run(t, "pdftotext", "-bbox", file, "-")
	var pages []page
	for _, line := range strings.Split(out, "\n") {
		if m := pageRe.FindStringSubmatch(line); m != nil {
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			pages = append(pages, page{w: w, h: h})
			continue
		}
		if m := wordRe.FindStringSubmatch(line); m != nil && len(pages) > 0 {
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(m[1+i], 64)
			}
			p := &pages[len(pages)-1]
			p.words = append(p.words, word{v[0], v[1], v[2], v[3], unescape(m[5])})
		}
	}
	return pages
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// text is the page's words in reading order: in vertical text, column by
// column from the right, each from the top (pdftotext orders the glyphs of
// a vertical page by neither); a column is the words of one left edge.
func (pg page) text() string {
	type column struct {
		x     float64
		words []word
	}
	var cols []*column
	byX := map[string]*column{}
	vertical := pg.vertical
	for _, w := range pg.words {
		key := fmt.Sprintf("%.2f", w.x0)
		if !vertical {
			key = fmt.Sprintf("%.2f", w.y0)
		}
		c := byX[key]
		if c == nil {
			c = &column{x: w.x0}
			if !vertical {
				c.x = -w.y0
			}
			byX[key] = c
			cols = append(cols, c)
		}
		c.words = append(c.words, w)
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].x > cols[j].x })
	var b strings.Builder
	for _, c := range cols {
		sort.SliceStable(c.words, func(i, j int) bool {
			if vertical {
				return c.words[i].y0 < c.words[j].y0
			}
			return c.words[i].x0 < c.words[j].x0
		})
		for _, w := range c.words {
			b.WriteString(w.text)
		}
	}
	return squeeze(b.String())
}

// noDigits keeps a title's kana and kanji but for the kanji digits: a
// number set 縦中横 stands across its column and pdftotext reads it apart
// from the column's glyphs, a longer one is set in 漢数字 (2026 →
// 二〇二六), and a Latin letter or sign lies on its side apart from the
// column too.
func noDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("〇一二三四五六七八九", r) || !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return -1
		}
		return r
	}, s)
}

var kanjiDigits = []rune("〇一二三四五六七八九")

func kanjiNumber(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(kanjiDigits[c-'0'])
	}
	return b.String()
}

// checkInterior applies KDP's interior rules and the book's own.
func checkInterior(t *testing.T, p *printed) {
	t.Helper()
	res, g := p.res, p.res.Geometry
	file := p.file("interior.pdf")
	n := res.Pages
	if info := run(t, "pdfinfo", file); !strings.Contains(info, fmt.Sprintf("Pages:           %d\n", n)) {
		t.Fatalf("pdfinfo disagrees on the page count %d:\n%s", n, info)
	}
	if n%2 != 0 {
		t.Errorf("%d pages: KDP's pages come in leaves, an even count", n)
	}
	// the estimate before any layout never says more pages than the layout
	// makes: it refuses books before Chromium starts
	if chars, lines := grid(p); paperback.EstimatePages(p.book, chars, lines) > n {
		est := paperback.EstimatePages(p.book, chars, lines)
		t.Errorf("estimated %d pages before the layout, which made %d: the estimate must be a bound below", est, n)
	}
	// the sheet: the trim (plus bleed) to 0.1 mm, the trim box the trim
	media, trim := boxes(t, file, n)
	if len(media) != n || len(trim) != n {
		t.Fatalf("pdfinfo gave %d media and %d trim boxes for %d pages", len(media), len(trim), n)
	}
	for i := range media {
		w, h := (media[i][2]-media[i][0])*ptMM, (media[i][3]-media[i][1])*ptMM
		if math.Abs(w-g.PageW) > 0.1 || math.Abs(h-g.PageH) > 0.1 {
			t.Errorf("page %d is %.2f × %.2f mm, want %.2f × %.2f", i+1, w, h, g.PageW, g.PageH)
		}
		tw, th := (trim[i][2]-trim[i][0])*ptMM, (trim[i][3]-trim[i][1])*ptMM
		if math.Abs(tw-g.Trim.W) > 0.1 || math.Abs(th-g.Trim.H) > 0.1 {
			t.Errorf("page %d's trim is %.2f × %.2f mm, want %.2f × %.2f", i+1, tw, th, g.Trim.W, g.Trim.H)
		}
	}
	checkFonts(t, file)
	checkNoLinks(t, file)

	pages := words(t, file)
	if len(pages) != n {
		t.Fatalf("pdftotext read %d pages of %d", len(pages), n)
	}
	rightBound := p.book.Config.Vertical()
	for i := range pages {
		pages[i].vertical = rightBound
	}
	checkArea(t, p, pages)
	gutter := paperback.Gutter(n)
	outside := paperback.OutsideMM
	if g.Bleed {
		outside = paperback.OutsideBleedMM
	}
	// the head and foot bands: where 柱 and ノンブル go, outside the type area
	headBand, footBand := g.Top/ptMM, (g.PageH-g.Bottom)/ptMM
	tocPages := map[int]bool{}
	for i, pg := range pages {
		no := i + 1
		// page 1 of a right-bound book is a left-hand page: its spine on
		// its right
		spineRight := (no%2 == 1) == rightBound
		for _, w := range pg.words {
			left, right := w.x0*ptMM, (pg.w-w.x1)*ptMM
			top, foot := w.y0*ptMM, (pg.h-w.y1)*ptMM
			spine, fore := left, right
			if spineRight {
				spine, fore = right, left
			}
			if spine < gutter-0.05 || fore < outside-0.05 || top < outside-0.05 || foot < outside-0.05 {
				t.Errorf("page %d: %q is %.1f mm from the spine (≥ %.1f), %.1f from the fore edge, %.1f from the head, %.1f from the foot (≥ %.1f)",
					no, w.text, spine, gutter, fore, top, foot, outside)
			}
		}
	}
	// the 目次: from page 3 (after the 扉 and its back) to the first entry
	for no := 3; no < res.TOC[0].Page; no++ {
		if pages[no-1].text() != "" {
			tocPages[no] = true
		}
	}
	// the 目次: every entry on the page it names, parts on odd pages
	var toc strings.Builder
	for no := range tocPages {
		toc.WriteString(pages[no-1].text())
	}
	parts := map[int]bool{}
	for _, l := range res.TOC {
		if l.Page < 1 || l.Page > n {
			t.Errorf("%q: page %d of %d", l.Title, l.Page, n)
			continue
		}
		if !strings.Contains(noDigits(pages[l.Page-1].text()), noDigits(l.Title)) {
			t.Errorf("the 目次 puts %q on page %d, which reads %.60q", l.Title, l.Page, pages[l.Page-1].text())
		}
		num := strconv.Itoa(l.Page)
		if rightBound {
			num = kanjiNumber(l.Page)
		}
		if !strings.Contains(noDigits(toc.String()), noDigits(l.Title)) || !strings.Contains(toc.String(), num) {
			t.Errorf("the 目次 lacks %q or its page %s", l.Title, num)
		}
		if l.Part {
			parts[l.Page] = true
			if l.Page%2 == 0 && p.opt.PartStart != paperback.PartOnPage {
				t.Errorf("part %q starts on page %d, an even page", l.Title, l.Page)
			}
		}
	}
	// 改ページ: a part's first episode on the page after its title
	if p.opt.PartStart == paperback.PartOnPage {
		for i, l := range res.TOC {
			if l.Part && i+1 < len(res.TOC) && res.TOC[i+1].Page != l.Page+1 {
				t.Errorf("part %q on page %d, its first episode on page %d", l.Title, l.Page, res.TOC[i+1].Page)
			}
		}
	}
	// 柱 and ノンブル: on the text pages, none on the 扉, blank, part and
	// 奥付 pages; a blank page is blank. The 柱 of an odd page is an
	// episode's title, of an even one the part's or the book's (cut to
	// 30 characters with …)
	// a head's words come in pdftotext's order, which may put 停車場
	// before 第12話: heads compare by their characters, sorted
	cut := func(s string) string {
		r := []rune(s)
		if len(r) > 30 {
			r = append(r[:29], '…')
		}
		r = []rune(squeeze(string(r)))
		slices.Sort(r)
		return string(r)
	}
	heads := [2]map[string]bool{{}, {}}
	heads[0][cut(p.book.Config.Title)] = true
	if p.book.Config.ShortTitle != "" {
		heads[0][cut(p.book.Config.ShortTitle)] = true
	}
	for _, part := range p.book.Parts {
		heads[0][cut(part.Title)] = true
		for _, ep := range part.Episodes {
			heads[1][cut(ep.Title)] = true
		}
	}
	first := res.TOC[0].Page
	for i, pg := range pages {
		no := i + 1
		var inHead, inFoot []string
		body := 0
		for _, w := range pg.words {
			switch {
			case w.y1 <= headBand+0.5:
				inHead = append(inHead, w.text)
			case w.y0 >= footBand-0.5:
				inFoot = append(inFoot, w.text)
			default:
				body++
			}
		}
		noFolio := no == 1 || no == n || parts[no] || body == 0
		switch {
		case noFolio && (len(inHead) > 0 || len(inFoot) > 0):
			t.Errorf("page %d (扉, blank, part or 奥付) has a 柱 or ノンブル: %q %q", no, inHead, inFoot)
		case !noFolio && (no >= first || tocPages[no]) && strings.Join(inFoot, "") != strconv.Itoa(no):
			t.Errorf("page %d's ノンブル reads %q", no, inFoot)
		case !noFolio && no >= first && len(inHead) == 0:
			t.Errorf("page %d has no 柱", no)
		case !noFolio && no >= first && !heads[no%2][cut(strings.Join(inHead, ""))]:
			t.Errorf("page %d's 柱 reads %q: an odd page's is its episode's title, an even page's its part's or the book's", no, strings.Join(inHead, ""))
		}
	}
	// the 奥付 is the last page
	if last := pages[n-1].text(); !strings.Contains(last, squeeze(p.book.Config.Title)) || !strings.Contains(last, "発行") {
		t.Errorf("the last page is not the 奥付: %.80q", last)
	}
	checkText(t, p, pages, headBand, footBand)
}

func checkFonts(t *testing.T, file string) {
	t.Helper()
	out := run(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts found no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		if strings.Contains(l, "Type 3") {
			t.Errorf("a Type 3 font: %s", l)
		}
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID: emb is the 5th from the end
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("a font not embedded: %s", l)
		}
	}
}

// checkNoLinks looks for what KDP refuses in the file qpdf writes out
// uncompressed: link annotations and an outline.
func checkNoLinks(t *testing.T, file string) {
	t.Helper()
	qdf := filepath.Join(t.TempDir(), "q.pdf")
	run(t, "qpdf", "--qdf", "--object-streams=disable", file, qdf)
	run(t, "qpdf", "--check", file)
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"/Annots", "/Outlines", "/Link", "/URI"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("the PDF has %s", bad)
		}
	}
	// no soft masks: KDP asks for transparency flattened. The 目次's
	// leaders were once a painted gradient, which the browser printed as
	// shapes under soft masks, and a PNG's alpha came out as its image's
	// soft mask (pdfimages lists it as "smask")
	if n := bytes.Count(data, []byte("/SMask")); n > 0 {
		t.Errorf("the PDF has %d soft masks (/SMask): transparency KDP asks to have flattened", n)
	}
	for _, line := range strings.Split(run(t, "pdfimages", "-list", file), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[2] == "smask" {
			t.Errorf("an image has a soft mask: %s", line)
		}
	}
}

// the EPUB's text as a reader sees it: not its head, ruby's fallback
// parentheses, or an illustration's SVG title (its alt text)
var tagRe = regexp.MustCompile(`(?s)<head>.*?</head>|<rp>.*?</rp>|<title>.*?</title>|<[^>]*>`)

// checkText compares the kana and kanji of the printed body pages with
// the EPUB's episodes and part titles: within 1 %.
func checkText(t *testing.T, p *printed, pages []page, headBand, footBand float64) {
	t.Helper()
	files := map[string][]byte{}
	b, err := manuscript.Load(p.book.Dir, manuscript.Options{ImagePrefix: epub.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := epub.Write(b, nil, epub.Options{Files: files}); err != nil {
		t.Fatal(err)
	}
	var ebook strings.Builder
	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/xhtml/p") {
			ebook.WriteString(tagRe.ReplaceAllString(string(data), ""))
		}
	}
	var print strings.Builder
	for i := p.res.TOC[0].Page - 1; i < len(pages)-1; i++ {
		for _, w := range pages[i].words {
			if w.y1 > headBand+0.5 && w.y0 < footBand-0.5 {
				print.WriteString(w.text)
			}
		}
	}
	count := func(s string) (kana, kanji int) {
		for _, r := range s {
			switch {
			case unicode.In(r, unicode.Hiragana, unicode.Katakana):
				kana++
			case unicode.Is(unicode.Han, r):
				kanji++
			}
		}
		return
	}
	ek, ej := count(ebook.String())
	pk, pj := count(print.String())
	if ek == 0 || math.Abs(float64(pk-ek))/float64(ek) > 0.01 || math.Abs(float64(pj-ej))/float64(ej) > 0.01 {
		t.Errorf("the print has %d kana and %d kanji, the EPUB %d and %d", pk, pj, ek, ej)
	}
}

// checkCover applies KDP's cover rules: its size by the formula, the
// fonts, nothing within 6.4 mm of the trim, the front on the left of a
// right-bound book.
func checkCover(t *testing.T, p *printed) {
	t.Helper()
	file := p.file("cover.pdf")
	g := p.res.Geometry
	per := 0.0572
	if p.opt.Paper == paperback.Cream {
		per = 0.0635
	}
	spine := float64(p.res.Pages) * per
	wantW := 3.175 + g.Trim.W + spine + g.Trim.W + 3.175
	wantH := g.Trim.H + 2*3.175
	media, trim := boxes(t, file, 1)
	if len(media) != 1 {
		t.Fatalf("the cover has %d pages", len(media))
	}
	w, h := (media[0][2]-media[0][0])*ptMM, (media[0][3]-media[0][1])*ptMM
	if math.Abs(w-wantW) > 0.2 || math.Abs(h-wantH) > 0.2 {
		t.Errorf("the cover is %.2f × %.2f mm; KDP's formula gives %.2f × %.2f", w, h, wantW, wantH)
	}
	if tw := (trim[0][2] - trim[0][0]) * ptMM; math.Abs(tw-(wantW-6.35)) > 0.2 {
		t.Errorf("the cover's trim box is %.2f mm wide", tw)
	}
	checkFonts(t, file)
	checkNoLinks(t, file)
	pg := words(t, file)[0]
	panel := (3.175 + g.Trim.W) / ptMM // the left panel's right edge, in points
	spineEnd := panel + spine/ptMM
	title := squeeze(p.book.Config.Title)
	front := page{vertical: p.book.Config.Vertical()}
	var onSpine strings.Builder
	for _, wd := range pg.words {
		for _, d := range []float64{wd.x0, pg.w - wd.x1, wd.y0, pg.h - wd.y1} {
			if d*ptMM < 3.175+paperback.CoverSafeMM-0.05 {
				t.Errorf("%q is %.1f mm from the cover's edge", wd.text, d*ptMM)
			}
		}
		frontPanel := wd.x1 <= panel
		if !p.book.Config.Vertical() { // a left-bound book's front is the right panel
			frontPanel = wd.x0 >= spineEnd
		}
		switch {
		case frontPanel:
			front.words = append(front.words, wd)
		case wd.x0 >= panel && wd.x1 <= spineEnd:
			onSpine.WriteString(wd.text)
			// KDP keeps 1.6 mm (0.0625 in) clear on either side of
			// the spine's text
			if a, b := (wd.x0-panel)*ptMM, (spineEnd-wd.x1)*ptMM; min(a, b) < 1.6-0.1 {
				t.Errorf("the spine's %q is %.2f and %.2f mm from the spine's edges (≥ 1.6)", wd.text, a, b)
			}
		}
	}
	if p.book.Cover == "" && !strings.Contains(front.text(), title) {
		t.Errorf("the front lacks the title: %q", front.text())
	}
	// text on the spine from 79 pages, where it can be set large enough
	// to read, and a warning where it can't
	if p.res.SpineText != strings.Contains(onSpine.String(), title) || p.res.SpineText && p.res.Pages < paperback.SpineTextPages {
		t.Errorf("%d pages, spine text %v: %q", p.res.Pages, p.res.SpineText, onSpine.String())
	}
	if p.res.Pages >= paperback.SpineTextPages && !p.res.SpineText {
		warned := false
		for _, w := range p.res.Warnings {
			warned = warned || strings.Contains(w.Msg.String(), "spine")
		}
		if !warned {
			t.Errorf("%d pages and a blank spine, without a word why", p.res.Pages)
		}
	}
}

func TestPrintExample(t *testing.T) {
	p := printBook(t, "../examples/tsukiyo", paperback.Options{})
	if p.res.Geometry.Trim.Name != "shinsho" || p.opt.Paper != paperback.Cream {
		t.Fatalf("book.yaml's print: settings not used: %v %v", p.res.Geometry.Trim.Name, p.opt.Paper)
	}
	checkInterior(t, p)
	checkCover(t, p)
	// prints of the same book are the same bytes, three at once too (a
	// print under load once set one ruby 0.13 pt lower)
	var wg sync.WaitGroup
	again := make([]*printed, 3)
	for i := range again {
		wg.Add(1)
		go func() {
			defer wg.Done()
			again[i] = printBook(t, "../examples/tsukiyo", paperback.Options{})
		}()
	}
	wg.Wait()
	for i, a := range again {
		if a == nil {
			continue // printBook failed the test
		}
		if !bytes.Equal(p.res.Interior, a.res.Interior) || !bytes.Equal(p.res.Cover, a.res.Cover) {
			t.Errorf("print %d of the example, one of three at once, differs from the first", i+2)
		}
	}
}

// A novel of some 300 A5 pages in parts, and the other kind of web novel
// (flat, line-mode markdown) at another trim, with bleed.
func TestPrintNovels(t *testing.T) {
	needPrinter(t)
	dir := t.TempDir()
	if err := novelgen.Write(filepath.Join(dir, "novel"), novelgen.Options{Episodes: 35, PerPart: 12}); err != nil {
		t.Fatal(err)
	}
	if err := novelgen.Write(filepath.Join(dir, "web"), novelgen.Options{Episodes: 40, Web: true}); err != nil {
		t.Fatal(err)
	}
	t.Run("a5", func(t *testing.T) {
		tr, _ := paperback.FindTrim("a5")
		p := printBook(t, filepath.Join(dir, "novel"), paperback.Options{Trim: tr})
		if p.res.Pages < 250 || p.res.Pages > 400 {
			t.Errorf("%d pages: the test means a novel of about 300", p.res.Pages)
		}
		// of a novel's text the estimate says most
		if chars, lines := grid(p); paperback.EstimatePages(p.book, chars, lines) < p.res.Pages/2 {
			est := paperback.EstimatePages(p.book, chars, lines)
			t.Errorf("estimated %d pages of %d: too far below to refuse a long book early", est, p.res.Pages)
		}
		checkInterior(t, p)
		checkCover(t, p)
	})
	t.Run("shiroku-bleed-cream", func(t *testing.T) {
		tr, _ := paperback.FindTrim("shiroku")
		p := printBook(t, filepath.Join(dir, "web"), paperback.Options{Trim: tr, Paper: paperback.Cream, Bleed: true})
		checkInterior(t, p)
		checkCover(t, p)
	})
}

// A book that starts its parts on the next page (改ページ): no blank
// pages around a part's title, which may fall on an even page.
func TestPrintPartsOnPage(t *testing.T) {
	p := printBook(t, "../examples/tsukiyo", paperback.Options{PartStart: paperback.PartOnPage, Proof: true})
	checkInterior(t, p)
	odd := printBook(t, "../examples/tsukiyo", paperback.Options{})
	if p.res.Pages >= odd.res.Pages {
		t.Errorf("改ページ: %d pages, 改丁: %d", p.res.Pages, odd.res.Pages)
	}
	if _, err := paperback.ParsePartStart("改丁"); err != nil {
		t.Error(err)
	}
	if _, err := paperback.ParsePartStart("recto"); err == nil {
		t.Error("recto accepted")
	}
}

// Every rendering fixture as one book, in both directions: the syntax
// cases the EPUB is proven on (lists, code, HTML, ruby, notes, pictures)
// print with KDP's fonts and margins too — code and italics once came out
// as Type 3 fonts.
func TestPrintFixtures(t *testing.T) {
	needPrinter(t)
	for _, mode := range []string{"vertical", "horizontal"} {
		t.Run(mode, func(t *testing.T) {
			p := printBook(t, booktest.Fixtures(t, mode), paperback.Options{Proof: true})
			checkInterior(t, p)
			checkCover(t, p)
		})
	}
}

func TestTooFewPages(t *testing.T) {
	path := needPrinter(t)
	b, err := manuscript.Load("../examples/tsukiyo", manuscript.Options{ImagePrefix: paperback.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := paperback.FindTrim("6x9")
	_, err = paperback.Print(context.Background(), b, paperback.Options{Trim: tr, Chrome: path})
	if err == nil || !strings.Contains(err.Error(), "KDP prints paperbacks of 24 to 828 pages") || !strings.Contains(err.Error(), "--proof") {
		t.Errorf("err = %v", err)
	}
	res, err := paperback.Print(context.Background(), b, paperback.Options{Trim: tr, Chrome: path, Proof: true})
	if err != nil || res.Pages >= 24 || len(res.Warnings) == 0 {
		t.Errorf("proof: %v, %+v", err, res)
	}
}

// A web novel puts a blank line between every paragraph. print:
// blank-lines: drop prints none of those, and a run of blank lines (a
// change of scene) as one: fewer pages, the same text; keep prints them all.
func TestPrintDropsWebBlankLines(t *testing.T) {
	needPrinter(t)
	dir := t.TempDir()
	yaml := "title: 空行の試し\nauthor: 試し書き\nlanguage: ja\nidentifier: urn:uuid:0c6f3f1e-6a52-4c7e-9d47-3b0b8f2a9e11\nwriting-mode: vertical\nline-mode: novel\n"
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "chapters"), 0o755); err != nil {
		t.Fatal(err)
	}
	for ep := 1; ep <= 6; ep++ {
		var b strings.Builder
		fmt.Fprintf(&b, "# 第%d話\n\n", ep)
		for i := 1; i <= 40; i++ {
			fmt.Fprintf(&b, "　朝の%d番目の段落。見習いは窓を開け、遠くの山を眺めてから、帳面に今日の天気を書きつけた。\n\n", i)
			if i == 20 {
				b.WriteString("\n\n") // a change of scene: three blank lines
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "chapters", fmt.Sprintf("%02d.md", ep)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keep := printBook(t, dir, paperback.Options{Proof: true})
	drop := printBook(t, dir, paperback.Options{Proof: true, DropBlankLines: true})
	checkInterior(t, drop)
	t.Logf("blank-lines keep: %d pages, drop: %d", keep.res.Pages, drop.res.Pages)
	// 6 × 40 paragraphs of two lines or so, and as many blank lines: a
	// third fewer lines, at the least
	if drop.res.Pages*4 > keep.res.Pages*3 {
		t.Errorf("blank-lines drop: %d pages, keep: %d", drop.res.Pages, keep.res.Pages)
	}
	for _, s := range []string{"", "keep", "drop", "詰める"} {
		if _, err := paperback.ParseBlankLines(s); err != nil {
			t.Error(err)
		}
	}
	if _, err := paperback.ParseBlankLines("squeeze"); err == nil {
		t.Error("squeeze accepted")
	}
	opt, err := paperback.Settings(paperback.Flags{}, manuscript.PrintConfig{BlankLines: "drop"})
	if err != nil || !opt.DropBlankLines {
		t.Errorf("book.yaml's blank-lines: drop gave %+v, %v", opt.DropBlankLines, err)
	}
	if opt, _ := paperback.Settings(paperback.Flags{BlankLines: "keep"}, manuscript.PrintConfig{BlankLines: "drop"}); opt.DropBlankLines {
		t.Error("--blank-lines keep did not override book.yaml's drop")
	}
}

// A 青空文庫 work pasted whole: its 大見出し and 中見出し are in the printed
// 目次, each on the page it is printed on (checkInterior reads every
// entry's title on its page), a step further in than the episode.
func TestPrintListsMidashi(t *testing.T) {
	needPrinter(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: 見出しの試し\nauthor: 試し書き\nlanguage: ja\nidentifier: urn:uuid:0c6f3f1e-6a52-4c7e-9d47-3b0b8f2a9e13\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("# 全文\n\n［＃大見出し］上［＃大見出し終わり］\n")
	for _, k := range []string{"一", "二", "三"} {
		fmt.Fprintf(&b, "%s［＃「%s」は中見出し］\n", k, k)
		for j := 0; j < 60; j++ {
			fmt.Fprintf(&b, "　%sの章の%d番目の段落。見習いは窓を開け、遠くの山を眺めてから、帳面に今日の天気を書きつけた。\n", k, j)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "chapters"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "chapters", "01.md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p := printBook(t, dir, paperback.Options{Proof: true})
	checkInterior(t, p)
	var titles []string
	for _, l := range p.res.TOC {
		titles = append(titles, l.Title)
	}
	if got := strings.Join(titles, " "); got != "全文 上 一 二 三" {
		t.Errorf("the 目次 lists %q", got)
	}
	if p.res.TOC[2].Page >= p.res.TOC[3].Page || p.res.TOC[3].Page >= p.res.TOC[4].Page {
		t.Errorf("the 中見出し's pages: %v", p.res.TOC)
	}
}
