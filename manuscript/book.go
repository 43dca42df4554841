package manuscript

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
)

// Book is a manuscript read and rendered.
type Book struct {
	Dir    string // the manuscript folder as given
	Config *Config
	Parts  []*Part  // a book without part folders has one Part with no Title
	Images []string // manuscript-relative paths of every referenced image, sorted
	Cover  string   // manuscript-relative path, "" for none
	// PrintCover is book.yaml's print: cover, manuscript-relative
	PrintCover string
	Modified   time.Time
	// volumes are the episodes (first and last, from 1; last 0 to the
	// end) of each of book.yaml's volumes, numbers or names resolved
	volumes [][2]int
}

// Part is a sub-folder of chapters/: a 部 or 章 holding episodes.
type Part struct {
	Title    string // "" for episodes outside any part folder
	Dir      string // manuscript-relative
	Episodes []*Episode
}

// Episode is one Markdown file: one 話 of the web novel.
type Episode struct {
	Index  int    // 1-based position in the book
	File   string // manuscript-relative, forward slashes
	Title  string
	Source []byte
	Body   []byte // rendered XHTML fragment, its title heading first
	// Illustrations are the images the episode shows as pages of their
	// own (manuscript-relative paths).
	Illustrations []string
	// FullBleed are those of them that fill their page to its edges
	// (an image titled "full-bleed")
	FullBleed []string
	// Headings are its 青空文庫 大見出し and 中見出し, in order: the 目次
	// lists them under the episode (小見出し it does not).
	Headings []Heading
	// Warnings are what its text leaves out: a pasted 青空文庫 file's
	// header, the notes that print nothing (or ※), one warning a distinct
	// note, at its first place, with its count.
	Warnings []Warning

	link     bool      // a link may be on the way to its file
	modified time.Time // its file's
	images   []string  // the images it refers to, once rendered
}

// Heading is a 見出し inside an episode that the 目次 lists.
type Heading struct {
	ID    string // its element's id: the episode's, -m and its number (ep0001-m1)
	Title string // its text, ruby bases without readings
	Major bool   // 大見出し; else 中見出し
}

// ID is the episode's fragment identifier inside the book.
func (e *Episode) ID() string { return fmt.Sprintf("ep%04d", e.Index) }

// Episodes lists every episode in reading order.
func (b *Book) Episodes() []*Episode {
	var eps []*Episode
	for _, p := range b.Parts {
		eps = append(eps, p.Episodes...)
	}
	return eps
}

// HasParts reports whether the book is divided into titled parts.
func (b *Book) HasParts() bool {
	for _, p := range b.Parts {
		if p.Title != "" {
			return true
		}
	}
	return false
}

// Options steer Load.
type Options struct {
	// ImagePrefix goes before an image's in-book name in src attributes
	// (the EPUB's layout is epub's business, not ours).
	ImagePrefix string
	// Progress, when set, is called after each rendered episode.
	Progress func(done, total int)
	// NoRender reads the manuscript without rendering it (lint).
	NoRender bool
	// DropSource frees each episode's Markdown once it is rendered: a
	// build needs only the XHTML, and a long novel's source is megabytes.
	DropSource bool
	// Previous is the same manuscript loaded before (a preview after a
	// save): an episode whose file and text are unchanged keeps its
	// rendering, as long as book.yaml is unchanged too.
	Previous *Book
}

// ChaptersDir holds the episodes.
const ChaptersDir = "chapters"

