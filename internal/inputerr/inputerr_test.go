package inputerr

import (
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// A long text is cut in its middle, and never inside a word: the known
// keys of book.yaml once came out as "…, autho… rights", and the
// Japanese replay read "autho" as English left untranslated.
func TestClippedAtWords(t *testing.T) {
	keys := "title, short-title, title-reading, author, language, publisher, series, volume, description, identifier, date, writing-mode, cover, rights, lint, print"
	got := In("book.yaml", "unknown key %q (known keys: %s)", "auther", keys).Error()
	_, cut, ok := strings.Cut(got, "known keys: ")
	if !ok || !strings.Contains(cut, "…") {
		t.Fatalf("not cut: %s", got)
	}
	head, tail, _ := strings.Cut(strings.TrimSuffix(cut, ")"), "…")
	for _, w := range strings.FieldsFunc(head+","+tail, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !strings.Contains(", "+keys+",", " "+w+",") && !strings.HasPrefix(keys, w+",") {
			t.Errorf("%q is no key: %s", w, got)
		}
	}
	if m := clipped(i18n.M("%s", strings.Repeat("漢", 200))); len([]rune(m.Args[0].(string))) > 61 {
		t.Errorf("a text without words is cut at %d characters", len([]rune(m.Args[0].(string))))
	}
}
