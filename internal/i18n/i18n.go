// Package i18n holds hanmoto's message catalog: every message a person
// reads, in English (the key) and in Japanese, in the vocabulary of KDP's
// Japanese interface (ロイヤリティ, 既読ページ, 支払い) and of Japanese fund
// managers (基準価額, 口数).
//
// Libraries never print: they return a Msg or an *Error that keeps its
// English format and its arguments apart, and cmd/hanmoto renders it with a
// Printer in the reader's language. The catalog is constant data; there is
// no global language setting.
package i18n

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
)

// Lang is a language messages are rendered in.
type Lang int

const (
	English Lang = iota
	Japanese
)

func (l Lang) String() string {
	if l == Japanese {
		return "ja"
	}
	return "en"
}

// Detect reads the locale as POSIX does: the first of LC_ALL, LC_MESSAGES
// and LANG that is set decides; a value starting with "ja" means Japanese.
func Detect(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "ja") {
				return Japanese
			}
			return English
		}
	}
	return English
}

// ParseLang reads a --lang value: ja, en, or the language's own name.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "jp", "japanese", "日本語", "ja_jp", "ja-jp":
		return Japanese, true
	case "en", "english", "英語", "c", "posix":
		return English, true
	}
	return English, false
}

// Msg is a message not rendered yet: its English format and arguments.
type Msg struct {
	Format string
	Args   []any
}

// M makes a message. format is the catalog's key: write it as a literal so
// the catalog test finds it.
func M(format string, args ...any) Msg { return Msg{Format: format, Args: args} }

// String renders the message in English.
func (m Msg) String() string { return Printer{}.Msg(m) }

// IsZero says whether the message is empty.
func (m Msg) IsZero() bool { return m.Format == "" }

// Error is an error whose text is a Msg. Errors among its arguments are
// wrapped, as %w would wrap them.
type Error struct{ Msg Msg }

// Errorf is fmt.Errorf with a translatable format; use %v for errors (all
// error arguments are wrapped).
func Errorf(format string, args ...any) error { return &Error{M(format, args...)} }

func (e *Error) Error() string { return e.Msg.String() }