// Load reads the manuscript in dir. A manuscript error is an *Error or
// Errors; every problem in every episode is reported at once.
func Load(dir string, opt Options) (*Book, error) {
	cfg, err := ReadConfig(dir)
	if err != nil {
		return nil, err
	}
	b := &Book{Dir: dir, Config: cfg}
	if err := b.readChapters(); err != nil {
		return nil, err
	}
	newest := modTime(filepath.Join(dir, ConfigFile))
	eps := b.Episodes()
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		realDir = dir
	}
	if err := readEpisodes(dir, realDir, eps, &newest); err != nil {
		return nil, err
	}
	if err := b.resolveVolumes(); err != nil {
		return nil, err
	}
	if cfg.Cover != "" {
		r := &renderer{dir: dir}
		rel, err := r.resolveImage(ConfigFile, cfg.Cover)
		if err != nil {
			return nil, &inputerr.Error{File: ConfigFile, Msg: i18n.M("cover: %v", err)}
		}
		b.Cover = rel
	}
	if pc := cfg.Print.Cover; pc != "" {
		r := &renderer{dir: dir}
		rel, err := r.resolveImage(ConfigFile, pc)
		if err != nil {
			return nil, &inputerr.Error{File: ConfigFile, Msg: i18n.M("print: cover: %v", err)}
		}
		b.PrintCover = rel
	}
	if !opt.NoRender {
		if err := b.render(opt); err != nil {
			return nil, err
		}
	}
	for _, img := range append(b.Images, b.Cover) {
		if img == "" {
			continue
		}
		if t := modTime(filepath.Join(dir, filepath.FromSlash(img))); t.After(newest) {
			newest = t
		}
	}
	b.Modified = newest.UTC().Truncate(time.Second)
	return b, nil
}

func modTime(p string) time.Time {
	fi, err := os.Stat(p)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}

// render renders every episode on all cores: goldmark is the hot path of a
// build, and episodes are independent.
func (b *Book) render(opt Options) error {
	abs, err := filepath.Abs(b.Dir)
	if err != nil {
		return err
	}
	level := 1
	if b.HasParts() {
		level = 2
	}
	r := newRenderer(b.Config, abs, opt.ImagePrefix, level)
	eps := b.Episodes()
	errs := make([]Errors, len(eps))
	// the episodes rendered last time, when nothing book-wide changed: the
	// same config and the same heading level
	reuse := map[string]*Episode{}
	if p := opt.Previous; p != nil && reflect.DeepEqual(p.Config, b.Config) && p.HasParts() == b.HasParts() {
		for _, ep := range p.Episodes() {
			if ep.Body != nil {
				reuse[ep.File] = ep
			}
		}
	}
	var mu sync.Mutex
	done := 0
	parallel(len(eps), func(i int) {
		ep := eps[i]
		if old := reuse[ep.File]; old != nil && old.Source != nil && bytes.Equal(old.Source, ep.Source) {
			ep.Title, ep.Body, ep.Illustrations, ep.FullBleed, ep.images, ep.Warnings, ep.Headings = old.Title, old.Body, old.Illustrations, old.FullBleed, old.images, old.Warnings, old.Headings
			return
		}
		ep.Warnings = nil
		errs[i], ep.images = r.render(ep)
		ep.Warnings = append(ep.Warnings, unsetNotes(ep)...)
		if opt.DropSource && errs[i] == nil {
			ep.Source = nil
		}
		if opt.Progress != nil {
			mu.Lock()
			done++
			opt.Progress(done, len(eps))
			mu.Unlock()
		}
	})
	var all Errors
	seen := map[string]bool{}
	for i := range eps {
		all = append(all, errs[i]...)
		for _, img := range eps[i].images {
			if !seen[img] {
				seen[img] = true
				b.Images = append(b.Images, img)
			}
		}
	}
	sort.Strings(b.Images)
	if len(all) > 0 {
		all.sort()
		return all
	}
	return nil
}

