package manuscript

import (
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// Fingerprint is what a published volume's EPUB was made of, recorded in
// book.yaml (volumes record N) once KDP sells it: a hash of each kind of
// its content, so that a later build can say whether the book readers
// bought would change, and in what. Times and the zip's packing are not
// content: the same text built tomorrow has the same fingerprint.
type Fingerprint struct {
	// Made is the published EPUB's modification time (its newest file):
	// an episode saved after it is one that may have changed
	Made     string `yaml:"made"`
	Episodes int    `yaml:"episodes"`
	Text     string `yaml:"text"`  // the episodes as set
	TOC      string `yaml:"toc"`   // the 目次: navigation and the 目次 page
	Book     string `yaml:"book"`  // the package: title, author, identifiers; 扉, 奥付, cover page
	Style    string `yaml:"style"` // the stylesheet
	Art      string `yaml:"art"`   // the cover and illustrations
}

var fingerprintKeys = []string{"made", "episodes", "text", "toc", "book", "style", "art"}

// MadeTime is Made as a time; the zero time when it can't be read.
func (f *Fingerprint) MadeTime() time.Time {
	t, _ := time.Parse(time.RFC3339, f.Made)
	return t
}

// Changes says what differs in now from the published f, a line each;
// saved are the volume's episode files saved since f.Made. None: the
// volume is the book readers have.
func (f *Fingerprint) Changes(now Fingerprint, saved []string) []i18n.Msg {
	var out []i18n.Msg
	if now.Episodes != f.Episodes {
		out = append(out, i18n.M("its episodes: %d, published with %d", now.Episodes, f.Episodes))
	}
	if now.Text != f.Text {
		if len(saved) > 0 {
			out = append(out, i18n.M("its text: episodes saved since %s: %s", f.Made, i18n.List(saved)))
		} else {
			out = append(out, i18n.M("its text, though no episode was saved since %s (a setting or the templates set it anew)", f.Made))
		}
	}
	for _, c := range []struct {
		was, is string
		msg     i18n.Msg
	}{
		{f.TOC, now.TOC, i18n.M("its 目次 (an episode's or part's title)")},
		{f.Book, now.Book, i18n.M("its title, people or identifiers (book.yaml), or its 扉, 奥付 or cover page")},
		{f.Style, now.Style, i18n.M("its stylesheet (templates/, a setting, or a newer hanmoto)")},
		{f.Art, now.Art, i18n.M("its cover or illustrations")},
	} {
		if c.was != c.is {
			out = append(out, c.msg)
		}
	}
	return out
}

// SavedSince are the book's episode files saved after t, in reading order.
func (b *Book) SavedSince(t time.Time) []string {
	var out []string
	for _, ep := range b.Episodes() {
		if ep.modified.Truncate(time.Second).After(t) {
			out = append(out, ep.File)
		}
	}
	return out
}
