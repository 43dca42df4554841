package manuscript

import (
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/jinput"
)

// VolumeConfig is one entry of book.yaml's volumes: a book of the serial,
// with what is its own. Whatever it does not set comes from the series
// (book.yaml's other keys): author, publisher, writing mode, print, ….
type VolumeConfig struct {
	// Episodes are its episodes, by their numbers in the serial's reading
	// order: "1-120", or "241-" for the last volume, to the serial's end.
	Episodes   string `yaml:"episodes"`
	Identifier string `yaml:"identifier"` // its own, for life
	Title      string `yaml:"title"`      // "": the series' title and 第N巻
	Subtitle   string `yaml:"subtitle"`
	Cover      string `yaml:"cover"`
	ISBN       string `yaml:"isbn"`
	Date       string `yaml:"date"`
	// ASIN is the eBook's once KDP publishes it: the ledger's sales of it
	// are this volume's
	ASIN string `yaml:"asin"`
	// KENPC is the page count KDP gives the volume for Kindle Unlimited
	// (the bookshelf shows it; no report carries it)
	KENPC int `yaml:"kenpc"`
	// Fingerprint is what the published EPUB was made of (volumes record
	// N): build and check say when the volume would change from it
	Fingerprint *Fingerprint `yaml:"fingerprint"`
}

var volumeKeys = []string{"episodes", "identifier", "title", "subtitle", "cover", "isbn", "date", "asin", "kenpc", "fingerprint"}

var rangeRe = regexp.MustCompile(`^\s*(\d+)\s*[-‐－–〜~]\s*(\d*)\s*$`)

// Range reads a volume's episodes: first and last number, last 0 for "to
// the end". Full-width digits and dashes are read too.
func (v VolumeConfig) Range() (first, last int, ok bool) {
	m := rangeRe.FindStringSubmatch(jinput.Fold(v.Episodes))
	if m == nil {
		return 0, 0, false
	}
	first, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		last, _ = strconv.Atoi(m[2])
	}
	return first, last, first >= 1 && (last == 0 || last >= first)
}

// validateVolumes checks the volumes follow each other from episode 1,
// without a gap or an overlap, and each has its own identifier.
func (c *Config) validateVolumes() error {
	bad := func(n int, msg i18n.Msg) error {
		return &inputerr.Error{File: ConfigFile, Msg: i18n.M("volumes: volume %d: %s", n, msg)}
	}
	next := 1
	ids := map[string]int{c.Identifier: 0}
	named := false
	for _, v := range c.Volumes {
		if _, _, ok := v.Range(); !ok && strings.TrimSpace(v.Episodes) != "" {
			// part folders or files: Load resolves them against the
			// episodes and checks the volumes follow each other then
			named = true
		}
	}
	for i, v := range c.Volumes {
		n := i + 1
		first, last, ok := v.Range()
		switch {
		case strings.TrimSpace(v.Episodes) == "":
			return bad(n, i18n.M("episodes %q: give the first and last episode's numbers, as 1-120 (the last volume may end with 241-)", v.Episodes))
		case named:
		case !ok:
			return bad(n, i18n.M("episodes %q: give the first and last episode's numbers, as 1-120 (the last volume may end with 241-)", v.Episodes))
		case first != next:
			return bad(n, i18n.M("episodes %q start at %d: the volume before ends at episode %d, so this one starts at %d", v.Episodes, first, next-1, next))
		case last == 0 && n < len(c.Volumes):
			return bad(n, i18n.M("episodes %q run to the end, but volume %d follows: give its last episode", v.Episodes, n+1))
		}
		switch {
		case IsPlaceholderIdentifier(v.Identifier):
			return bad(n, i18n.M("no identifier: each volume is a book with its own, for life (hanmoto volumes plan --write writes them)"))
		case v.Date != "" && !dateRe().MatchString(v.Date):
			return bad(n, i18n.M("date %q: write it as YYYY-MM-DD", v.Date))
		case v.ASIN != "" && !ValidASIN(strings.ToUpper(v.ASIN)):
			return bad(n, i18n.M("asin %q: an ASIN is 10 letters and digits, as KDP's bookshelf shows it (B0ABCDE123)", v.ASIN))
		case v.Fingerprint != nil && v.Fingerprint.MadeTime().IsZero():
			return bad(n, i18n.M("fingerprint: made %q is not a time: hanmoto volumes record %d writes the fingerprint anew", v.Fingerprint.Made, n))
		}
		if m, ok := ids[v.Identifier]; ok {
			return bad(n, i18n.M("identifier %q is also the series' or volume %d's: each book has its own", v.Identifier, m))
		}
		ids[v.Identifier] = n
		next = last + 1
	}
	return nil
}

