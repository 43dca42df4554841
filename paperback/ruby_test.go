package paperback_test

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/paperback"
)

// A reading longer than its base overhangs the kana beside it and leaves
// its base whole (迷宮, not 迷　宮), never overhangs a kanji, and never
// runs past the 版面's head or foot, wherever the line breaks: the
// readings stand at the start and end of lines in every position.
func TestPrintRubyOverhang(t *testing.T) {
	needPrinter(t)
	var b strings.Builder
	b.WriteString("# 第一話\n\n　彼は|迷宮《ラビリンス》の奥へ進んだ。\n\n　|東京《とうきょうと》駅で会った。\n\n")
	// the same sentence shifted by one character a paragraph: its
	// readings meet every position on the line, its ends too
	for i := 0; i < 50; i++ {
		b.WriteString("　" + strings.Repeat("あ", i%45) + "ここは|迷宮《ラビリンス》の奥、|雫《しずく》さんの|湊《みなとまち》だ。\n\n")
	}
	dir := writeBook(t, "ルビの試し", "", map[string][]byte{"chapters/01.md": []byte(b.String())})
	a5, _ := paperback.FindTrim("a5")
	p := printBook(t, dir, paperback.Options{Trim: a5, Proof: true})
	pages := words(t, p.file("interior.pdf"))
	em := a5.FontPt
	glyph := func(pg page, s string) []word {
		var ws []word
		for _, w := range pg.words {
			if w.text == s {
				ws = append(ws, w)
			}
		}
		return ws
	}
	// the episode's first page: 迷 and 宮 close, ラビリンス from before 迷
	// to after 宮; 東京 spread (a kanji after it), within its reading
	first := pages[p.res.TOC[0].Page-1]
	// the first paragraph's: the rightmost
	rightmost := func(ws []word) []word {
		sort.Slice(ws, func(i, j int) bool { return ws[i].x0 > ws[j].x0 })
		return ws
	}
	mei, kyu := rightmost(glyph(first, "迷")), rightmost(glyph(first, "宮"))
	if len(mei) == 0 || len(kyu) == 0 {
		t.Fatalf("迷宮 not on the episode's first page")
	}
	if gap := kyu[0].y0 - mei[0].y1; math.Abs(gap) > 0.1*em {
		t.Errorf("迷宮 is set %.1f pt apart: spread, not overhung", gap)
	}
	// the reading: the small glyphs beside the base, from its start to
	// its end (pdftotext gives them one by one)
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, w := range first.words {
		if math.Abs(w.x0-mei[0].x1) < 2 && w.y1 > mei[0].y0-2*em && w.y0 < kyu[0].y1+2*em {
			top, bottom = math.Min(top, w.y0), math.Max(bottom, w.y1)
		}
	}
	if top > mei[0].y0-0.1*em || bottom < kyu[0].y1+0.1*em {
		t.Errorf("ラビリンス (%.1f–%.1f) does not overhang 迷宮 (%.1f–%.1f)", top, bottom, mei[0].y0, kyu[0].y1)
	}
	to, kyo := rightmost(glyph(first, "東")), rightmost(glyph(first, "京"))
	if len(to) == 0 || len(kyo) == 0 || kyo[0].y0-to[0].y1 < 0.2*em {
		t.Errorf("東京 (a kanji after it) is not spread: its reading overhangs 駅")
	}
	checkArea(t, p, pages)
}
