package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/atomicfile"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/urfave/cli/v2"
)

func quietFlag() cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but warnings and errors"}
}

func buildCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "make a KDP-ready EPUB 3 from a manuscript folder",
		ArgsUsage: "[DIR]",
		Description: `Reads DIR (default: the current folder) — book.yaml and chapters/ — and
writes DIR/dist/<title>.epub: 縦書き or 横書き as book.yaml says, ruby, 傍点 and
縦中横, a two-level 目次, title page and 奥付, episodes packed into few files
(KDP refuses books of 300 HTML files or more).

Errors name the place: chapters/012.md:34:5: image "../../x.png" is outside
the manuscript. A failed build leaves no output file behind.

Two builds of the same manuscript are byte-identical: the modification date is
SOURCE_DATE_EPOCH when set, else the newest source file's time.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the EPUB to `FILE`"},
			&cli.StringFlag{Name: "volume", Usage: "build volume `N` of a serial (book.yaml's volumes:), or all of them, each to dist/<series>_第N巻.epub"},
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usage(e.p.Errorf("build takes one manuscript folder, got %d arguments", c.NArg()))
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			if err := e.inputDir(dir); err != nil {
				return err
			}
			if c.IsSet("volume") {
				return buildVolumes(e, dir, c.String("volume"), c.String("output"), c.Bool("quiet"))
			}
			out, err := buildBook(e, dir, c.String("output"), c.Bool("quiet"))
			if err != nil {
				return err
			}
			_ = out
			return nil
		},
	}
}

// buildBook builds dir into out (default dist/<title>.epub) and returns the
// path written.
func buildBook(e *env, dir, out string, quiet bool) (string, error) {
	start := time.Now()
	b, err := loadForBuild(e, dir, quiet)
	if err != nil {
		return "", err
	}
	if out == "" {
		out = filepath.Join(dir, "dist", manuscript.FileName(b.Config.Title)+".epub")
	}
	return writeEPUB(e, dir, b, out, quiet, start)
}

// loadForBuild reads and renders the manuscript, with a progress bar,
// and says what book.yaml still holds as an example.
func loadForBuild(e *env, dir string, quiet bool) (*manuscript.Book, error) {
	bar := newProgress(e, "rendering", quiet)
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: epub.ImagePrefix, Progress: bar.update, DropSource: true})
	bar.done()
	if err != nil {
		return nil, manuscriptError(e, dir, err)
	}
	if !quiet {
		for _, m := range b.Config.Placeholders() {
			fmt.Fprintln(e.stderr, filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile))+": "+e.p.Sprintf("warning: %s", e.p.Msg(m)))
		}
	}
	return b, nil
}

// buildVolumes builds volume which ("3", "all") of the serial in dir.
func buildVolumes(e *env, dir, which, out string, quiet bool) error {
	start := time.Now()
	b, err := loadForBuild(e, dir, quiet)
	if err != nil {
		return err
	}
	vols, names, err := books(e, dir, b, which, true)
	if err != nil {
		return err
	}
	if out != "" && len(vols) > 1 {
		return usage(e.p.Errorf("-o names one file, and --volume all makes %d: leave -o out (each volume goes to dist/)", len(vols)))
	}
	files := make([]string, len(vols))
	for i := range vols {
		files[i] = out
		if out == "" {
			files[i] = filepath.Join(dir, "dist", names[i]+".epub")
		}
	}
	// the volumes are books apart: written at once, on every core, and
	// said in order; they share their stylesheet, and often their art,
	// which go-epub assembles once
	media := &epub.MediaCache{}
	warnings := make([][]manuscript.Warning, len(vols))
	errs := make([]error, len(vols))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range vols {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			warnings[i], errs[i] = epubFile(e, dir, vols[i], files[i], media)
		}()
	}
	wg.Wait()
	for i, v := range vols {
		for _, w := range warnings[i] {
			e.println(e.stderr, w.Localize(e.p))
		}
		if errs[i] != nil {
			return errs[i]
		}
		if !quiet {
			e.wrote(files[i], v, time.Since(start))
		}
		e.sayPublished(e.stderr, b, v, files[i], quiet)
	}
	return nil
}

// books are the books --volume which names (manuscript.Book.Books), with
// its mistakes sorted: a volume the manuscript has not is the command
// line's (exit 2), a volume book.yaml can't make is the manuscript's.
func books(e *env, dir string, b *manuscript.Book, which string, all bool) ([]*manuscript.Book, []string, error) {
	vols, names, err := b.Books(which, all)
	var ie *inputerr.Error
	switch {
	case errors.As(err, &ie):
		return nil, nil, manuscriptError(e, dir, err)
	case err != nil:
		return nil, nil, usage(err)
	}
	return vols, names, nil
}

// oneVolume is the volume --volume names, and its file's name.
func oneVolume(e *env, dir string, b *manuscript.Book, which string) (*manuscript.Book, string, error) {
	vols, names, err := books(e, dir, b, which, false)
	if err != nil {
		return nil, "", err
	}
	return vols[0], names[0], nil
}

// writeEPUB writes b to out, atomically, and says what it wrote.
func writeEPUB(e *env, dir string, b *manuscript.Book, out string, quiet bool, start time.Time) (string, error) {
	warnings, err := epubFile(e, dir, b, out, nil)
	for _, w := range warnings {
		e.println(e.stderr, w.Localize(e.p))
	}
	if err != nil {
		return "", err
	}
	if !quiet {
		e.wrote(out, b, time.Since(start))
	}
	return out, nil
}

// wrote says an EPUB was written.
func (e *env) wrote(out string, b *manuscript.Book, took time.Duration) {
	fi, _ := os.Stat(out)
	size := int64(0)
	if fi != nil {
		size = fi.Size()
	}
	e.printf(e.stdout, "wrote %s (%d episodes, %s, %.2fs)\n", out, len(b.Episodes()), humanSize(size), took.Seconds())
}

// epubFile writes b to out, atomically, and gives what epub.Write warned.
func epubFile(e *env, dir string, b *manuscript.Book, out string, media *epub.MediaCache) ([]manuscript.Warning, error) {
	opt := epub.Options{Media: media}
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, usage(e.p.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s))
		}
		opt.Modified = time.Unix(sec, 0)
	}
	if filepath.Dir(out) == filepath.Join(dir, "dist") {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return nil, usage(err)
		}
	}
	if src := b.Overwrites(dir, out); strings.HasSuffix(src, "/") {
		return nil, usage(e.p.Errorf("%s is inside the book's %s folder, which the build reads: write the EPUB elsewhere (-o FILE.epub)", out, src))
	} else if src != "" {
		return nil, usage(e.p.Errorf("%s is the book's own %s: write the EPUB elsewhere (-o FILE.epub)", out, src))
	}
	var warnings []manuscript.Warning
	err := atomicfile.WriteKind(out, 0o644, atomicfile.EPUB, func(w io.Writer) error {
		var err error
		warnings, err = epub.Write(b, w, opt)
		return err
	})
	var nr *atomicfile.NotRegularError
	var nk *atomicfile.NotKindError
	if errors.As(err, &nr) || errors.As(err, &nk) {
		return warnings, usage(err)
	}
	if err != nil {
		return warnings, fail(err)
	}
	return warnings, nil
}

// manuscriptError prints every positioned problem, relative to where the
// user stands, and makes the exit status 1.
func manuscriptError(e *env, dir string, err error) error {
	var list manuscript.Errors
	var one *inputerr.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = manuscript.Errors{one}
	default:
		return fail(err)
	}
	for _, m := range list {
		c := *m
		if c.File != "" && dir != "." {
			c.File = filepath.ToSlash(filepath.Join(dir, c.File))
		}
		e.println(e.stderr, c.Localize(e.p))
	}
	if len(list) > 1 {
		e.printf(e.stderr, "%d problems; nothing was written\n", len(list))
	}
	return findingsRemain{}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
