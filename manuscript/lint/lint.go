// Package lint proofreads a manuscript for the conventions of Japanese
// fiction (校正): paragraph indents, 「」 and ！？ spacing, ……/―― pairs,
// ruby markup the sites would leave as text, invisible characters, and
// book-level slips such as duplicate titles.
//
// It reads the source the way build does — the same goldmark parse and the
// same novel-syntax scanner — so it never reports inside code, raw HTML,
// URLs, ruby readings or front matter, and a fix never touches them.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"

	"github.com/hanmoto/hanmoto/internal/atomicfile"
	"github.com/hanmoto/hanmoto/manuscript"
)

// Severity of a finding.
const (
	Error   = "error"
	Warning = "warning"
	Off     = "off"
)

// Pos is a place in a file: 1-based line, 1-based column in characters.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Fix replaces the text from Start to End with Text. Only certain fixes are
// offered: --fix applies them all.
type Fix struct {
	Start Pos    `json:"start"`
	End   Pos    `json:"end"`
	Text  string `json:"text"`
	start int
	end   int
}

// Finding is one problem at one place.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      *Fix   `json:"fix,omitempty"`
	off      int
	msg      i18n.Msg
}

func (f Finding) String() string { return f.Localize(i18n.Printer{}) }

// Localize renders the finding the way compilers do, in p's language; the
// rule's ID stays as written so that it can be disabled by name.
func (f Finding) Localize(p i18n.Printer) string {
	return fmt.Sprintf("%s:%d:%d: %s: %s: %s", f.File, f.Line, f.Column, p.T(f.Severity), f.Rule, f.Text(p))
}

// Text is the finding's message in p's language.
func (f Finding) Text(p i18n.Printer) string {
	if f.msg.IsZero() {
		return f.Message
	}
	return p.Msg(f.msg)
}

// UsageError is a flag's value the manuscript cannot answer, as a
// volume it does not have: the command line's mistake, not the text's.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Localize renders the error in p's language.
func (e *UsageError) Localize(p i18n.Printer) string { return p.Err(e.Err) }

// UnknownRuleError is a rule named on the command line that does not exist.
type UnknownRuleError struct{ ID string }

func (e *UnknownRuleError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *UnknownRuleError) Localize(p i18n.Printer) string {
	return p.Sprintf("no rule %q (hanmoto lint --list-rules lists them)", e.ID)
}

// Rule describes one check.
type Rule struct {
	ID       string
	Severity string // the default
	Summary  string
	// Style marks a rule that judges how the text is written: its fix could
	// change what an author meant (。」 in 芥川, the indent of a 漢詩), so
	// --fix applies it only when book.yaml's lint: fix: names the rule.
	// The others' fixes are certain: spacing, one character's canonical form.
	Style bool
}

