package paperback

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

func coverOf(t *testing.T, title, short string, pages int) *cover {
	t.Helper()
	b := &manuscript.Book{Config: &manuscript.Config{Title: title, ShortTitle: short, Language: "ja", WritingMode: "vertical",
		Author: manuscript.Creators{{Name: "木ノ下ユウ", Role: "aut"}}}}
	g, err := layout(Trims[0], pages, false)
	if err != nil {
		t.Fatal(err)
	}
	return newCover(b, g, White, pages, map[string]string{})
}

// The spine's title fits the spine both ways: its width (80 % of what
// KDP's 1.6 mm margins leave) and its height (title, a gap and author in
// one column inside the safe area); a spine too thin to read is left
// blank, with a warning, and a short-title sets larger.
func TestSpineTextFits(t *testing.T) {
	long := strings.Repeat("異世界の辺境ギルドで見習い", 7) // 91 characters, as なろう titles run
	for _, c := range []struct {
		title, short string
		pages        int
		blank        bool
	}{
		{"月夜の郵便局", "", 300, false},
		{"月夜の郵便局", "", 80, true}, // 4.6 mm: 3.1 pt
		{long, "", 300, false},
		{long, "辺境ギルド", 300, false},
		{"月夜の郵便局", "", 800, false},
	} {
		cv := coverOf(t, c.title, c.short, c.pages)
		if cv.spineText == c.blank {
			t.Errorf("%d pages, %q: spine text %v", c.pages, c.title, cv.spineText)
		}
		if c.blank {
			if len(cv.warnings) == 0 || !strings.Contains(cv.warnings[0].Msg.String(), "spine") {
				t.Errorf("%d pages: a blank spine without a warning: %v", c.pages, cv.warnings)
			}
			continue
		}
		title := c.title
		if c.short != "" {
			title = c.short
		}
		pt := cv.spineSize
		// an independent reckoning: the column's length in mm
		column := (float64(len([]rune(title))) + float64(len([]rune("木ノ下ユウ"))) + 1) * pt * 25.4 / 72
		if column > cv.h-2*coverTextInset+0.01 || pt*25.4/72 > (cv.spine-2*1.6)*0.8+0.01 || pt < 5 || pt > 20 {
			t.Errorf("%d pages, %q: %.2f pt, a column of %.1f mm in %.1f, %.2f mm wide in %.2f", c.pages, title, pt, column, cv.h-2*coverTextInset, pt*25.4/72, cv.spine-3.2)
		}
	}
	long300 := coverOf(t, long, "", 300).spineSize
	short300 := coverOf(t, long, "辺境ギルド", 300).spineSize
	if short300 <= long300 {
		t.Errorf("a short-title sets at %.1f pt, the long title at %.1f", short300, long300)
	}
	if thick := coverOf(t, "月夜の郵便局", "", 800).spineSize; thick <= 12 {
		t.Errorf("a 45 mm spine sets its title at %.1f pt", thick)
	}
}

// Art of another shape than the front is cut to fill it, and the print
// says by how much: KDP's 1600×2560 e-book cover on A5 loses 12.8 mm at
// head and foot; art of the front's own shape loses nothing.
func TestCoverArtCutIsSaid(t *testing.T) {
	cv := coverOf(t, "月夜の郵便局", "", 300)
	cv.checkArt("cover.jpg", 1600, 2560)
	var said string
	for _, w := range cv.warnings {
		said += w.Msg.String() + "\n"
	}
	want := (cv.panelW/1600*2560 - cv.h) / 2
	if math.Abs(want-12.8) > 0.3 || !strings.Contains(said, "head and at foot") || !strings.Contains(said, fmt.Sprintf("%.1f mm", want)) {
		t.Errorf("cut %.1f mm; warnings:\n%s", want, said)
	}
	fit := coverOf(t, "月夜の郵便局", "", 300)
	fit.checkArt("cover.jpg", 3000, int(3000*fit.h/fit.panelW+0.5))
	for _, w := range fit.warnings {
		if strings.Contains(w.Msg.String(), "cut") {
			t.Errorf("art of the front's shape: %s", w.Msg.String())
		}
	}
}
