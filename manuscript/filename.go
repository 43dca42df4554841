package manuscript

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// FileName makes a title safe as a file name on every system KDP users have.
func FileName(title string) string {
	r := strings.NewReplacer("/", "／", "\\", "＼", ":", "：", "*", "＊", "?", "？", "\"", "”", "<", "＜", ">", "＞", "|", "｜")
	name := strings.TrimSpace(r.Replace(title))
	if name == "" || name == "." || name == ".." {
		return "book"
	}
	// a file name holds at most 255 bytes: a title of 10,000 characters
	// (or a long subtitle) is cut at a character, with room for .epub
	if len(name) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = strings.TrimSpace(name[:cut])
	}
	return name
}

// maxNameBytes is how long a title makes a file name: 255 bytes less the
// extension and a temporary file's suffix.
const maxNameBytes = 200

// VolumeFileName is <series>_第N巻 (<series>_vol-N outside Japanese), the
// series cut to fit a file name and the suffix kept whole.
func VolumeFileName(series string, n int, language string) string {
	suffix := fmt.Sprintf("_vol-%d", n)
	if language == "ja" || strings.HasPrefix(language, "ja-") {
		suffix = fmt.Sprintf("_第%d巻", n)
	}
	name := FileName(series)
	for len(name)+len(suffix) > maxNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name + suffix
}

// Books are the books a command makes of the manuscript b, and the names
// of their files (without extension): b itself when which is "" (no
// --volume), else the volume which names (3, ３, 第3巻), or with all
// allowed, every volume (all, 全巻).
func (b *Book) Books(which string, all bool) ([]*Book, []string, error) {
	if which == "" {
		return []*Book{b}, []string{FileName(b.Config.Title)}, nil
	}
	if b.Volumes() == 0 {
		return nil, nil, &NoVolumesError{Which: which}
	}
	ns, err := b.VolumeNumbers(which, all)
	if err != nil {
		return nil, nil, err
	}
	var books []*Book
	var names []string
	for _, n := range ns {
		v, err := b.Volume(n)
		if err != nil {
			return nil, nil, err
		}
		books = append(books, v)
		names = append(names, VolumeFileName(b.SeriesTitle(), n, b.Config.Language))
	}
	return books, names, nil
}
