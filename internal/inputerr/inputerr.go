// Package inputerr is the one error of an input that is wrong at a place:
// a manuscript's line and column, a workbook's sheet, row and column, a
// history's line. Every reader returns it, so a person always sees where,
// in their language, and the CLI knows it is the input's fault (exit 1).
package inputerr

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// Error is a problem at a place in an input file. File is as the person
// named it (a manuscript's files relative to its folder, with forward
// slashes); Line and Col are 1-based, Col counting characters, not bytes,
// so that editors jump to the right place. A workbook's place is its Sheet,
// Row and Column instead.
type Error struct {
	File      string
	Line, Col int
	Sheet     string
	Row       int
	Column    string
	Msg       i18n.Msg
}

func (e *Error) Error() string { return e.Localize(i18n.Printer{}) }

// maxQuoted is the most of an input's own text an error repeats: a
// 5,000-digit "number" in a cell is named by its start and its end.
const maxQuoted = 80

// clipped is the message with every text argument longer than maxQuoted
// cut in its middle.
func clipped(m i18n.Msg) i18n.Msg {
	var args []any
	for i, a := range m.Args {
		var v any
		switch x := a.(type) {
		case string:
			if utf8.RuneCountInString(x) <= maxQuoted {
				continue
			}
			r := []rune(x)
			// a cut inside a word leaves a word that is none ("autho"):
			// a few characters more or less end it at the word's edge
			head, tail := maxQuoted/2, len(r)-maxQuoted/4
			inWord := func(i int) bool { return latinWord(r[i-1]) && latinWord(r[i]) }
			// (a word longer than that, a 5,000-digit number, is cut
			// where it was)
			edge := func(i, step int) int {
				for k := 0; k < 12; k, i = k+1, i+step {
					if !inWord(i) {
						return i
					}
				}
				return i - 12*step
			}
			head, tail = edge(head, -1), edge(tail, 1)
			v = string(r[:head]) + "…" + string(r[tail:])
		case *i18n.Error: // a reader's own message, wrapped with a place
			c := clipped(x.Msg)
			if len(c.Args) == 0 || &c.Args[0] == &x.Msg.Args[0] {
				continue
			}
			v = &i18n.Error{Msg: c}
		default:
			continue
		}
		if args == nil {
			args = append([]any(nil), m.Args...)
		}
		args[i] = v
	}
	if args == nil {
		return m
	}
	return i18n.Msg{Format: m.Format, Args: args}
}

// Localize renders the error in p's language: the place, then the message.
func (e *Error) Localize(p i18n.Printer) string {
	e = &Error{File: e.File, Line: e.Line, Col: e.Col, Sheet: e.Sheet, Row: e.Row, Column: e.Column, Msg: clipped(e.Msg)}
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, p.Msg(e.Msg))
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, p.Msg(e.Msg))
	case e.Sheet != "" || e.Row > 0 || e.Column != "":
		s := e.File + ": "
		if e.Sheet != "" {
			s += p.Sprintf("sheet %q ", e.Sheet)
		}
		if e.Row > 0 {
			s += p.Sprintf("row %d ", e.Row)
		}
		if e.Column != "" {
			s += p.Sprintf("column %q ", e.Column)
		}
		return s[:len(s)-1] + ": " + p.Msg(e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, p.Msg(e.Msg))
	}
	return p.Msg(e.Msg)
}

// At is an error at a line of a text file.
func At(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: i18n.M(format, args...)}
}

// In is an error of a whole file, at no place in it.
func In(file string, format string, args ...any) *Error {
	return &Error{File: file, Msg: i18n.M(format, args...)}
}

// latinWord is a letter or digit of a Latin word.
func latinWord(c rune) bool {
	return c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '_')
}