// resolveVolumes reads each volume's episodes against the book's: numbers
// (1-120, 241-), or part folders and episode files by name — a part's
// folder (chapters/02_第二部, or 02_第二部), its title (第二部), a file
// (chapters/120.md, or 120.md), several of them joined by 「,」 or 「、」,
// or a range of two joined by 「〜」 — and checks that the volumes follow
// each other from episode 1, without a gap or an overlap.
func (b *Book) resolveVolumes() error {
	b.volumes = nil
	named := false
	for _, v := range b.Config.Volumes {
		if _, _, ok := v.Range(); !ok {
			named = true
		}
	}
	for i, v := range b.Config.Volumes {
		first, last, ok := v.Range()
		if !ok {
			var err error
			if first, last, err = b.episodesNamed(v.Episodes); err != nil {
				return &inputerr.Error{File: ConfigFile, Msg: i18n.M("volumes: volume %d: %v", i+1, err)}
			}
		}
		b.volumes = append(b.volumes, [2]int{first, last})
	}
	if !named {
		return nil // validateVolumes has checked the numbers
	}
	next := 1
	for i, r := range b.volumes {
		v := b.Config.Volumes[i]
		if r[0] != next {
			return &inputerr.Error{File: ConfigFile, Msg: i18n.M("volumes: volume %d: %s", i+1, i18n.M("episodes %q start at %d: the volume before ends at episode %d, so this one starts at %d", v.Episodes, r[0], next-1, next))}
		}
		if r[1] == 0 {
			r[1] = len(b.Episodes())
		}
		next = r[1] + 1
	}
	return nil
}

// episodesNamed reads a volume's episodes given by name (resolveVolumes):
// the first and last episode's numbers.
func (b *Book) episodesNamed(names string) (first, last int, err error) {
	one := func(name string) (int, int, bool) {
		name = strings.Trim(strings.TrimSpace(name), "/")
		for _, p := range b.Parts {
			if len(p.Episodes) == 0 || p.Dir == "" {
				continue
			}
			if name == p.Dir || name == path.Base(p.Dir) || p.Title != "" && name == p.Title {
				return p.Episodes[0].Index, p.Episodes[len(p.Episodes)-1].Index, true
			}
		}
		for _, ep := range b.Episodes() {
			if name == ep.File || name == path.Base(ep.File) || name == strings.TrimPrefix(ep.File, "chapters/") {
				return ep.Index, ep.Index, true
			}
		}
		return 0, 0, false
	}
	for _, item := range strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == '、' }) {
		f, l, ok := one(item)
		if !ok {
			if a, z, found := strings.Cut(item, "〜"); found {
				f1, _, ok1 := one(a)
				_, l2, ok2 := one(z)
				f, l, ok = f1, l2, ok1 && ok2 && l2 >= f1
			}
		}
		if !ok {
			return 0, 0, i18n.Errorf("episodes %q: %q is no part folder, part title or episode file of the manuscript (give numbers, as 1-120, or names, as 01_第一部 or 001.md〜040.md)", names, strings.TrimSpace(item))
		}
		if first == 0 || f < first {
			first = f
		}
		last = max(last, l)
	}
	if first == 0 {
		return 0, 0, i18n.Errorf("episodes %q: give numbers, as 1-120, or names, as 01_第一部", names)
	}
	return first, last, nil
}

// Volumes is how many books book.yaml makes of the serial: 0 for a
// manuscript that is one book.
func (b *Book) Volumes() int { return len(b.Config.Volumes) }

