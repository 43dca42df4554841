// Package jtext reads the text files Japanese services hand out: CSV in
// Shift_JIS (cp932) or UTF-8, with headers written in full or half width.
package jtext

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode gives a file's text: UTF-8 when a BOM says so or the bytes are
// valid UTF-8 already, else cp932, what Japanese banks, brokers and fund
// managers write. name is used in messages.
func Decode(name string, data []byte) (string, error) {
	s, err := decode(name, data)
	// lines ended by CR alone (an old Mac's, some exports'): a CSV reader
	// sees one line, and finds no header
	if err == nil && strings.IndexByte(s, '\r') >= 0 && strings.IndexByte(s, '\n') < 0 {
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, err
}

func decode(name string, data []byte) (string, error) {
	if bytes.HasPrefix(data, utf8BOM) {
		return string(data[len(utf8BOM):]), nil
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", i18n.Errorf("%s: holds NUL bytes (UTF-16?): save it as CSV in UTF-8 or Shift_JIS", name)
	}
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	// the decoder turns what it cannot read into U+FFFD rather than failing
	if err != nil || !utf8.Valid(out) || bytes.Contains(out, []byte("\uFFFD")) {
		return "", i18n.Errorf("%s: neither UTF-8 nor Shift_JIS (cp932): save it as CSV in one of them", name)
	}
	return string(out), nil
}

var spaces = strings.NewReplacer(" ", "", "　", "", `"`, "")

// Fold makes cells comparable: trimmed, NFKC (full-width letters, digits
// and parentheses to half width), no spaces or quotes.
func Fold(s string) string {
	s = strings.TrimSpace(s)
	if !isASCII(s) { // most cells are ASCII dates and numbers: NFKC is the cost
		s = norm.NFKC.String(s)
	}
	return spaces.Replace(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
