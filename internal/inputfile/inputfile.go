// Package inputfile is the one way hanmoto opens a file it reads: a
// report, a NAV or broker history, a rates file, book.yaml, a template.
//
// Only a regular file is read. A pipe (mkfifo) would block without a
// writer, or feed a reader for ever — `yes | …` grew one import to 23 GB —
// and a device is no input, so both are refused by their mode before
// anything opens them. The size limit applies twice: by the file's size,
// and by what is read, so a file that grows while it is read stops at the
// limit too.
package inputfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// NotRegularError says a path to read holds a pipe, a device or a folder.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *NotRegularError) Localize(p i18n.Printer) string {
	what := i18n.M("a special file (a device or a pipe)")
	if e.Mode.IsDir() {
		what = i18n.M("a folder")
	}
	return p.Sprintf("%s is %v: hanmoto reads only regular files; save the download as a file and name that", e.Path, p.Msg(what))
}

// TooLargeError says a file is past the limit of its kind.
type TooLargeError struct {
	Path        string
	Size, Limit int64
	AtLeast     bool // the size is what was read before stopping
}

func (e *TooLargeError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language, in the file's own unit.
func (e *TooLargeError) Localize(p i18n.Printer) string {
	return p.Sprintf("%s is larger than %s, the most a file of its kind can be: is it the right file?", e.Path, size(e.Limit))
}

// size writes a byte count as a person reads it: 16 MiB, 512 KiB.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// Read reads path, a regular file (a link to one is followed) of at most
// limit bytes.
func Read(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	if fi.Size() > limit {
		return nil, &TooLargeError{Path: path, Size: fi.Size(), Limit: limit}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// what was stat'ed may not be what opens (a rename in between)
	if fi2, err := f.Stat(); err != nil || !fi2.Mode().IsRegular() {
		if err != nil {
			return nil, err
		}
		return nil, &NotRegularError{Path: path, Mode: fi2.Mode()}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Path: path, Size: int64(len(data)), Limit: limit, AtLeast: true}
	}
	return data, nil
}

// OutsideError says a file inside a folder is a link to somewhere outside.
type OutsideError struct{ Path string }

func (e *OutsideError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *OutsideError) Localize(p i18n.Printer) string {
	return p.Sprintf("%s is a link to a file outside the manuscript: copy the file into the manuscript instead", e.Path)
}

// ReadInside reads root/rel as Read does, refusing it when it is, or
// passes through, a link that leads out of root: a manuscript's template
// linked to /etc/passwd must not end up in a book.
func ReadInside(root, rel string, limit int64) ([]byte, error) {
	full := filepath.Join(root, rel)
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return nil, err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	in, err := filepath.Rel(realRoot, real)
	if err != nil || in == ".." || strings.HasPrefix(in, ".."+string(filepath.Separator)) {
		return nil, &OutsideError{Path: full}
	}
	return Read(full, limit)
}

// IsNotExist says the error is a file's absence.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