// readEpisodes reads every episode's source on all cores (a thousand files
// are a thousand waits on the disk), keeping the newest modification time;
// the error is the first episode's in reading order.
func readEpisodes(dir, realDir string, eps []*Episode, newest *time.Time) error {
	errs := make([]error, len(eps))
	times := make([]time.Time, len(eps))
	parallel(len(eps), func(i int) {
		ep := eps[i]
		full := filepath.Join(dir, filepath.FromSlash(ep.File))
		fi, msg := checkEpisodeFile(full, realDir, ep.link)
		if msg != nil {
			errs[i] = &inputerr.Error{File: ep.File, Msg: *msg}
			return
		}
		times[i] = fi.ModTime()
		ep.modified = fi.ModTime()
		src, err := readSized(full, fi.Size())
		if err != nil {
			errs[i] = &inputerr.Error{File: ep.File, Msg: i18n.M("%v", err)}
			return
		}
		if off := deepIndent(src); off >= 0 {
			line, col := Position(src, off)
			errs[i] = &inputerr.Error{File: ep.File, Line: line, Col: col, Msg: i18n.M("a line indented more than %d columns: no novel nests this deep; unindent it", MaxIndent)}
			return
		}
		if off := deepQuote(src); off >= 0 {
			line, col := Position(src, off)
			errs[i] = &inputerr.Error{File: ep.File, Line: line, Col: col, Msg: i18n.M("a quote nested more than %d deep: no novel nests this deep; remove the > marks", MaxIndent)}
			return
		}
		if off := manyLinks(src); off >= 0 {
			line, col := Position(src, off)
			errs[i] = &inputerr.Error{File: ep.File, Line: line, Col: col, Msg: i18n.M("more than %d links in one paragraph: no novel holds so many; split the paragraph or remove the brackets", MaxLinksPerParagraph)}
			return
		}
		// a byte-order mark (Windows editors write one) is no text: read
		// as nothing, it shifts no position and hides no heading
		ep.Source = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	})
	for i := range eps {
		if errs[i] != nil {
			return errs[i]
		}
		if times[i].After(*newest) {
			*newest = times[i]
		}
	}
	return nil
}

// readSized reads a file whose size a stat just gave: no second stat, and
// one read when the size still holds.
func readSized(name string, size int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, size+1) // +1: the read that finds the end
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF || n == 0 && err == nil {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew
		}
	}
}

// parallel runs fn(0) … fn(n−1) on all cores.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// checkEpisodeFile refuses what is no episode to read: a pipe or a device
// (reading one waits for ever), a file too large, a link that leads out of
// the manuscript (an episode linking /etc/passwd would put it in the book).
// link says a link may be on the way (the episode, its part folder or
// chapters/ is one, or book.yaml names it): only then is the real path
// resolved, a look-up per folder of the path.
func checkEpisodeFile(full, realDir string, link bool) (os.FileInfo, *i18n.Msg) {
	fail := func(m i18n.Msg) (os.FileInfo, *i18n.Msg) { return nil, &m }
	fi, err := os.Stat(full)
	if err != nil {
		return fail(i18n.M("%v", err))
	}
	if !fi.Mode().IsRegular() {
		return fail(i18n.M("not a regular file (a pipe, a device or a folder): an episode is a Markdown file"))
	}
	if fi.Size() > MaxEpisodeSize {
		return fail(i18n.M("%.1f MB: no episode is that long (at most %d MB); split it into episodes", float64(fi.Size())/(1<<20), MaxEpisodeSize>>20))
	}
	if !link {
		return fi, nil
	}
	if real, err := filepath.EvalSymlinks(full); err == nil {
		if rel, err := filepath.Rel(realDir, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fail(i18n.M("a link to a file outside the manuscript: episodes must be inside it"))
		}
	}
	return fi, nil
}

