package manuscript_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/manuscript"
)

var (
	// an independent reading of 青空文庫's ruby: ｜base《reading》, or the
	// kanji run (a 外字 counting as one) before 《reading》
	aozoraRuby = regexp.MustCompile(`(?:｜([^｜《》\n]+)|([\p{Han}々〆ヶ〇※]+))《([^《》\n]+)》`)
	gaijiNote  = regexp.MustCompile(`※［＃[^］\n]*］`)
	renderRuby = regexp.MustCompile(`<ruby>(.*?)<rp>（</rp><rt>(.*?)</rt><rp>）</rp></ruby>`)
	tags       = regexp.MustCompile(`<rp>.*?</rp>|<rt>.*?</rt>|<[^>]*>`)
)

// TestAozoraWorksKeepEveryRuby builds real 青空文庫 works nobody here
// wrote (../shared/fixtures/aozora: 坊っちゃん, 銀河鉄道の夜) and checks
// each episode against an independent reading of its source: every ruby
// is a ruby, on the same base with the same reading, in order; the text a
// reader sees holds no note ［＃…］, no 《 》 and no ｜.
func TestAozoraWorksKeepEveryRuby(t *testing.T) {
	for _, work := range []string{"botchan", "gingatetsudo"} {
		dir := kdptest.Fixture(t, "aozora/"+work)
		b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: "../images/"})
		if err != nil {
			t.Fatalf("%s: %v", work, err)
		}
		total := 0
		for _, ep := range b.Episodes() {
			src, err := os.ReadFile(filepath.Join(dir, ep.File))
			if err != nil {
				t.Fatal(err)
			}
			// the test's own 外字 rule: a note with no code is ※, as
			// 青空文庫 prints it (these works have no coded 外字)
			text := gaijiNote.ReplaceAllString(string(src), "※")
			var want [][2]string
			for _, m := range aozoraRuby.FindAllStringSubmatch(text, -1) {
				base := m[1] + m[2]
				if strings.HasPrefix(m[0], "《《") {
					continue
				}
				want = append(want, [2]string{base, m[3]})
			}
			body := string(ep.Body)
			var got [][2]string
			for _, m := range renderRuby.FindAllStringSubmatch(body, -1) {
				got = append(got, [2]string{m[1], m[2]})
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d ruby in the book, %d in the source", work, ep.File, len(got), len(want))
			}
			for i := 0; i < min(len(got), len(want)); i++ {
				if got[i] != want[i] {
					t.Errorf("%s %s: ruby %d is %s《%s》, the source's %s《%s》", work, ep.File, i+1, got[i][0], got[i][1], want[i][0], want[i][1])
					break
				}
			}
			total += len(got)
			seen := tags.ReplaceAllString(body, "")
			for _, bad := range []string{"［＃", "《", "》", "｜"} {
				if k := strings.Index(seen, bad); k >= 0 {
					t.Errorf("%s %s: the reader sees %q: …%s…", work, ep.File, bad, seen[max(0, k-30):min(len(seen), k+30)])
				}
			}
		}
		if total < 100 {
			t.Errorf("%s: only %d ruby: the fixture is not the work", work, total)
		}
		t.Logf("%s: %d ruby, each on its source's base", work, total)
	}
}
