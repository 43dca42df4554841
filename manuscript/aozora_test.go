package manuscript_test

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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
	// a pasted file's title, author and legend, between two lines of
	// dashes; the notes and readings a reader never sees
	pastedHeader  = regexp.MustCompile(`(?s)^[^\n]*\n[^\n]*\n(?:[^\n]*\n){0,4}?-{20,}\n【テキスト中に現れる記号について】.*?\n-{20,}\n`)
	aozoraNote    = regexp.MustCompile(`［＃[^］\n]*］`)
	quotingNote   = regexp.MustCompile(`［＃[^］\n]*《[^］\n]*］`)
	aozoraReading = regexp.MustCompile(`《[^《》\n]*》|｜`)
	noteCode      = regexp.MustCompile(`U\+([0-9A-Fa-f]{4,6})|(?:第[34]水準)?([12])-(\d{1,2})-(\d{1,2})(?:[^\d-]|$)`)
)

// gaijiByIconv is the character a 外字 note's code names, read by glibc's
// iconv (EUC-JISX0213) for a plane-row-cell, "" for a note with no code.
func gaijiByIconv(t *testing.T, note string) string {
	m := noteCode.FindStringSubmatch(note)
	switch {
	case m == nil:
		return ""
	case m[1] != "":
		n, _ := strconv.ParseInt(m[1], 16, 32)
		return string(rune(n))
	}
	plane, _ := strconv.Atoi(m[2])
	row, _ := strconv.Atoi(m[3])
	cell, _ := strconv.Atoi(m[4])
	b := []byte{byte(0xA0 + row), byte(0xA0 + cell)}
	if plane == 2 {
		b = append([]byte{0x8F}, b...)
	}
	cmd := exec.Command("iconv", "-f", "EUC-JISX0213", "-t", "UTF-8")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("iconv on %s (%d-%d-%d): %v", note, plane, row, cell, err)
	}
	return string(out)
}

// TestAozoraWorksKeepEveryRuby builds real 青空文庫 works nobody here
// wrote — every work in ../shared/fixtures/aozora (坊っちゃん, 銀河鉄道の
// 夜, and any added there), and the manuscript folders HANMOTO_AOZORA_WORKS
// lists (colon-separated: works fetched for a look, as 李陵 and 弟子 were)
// — and checks each episode against an independent reading of its
// source: a 外字 note's code read by glibc's iconv (a second source to the
// book's table), every ruby a ruby on the same base with the same reading,
// in order; every coded 外字 its character; the text a reader sees holds
// no note ［＃…］, no 《 》, no ｜, and a ※ only where the source's note
// names no code.
func TestAozoraWorksKeepEveryRuby(t *testing.T) {
	root := kdptest.Fixture(t, "aozora")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var works []string
	for _, e := range entries {
		if e.IsDir() {
			works = append(works, filepath.Join(root, e.Name()))
		}
	}
	for _, w := range filepath.SplitList(os.Getenv("HANMOTO_AOZORA_WORKS")) {
		if w != "" {
			works = append(works, w)
		}
	}
	if len(works) < 2 {
		t.Fatalf("%d works in %s", len(works), root)
	}
	for _, dir := range works {
		work := filepath.Base(dir)
		b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: "../images/"})
		if err != nil {
			t.Fatalf("%s: %v", work, err)
		}
		total, gaiji := 0, 0
		for _, ep := range b.Episodes() {
			src, err := os.ReadFile(filepath.Join(dir, ep.File))
			if err != nil {
				t.Fatal(err)
			}
			// the test's own reading: a pasted file's header is no text;
			// a 外字 note with a code is its character, by iconv, one
			// without is ※, as 青空文庫 prints it
			text := pastedHeader.ReplaceAllString(string(src), "")
			var coded []string
			text = gaijiNote.ReplaceAllStringFunc(text, func(note string) string {
				if c := gaijiByIconv(t, note); c != "" {
					coded = append(coded, c)
					return c
				}
				return "※"
			})
			// an editorial note quotes the source, ruby and all (［＃「窮
			// 《きゅう》した」は底本では…］): no ruby of the text
			text = quotingNote.ReplaceAllString(text, "")
			var want [][2]string
			for _, m := range aozoraRuby.FindAllStringSubmatch(text, -1) {
				// the base as a reader sees it: a note inside (漢文's
				// 返り点) prints nothing
				base := aozoraNote.ReplaceAllString(m[1]+m[2], "")
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
			seen := html.UnescapeString(tags.ReplaceAllString(body, ""))
			for _, bad := range []string{"［＃", "《", "》", "｜"} {
				if k := strings.Index(seen, bad); k >= 0 {
					t.Errorf("%s %s: the reader sees %q: …%s…", work, ep.File, bad, seen[max(0, k-30):min(len(seen), k+30)])
				}
			}
			plain := aozoraNote.ReplaceAllString(aozoraReading.ReplaceAllString(text, ""), "")
			if got, want := strings.Count(seen, "※"), strings.Count(plain, "※"); got != want {
				t.Errorf("%s %s: %d ※ shown, the source has %d (its notes without a code, and ※ itself)", work, ep.File, got, want)
			}
			for _, c := range coded {
				if strings.Count(seen, c) < strings.Count(plain, c) {
					t.Errorf("%s %s: 外字 %s shown %d times, the source names it %d", work, ep.File, c, strings.Count(seen, c), strings.Count(plain, c))
				}
			}
			gaiji += len(coded)
		}
		if total < 100 && strings.HasPrefix(dir, root) {
			t.Errorf("%s: only %d ruby: the fixture is not the work", work, total)
		}
		t.Logf("%s: %d ruby, each on its source's base; %d coded 外字, each iconv's character", work, total, gaiji)
	}
}
