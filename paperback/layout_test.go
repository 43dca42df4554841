package paperback

import (
	"math"
	"strings"
	"testing"
)

// KDP's own figures (Help: "Set trim size, bleed, and margins"): the
// inside margin by page count, in inches.
func TestGutterIsKDPs(t *testing.T) {
	for _, c := range []struct {
		pages  int
		inches float64
	}{{24, 0.375}, {150, 0.375}, {151, 0.5}, {300, 0.5}, {301, 0.625}, {500, 0.625}, {501, 0.75}, {700, 0.75}, {701, 0.875}, {828, 0.875}} {
		got := Gutter(c.pages)
		want := c.inches * 25.4
		// rounded up to KDP's millimetre table, never below the inch rule
		if got < want || got-want > 0.1 {
			t.Errorf("Gutter(%d) = %.2f mm, want %.2f mm (%.3f in) rounded up", c.pages, got, want, c.inches)
		}
	}
}

func TestSpineIsKDPs(t *testing.T) {
	// KDP's cover calculator: 300 pages on white paper, 0.6756 in; cream 0.75 in
	if got := SpineMM(300, White); math.Abs(got-0.6756*25.4) > 0.01 {
		t.Errorf("white spine for 300 pages = %.3f mm", got)
	}
	if got := SpineMM(300, Cream); math.Abs(got-0.75*25.4) > 0.01 {
		t.Errorf("cream spine for 300 pages = %.3f mm", got)
	}
	// the figures per page
	if math.Abs(SpineMM(1, White)-0.0572) > 0.0001 || math.Abs(SpineMM(1, Cream)-0.0635) > 0.0001 {
		t.Errorf("per page: %.5f, %.5f", SpineMM(1, White), SpineMM(1, Cream))
	}
}

// Every trim at every page count leaves KDP's margins: the inside at
// least the gutter, the outside at least 6.4 mm (9.6 with bleed), and a
// type area of whole lines.
func TestLayoutKeepsKDPMargins(t *testing.T) {
	for _, tr := range Trims {
		for _, pages := range []int{24, 150, 300, 500, 700, 828} {
			for _, bleed := range []bool{false, true} {
				g, err := layout(tr, pages, bleed)
				if err != nil {
					t.Errorf("%s %d pages bleed=%v: %v", tr.Name, pages, bleed, err)
					continue
				}
				out := OutsideMM
				if bleed {
					out = OutsideBleedMM
				}
				if g.Inside < Gutter(pages)-1e-9 || g.Outside < out-1e-9 || g.Outside-bleedOf(bleed) < MinForeEdgeMM-1e-9 {
					t.Errorf("%s: %v", tr.Name, g)
				}
				if g.Top < out || g.Bottom < out {
					t.Errorf("%s: head or foot under %.1f mm: %v", tr.Name, out, g)
				}
				w := tr.W + bleedOf(bleed)
				if math.Abs(g.Inside+g.Outside+float64(g.Lines)*g.LineMM+g.Room-w) > 1e-6 {
					t.Errorf("%s: the lines and margins don't make the page: %v", tr.Name, g)
				}
				if g.Lines < 10 {
					t.Errorf("%s %d pages: only %d lines", tr.Name, pages, g.Lines)
				}
			}
		}
	}
}

func TestMaxPages(t *testing.T) {
	if MaxPagesOn(White) != 828 || MaxPagesOn(Cream) != 776 {
		t.Errorf("white %d, cream %d", MaxPagesOn(White), MaxPagesOn(Cream))
	}
}

func TestFindTrim(t *testing.T) {
	for in, want := range map[string]string{"A5": "a5", "四六判": "shiroku", "新書": "shinsho", " b6 ": "b6", "6×9": "6x9"} {
		tr, err := FindTrim(in)
		if err != nil || tr.Name != want {
			t.Errorf("FindTrim(%q) = %q, %v; want %q", in, tr.Name, err, want)
		}
	}
	if _, err := FindTrim("a4"); err == nil {
		t.Error("a4 accepted")
	}
	if p, err := ParsePaper("クリーム"); err != nil || p != Cream {
		t.Errorf("クリーム: %v %v", p, err)
	}
	if _, err := ParsePaper("gloss"); err == nil {
		t.Error("gloss accepted")
	}
}

func TestFittedDPI(t *testing.T) {
	// 1200 px across 101.6 mm (4 in) is 300 DPI
	if got := fittedDPI(1200, 100, 101.6, 500); got != 300 {
		t.Errorf("fittedDPI = %d", got)
	}
}

// TestTrimNames: trims as Japanese names them, and 文庫 refused with why.
func TestTrimNames(t *testing.T) {
	for in, want := range map[string]string{"四六判": "shiroku", "新書": "shinsho", "Ａ５": "a5", "B6判": "b6", "a5": "a5"} {
		if tr, err := FindTrim(in); err != nil || tr.Name != want {
			t.Errorf("FindTrim(%q) = %v, %v; want %s", in, tr.Name, err, want)
		}
	}
	if _, err := FindTrim("文庫"); err == nil || !strings.Contains(err.Error(), "KDP prints no 文庫") || !strings.Contains(err.Error(), "4 × 6 in") {
		t.Errorf("文庫: %v", err)
	}
	if _, err := FindTrim("A4"); err == nil || !strings.Contains(err.Error(), "shiroku (四六判)") {
		t.Errorf("an unknown trim names the trims in both scripts: %v", err)
	}
}

// A thick 新書: KDP's gutter for 151–300 pages is 12.7 mm, and 15 lines
// would leave the fore edge 6.96 mm, KDP's bare minimum; a line fewer
// keeps it a book's (MinForeEdgeMM), and a thin one keeps all 15.
func TestShinshoForeEdge(t *testing.T) {
	tr, _ := FindTrim("shinsho")
	thin, _ := layout(tr, 100, false)
	thick, err := layout(tr, 300, false)
	if err != nil {
		t.Fatal(err)
	}
	if thin.Lines != 15 || thick.Lines != 14 || thick.Outside < MinForeEdgeMM || thick.Inside < 12.7-1e-9 {
		t.Errorf("新書: 100 pages %v; 300 pages %v", thin, thick)
	}
}
