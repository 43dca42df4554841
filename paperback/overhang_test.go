package paperback

import (
	"regexp"
	"strings"
	"testing"
)

func rb(base, reading string) string {
	return "<ruby>" + base + "<rp>（</rp><rt>" + reading + "</rt><rp>）</rp></ruby>"
}

func TestOverhang(t *testing.T) {
	cases := []struct{ in, want string }{
		// longer than its base, kana on both sides: over both
		{"<p>　彼は" + rb("迷宮", "ラビリンス") + "の奥</p>",
			`<p>　彼<span class="oh">は<ruby class="oh-s oh-e">迷宮<rp>（</rp><rt>ラビリンス</rt><rp>）</rp></ruby>の</span>奥</p>`},
		// no longer than its base: as it was
		{"<p>は" + rb("迷路", "めいろ") + "の</p>", "<p>は" + rb("迷路", "めいろ") + "の</p>"},
		// a kanji on either side: never over it
		{"<p>東" + rb("京", "きょうと") + "駅</p>", "<p>東" + rb("京", "きょうと") + "駅</p>"},
		// a kanji before, kana after
		{"<p>東" + rb("湊", "みなと") + "へ</p>",
			`<p>東<span class="oh"><ruby class="oh-e">湊<rp>（</rp><rt>みなと</rt><rp>）</rp></ruby>へ</span></p>`},
		// one kana between two rubies goes with the first
		{"<p>" + rb("雫", "しずく") + "と" + rb("湊", "みなと") + "。</p>",
			`<p><span class="oh"><ruby class="oh-e">雫<rp>（</rp><rt>しずく</rt><rp>）</rp></ruby>と</span>` + rb("湊", "みなと") + "。</p>"},
		// a ruby at a paragraph's start, after its indent
		{"<p>　" + rb("雫", "しずく") + "、</p>",
			`<p><span class="oh">　<ruby class="oh-s">雫<rp>（</rp><rt>しずく</rt><rp>）</rp></ruby></span>、</p>`},
		// a reading per character, and an author's own ruby: as they were
		{"<p>は<ruby>迷<rp>（</rp><rt>めいめい</rt><rp>）</rp>宮<rp>（</rp><rt>きゅうきゅう</rt><rp>）</rp></ruby>の</p>",
			"<p>は<ruby>迷<rp>（</rp><rt>めいめい</rt><rp>）</rp>宮<rp>（</rp><rt>きゅうきゅう</rt><rp>）</rp></ruby>の</p>"},
		{`<p>は<ruby class="x">迷<rt>ラビリンス</rt></ruby>の</p>`, `<p>は<ruby class="x">迷<rt>ラビリンス</rt></ruby>の</p>`},
		// an entity before: not kana
		{"<p>&amp;" + rb("雫", "しずく") + "</p>", "<p>&amp;" + rb("雫", "しずく") + "</p>"},
	}
	for _, c := range cases {
		if got := overhang(c.in); got != c.want {
			t.Errorf("overhang(%s)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

var marksRe = regexp.MustCompile(`<span class="oh">|</span>| class="oh-[se]( oh-e)?"`)

// Every byte of a body but the marks is kept: the marks taken out give
// the body back, on every episode of the real works and the fixtures.
func FuzzOverhang(f *testing.F) {
	f.Add("<p>　彼は" + rb("迷宮", "ラビリンス") + "の奥</p>")
	f.Add("<p>" + rb("雫", "しずく") + "と" + rb("湊", "みなと") + "と" + rb("謎", "なぞなぞ") + "</p>")
	f.Fuzz(func(t *testing.T, body string) {
		if strings.Contains(body, `class="oh`) || strings.Contains(body, "</span>") {
			return
		}
		if got := marksRe.ReplaceAllString(overhang(body), ""); got != body {
			t.Errorf("overhang changed the body:\n%q\n%q", body, got)
		}
	})
}
