package novelgen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The novels every figure is measured on hold no Go formatting debris
// ("%!(EXTRA …)", "%!d(…)"): text that no author writes would skew a
// count, an estimate or a benchmark.
func TestNoFormattingDebris(t *testing.T) {
	for _, nb := range Benches {
		for _, plain := range []bool{false, true} {
			o := nb.Options
			o.Episodes, o.Plain = 300, plain
			dir := filepath.Join(t.TempDir(), "novel")
			if err := Write(dir, o); err != nil {
				t.Fatal(err)
			}
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, _ := os.ReadFile(p)
				if i := bytes.Index(data, []byte("%!")); i >= 0 {
					t.Errorf("%s (%s, plain %v): %q", p, nb.Name, plain, data[i:min(len(data), i+40)])
				}
				return nil
			})
		}
	}
}
