// Package safe makes data from reports, file names and manuscripts safe for
// the two places it can do harm: a terminal, where an escape sequence in a
// title could retitle the window or rewrite the screen, and a spreadsheet,
// where a CSV cell starting with = + - @ is a formula it runs.
package safe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Terminal replaces every control character — C0 (ESC, BEL, CR…), DEL and
// C1 — with U+FFFD, so text prints as text. Tabs and newlines are replaced
// too: a cell or a label is one line.
func Terminal(s string) string {
	if !needsTerminal(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// TerminalText is Terminal for a message of several lines: newlines stay.
func TerminalText(s string) string {
	if !needsTerminal(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r != '\n' && isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func needsTerminal(s string) bool {
	for _, r := range s {
		if isControl(r) {
			return true
		}
	}
	return false
}

// isControl is a character that acts instead of showing: C0, DEL and C1
// controls (U+009B is a terminal's CSI, as ESC [ is), the bidirectional
// embeddings, overrides and isolates (U+202E shows "txt.exe" as
// "exe.txt"), and the line and paragraph separators, which break a line
// where none is seen.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029
}

// JSON escapes, in JSON text, every character that acts instead of
// showing (isControl) as \uXXXX: the value stays exact for a script, and
// a terminal showing the JSON shows text. encoding/json escapes C0 but
// writes C1 (a terminal's CSI) and bidirectional overrides raw.
func JSON(b []byte) []byte {
	if !needsTerminal(string(b)) {
		return b
	}
	var out []byte
	for _, r := range string(b) {
		if isControl(r) && r >= 0x20 {
			out = append(out, fmt.Sprintf("\\u%04x", r)...)
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// Markdown makes a cell plain text in a Markdown table: every character
// Markdown reads as markup (links, raw HTML, emphasis, code, the column
// bar) is escaped with a backslash, so a title [x](javascript:…) or
// <script> stays the text it is.
func Markdown(s string) string {
	var b strings.Builder
	for _, r := range Terminal(s) {
		if strings.ContainsRune("\\`*_[]<>|!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CSVCell keeps a spreadsheet from reading a cell as a formula: a cell that
// starts with = + - @ (or a tab or CR) gets a leading apostrophe, which
// spreadsheets show as nothing, unless it is a plain number such as -5,
// +21.8% or 1,234.50.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

func isNumber(s string) bool {
	s = strings.TrimSuffix(s, "%")
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	digits := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || c == ',':
		default:
			return false
		}
	}
	return digits
}
