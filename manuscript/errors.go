package manuscript

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/manuscript/syntax"
)

// MissingImageError is an image an episode links that the manuscript does
// not hold: lint reports it as a finding of its own.
type MissingImageError struct{ Err error }

func (e *MissingImageError) Error() string { return e.Err.Error() }
func (e *MissingImageError) Unwrap() error { return e.Err }

// Localize renders the error in p's language.
func (e *MissingImageError) Localize(p i18n.Printer) string { return p.Err(e.Err) }

// Errors is every problem found, in file and line order.
type Errors []*inputerr.Error

func (es Errors) Error() string { return es.Localize(i18n.Printer{}) }

// Localize says every problem in p's language, a line each: the preview
// shows them as build prints them.
func (es Errors) Localize(p i18n.Printer) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Localize(p))
	}
	return b.String()
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Position turns a byte offset in src into a 1-based line and a 1-based
// column counted in characters.
func Position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1
	ls := 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			ls = i + 1
		}
	}
	return line, utf8.RuneCount(src[ls:off]) + 1
}

// Warning is something worth fixing that does not stop a build or a print:
// where it is (a manuscript-relative file, or none) and what.
type Warning struct {
	File string
	Msg  i18n.Msg
}

func (w Warning) String() string { return w.Localize(i18n.Printer{}) }

// Localize renders the warning in p's language.
func (w Warning) Localize(p i18n.Printer) string {
	if w.File == "" {
		return p.Sprintf("warning: %s", p.Msg(w.Msg))
	}
	return w.File + ": " + p.Sprintf("warning: %s", p.Msg(w.Msg))
}

// unsetNotes warns of an episode's 青空文庫 notes the book does not set,
// each distinct note once, at its first place, with how many times it
// comes: build, print and preview say what they print as nothing or ※.
func unsetNotes(ep *Episode) []Warning {
	notes := syntax.UnsetNotes(ep.Source)
	if end, _, _ := aozoraHeader(ep.Source); end > 0 {
		// the header's legend shows notes as examples: it is not printed
		for len(notes) > 0 && notes[0].Off < end {
			notes = notes[1:]
		}
	}
	if len(notes) == 0 {
		return nil
	}
	count := map[string]int{}
	var order []syntax.UnsetNote
	for _, n := range notes {
		if count[n.Note] == 0 {
			order = append(order, n)
		}
		count[n.Note]++
	}
	ws := make([]Warning, 0, len(order))
	for _, n := range order {
		line, col := Position(ep.Source, n.Off)
		where := fmt.Sprintf("%s:%d:%d", ep.File, line, col)
		if strings.HasPrefix(n.Note, "※") {
			ws = append(ws, Warning{File: where, Msg: i18n.M("%s names no character (no JIS X 0213 code or U+ code point): it prints as ※ (%d times)", n.Note, count[n.Note])})
		} else {
			ws = append(ws, Warning{File: where, Msg: i18n.M("%s is a 青空文庫 note the book does not set: it prints nothing (%d times)", n.Note, count[n.Note])})
		}
	}
	return ws
}
