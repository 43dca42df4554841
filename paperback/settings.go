package paperback

import (
	"regexp"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/manuscript"
)

// Flags are the print settings a command line gave ("" or false when it
// gave none).
type Flags struct {
	Trim, Paper, BlankLines string
	Bleed                   bool
}

// SettingError is a print setting that can't be used, and where it was
// given: book.yaml's print: (InBook) or the command line.
type SettingError struct {
	InBook bool
	Err    error
}

func (e *SettingError) Error() string { return e.Err.Error() }

func (e *SettingError) Unwrap() error { return e.Err }

// Localize says the error in p's language.
func (e *SettingError) Localize(p i18n.Printer) string { return p.Err(e.Err) }

// Settings decides a print's settings: a flag over book.yaml's print:, over
// the defaults (A5, white paper, parts on odd pages); the 版面 that
// print: gives (chars, lines, font-size) applies to whichever trim is
// chosen. Timeouts, proofs and the browser are the caller's.
func Settings(f Flags, pc manuscript.PrintConfig) (Options, error) {
	where := func(flag string, err error) error {
		return &SettingError{InBook: strings.TrimSpace(flag) == "", Err: err}
	}
	trim, err := FindTrim(firstOf(f.Trim, pc.Trim, "a5"))
	if err != nil {
		return Options{}, where(f.Trim, err)
	}
	if trim, err = trim.WithArea(pc.Chars, pc.Lines, pc.FontSize); err != nil {
		return Options{}, &SettingError{InBook: true, Err: err}
	}
	paper, err := ParsePaper(firstOf(f.Paper, pc.Paper))
	if err != nil {
		return Options{}, where(f.Paper, err)
	}
	partStart, err := ParsePartStart(pc.PartStart)
	if err != nil {
		return Options{}, &SettingError{InBook: true, Err: err}
	}
	drop, err := ParseBlankLines(firstOf(f.BlankLines, pc.BlankLines))
	if err != nil {
		return Options{}, where(f.BlankLines, err)
	}
	dense, err := ParseTOC(pc.TOC)
	if err != nil {
		return Options{}, &SettingError{InBook: true, Err: err}
	}
	spine := strings.TrimSpace(pc.SpineColor)
	if spine != "" && !colorRe.MatchString(spine) {
		return Options{}, &SettingError{InBook: true, Err: i18n.Errorf("print: spine-color %q: write it as #RRGGBB (#1d3557) or #RGB", pc.SpineColor)}
	}
	return Options{Trim: trim, Paper: paper, Bleed: f.Bleed || pc.Bleed, PartStart: partStart, DropBlankLines: drop, DenseTOC: dense, SpineColor: spine}, nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

var colorRe = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
