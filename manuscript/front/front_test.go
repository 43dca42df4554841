package front

import (
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

func TestTate(t *testing.T) {
	for in, want := range map[string]string{
		"第1話":    `第<span class="tcy">1</span>話`,
		"第100話":  `第<span class="tcy">100</span>話`,
		"2026年":  "二〇二六年",
		"本当!?":   `本当<span class="tcy">!?</span>`,
		"え!":     "え！",
		"なに?!?":  "なに？！？",
		"<a>&\"": "&lt;a&gt;&amp;&#34;",
	} {
		if got := string(Tate(in, true)); got != want {
			t.Errorf("Tate(%q) = %q, want %q", in, got, want)
		}
	}
	if got := string(Tate("第1話 <b>", false)); got != "第1話 &lt;b&gt;" {
		t.Errorf("horizontal: %q", got)
	}
	for _, c := range []struct {
		y, m, d, n int
		want       string
	}{{2026, 11, 1, 3, "二〇二六年十一月一日"}, {2025, 12, 23, 3, "二〇二五年十二月二十三日"}, {2024, 10, 0, 2, "二〇二四年十月"}, {2030, 0, 0, 1, "二〇三〇年"}} {
		if got := kanjiDate(c.y, c.m, c.d, c.n); got != c.want {
			t.Errorf("kanjiDate(%d, %d, %d) = %q, want %q", c.y, c.m, c.d, got, c.want)
		}
	}
}

// The 奥付's copyright line: © year author by default, none for a work out
// of copyright, else as book.yaml writes it.
func TestCopyrightLine(t *testing.T) {
	for rights, want := range map[string]string{
		"":                 "© 2026 夏目漱石",
		"public-domain":    "",
		"© 2026 著者 無断転載禁止": "© 2026 著者 無断転載禁止",
	} {
		c, err := manuscript.ParseConfig([]byte("title: t\nidentifier: x\ndate: 2026-01-01\nauthor: 夏目漱石\nrights: \"" + rights + "\"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := Data(&manuscript.Book{Config: c})["Copyright"]; got != want {
			t.Errorf("rights %q: %q, want %q", rights, got, want)
		}
	}
}