// readChapters finds the episodes: book.yaml's chapters list when given,
// else chapters/ in natural order, one level of folders being parts.
func (b *Book) readChapters() error {
	root := filepath.Join(b.Dir, ChaptersDir)
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return &inputerr.Error{File: ChaptersDir + "/", Msg: i18n.M("not found: put one .md file per episode in chapters/")}
	}
	// a link anywhere on an episode's path means resolving it (see
	// checkEpisodeFile); book.yaml's list is not looked at that closely
	rootLink := false
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		rootLink = true
	}
	var entries []dirent
	if len(b.Config.Chapters) > 0 {
		for _, c := range b.Config.Chapters {
			c = path.Clean(filepath.ToSlash(c))
			if strings.HasPrefix(c, "../") || path.IsAbs(c) {
				return &inputerr.Error{File: ConfigFile, Msg: i18n.M("chapters: %q is outside chapters/", c)}
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(c))); err != nil {
				return &inputerr.Error{File: ConfigFile, Msg: i18n.M("chapters: %q not found in chapters/", c)}
			}
			entries = append(entries, dirent{name: c, link: true})
		}
	} else {
		var err error
		if entries, err = listDir(root); err != nil {
			return err
		}
	}
	var loose *Part
	index := 0
	var badName error
	add := func(p *Part, rel string, link bool) {
		if r, ok := controlRune(path.Base(rel)); ok && badName == nil {
			badName = &inputerr.Error{File: path.Join(ChaptersDir, rel), Msg: i18n.M("the file's name holds control character U+%04X, which cannot stand in a book: rename the file", r)}
		}
		if !utf8.ValidString(rel) && badName == nil {
			badName = &inputerr.Error{File: strings.ToValidUTF8(path.Join(ChaptersDir, rel), "\uFFFD"), Msg: i18n.M("the file's name is not UTF-8 text, which a book's names must be: rename the file")}
		}
		index++
		p.Episodes = append(p.Episodes, &Episode{Index: index, File: path.Join(ChaptersDir, rel), link: link || rootLink})
	}
	for _, de := range entries {
		e := de.name
		full := filepath.Join(root, filepath.FromSlash(e))
		isDir := de.dir
		if de.link {
			fi, err := os.Stat(full)
			if err != nil {
				return &inputerr.Error{File: path.Join(ChaptersDir, e), Msg: i18n.M("%v", err)}
			}
			isDir = fi.IsDir()
		}
		if !isDir {
			if loose == nil {
				loose = &Part{Dir: ChaptersDir}
				b.Parts = append(b.Parts, loose)
			}
			add(loose, e, de.link)
			continue
		}
		loose = nil
		if r, ok := controlRune(path.Base(e)); ok {
			return &inputerr.Error{File: path.Join(ChaptersDir, e), Msg: i18n.M("the folder's name holds control character U+%04X, which cannot stand in a book's title: rename the folder", r)}
		}
		if !utf8.ValidString(e) {
			return &inputerr.Error{File: strings.ToValidUTF8(path.Join(ChaptersDir, e), "\uFFFD"), Msg: i18n.M("the folder's name is not UTF-8 text, which a book's titles must be: rename the folder")}
		}
		p := &Part{Title: partTitle(path.Base(e)), Dir: path.Join(ChaptersDir, e)}
		files, err := listDir(full)
		if err != nil {
			return err
		}
		for _, f := range files {
			isDir := f.dir
			if f.link {
				fi, err := os.Stat(filepath.Join(full, f.name))
				isDir = err == nil && fi.IsDir()
			}
			if isDir {
				return &inputerr.Error{File: path.Join(ChaptersDir, e, f.name), Msg: i18n.M("parts hold episodes, not more folders: only one level of folders is read")}
			}
			add(p, path.Join(e, f.name), de.link || f.link)
		}
		if len(p.Episodes) == 0 {
			continue // a folder of images beside the episodes, not a part
		}
		b.Parts = append(b.Parts, p)
	}
	if index == 0 {
		return &inputerr.Error{File: ChaptersDir + "/", Msg: i18n.M("no episodes: put one .md file per episode in chapters/")}
	}
	return badName
}

// dirent is a name in chapters/ or a part folder: a folder, or a link (to
// a file or a folder: looked at again where it matters).
type dirent struct {
	name      string
	dir, link bool
}

// listDir lists the .md files, folders and links of dir in natural order,
// skipping hidden files (editor back-ups, .DS_Store). The folder listing
// says what each is, so no name costs a look-up of its own.
func listDir(dir string) ([]dirent, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []dirent
	for _, d := range des {
		n := d.Name()
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		link := d.Type()&os.ModeSymlink != 0
		if d.IsDir() || strings.EqualFold(path.Ext(n), ".md") {
			out = append(out, dirent{name: n, dir: d.IsDir(), link: link})
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i].name, out[j].name) })
	return out, nil
}

// partTitle is a part folder's name without its ordering number:
// "01_出会いの章" → "出会いの章".
func partTitle(name string) string {
	if t := numberPrefix().ReplaceAllString(name, ""); t != "" {
		return t
	}
	return name
}

// TextWarnings are the episodes' warnings of what their text leaves out,
// in the book's order.
func (b *Book) TextWarnings() []Warning {
	var ws []Warning
	for _, ep := range b.Episodes() {
		ws = append(ws, ep.Warnings...)
	}
	return ws
}