// Rules lists every check, in the order of the documentation.
var Rules = []Rule{
	{"paragraph-start", Warning, "a paragraph starts with a full-width space 「　」 or an opening bracket", true},
	{"punct-before-close", Warning, "no 。 or 、 right before a closing bracket: 「わかりました」", true},
	{"punct-doubled", Warning, "。。 and 、、 are written once", true},
	{"indent-doubled", Warning, "a paragraph is indented by one 「　」, not two", true},
	{"indent-before-bracket", Warning, "no 「　」 before an opening bracket at a paragraph's start", true},
	{"space-after-mark", Warning, "after ！ or ？ comes 「　」 or a closing bracket, unless the line ends", true},
	{"ellipsis-even", Warning, "「…」 comes in pairs: 「……」", true},
	{"dash-even", Warning, "「―」 comes in pairs: 「――」", true},
	{"ellipsis-style", Warning, "「・・・」 and 「...」 are written 「……」", true},
	{"dash-style", Warning, "「ーー」, 「－－」, 「——」 and 「──」 used as a dash are written 「――」", true},
	{"halfwidth-kana", Warning, "no half-width katakana (ｶﾀｶﾅ)", false},
	{"bracket-balance", Warning, "brackets 「」『』（）【】〈〉《》 close within the paragraph", false},
	{"ruby", Warning, "ruby markup that the sites would show as plain text", false},
	{"aozora-note", Warning, "a 青空文庫 note ［＃…］ the book does not set (page breaks, 地付き, 字上げ, 字下げ, 縦中横 and 傍点 notes are set)", false},
	{"halfwidth-mark", Warning, "half-width ! and ? in Japanese text are written ！ and ？ (except the 縦中横 pairs !! !? ?! ??)", true},
	{"digits", Warning, "numbers of more half-width digits than stand upright (tcy-digits, 2 by default) in a vertical book", false},
	{"latin-width", Warning, "Latin letters in one width throughout the book", false},
	{"zero-width", Warning, "no zero-width spaces or joiners", false},
	{"control-char", Error, "no control characters", false},
	{"no-nfd", Warning, "kana with a separate combining 濁点 or 半濁点 (NFD)", false},
	{"trailing-space", Warning, "no white space at the end of a line", false},
	{"tab", Warning, "no tab characters in prose", false},
	{"duplicate-title", Warning, "two episodes with the same title", false},
	{"empty-episode", Warning, "an episode with no text", false},
	{"trailing-scene-break", Warning, "an episode that ends with a scene break (its last page shows only the mark)", false},
	{"long-episode", Warning, "an episode far longer than the others (a paste error?)", false},
	{"missing-image", Error, "an image that is referenced but not there", false},
}

// isStyle says whether a rule's fix waits for book.yaml's lint: fix:.
func isStyle(id string) bool {
	for _, r := range Rules {
		if r.ID == id {
			return r.Style
		}
	}
	return false
}

func knownRule(id string) bool {
	for _, r := range Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

// Options choose the rules.
type Options struct {
	Only    []string // run just these rules (--rule)
	Disable []string // and never these (--disable)
	// Volume lints one volume of a serial (book.yaml's volumes:) as the
	// book it is: its episodes, and the book-wide rules (a duplicate
	// title, a far longer episode) among them alone. "" or all: the
	// whole manuscript.
	Volume string
}

// Result is the findings for a manuscript, with the sources they point at.
type Result struct {
	Findings []Finding
	Sources  map[string][]byte // by manuscript-relative file
}

// Run lints the manuscript in dir.
func Run(dir string, opt Options) (*Result, error) {
	b, err := load(dir, opt)
	if err != nil {
		return nil, err
	}
	return RunBook(b, opt)
}

// load reads the manuscript's sources, or those of the volume opt names.
func load(dir string, opt Options) (*manuscript.Book, error) {
	b, err := manuscript.Load(dir, manuscript.Options{NoRender: true})
	if err != nil || opt.Volume == "" {
		return b, err
	}
	if b.Volumes() == 0 {
		return nil, &UsageError{Err: &manuscript.NoVolumesError{Which: opt.Volume}}
	}
	ns, err := b.VolumeNumbers(opt.Volume, true)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	if len(ns) > 1 {
		return b, nil // all of them: the manuscript
	}
	return b.Volume(ns[0])
}

// RunBook lints a loaded book (sources only; it need not be rendered).
func RunBook(b *manuscript.Book, opt Options) (*Result, error) {
	sev, err := severities(b.Config, opt)
	if err != nil {
		return nil, err
	}
	eps := b.Episodes()
	docs := make([]*doc, len(eps))
	md := newMarkdown(b.Config)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := newDoc(eps[i].File, eps[i].Source, b, md)
				d.check()
				docs[i] = d
			}
		}()
	}
	for i := range eps {
		next <- i
	}
	close(next)
	wg.Wait()
	res := &Result{Sources: map[string][]byte{}}
	bookLevel(b, docs)
	for _, d := range docs {
		res.Sources[d.file] = d.src
		// a document's findings in the order of the text, then of rule;
		// the documents in the book's order
		sort.SliceStable(d.findings, func(i, j int) bool {
			a, b := d.findings[i], d.findings[j]
			return a.off < b.off || a.off == b.off && a.Rule < b.Rule
		})
		for _, f := range d.findings {
			s := sev[f.Rule]
			if s == Off || d.disabledAt(f.off, f.Rule) {
				continue
			}
			f.Severity = s
			f.Line, f.Column = d.pos(f.off)
			if f.Fix != nil {
				f.Fix.Start = posOf(d.pos(f.Fix.start))
				f.Fix.End = posOf(d.pos(f.Fix.end))
			}
			res.Findings = append(res.Findings, f)
		}
	}
	return res, nil
}

