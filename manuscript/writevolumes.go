package manuscript

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/atomicfile"
	"github.com/hanmoto/hanmoto/internal/i18n"
)

// VolumesFor are the volumes: entries of a plan: each keeps what book.yaml
// already gives the volume of its number (its identifier above all, and
// its ISBN, ASIN, …), with the plan's episodes; a new volume's identifier
// is derived from the series' and its number (a name-based UUID), so that
// planning twice writes the same.
func (c *Config) VolumesFor(plan []PlannedVolume) []VolumeConfig {
	out := make([]VolumeConfig, len(plan))
	for i, p := range plan {
		var v VolumeConfig
		if i < len(c.Volumes) {
			v = c.Volumes[i]
		}
		v.Episodes = fmt.Sprintf("%d-%d", p.First, p.Last)
		if i == len(plan)-1 {
			v.Episodes = fmt.Sprintf("%d-", p.First)
		}
		if IsPlaceholderIdentifier(v.Identifier) {
			v.Identifier = volumeUUID(c.Identifier, i+1)
		}
		out[i] = v
	}
	return out
}

// volumeUUID is a version-5 UUID (RFC 4122) of the series' identifier and
// the volume's number.
func volumeUUID(series string, n int) string {
	h := sha1.Sum([]byte("hanmoto volume\x00" + series + "\x00" + strconv.Itoa(n)))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// WriteVolumes replaces book.yaml's volumes: block (or adds one at its
// end) with vols, as text: every other line — comments, blank lines, the
// keys' order — stays as the author wrote it. The file is replaced
// whole or not at all.
func WriteVolumes(dir string, vols []VolumeConfig) error {
	file := filepath.Join(dir, ConfigFile)
	old, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var block bytes.Buffer
	block.WriteString("volumes:\n")
	q := func(s string) string { return strconv.Quote(s) }
	for _, v := range vols {
		fmt.Fprintf(&block, "  - episodes: %s\n", v.Episodes)
		fmt.Fprintf(&block, "    identifier: %s\n", v.Identifier)
		for _, kv := range [][2]string{{"title", v.Title}, {"subtitle", v.Subtitle}, {"cover", v.Cover}, {"isbn", v.ISBN}, {"date", v.Date}, {"asin", v.ASIN}} {
			if kv[1] != "" {
				fmt.Fprintf(&block, "    %s: %s\n", kv[0], q(kv[1]))
			}
		}
		if v.KENPC > 0 {
			fmt.Fprintf(&block, "    kenpc: %d\n", v.KENPC)
		}
		if f := v.Fingerprint; f != nil {
			fmt.Fprintf(&block, "    # what KDP sells: build and check say when the volume would change\n")
			fmt.Fprintf(&block, "    fingerprint: {made: %s, episodes: %d, text: %s, toc: %s, book: %s, style: %s, art: %s}\n",
				q(f.Made), f.Episodes, q(f.Text), q(f.TOC), q(f.Book), q(f.Style), q(f.Art))
		}
	}
	lines := strings.SplitAfter(string(old), "\n")
	var out strings.Builder
	in, done := false, false
	for _, l := range lines {
		// a key at the line's start, or a comment there, ends the block
		top := l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '\n' && l[0] != '\r'
		switch {
		case top && strings.HasPrefix(l, "volumes:"):
			in, done = true, true
			out.Write(block.Bytes())
		case in && top:
			in = false
			out.WriteString(l)
		case in:
			// the old block's lines, and its comments, go
		default:
			out.WriteString(l)
		}
	}
	if !done {
		s := out.String()
		if s != "" && !strings.HasSuffix(s, "\n") {
			out.WriteString("\n")
		}
		out.Write(block.Bytes())
	}
	// what is written must read back as the same volumes
	c, err := ParseConfig([]byte(out.String()))
	if err != nil {
		return err
	}
	if len(c.Volumes) != len(vols) {
		return i18n.Errorf("book.yaml: the volumes written read back as %d, not %d: nothing was changed", len(c.Volumes), len(vols))
	}
	return atomicfile.Replace(file, func(w io.Writer) error {
		_, err := io.WriteString(w, out.String())
		return err
	})
}
