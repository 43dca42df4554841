package paperback_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/paperback"
)

// A なろう title of 93 characters and one of 400 are printed whole on the
// 扉 and the 奥付, the author with them: read back by pdftotext. They were
// clipped, and the author pushed off the 扉.
func TestPrintLongTitle(t *testing.T) {
	needPrinter(t)
	phrases := []string{"追放された", "見習い魔導師は", "辺境の郵便局で", "手紙を届けるうちに", "いつのまにか王国で一番の", "配達人と呼ばれていましたが", "本人だけが知りません", "それでも今日も坂道を登ります"}
	long := func(n int) string {
		var b strings.Builder
		for i := 0; len([]rune(b.String())) < n; i++ {
			b.WriteString(phrases[i%len(phrases)])
		}
		return string([]rune(b.String())[:n])
	}
	for _, c := range []struct {
		trim  string
		chars int
	}{{"shinsho", 93}, {"a5", 93}, {"a5", 400}, {"shinsho", 400}} {
		t.Run(fmt.Sprintf("%s-%d", c.trim, c.chars), func(t *testing.T) {
			title := long(c.chars)
			body := "# 第一話　坂の上\n\n" + strings.Repeat("　見習いは坂を登り、郵便局の扉を開けた。\n\n", 30)
			dir := writeBook(t, title, "short-title: 見習い魔導師\n", map[string][]byte{"chapters/01.md": []byte(body)})
			tr, _ := paperback.FindTrim(c.trim)
			p := printBook(t, dir, paperback.Options{Trim: tr, Proof: true})
			pages := words(t, p.file("interior.pdf"))
			for i := range pages {
				pages[i].vertical = true
			}
			for _, w := range p.res.Warnings {
				if strings.Contains(w.Msg.String(), "扉") {
					t.Errorf("warned: %s", w.Msg)
				}
			}
			for _, no := range []int{1, len(pages)} {
				text := pages[no-1].text()
				if !strings.Contains(text, title) || !strings.Contains(text, "坂上ゆかり") {
					t.Errorf("page %d lacks the whole title or the author: %.80q…", no, text)
				}
			}
		})
	}
}
