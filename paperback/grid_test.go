package paperback_test

import (
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/paperback"
)

// The 版面 is a grid: a page inside an episode carries every line of the
// type area, whatever ruby its first line has, and no line's pitch grows.
// Read from the PDF by pdftotext, on a generated novel with ruby on most
// pages and on a real one nobody here wrote. Before the grid, 38 % and
// 70 % of those pages ended a line or two short.
func TestPrintKeepsTheGrid(t *testing.T) {
	needPrinter(t)
	a5, _ := paperback.FindTrim("a5")
	t.Run("generated", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "novel")
		if err := novelgen.Write(dir, novelgen.Options{Episodes: 120, PerPart: 40, CharsPerEpisode: 2400}); err != nil {
			t.Fatal(err)
		}
		// the novel's lone blank lines are left out: a page that ends
		// on one looks short to a reader of its glyphs
		p := printBook(t, dir, paperback.Options{Trim: a5, DropBlankLines: true})
		checkGrid(t, p)
	})
	t.Run("botchan", func(t *testing.T) {
		dir := filepath.Join("..", "..", "shared", "fixtures", "aozora", "botchan")
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("the real novel is not beside the repository: %v", err)
		}
		p := printBook(t, dir, paperback.Options{Trim: a5, Proof: true})
		checkGrid(t, p)
	})
}

// checkGrid fails when more than 5 % of the pages inside episodes end
// short of the type area's last line, or start off its first line, or
// when any line of any page is off the pitch.
func checkGrid(t *testing.T, p *printed) {
	t.Helper()
	g := p.res.Geometry
	if !p.book.Config.Vertical() {
		t.Fatal("checkGrid reads vertical text")
	}
	pages := words(t, p.file("interior.pdf"))
	n := len(pages)
	fontPt, pitch := g.FontMM/ptMM, g.LineMM/ptMM
	head, foot := g.Top/ptMM, (g.PageH-g.Bottom)/ptMM
	// the lines of a page: the centres of its columns of text-sized
	// glyphs (ruby and 傍点 are smaller, headings larger, 柱 outside)
	columns := func(pg page) []float64 {
		var xs []float64
		for _, w := range pg.words {
			if w.x1-w.x0 < 0.8*fontPt || w.x1-w.x0 > 1.15*fontPt || w.y0 < head-1 || w.y1 > foot+1 {
				continue
			}
			xs = append(xs, (w.x0+w.x1)/2)
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(xs)))
		var cols []float64
		for _, x := range xs {
			if len(cols) == 0 || cols[len(cols)-1]-x > pitch/3 {
				cols = append(cols, x)
			}
		}
		return cols
	}
	// the episodes' first pages, the 底本 page of a 青空文庫 text and the
	// last page (奥付)
	starts := map[int]bool{n: true}
	for _, l := range p.res.TOC {
		starts[l.Page] = true
	}
	for i, pg := range pages {
		if strings.Contains(pg.text(), "底本：") {
			starts[i+1] = true
		}
	}
	checkArea(t, p, pages)
	inside, short, shifted := 0, 0, 0
	for no := 1; no < n; no++ {
		if starts[no+1] || len(columns(pages[no])) == 0 || no < p.res.TOC[0].Page {
			continue // an episode's last page, or before a blank page
		}
		cols := columns(pages[no-1])
		if len(cols) == 0 {
			continue
		}
		inside++
		// where the area's first and last lines are centred: a page of a
		// right-bound book is a left-hand page when odd, its spine on its
		// right, its first line after the room kept for the ruby
		spineRight := no%2 == 1
		right := g.PageW - g.Inside
		if !spineRight {
			right = g.PageW - g.Outside
		}
		right -= g.Room
		first := right/ptMM - pitch/2
		last := first - float64(g.Lines-1)*pitch
		if starts[no] {
			// the heading takes three lines; its own glyphs are not read
			first -= 3 * pitch
			for len(cols) > 0 && cols[0] > first+pitch/2 {
				cols = cols[1:]
			}
			if len(cols) == 0 {
				continue
			}
		}
		if cols[len(cols)-1] > last+pitch/2 {
			short++
			t.Logf("page %d ends %.1f lines short", no, (cols[len(cols)-1]-last)/pitch)
		}
		if math.Abs(cols[0]-first) > 0.1*pitch && math.Abs(cols[0]-first+pitch) > 0.1*pitch && math.Abs(cols[0]-first+2*pitch) > 0.1*pitch {
			shifted++
			t.Logf("page %d starts %.2f lines off the area's first line", no, (first-cols[0])/pitch)
		}
		for _, x := range cols {
			if k := (cols[0] - x) / pitch; math.Abs(k-math.Round(k)) > 0.05 {
				t.Errorf("page %d: a line %.2f lines after its first: the pitch is not the grid's", no, k)
				break
			}
		}
	}
	t.Logf("%d pages inside episodes: %d end short, %d start off the first line", inside, short, shifted)
	if inside < 20 {
		t.Fatalf("only %d pages inside episodes: the test reads nothing", inside)
	}
	if short*20 > inside || shifted*20 > inside {
		t.Errorf("%d of %d pages end short and %d start off the grid: at most 5 %%", short, inside, shifted)
	}
}

// checkArea fails when a glyph runs past the 版面's head or foot: one
// that starts inside the area ends inside it (a reading that overhung
// past a line's end would not), give or take a glyph box's rounding.
func checkArea(t *testing.T, p *printed, pages []page) {
	t.Helper()
	g := p.res.Geometry
	head, foot := g.Top/ptMM, (g.PageH-g.Bottom)/ptMM
	slack := 0.15 * g.Trim.FontPt // pdftotext places a vertical glyph up to 0.11 em off its cell
	area := (float64(g.Lines)*g.LineMM + g.Room) / ptMM
	for i, pg := range pages {
		// and nothing lies beyond the area's last line: a reading of the
		// next page's first line was once drawn there too. A right-bound
		// book's odd page has its spine on its right
		left := g.Inside / ptMM
		if (i+1)%2 == 1 {
			left = (g.PageW-g.Inside)/ptMM - area
		}
		for _, w := range pg.words {
			if strings.Trim(w.text, "…") == "" {
				continue // a 目次 leader: its run goes on under the entry's clip, unprinted
			}
			if w.y0 < foot && w.y1 > foot+slack || w.y1 > head && w.y0 < head-slack {
				t.Errorf("page %d: %q runs %.1f pt past the 版面 (%.1f–%.1f)", i+1, w.text, math.Max(w.y1-foot, head-w.y0), head, foot)
			}
			if p.book.Config.Vertical() && w.y0 > head && w.y1 < foot && w.x0 < left-slack {
				t.Errorf("page %d: %q lies %.1f pt beyond the 版面's last line", i+1, w.text, left-w.x0)
			}
		}
	}
}