func (e *Error) Unwrap() []error {
	var errs []error
	for _, a := range e.Msg.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// Localizer is a value that renders itself in the printer's language:
// positioned errors implement it to translate their message and keep their
// position.
type Localizer interface {
	Localize(p Printer) string
}

// Printer renders messages in one language. The zero Printer is English.
type Printer struct{ Lang Lang }

// T translates a fixed English text: help texts, table headers.
func (p Printer) T(en string) string {
	if p.Lang == Japanese {
		if s, ok := ja()[en]; ok {
			return s
		}
	}
	return en
}

// Sprintf renders a format from the catalog with its arguments, each of
// them rendered in the printer's language too.
func (p Printer) Sprintf(format string, args ...any) string {
	out := fmt.Sprintf(p.T(format), p.args(args)...)
	if p.Lang == English && strings.Contains(format, "%d") {
		out = singular(out)
	}
	return out
}

// oneOf finds a count of one before a plural noun the messages count —
// "1 episodes", "1 estimate lines", "1 payments were", "1 lines (EUR 1.00)
// have" — which English says in the singular. (Japanese has no plural.)
var oneOf = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b1 ((?:estimate |statement )?)(episode|line|file|payment|page|trade|rate|problem|error|warning|fatal|unit|purchase|image|title|month|row|day|change|time)s\b((?: \([^)]*\))? (?:were|have|are)\b)?`)
})

// singular puts the nouns counted one in the singular, and their verb.
func singular(s string) string {
	if !strings.Contains(s, "1 ") {
		return s
	}
	re := oneOf()
	return re.ReplaceAllStringFunc(s, func(m string) string {
		g := re.FindStringSubmatch(m)
		verb := g[3]
		for plural, one := range map[string]string{" were": " was", " have": " has", " are": " is"} {
			if strings.HasSuffix(verb, plural) {
				verb = strings.TrimSuffix(verb, plural) + one
			}
		}
		return "1 " + g[1] + g[2] + verb
	})
}

// Errorf makes an error already rendered in the printer's language.
func (p Printer) Errorf(format string, args ...any) error {
	return &rendered{text: p.Sprintf(format, args...), Msg: M(format, args...)}
}

// Msg renders a message.
func (p Printer) Msg(m Msg) string { return p.Sprintf(m.Format, m.Args...) }

func (p Printer) args(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Msg:
			out[i] = p.Msg(v)
		case Localizer:
			out[i] = v.Localize(p)
		case error:
			out[i] = p.Err(v)
		default:
			out[i] = a
		}
	}
	return out
}

// rendered is an error made by a Printer: its text is final.
type rendered struct {
	text string
	Msg  Msg
}

func (r *rendered) Error() string             { return r.text }
func (r *rendered) Localize(p Printer) string { return r.text }
func (r *rendered) Unwrap() []error           { return (&Error{r.Msg}).Unwrap() }

// Err renders an error: translatable errors in the printer's language, the
// operating system's file errors too, anything else as it says itself.
func (p Printer) Err(err error) string {
	if err == nil {
		return ""
	}
	if lz, ok := err.(Localizer); ok {
		return lz.Localize(p)
	}
	switch e := err.(type) {
	case *Error:
		return p.Msg(e.Msg)
	case *fs.PathError:
		// "can't open x: no such file or directory", never Go's "open x: …"
		if op, ok := pathOps[e.Op]; ok {
			return p.Sprintf(op, e.Path, e.Err)
		}
		return err.Error()
	case syscall.Errno:
		if s, ok := errnos[e]; ok {
			return p.T(s)
		}
	case *exec.Error:
		// "exec: "x": executable file not found in $PATH", or a stat failing
		return p.Sprintf("can't run %s: %v", e.Name, e.Err)
	}
	for sentinel, s := range sentinels {
		if err == sentinel {
			return p.T(s)
		}
	}
	return err.Error()
}

// sentinels are the standard library's errors a person meets reading a
// file that is not what it says.
var sentinels = map[error]string{
	zip.ErrFormat:          "not a zip file",
	zip.ErrChecksum:        "a file in the zip is damaged (checksum)",
	zip.ErrAlgorithm:       "the zip uses a compression hanmoto can't read",
	io.ErrUnexpectedEOF:    "the file ends too early",
	exec.ErrNotFound:       "not found on PATH",
	os.ErrDeadlineExceeded: "took too long",
}

// pathOps are the file operations whose failures a person sees.
var pathOps = map[string]string{
	"open": "can't open %s: %v", "stat": "can't read %s: %v", "lstat": "can't read %s: %v", "read": "can't read %s: %v",
	"mkdir": "can't create the folder %s: %v", "write": "can't write %s: %v", "readdirent": "can't read %s: %v",
	"remove": "can't remove %s: %v", "rename": "can't replace %s: %v", "chmod": "can't change the permissions of %s: %v",
	"sync": "can't write %s: %v", "close": "can't write %s: %v",
}

var errnos = map[syscall.Errno]string{
	syscall.ENOENT:  "no such file or directory",
	syscall.EACCES:  "permission denied",
	syscall.EPERM:   "operation not permitted",
	syscall.EISDIR:  "is a directory",
	syscall.ENOTDIR: "not a directory",
	syscall.ENOSPC:  "no space left on device",
	syscall.EROFS:   "read-only file system",
	syscall.EEXIST:  "file exists",
}

// List is items said as one list: "a, b, c" in English, 「a、b、c」 in
// Japanese.
type List []string

func (l List) String() string { return strings.Join(l, ", ") }

// Localize joins the items with the language's list separator.
func (l List) Localize(p Printer) string { return strings.Join(l, p.T(", ")) }
