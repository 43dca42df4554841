// Package atomicfile writes files so that readers see the old content or the
// new, never a half-written file, and a failed write leaves nothing behind.
//
// It writes only regular files: a device (/dev/null), a pipe, a folder or a
// link at the path is refused, never replaced — run as root, a rename over
// /dev/null replaces the system's /dev/null.
package atomicfile

import (
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

// Replace rewrites an existing file, as an editor saves it: through a
// symbolic link to the file it names, keeping the file's permissions.
func Replace(path string, fill func(w io.Writer) error) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	fi, err := check(real)
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
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
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
	return os.Rename(f.Name(), path)
}

// WriteFile is Write for bytes in hand.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
