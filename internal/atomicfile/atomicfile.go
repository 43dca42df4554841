// Package atomicfile writes files so that readers see the old content or the
// new, never a half-written file, and a failed write leaves nothing behind.
//
// It writes only regular files: a device (/dev/null), a pipe, a folder or a
// link at the path is refused, never replaced — run as root, a rename over
// /dev/null replaces the system's /dev/null.
package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// NotRegularError says the path holds something other than a regular file.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *NotRegularError) Localize(p i18n.Printer) string {
	what := i18n.M("a special file (a device or a pipe)")
	switch {
	case e.Mode&fs.ModeSymlink != 0:
		what = i18n.M("a symbolic link")
	case e.Mode.IsDir():
		what = i18n.M("a folder")
	}
	return p.Sprintf("%s is %v: hanmoto writes only regular files; choose another path", e.Path, what)
}

// check refuses a path that holds anything but a regular file; a path
// that holds nothing is fine.
func check(path string) (fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	return fi, nil
}

// Write creates path through fill: the data goes to a temporary file in the
// same folder, which replaces path only when fill and the sync succeed.
func Write(path string, perm os.FileMode, fill func(w io.Writer) error) error {
	if _, err := check(path); err != nil {
		return err
	}
	return write(path, perm, fill)
}

// Kind is what an output is. A file already at the path is replaced only
// when it is of the same kind (or empty): `report html -o ledger.db`, a
// slip of the hand, must not turn a ledger into a web page.
type Kind struct {
	Name string                 // for messages: "an EPUB"
	Is   func(head []byte) bool // does a file starting so hold one
}

// The kinds of output hanmoto writes over an old one of its own.
var (
	EPUB = Kind{"an EPUB", func(h []byte) bool {
		return bytes.HasPrefix(h, []byte("PK\x03\x04")) && bytes.Contains(h, []byte("application/epub+zip"))
	}}
	HTML = Kind{"an HTML page", func(h []byte) bool {
		l := bytes.ToLower(bytes.TrimSpace(h))
		return bytes.HasPrefix(l, []byte("<!doctype html")) || bytes.HasPrefix(l, []byte("<html"))
	}}
	PDF = Kind{"a PDF", func(h []byte) bool { return bytes.HasPrefix(h, []byte("%PDF-")) }}
	SVG = Kind{"an SVG image", func(h []byte) bool {
		l := bytes.TrimSpace(h)
		return bytes.HasPrefix(l, []byte("<svg")) || bytes.HasPrefix(l, []byte("<?xml")) && bytes.Contains(l, []byte("<svg"))
	}}
)

// NotKindError says the path holds a file of another kind than the one to
// write.
type NotKindError struct {
	Path string
	Kind string
}

func (e *NotKindError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *NotKindError) Localize(p i18n.Printer) string {
	return p.Sprintf("%s holds something other than %s: hanmoto replaces only a file of the kind it writes; choose another name, or move that file away", e.Path, p.T(e.Kind))
}

// WriteKind is Write for an output of kind: a file at the path that is not
// of that kind (nor empty) is refused, unread past its first bytes.
func WriteKind(path string, perm os.FileMode, kind Kind, fill func(w io.Writer) error) error {
	fi, err := check(path)
	if err != nil {
		return err
	}
	if fi != nil && fi.Size() > 0 {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		head := make([]byte, 512)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if !kind.Is(head[:n]) {
			return &NotKindError{Path: path, Kind: kind.Name}
		}
	}
	return write(path, perm, fill)
}

// target is the file a rewrite of path writes: through a symbolic link to
// the file it names, which must be a regular file or nothing.
func target(path string) (string, fs.FileInfo, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", nil, err
	}
	fi, err := check(real)
	return real, fi, err
}

// Replace rewrites an existing file, as an editor saves it: through a
// symbolic link to the file it names, keeping the file's permissions.
func Replace(path string, fill func(w io.Writer) error) error {
	real, fi, err := target(path)
	if err != nil {
		return err
	}
	perm := os.FileMode(0o644)
	if fi != nil {
		perm = fi.Mode().Perm()
	}
	return write(real, perm, fill)
}

func write(path string, perm os.FileMode, fill func(w io.Writer) error) (err error) {
	return writeThen(path, perm, fill, nil)
}

// writeThen is write with a last check right before the rename.
func writeThen(path string, perm os.FileMode, fill func(w io.Writer) error, last func() error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		// the path asked for, not the hidden temporary one
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if last != nil {
		if err = last(); err != nil {
			return err
		}
	}
	return os.Rename(f.Name(), path)
}

// WriteFile is Write for bytes in hand.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ErrChanged says a file changed after it was read: another program (an
// editor saving) wrote it, and writing over it would lose that.
var ErrChanged = i18n.Errorf("it changed since it was read (saved by another program?): run the command again")

// ReplaceUnchanged rewrites the file at path with data, as Replace does,
// only while it still holds was — checked once more right before the
// rename, so that an edit saved while data was being made is never
// overwritten (the window left is the rename's own). A read-only file and
// a file with other hard links are refused: a rename writes a new file,
// which would drop the read-only mark's intent and cut the links.
func ReplaceUnchanged(path string, was, data []byte) error {
	real, fi, err := target(path)
	if err != nil {
		return err
	}
	if fi == nil {
		return &fs.PathError{Op: "write", Path: path, Err: ErrChanged}
	}
	if fi.Mode().Perm()&0o222 == 0 {
		return &fs.PathError{Op: "write", Path: path, Err: ErrReadOnly}
	}
	if links(fi) > 1 {
		return &fs.PathError{Op: "write", Path: path, Err: ErrLinked}
	}
	unchanged := func() error {
		now, err := os.ReadFile(real)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, was) {
			return &fs.PathError{Op: "write", Path: path, Err: ErrChanged}
		}
		return nil
	}
	if err := unchanged(); err != nil {
		return err
	}
	return writeThen(real, fi.Mode().Perm(), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, unchanged)
}

// ErrReadOnly and ErrLinked say why a file is not rewritten.
var (
	ErrReadOnly = i18n.Errorf("it is read-only: make it writable to have it rewritten")
	ErrLinked   = i18n.Errorf("it has other hard links, which a rewrite would cut")
)