func posOf(line, col int) Pos { return Pos{line, col} }

// severities merges the defaults, book.yaml's lint section and the flags.
func severities(c *manuscript.Config, opt Options) (map[string]string, error) {
	sev := map[string]string{}
	for _, r := range Rules {
		sev[r.ID] = r.Severity
	}
	for id, s := range c.Lint.Severity {
		if !knownRule(id) {
			return nil, &inputerr.Error{File: manuscript.ConfigFile, Msg: i18n.M("lint.severity: no rule %q (hanmoto lint --list-rules)", id)}
		}
		switch s {
		case Error, Warning, Off:
			sev[id] = s
		default:
			return nil, &inputerr.Error{File: manuscript.ConfigFile, Msg: i18n.M("lint.severity.%s: %q is not error, warning or off", id, s)}
		}
	}
	for _, id := range c.Lint.Fix {
		if !knownRule(id) {
			return nil, &inputerr.Error{File: manuscript.ConfigFile, Msg: i18n.M("lint.fix: no rule %q (hanmoto lint --list-rules)", id)}
		}
	}
	for _, id := range c.Lint.Disable {
		if !knownRule(id) {
			return nil, &inputerr.Error{File: manuscript.ConfigFile, Msg: i18n.M("lint.disable: no rule %q (hanmoto lint --list-rules)", id)}
		}
		sev[id] = Off
	}
	for _, id := range append(append([]string(nil), opt.Only...), opt.Disable...) {
		if !knownRule(id) {
			return nil, &UnknownRuleError{ID: id}
		}
	}
	if len(opt.Only) > 0 {
		for id := range sev {
			if !contains(opt.Only, id) {
				sev[id] = Off
			}
		}
	}
	for _, id := range opt.Disable {
		sev[id] = Off
	}
	return sev, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// bookLevel checks what only the whole book shows.
func bookLevel(b *manuscript.Book, docs []*doc) {
	titles := map[string]string{}
	var lengths []int
	for _, d := range docs {
		if prev, ok := titles[d.title]; ok && d.title != "" {
			d.add("duplicate-title", d.titleOff, nil, "the title %q is also the title of %s", d.title, prev)
		} else {
			titles[d.title] = d.file
		}
		if d.chars == 0 {
			d.add("empty-episode", 0, nil, "this episode has no text")
		} else if off, ok := trailingBreak(d.src); ok {
			d.add("trailing-scene-break", off, nil, "the episode ends with a scene break: its last page shows only the mark; delete it (the next episode starts a page anyway)")
		}
		lengths = append(lengths, d.chars)
	}
	sorted := append([]int(nil), lengths...)
	sort.Ints(sorted)
	median := sorted[len(sorted)/2]
	if len(docs) >= 3 && median > 0 {
		for _, d := range docs {
			if d.chars > 5*median && d.chars > 10000 {
				d.add("long-episode", 0, nil, "%d characters, %.0f times the median episode (%d): two episodes pasted into one?", d.chars, float64(d.chars)/float64(median), median)
			}
		}
	}
	// latin-width: the minority width is the odd one out
	var full, half int
	for _, d := range docs {
		full += len(d.fullLatin)
		half += len(d.halfLatin)
	}
	if full > 0 && half > 0 {
		for _, d := range docs {
			odd, want := d.fullLatin, "half-width"
			if full > half {
				odd, want = d.halfLatin, "full-width"
			}
			for _, off := range odd {
				d.add("latin-width", off, nil, "the book writes Latin letters mostly %s (%d full-width, %d half-width runs)", want, full, half)
			}
		}
	}
}

// Apply returns src with every fix applied, later ones first so offsets stay
// true. Overlapping fixes keep the first.
func Apply(src []byte, fs []Finding) []byte {
	var fixes []*Fix
	for i := range fs {
		if fs[i].Fix != nil {
			fixes = append(fixes, fs[i].Fix)
		}
	}
	sort.SliceStable(fixes, func(i, j int) bool { return fixes[i].start < fixes[j].start })
	var out []byte
	last := 0
	for _, f := range fixes {
		if f.start < last {
			continue
		}
		out = append(out, src[last:f.start]...)
		out = append(out, f.Text...)
		last = f.end
	}
	return append(out, src[last:]...)
}

// FixAll applies the fixes to the manuscript's files — every certain one,
// and a style rule's only when book.yaml's lint: fix: names the rule —
// each file written atomically, and lints again until nothing changes (a
// fix can reveal another: ・・・」 becomes ……」). It returns how many fixes
// it made and in which files.
//
// A file is rewritten only while it still holds what was linted: one saved
// by an editor meanwhile, a read-only one and one with other hard links
// are left as they are and listed in skipped with why. A UTF-8 BOM stays.
func FixAll(dir string, opt Options) (fixed int, files []string, skipped []Skipped, err error) {
	touched, skip := map[string]bool{}, map[string]bool{}
	for round := 0; round < 5; round++ {
		b, err := load(dir, opt)
		if err != nil {
			return fixed, files, skipped, err
		}
		res, err := RunBook(b, opt)
		if err != nil {
			return fixed, files, skipped, err
		}
		byFile := map[string][]Finding{}
		for _, f := range res.Findings {
			if f.Fix != nil && (!isStyle(f.Rule) || slices.Contains(b.Config.Lint.Fix, f.Rule)) {
				byFile[f.File] = append(byFile[f.File], f)
			}
		}
		if len(byFile) == 0 {
			break
		}
		names := make([]string, 0, len(byFile))
		for name := range byFile {
			names = append(names, name)
		}
		sort.Strings(names)
		changed := false
		for _, name := range names {
			if skip[name] {
				continue
			}
			src := res.Sources[name]
			out := Apply(src, byFile[name])
			if string(out) == string(src) {
				continue
			}
			// as an editor saves: through a link to the real chapter, its
			// permissions kept, and only over what was linted
			path := filepath.Join(dir, filepath.FromSlash(name))
			was, err := os.ReadFile(path)
			if err != nil {
				return fixed, files, skipped, err
			}
			if bytes.HasPrefix(was, bom) {
				out = append(append([]byte(nil), bom...), out...)
			}
			if !bytes.Equal(bytes.TrimPrefix(was, bom), src) {
				err = &fs.PathError{Op: "write", Path: path, Err: atomicfile.ErrChanged}
			} else {
				err = atomicfile.ReplaceUnchanged(path, was, out)
			}
			if errors.Is(err, atomicfile.ErrChanged) || errors.Is(err, atomicfile.ErrReadOnly) || errors.Is(err, atomicfile.ErrLinked) {
				skip[name] = true
				skipped = append(skipped, Skipped{File: name, Err: errors.Unwrap(err)})
				continue
			}
			if err != nil {
				return fixed, files, skipped, err
			}
			fixed += len(byFile[name])
			changed = true
			if !touched[name] {
				touched[name] = true
				files = append(files, name)
			}
		}
		if !changed {
			break
		}
	}
	sort.Strings(files)
	return fixed, files, skipped, nil
}

// Skipped is a file FixAll left as it was, and why.
type Skipped struct {
	File string
	Err  error
}

var bom = []byte("\xef\xbb\xbf")
