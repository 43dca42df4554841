package paperback_test

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
)

// The printed 目次 as a typesetter sets it, read back by pdftotext: each
// entry's leader starts right after its title and runs to its page
// number, the numbers' feet align, a wrapped title's next line starts
// 1 em further in (a hanging indent) and carries the leader and number;
// print: toc: dense sets a long serial's 目次 on fewer pages. The leader
// was a flex item once: a wrapped title left it no room at all.
func TestPrintTOC(t *testing.T) {
	needPrinter(t)
	long := "追放された見習い魔導師は辺境の郵便局で手紙を届けるうちにいつのまにか王国で一番の配達人と呼ばれていました"
	files := map[string][]byte{}
	for i := 1; i <= 120; i++ {
		title := fmt.Sprintf("第%d話　坂の上", i)
		if i == 3 {
			title = fmt.Sprintf("第%d話　%s", i, long)
		}
		body := "# " + title + "\n\n" + strings.Repeat("　見習いは坂を登り、郵便局の扉を開けた。\n\n", 3)
		files[fmt.Sprintf("chapters/%03d.md", i)] = []byte(body)
	}
	dir := writeBook(t, "目次の試し", "", files)
	a5, _ := paperback.FindTrim("a5")
	normal := printBook(t, dir, paperback.Options{Trim: a5, Proof: true})
	dense := printBook(t, dir, paperback.Options{Trim: a5, Proof: true, DenseTOC: true})
	tocPages := func(p *printed) int { return p.res.TOC[0].Page - 3 }
	if n, d := tocPages(normal), tocPages(dense); d*5 > n*4 {
		t.Errorf("the 目次 takes %d pages, dense %d", n, d)
	} else {
		t.Logf("120 entries: the 目次 takes %d pages, dense %d", n, d)
	}
	for _, p := range []*printed{normal, dense} {
		checkTOCPage(t, p, long)
	}
	if opt, err := paperback.Settings(paperback.Flags{}, manuscript.PrintConfig{TOC: "詰める"}); err != nil || !opt.DenseTOC {
		t.Errorf("print: toc: 詰める gave %v, %v", opt.DenseTOC, err)
	}
	if _, err := paperback.ParseTOC("small"); err == nil {
		t.Error("toc: small accepted")
	}
}

// checkTOCPage reads the 目次's first page.
func checkTOCPage(t *testing.T, p *printed, long string) {
	t.Helper()
	pg := words(t, p.file("interior.pdf"))[2]
	em := p.res.Geometry.Trim.FontPt
	type col struct {
		x     float64
		words []word
	}
	var cols []*col
	for _, w := range pg.words {
		x := (w.x0 + w.x1) / 2
		var c *col
		for _, cc := range cols {
			if math.Abs(cc.x-x) < 3 {
				c = cc
			}
		}
		if c == nil {
			c = &col{x: x}
			cols = append(cols, c)
		}
		c.words = append(c.words, w)
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].x > cols[j].x })
	isNumber := func(s string) bool { return strings.Trim(s, "〇一二三四五六七八九") == "" }
	leaders, foot := 0, 0.0
	var feet []float64
	for ci, c := range cols {
		sort.Slice(c.words, func(i, j int) bool { return c.words[i].y0 < c.words[j].y0 })
		for i, w := range c.words {
			if strings.Trim(w.text, "…") != "" || i == 0 {
				continue
			}
			leaders++
			// the leader from the title's last glyph
			if prev := c.words[i-1]; math.Abs(w.y0-prev.y1) > 0.2*em {
				t.Errorf("column %d: the leader starts %.1f pt after the title's end", ci, w.y0-prev.y1)
			}
			// to the number, at the foot of the same line
			last := c.words[len(c.words)-1]
			if !isNumber(last.text) || last.y0 < w.y0 || w.y1 < last.y0 {
				t.Errorf("column %d: the leader (%.0f–%.0f) does not reach a page number: %q at %.0f", ci, w.y0, w.y1, last.text, last.y0)
			}
			feet = append(feet, last.y1)
			foot = math.Max(foot, last.y1)
		}
		// the long title's next line, 1 em further in than its first
		if strings.HasPrefix(c.words[0].text, "第") && len(c.words) > 3 && strings.Contains(textOf(c.words), long[:30]) && ci+1 < len(cols) {
			next := cols[ci+1]
			sort.Slice(next.words, func(i, j int) bool { return next.words[i].y0 < next.words[j].y0 })
			if d := next.words[0].y0 - c.words[0].y0; math.Abs(d-em) > 0.2*em {
				t.Errorf("the wrapped title's next line starts %.1f pt further in, not 1 em (%.1f)", d, em)
			}
		}
	}
	if leaders < 10 {
		t.Fatalf("%d leaders on the 目次's first page", leaders)
	}
	for _, f := range feet {
		if foot-f > 0.15*em {
			t.Errorf("a page number's foot at %.1f, the others' at %.1f", f, foot)
		}
	}
}

func textOf(ws []word) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.text)
	}
	return b.String()
}