// Volume is volume n (from 1) of the serial, a book of its own: its
// episodes numbered from 1, its parts those its episodes are in, its own
// identifier, cover, ISBN and date, and the series' title with 第N巻 (unless
// it has a title of its own). Its modification time is its own episodes',
// images' and cover's newest, not the manuscript's: adding episodes to
// the serial leaves a published volume's EPUB as it was.
func (b *Book) Volume(n int) (*Book, error) {
	if n < 1 || n > len(b.Config.Volumes) {
		return nil, inputerr.In(ConfigFile, "there is no volume %d: book.yaml's volumes: lists %d", n, len(b.Config.Volumes))
	}
	vc := b.Config.Volumes[n-1]
	first, last, _ := vc.Range()
	if n <= len(b.volumes) {
		first, last = b.volumes[n-1][0], b.volumes[n-1][1]
	}
	total := len(b.Episodes())
	if last == 0 {
		last = total
	}
	if first > total || last > total {
		return nil, inputerr.In(ConfigFile, "volumes: volume %d is episodes %d-%d, but the serial has %d", n, first, last, total)
	}
	cfg := *b.Config
	cfg.Volumes = nil
	cfg.Series = b.SeriesTitle()
	cfg.Volume = n
	cfg.Identifier = vc.Identifier
	cfg.Title = vc.Title
	if cfg.Title == "" {
		cfg.Title = VolumeTitle(cfg.Series, n, cfg.Language)
	}
	if vc.Subtitle != "" {
		cfg.Title += "　" + vc.Subtitle
	}
	for _, kv := range []struct {
		dst *string
		v   string
	}{{&cfg.ISBN, vc.ISBN}, {&cfg.Date, vc.Date}, {&cfg.Cover, vc.Cover}} {
		if kv.v != "" {
			*kv.dst = kv.v
		}
	}
	v := &Book{Dir: b.Dir, Config: &cfg, Cover: b.Cover, PrintCover: b.PrintCover}
	if vc.Cover != "" {
		r := &renderer{dir: b.Dir}
		rel, err := r.resolveImage(ConfigFile, vc.Cover)
		if err != nil {
			return nil, &inputerr.Error{File: ConfigFile, Msg: i18n.M("volumes: volume %d: cover: %v", n, err)}
		}
		v.Cover = rel
	}
	var newest time.Time
	images := map[string]bool{}
	i := 0
	for _, p := range b.Parts {
		var part *Part
		for _, ep := range p.Episodes {
			i++
			if i < first || i > last {
				continue
			}
			if part == nil {
				part = &Part{Title: p.Title, Dir: p.Dir}
				v.Parts = append(v.Parts, part)
			}
			e := *ep
			e.Index = len(v.Episodes()) + 1
			part.Episodes = append(part.Episodes, &e)
			if ep.modified.After(newest) {
				newest = ep.modified
			}
			for _, img := range ep.images {
				images[img] = true
			}
		}
	}
	for _, img := range b.Images {
		if images[img] {
			v.Images = append(v.Images, img)
		}
	}
	for _, img := range append(append([]string(nil), v.Images...), v.Cover) {
		if img == "" {
			continue
		}
		if t := modTime(filepath.Join(b.Dir, filepath.FromSlash(img))); t.After(newest) {
			newest = t
		}
	}
	v.Modified = newest.UTC().Truncate(time.Second)
	return v, nil
}

// VolumeNumbers reads a volume as people name it: a number (3, ３, 第3巻),
// or, where all may be asked, all (全巻): every volume.
func (b *Book) VolumeNumbers(which string, all bool) ([]int, error) {
	if v, ok := jinput.Choice(which, []string{"all", "全巻", "すべて"}); ok && v == "all" && all {
		var ns []int
		for n := 1; n <= b.Volumes(); n++ {
			ns = append(ns, n)
		}
		return ns, nil
	}
	if n, err := jinput.Whole(strings.TrimSuffix(strings.TrimPrefix(jinput.Fold(which), "第"), "巻")); err == nil && n >= 1 && int(n) <= b.Volumes() {
		return []int{int(n)}, nil
	}
	if !all {
		return nil, i18n.Errorf("--volume %q: give a volume's number, 1 to %d", which, b.Volumes())
	}
	return nil, i18n.Errorf("--volume %q: give a volume's number, 1 to %d, or all", which, b.Volumes())
}

// ValidASIN says whether s is an ASIN as KDP's bookshelf shows one: ten
// capital letters and digits (an eBook's start B0).
func ValidASIN(s string) bool {
	if len(s) != 10 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// NoVolumesError is a volume asked of a manuscript that is one book.
type NoVolumesError struct{ Which string }

func (e *NoVolumesError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *NoVolumesError) Localize(p i18n.Printer) string {
	return p.Sprintf("--volume %s: %s lists no volumes (hanmoto volumes plan --write writes them); leave --volume out for the whole manuscript", e.Which, ConfigFile)
}

// VolumeNamed is the volume which names (3, ３, 第3巻) as a book.
func (b *Book) VolumeNamed(which string) (*Book, error) {
	if b.Volumes() == 0 {
		return nil, &NoVolumesError{Which: which}
	}
	ns, err := b.VolumeNumbers(which, false)
	if err != nil {
		return nil, err
	}
	return b.Volume(ns[0])
}

// SeriesTitle is the serial's name: book.yaml's series, else its title.
func (b *Book) SeriesTitle() string {
	if s := strings.TrimSpace(b.Config.Series); s != "" {
		return s
	}
	return b.Config.Title
}

// VolumeTitle is a volume's title where it has none of its own: the
// series' and 第N巻 (", Volume N" in other languages).
func VolumeTitle(series string, n int, language string) string {
	if language == "ja" || strings.HasPrefix(language, "ja-") {
		return series + "　第" + strconv.Itoa(n) + "巻"
	}
	return series + ", Volume " + strconv.Itoa(n)
}
