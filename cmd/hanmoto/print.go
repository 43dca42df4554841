package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/atomicfile"
	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
	"github.com/hanmoto/hanmoto/paperback/chrome"
	"github.com/urfave/cli/v2"
)

func printCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "print",
		Usage:     "make a KDP paperback: the interior PDF and its wraparound cover",
		ArgsUsage: "[DIR]",
		Description: `Reads DIR (default: the current folder) as build does and writes
DIR/dist/<title>.print.pdf, the interior — 縦書き and right-bound for a vertical
book (page 1 is a left-hand page), 扉, 目次 with page numbers, each part on an
odd page, 柱 and ノンブル, 奥付 on the last page — and DIR/dist/<title>.cover.pdf,
the wraparound cover: back, spine and front, its spine as wide as KDP sets it
for the page count and paper.

Trims: a5 (default), b6, shiroku (四六判), shinsho (新書), 5x8, 5.25x8,
5.5x8.5, 6x9. Settings may also sit in book.yaml:

  print:
    trim: shiroku
    paper: cream

Needs Chromium (chromium, chromium-browser or google-chrome on PATH, or
HANMOTO_CHROME) and a TrueType mincho, IPAex明朝 (Debian:
apt-get install chromium fonts-ipaexfont-mincho). KDP prints books of 24 to
828 pages (776 on cream paper); --proof prints a shorter or longer one to
read at home.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "trim", Usage: "the book's `SIZE`: a5, b6, shiroku, shinsho, 5x8, 5.25x8, 5.5x8.5, 6x9"},
			&cli.StringFlag{Name: "paper", Usage: "white or cream (`PAPER` sets the spine's width)"},
			&cli.BoolFlag{Name: "bleed", Usage: "print the interior with 3.2 mm of bleed, for art that runs off the page"},
			&cli.StringFlag{Name: "blank-lines", Usage: "`keep` every blank line of the text, or drop a lone one between paragraphs (a web novel's) and print a run as one"},
			&cli.BoolFlag{Name: "proof", Usage: "a copy to read, not to upload: a page count KDP refuses is a warning"},
			&cli.StringFlag{Name: "volume", Usage: "print volume `N` of a serial (book.yaml's volumes:) to dist/<series>_第N巻.print.pdf, or all of them, one after another"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the interior to `FILE` (and, without --cover, the cover beside it: FILE.cover.pdf)"},
			&cli.StringFlag{Name: "cover", Usage: "write the cover to `FILE`"},
			&cli.DurationFlag{Name: "timeout", Value: paperback.DefaultTimeout, Usage: "stop a layout that runs longer than `DURATION` (90s, 20m)"},
			newFormatFlag("text", "text", "json"),
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usage(e.p.Errorf("print takes one manuscript folder, got %d arguments", c.NArg()))
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			if err := e.inputDir(dir); err != nil {
				return err
			}
			return printBook(e, c, dir)
		},
	}
}

func printBook(e *env, c *cli.Context, dir string) error {
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: paperback.ImagePrefix, DropSource: true})
	if err != nil {
		return manuscriptError(e, dir, err)
	}
	books, names, err := printTargets(e, c, dir, b)
	if err != nil {
		return err
	}
	var out []any
	for i, v := range books {
		res, err := printOne(e, c, dir, v, names[i])
		if err != nil {
			return err
		}
		out = append(out, res)
	}
	if e.format(c) != "json" {
		return nil
	}
	if _, err := b.VolumeNumbers(c.String("volume"), false); c.IsSet("volume") && err != nil {
		return e.writeJSON(out) // all: a list, a volume each
	}
	return e.writeJSON(out[0])
}

// printTargets are the books print makes of the manuscript b, and their
// files' names: the book, the volume --volume names, or (all) every
// volume, one after another.
func printTargets(e *env, c *cli.Context, dir string, b *manuscript.Book) ([]*manuscript.Book, []string, error) {
	vols, names, err := books(e, dir, b, c.String("volume"), true)
	if err != nil {
		return nil, nil, err
	}
	if len(vols) > 1 && (c.IsSet("output") || c.IsSet("cover")) {
		return nil, nil, usage(e.p.Errorf("-o and --cover name one book's files, and --volume all prints %d: leave them out (each volume goes to dist/)", len(vols)))
	}
	return vols, names, nil
}

// printOne prints b to its interior and cover files and says what it
// wrote; its JSON is returned for the caller to write.
func printOne(e *env, c *cli.Context, dir string, b *manuscript.Book, name string) (any, error) {
	start := time.Now()
	opt, err := paperback.Settings(paperback.Flags{Trim: c.String("trim"), Paper: c.String("paper"), BlankLines: c.String("blank-lines"), Bleed: c.Bool("bleed")}, b.Config.Print)
	var se *paperback.SettingError
	if errors.As(err, &se) && se.InBook {
		// a setting book.yaml gave is wrong in book.yaml (exit 1); a flag's,
		// on the command line (exit 2)
		return nil, fail(e.p.Errorf("%s: %v", filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile)), se.Err))
	}
	if err != nil {
		return nil, usage(err)
	}
	path, err := chrome.Find(e.getenv)
	if err != nil {
		return nil, usage(e.p.Errorf("%v: print lays the pages out in Chromium; install it (Debian: apt-get install chromium fonts-ipaexfont-mincho) or set HANMOTO_CHROME to its path", err))
	}
	interior, cover, err := e.printOutputs(c, dir, b, name)
	if err != nil {
		return nil, err
	}
	quiet := c.Bool("quiet") || e.format(c) == "json"
	bar := newProgress(e, "printing", quiet)
	stop := bar.spin()
	opt.Proof, opt.Chrome, opt.Timeout = c.Bool("proof"), path, c.Duration("timeout")
	opt.Progress = func(step i18n.Msg) { bar.say(e.p.Msg(step)) }
	res, err := paperback.Print(context.Background(), b, opt)
	stop()
	if err != nil {
		return nil, fail(err)
	}
	if e.format(c) != "json" { // JSON carries them in "warnings"
		for _, w := range res.Warnings {
			e.println(e.stderr, w.Localize(e.p))
		}
	}
	// both files are made before either is written: a failed print
	// leaves the old ones as they were
	for _, f := range []struct {
		path string
		data []byte
	}{{interior, res.Interior}, {cover, res.Cover}} {
		err := atomicfile.WriteKind(f.path, 0o644, atomicfile.PDF, func(w io.Writer) error {
			_, err := w.Write(f.data)
			return err
		})
		var nr *atomicfile.NotRegularError
		var nk *atomicfile.NotKindError
		if errors.As(err, &nr) || errors.As(err, &nk) {
			return nil, usage(err)
		}
		if err != nil {
			return nil, fail(err)
		}
	}
	if !quiet {
		e.printWrote(interior, cover, opt, res, start)
	}
	return printJSON(interior, cover, opt.Paper, res), nil
}

// printWrote says what print wrote: the interior, its fonts, the cover.
func (e *env) printWrote(interior, cover string, opt paperback.Options, res *paperback.Result, start time.Time) {
	g := res.Geometry
	e.printf(e.stdout, "wrote %s (%d pages, %s, %d × %d characters, %.1fs)\n", interior, res.Pages, opt.Trim.Label, g.Trim.Chars, g.Lines, time.Since(start).Seconds())
	e.printf(e.stdout, "set in %s\n", strings.Join(res.Fonts, ", "))
	spine := e.p.T("no spine text (KDP sets none below 79 pages)")
	if res.SpineText {
		spine = e.p.T("title and author on the spine")
	}
	e.printf(e.stdout, "wrote %s (%s × %s mm, spine %s mm on %s paper; %s)\n", cover, mm1(res.CoverW), mm1(res.CoverH), mm2(res.SpineMM), e.p.T(string(opt.Paper)), spine)
}

// printOutputs are the interior's and the cover's files: as given, the
// cover beside an interior given alone, else in the book's dist/; never
// one of the book's own files, never one file twice.
func (e *env) printOutputs(c *cli.Context, dir string, b *manuscript.Book, name string) (interior, cover string, err error) {
	interior, cover = c.String("output"), c.String("cover")
	if interior != "" && cover == "" {
		// -o alone: the cover beside the interior, named after it
		cover = strings.TrimSuffix(interior, filepath.Ext(interior)) + ".cover.pdf"
	}
	if interior == "" || cover == "" {
		if err := os.MkdirAll(filepath.Join(dir, "dist"), 0o755); err != nil {
			return "", "", usage(err)
		}
	}
	if interior == "" {
		interior = filepath.Join(dir, "dist", name+".print.pdf")
	}
	if cover == "" {
		cover = filepath.Join(dir, "dist", name+".cover.pdf")
	}
	for _, out := range []string{interior, cover} {
		if src := b.Overwrites(dir, out); src != "" {
			return "", "", usage(e.p.Errorf("%s would overwrite or sit in the book's %s: write the PDF elsewhere (-o, --cover)", out, strings.TrimSuffix(src, "/")))
		}
	}
	if samePath(interior, cover) {
		return "", "", usage(e.p.Errorf("the interior and the cover can't both be %s: give --cover another name", cover))
	}
	return interior, cover, nil
}

func mm1(v float64) string { return fmt.Sprintf("%.1f", v) }
func mm2(v float64) string { return fmt.Sprintf("%.2f", v) }

// firstOf is the first of vs that is not empty.
func samePath(a, b string) bool {
	pa, err1 := filepath.Abs(a)
	pb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && pa == pb
}

// printJSON is what print tells a script: the files, the book's shape and
// where each 目次 entry is.
func printJSON(interior, cover string, paper paperback.Paper, res *paperback.Result) any {
	type entry struct {
		Title string `json:"title"`
		Page  int    `json:"page"`
		Part  bool   `json:"part,omitempty"`
	}
	toc := []entry{}
	for _, l := range res.TOC {
		toc = append(toc, entry{l.Title, l.Page, l.Part})
	}
	warnings := []string{}
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String())
	}
	g := res.Geometry
	return map[string]any{
		"interior": interior, "cover": cover, "pages": res.Pages,
		"trim": g.Trim.Name, "trim_mm": []float64{g.Trim.W, g.Trim.H}, "bleed": g.Bleed,
		"chars": g.Trim.Chars, "lines": g.Lines, "font_pt": g.Trim.FontPt, "fonts": res.Fonts,
		"margins_mm": map[string]float64{"inside": round2(g.Inside), "outside": round2(g.Outside), "top": round2(g.Top), "bottom": round2(g.Bottom)},
		"paper":      string(paper), "spine_mm": round2(res.SpineMM), "cover_mm": []float64{round2(res.CoverW), round2(res.CoverH)},
		"spine_text": res.SpineText, "toc": toc, "warnings": warnings,
	}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
