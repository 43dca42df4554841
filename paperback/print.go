package paperback

import (
	"context"
	"errors"
	"image"
	_ "image/jpeg" // the cover and illustration formats a manuscript holds
	_ "image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback/chrome"
	"github.com/hanmoto/hanmoto/paperback/pdf"
)

// ImagePrefix is how the print document reaches a manuscript's images:
// load the Book with it.
const ImagePrefix = "images/"

// Options steer Print.
type Options struct {
	Trim  Trim
	Paper Paper
	// Bleed prints the interior with 3.2 mm of bleed (top, foot, fore
	// edge), for illustrations that run off the page.
	Bleed bool
	// Proof makes a copy to read, not to upload: KDP's page-count limits
	// become warnings.
	Proof bool
	// PartStart is where a part's title page goes: PartOnOdd (改丁, the
	// default) or PartOnPage (改ページ).
	PartStart PartStart
	// DropBlankLines leaves out a lone blank line between paragraphs and
	// prints a run of them as one: a web novel's blank line after every
	// paragraph made 940 A5 pages of a 620-page book.
	DropBlankLines bool
	// DenseTOC sets the 目次 in smaller type, its entries closer
	DenseTOC bool
	// SpineColor colours the spine (#RRGGBB); "": from the front art
	SpineColor string
	// Chrome is the browser's path (chrome.Find).
	Chrome string
	// Progress, when set, hears each step as it starts.
	Progress func(step i18n.Msg)
	// Timeout stops a layout that runs longer (DefaultTimeout when 0): a
	// stylesheet can make a hundred thousand pages, or one element as tall
	// as the sky, and Chromium lays them out for ever.
	Timeout time.Duration
}

// DefaultTimeout is Options.Timeout's default: a 330-page novel takes 14 s
// on a slow machine.
const DefaultTimeout = 10 * time.Minute

// PartStart says where a part's title page goes.
type PartStart string

// The two ways a book starts a part.
const (
	PartOnOdd  PartStart = "odd"  // 改丁: on an odd page, its back blank
	PartOnPage PartStart = "page" // 改ページ: on the next page
)

// ParsePartStart reads book.yaml's print: part-start.
func ParsePartStart(s string) (PartStart, error) {
	switch strings.TrimSpace(jinput.Fold(s)) {
	case "", "odd", "改丁":
		return PartOnOdd, nil
	case "page", "改ページ":
		return PartOnPage, nil
	}
	return "", i18n.Errorf("print: part-start %q: use odd (改丁) or page (改ページ)", s)
}

// maxRunningTitle is the longest title the running head sets on one line
// of a 新書's head margin, at its 7.5 pt.
const maxRunningTitle = 30

// ParseTOC reads print: toc: normal (or "") is false, dense is true.
func ParseTOC(s string) (dense bool, err error) {
	switch strings.TrimSpace(jinput.Fold(s)) {
	case "", "normal", "標準":
		return false, nil
	case "dense", "詰める":
		return true, nil
	}
	return false, i18n.Errorf("toc %q: use normal, or dense (the 目次 in smaller type, its entries closer: for a long serial)", s)
}

// ParseBlankLines reads print: blank-lines: keep (or "") is false, drop
// is true.
func ParseBlankLines(s string) (drop bool, err error) {
	switch strings.TrimSpace(jinput.Fold(s)) {
	case "", "keep", "残す":
		return false, nil
	case "drop", "詰める":
		return true, nil
	}
	return false, i18n.Errorf("blank-lines %q: use keep (print every blank line) or drop (leave out a lone blank line between paragraphs; print a run of them as one)", s)
}

// TOCLine is an entry of the printed 目次 and the page it names.
type TOCLine struct {
	Title string
	Page  int
	Part  bool
}

// Result is a printed book.
type Result struct {
	Interior, Cover []byte
	Pages           int
	Geometry        Geometry
	SpineMM         float64
	CoverW, CoverH  float64 // millimetres, bleed included
	// Fonts are the interior's, by name (IPAexMincho)
	Fonts     []string
	SpineText bool // the spine carries title and author
	TOC       []TOCLine
	Warnings  []manuscript.Warning
}

// Print lays b out as a paperback and returns its interior and cover.
func Print(ctx context.Context, b *manuscript.Book, opt Options) (*Result, error) {
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	res, err := layOut(ctx, b, opt)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, i18n.Errorf("the layout ran past %s and was stopped (a stylesheet that makes very many pages, or one very tall element?): give --timeout for more time", timeout)
	}
	return res, err
}

func layOut(ctx context.Context, b *manuscript.Book, opt Options) (*Result, error) {
	if opt.Chrome == "" {
		return nil, chrome.ErrNotFound
	}
	if opt.Trim.Name == "" {
		opt.Trim = Trims[0]
	}
	if opt.Paper == "" {
		opt.Paper = White
	}
	step := func(format string, args ...any) {
		if opt.Progress != nil {
			opt.Progress(i18n.M(format, args...))
		}
	}
	// a book far past KDP's limit is refused before any layout: the text
	// alone needs that many pages on the first layout's 版面
	if g0, err := layout(opt.Trim, 0, opt.Bleed); err == nil && !opt.Proof {
		chars, lines := g0.Grid(b.Config.Vertical())
		if est, maxPages := EstimatePages(b, chars, lines), MaxPagesOn(opt.Paper); est > maxPages {
			return nil, i18n.Errorf("the text alone needs at least %d pages at %d characters × %d lines (%s), and KDP prints paperbacks of at most %d: split it into volumes, or choose a larger trim (--trim)", est, chars, lines, opt.Trim.Label, maxPages)
		}
	}
	work, err := os.MkdirTemp("", "hanmoto-print-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	res := &Result{}
	images, err := stageImages(b, work)
	if err != nil {
		return nil, err
	}
	tpl, err := loadTemplates(filepath.Join(b.Dir, "templates"))
	if err != nil {
		return nil, err
	}
	families, asked := japaneseFonts()
	if asked && len(families) == 0 {
		return nil, i18n.Errorf("no Japanese font is installed (fontconfig knows none for Japanese): the book would print as empty boxes; install a TrueType mincho (Debian: apt-get install fonts-ipaexfont-mincho)")
	}
	step("starting %s", filepath.Base(opt.Chrome))
	br, err := chrome.Start(ctx, opt.Chrome)
	if err != nil {
		return nil, i18n.Errorf("can't start the browser: %v", err)
	}
	defer br.Close()
	printHTML := func(name string, html []byte) (*pdf.File, error) {
		file := filepath.Join(work, name)
		if err := os.WriteFile(file, html, 0o600); err != nil {
			return nil, err
		}
		raw, refused, err := br.Print(ctx, work, name)
		if err != nil {
			return nil, i18n.Errorf("the browser could not print the book: %v", err)
		}
		if len(refused) > 0 {
			// what the checks of the templates let pass, the browser
			// still never gets: and a book that asked for it is not printed
			return nil, i18n.Errorf("the book asked for %s, which is not one of its files: nothing is printed; a page or stylesheet of templates/ names it", refused[0])
		}
		f, err := pdf.Parse(raw)
		if err != nil {
			return nil, i18n.Errorf("the browser's PDF can't be read: %v", err)
		}
		return f, nil
	}

	// the gutter depends on the page count, which depends on the gutter:
	// lay out, count, and again while the count asks for other margins
	pages := 0
	var g Geometry
	var plan *pagePlan
	for try := 0; ; try++ {
		g, err = layout(opt.Trim, pages, opt.Bleed)
		if err != nil {
			return nil, err
		}
		step("laying out the pages (%s), pass %d", g.Trim.Label, try+1)
		d := newDoc(b, tpl, g, images, opt.PartStart == PartOnPage)
		d.dropBlank, d.denseTOC = opt.DropBlankLines, opt.DenseTOC
		html, err := d.html(nil)
		if err != nil {
			return nil, err
		}
		f, err := printHTML("pass.html", html)
		if err != nil {
			return nil, err
		}
		plan, err = d.plan(f)
		if err != nil {
			return nil, err
		}
		next, err := layout(opt.Trim, plan.total, opt.Bleed)
		if err != nil {
			return nil, err
		}
		if next.Lines == g.Lines && next.Inside == g.Inside || try == 3 {
			break
		}
		pages = plan.total
	}
	step("printing %d pages", plan.total)
	d := newDoc(b, tpl, g, images, opt.PartStart == PartOnPage)
	d.dropBlank, d.denseTOC = opt.DropBlankLines, opt.DenseTOC
	html, err := d.html(plan)
	if err != nil {
		return nil, err
	}
	f, err := printHTML("book.html", html)
	if err != nil {
		return nil, err
	}
	if err := d.confirm(f, plan); err != nil {
		return nil, err
	}
	fonts, err := fontsOf(f, i18n.M("the interior"), families)
	if err != nil {
		return nil, err
	}
	res.Fonts = fonts
	// a font beside the book's mincho sets what the mincho lacks: say so,
	// for a character set in another face shows on the page
	for _, name := range fonts {
		if len(families) > 0 && !isFamily(name, families) {
			res.Warnings = append(res.Warnings, manuscript.Warning{Msg: i18n.M("some characters are set in %s, not in the book's mincho, which lacks them: look for them in the PDF, or write them another way", name)})
		}
	}
	res.Pages, res.Geometry, res.TOC = plan.total, g, plan.toc
	maxPages := MaxPagesOn(opt.Paper)
	switch {
	case res.Pages < MinPages:
		if !opt.Proof {
			return nil, i18n.Errorf("the book prints on %d pages; KDP prints paperbacks of %d to %d pages: add text, choose a smaller trim (--trim), or print a proof to read (--proof)", res.Pages, MinPages, maxPages)
		}
		res.Warnings = append(res.Warnings, manuscript.Warning{Msg: i18n.M("the book prints on %d pages, fewer than the %d KDP prints: this proof can't be uploaded", res.Pages, MinPages)})
	case res.Pages > maxPages:
		if !opt.Proof {
			return nil, i18n.Errorf("the book prints on %d pages; KDP prints paperbacks of %d to %d pages: split it into volumes, or choose a larger trim (--trim)", res.Pages, MinPages, maxPages)
		}
		res.Warnings = append(res.Warnings, manuscript.Warning{Msg: i18n.M("the book prints on %d pages, more than the %d KDP prints: this proof can't be uploaded", res.Pages, maxPages)})
	}
	if g.Lines < g.Trim.Lines {
		res.Warnings = append(res.Warnings, manuscript.Warning{Msg: i18n.M("a book of %d pages needs a %.1f mm gutter (KDP), so a %s page holds %d lines, not %d: a larger trim keeps them", res.Pages, g.GutterMin, g.Trim.Label, g.Lines, g.Trim.Lines)})
	}
	if n := len([]rune(b.Config.Title)); n > maxRunningTitle && b.Config.ShortTitle == "" {
		res.Warnings = append(res.Warnings, manuscript.Warning{File: manuscript.ConfigFile, Msg: i18n.M("the title has %d characters, and the running head (柱) and the spine print it whole: give short-title: for them", n)})
	}
	res.Warnings = append(res.Warnings, b.TextWarnings()...)
	res.Warnings = append(res.Warnings, illustrationWarnings(b, g)...)
	res.Warnings = append(res.Warnings, fitTitle(b, g, b.Config.Vertical()).warnings(b)...)
	res.Interior, err = f.Rewrite(pdf.Finish{
		Boxes: func(i int) pdf.Boxes { return interiorBoxes(f, i, g, b.Config.Vertical()) },
		Info:  docInfo(b, ""), RightToLeft: b.Config.Vertical(),
	})
	if err != nil {
		return nil, err
	}

	step("printing the cover")
	c := newCover(b, g, opt.Paper, res.Pages, images)
	c.colorSpine(opt.SpineColor)
	res.SpineMM, res.CoverW, res.CoverH, res.SpineText = c.spine, c.w, c.h, c.spineText
	res.Warnings = append(res.Warnings, c.warnings...)
	coverHTML, err := c.html()
	if err != nil {
		return nil, err
	}
	cf, err := printHTML("cover.html", coverHTML)
	if err != nil {
		return nil, err
	}
	if n := len(cf.Pages()); n != 1 {
		return nil, i18n.Errorf("the cover printed on %d pages, not one: check templates/print.css", n)
	}
	if err := checkFonts(cf, i18n.M("the cover"), nil); err != nil {
		return nil, err
	}
	res.Cover, err = cf.Rewrite(pdf.Finish{
		Boxes: func(i int) pdf.Boxes { return coverBoxes(cf, c) },
		Info:  docInfo(b, "cover"), RightToLeft: b.Config.Vertical(),
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

const mmPt = 72 / 25.4

// centred is a box of w × h mm in the middle of page i as Chromium made
// it: Chromium rounds a page to whole CSS pixels (A5 comes out 420 ×
// 594.96 pt), so the exact trim is cut from its middle, no mark of the
// page more than 0.1 mm off.
func centred(f *pdf.File, i int, w, h float64) pdf.Box {
	mb, err := f.MediaBox(i)
	if err != nil {
		return pdf.Box{URX: w * mmPt, URY: h * mmPt}
	}
	W, H := w*mmPt, h*mmPt
	dx, dy := (mb.Width()-W)/2, (mb.Height()-H)/2
	return pdf.Box{LLX: mb.LLX + dx, LLY: mb.LLY + dy, URX: mb.LLX + dx + W, URY: mb.LLY + dy + H}
}

// interiorBoxes: the sheet is the trim, plus the bleed on the top, the
// foot and the fore edge; the fore edge of an odd page of a right-bound
// (vertical) book is its left.
func interiorBoxes(f *pdf.File, i int, g Geometry, rightBound bool) pdf.Boxes {
	media := centred(f, i, g.PageW, g.PageH)
	trim := media
	if g.Bleed {
		b := BleedMM * mmPt
		trim.LLY += b
		trim.URY -= b
		odd := i%2 == 0
		if odd == rightBound { // the fore edge is on the left
			trim.LLX += b
		} else {
			trim.URX -= b
		}
	}
	return pdf.Boxes{Media: media, Trim: trim, Bleed: media}
}

func coverBoxes(f *pdf.File, c *cover) pdf.Boxes {
	media := centred(f, 0, c.w, c.h)
	b := BleedMM * mmPt
	trim := pdf.Box{LLX: media.LLX + b, LLY: media.LLY + b, URX: media.URX - b, URY: media.URY - b}
	return pdf.Boxes{Media: media, Trim: trim, Bleed: media}
}

func docInfo(b *manuscript.Book, what string) map[string]string {
	info := map[string]string{"Title": b.Config.Title, "Creator": "hanmoto", "Producer": "hanmoto (Chromium)"}
	if what != "" {
		info["Subject"] = what
	}
	var names []string
	for _, a := range b.Config.Author {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		info["Author"] = strings.Join(names, ", ")
	}
	return info
}

// checkFonts refuses a PDF a printer would: a font not embedded, or drawn
// as Type 3 — what Chromium makes of a CFF font (Noto CJK) or of a bold it
// has to fake.
//
// With the Japanese families fontconfig knows (nil: none asked), a PDF
// whose text is set in none of them is refused: Chromium fell back to a
// font without kana or kanji, and the pages show empty boxes.
func checkFonts(f *pdf.File, what i18n.Msg, families []string) error {
	_, err := fontsOf(f, what, families)
	return err
}

// fontsOf is the fonts a PDF is set in (without their subset tags), or
// why KDP would refuse it.
func fontsOf(f *pdf.File, what i18n.Msg, families []string) ([]string, error) {
	japanese := families == nil
	var used []string
	for _, font := range f.Fonts() {
		name := font.Name
		if i := strings.IndexByte(name, '+'); i == 6 {
			name = name[i+1:]
		}
		used = append(used, name)
		if isFamily(font.Name, families) {
			japanese = true
		}
		if font.Subtype == "Type3" {
			return nil, i18n.Errorf("%s has a Type 3 font, which KDP refuses: install a TrueType mincho (Debian: apt-get install fonts-ipaexfont-mincho) and keep headings and bold at normal weight in templates/print.css", what)
		}
		if !font.Embedded {
			return nil, i18n.Errorf("%s uses the font %s without embedding it, which KDP refuses: install it as a TrueType font", what, font.Name)
		}
	}
	if !japanese {
		return nil, i18n.Errorf("%s is set in %s, none of them a Japanese font, so its text would print as empty boxes: install a TrueType mincho (Debian: apt-get install fonts-ipaexfont-mincho)", what, i18n.List(used))
	}
	return used, nil
}

// japaneseFonts are the font families fontconfig has for Japanese, and
// whether it could be asked (no fc-list: a system without fontconfig).
func japaneseFonts() ([]string, bool) {
	if _, err := exec.LookPath("fc-list"); err != nil {
		return nil, false
	}
	out, err := exec.Command("fc-list", ":lang=ja", "family").Output()
	if err != nil {
		return nil, false
	}
	var families []string
	for _, line := range strings.Split(string(out), "\n") {
		for _, f := range strings.Split(line, ",") {
			if f = strings.TrimSpace(f); f != "" {
				families = append(families, f)
			}
		}
	}
	return families, true
}

// isFamily says whether a PDF font (ABCDEF+IPAexMincho, NotoSerifCJKjp-Regular)
// is of one of the families (IPAexMincho, Noto Serif CJK JP).
func isFamily(font string, families []string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.NewReplacer(" ", "", "-", "", "_", "").Replace(s))
	}
	if i := strings.IndexByte(font, '+'); i == 6 {
		font = font[i+1:]
	}
	f := norm(font)
	for _, fam := range families {
		if n := norm(fam); n != "" && strings.HasPrefix(f, n) {
			return true
		}
	}
	return false
}

// stageImages copies the book's images beside the print document, under
// the names its pages use; it returns each one's staged path by
// manuscript path.
func stageImages(b *manuscript.Book, work string) (map[string]string, error) {
	dir := filepath.Join(work, "images")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	out := map[string]string{}
	stage := func(img, name string) (string, error) {
		data, err := inputfile.ReadInside(b.Dir, filepath.FromSlash(img), 200<<20)
		if err != nil {
			return "", i18n.Errorf("%s: %v", img, err)
		}
		// what Chromium would show as a broken image, or decode into
		// gigabytes, is refused before it starts, as build refuses it
		if _, err := manuscript.CheckImage(filepath.Join(b.Dir, filepath.FromSlash(img)), img); err != nil {
			return "", err
		}
		if data, err = flatten(data); err != nil {
			return "", i18n.Errorf("%s: %v", img, err)
		}
		full := filepath.Join(dir, name)
		return full, os.WriteFile(full, data, 0o600)
	}
	for _, img := range b.Images {
		full, err := stage(img, manuscript.ImageName(img))
		if err != nil {
			return nil, err
		}
		out[img] = full
	}
	if b.Cover != "" {
		// under a name of its own: the cover may be an illustration too
		full, err := stage(b.Cover, "cover"+strings.ToLower(path.Ext(b.Cover)))
		if err != nil {
			return nil, err
		}
		out[coverKey] = full
	}
	if b.PrintCover != "" {
		full, err := stage(b.PrintCover, "printcover"+strings.ToLower(path.Ext(b.PrintCover)))
		if err != nil {
			return nil, err
		}
		out[printCoverKey] = full
	}
	return out, nil
}

// imageConfig reads an image's size.
func imageConfig(file string) (image.Config, error) {
	fh, err := os.Open(file)
	if err != nil {
		return image.Config{}, err
	}
	defer fh.Close()
	c, _, err := image.DecodeConfig(io.LimitReader(fh, 64<<20))
	return c, err
}

// coverKey is the cover's entry in the staged images, printCoverKey the
// print cover's.
const (
	coverKey      = "\x00cover"
	printCoverKey = "\x00printcover"
)

// MinDPI is the resolution KDP asks of images in print.
const MinDPI = 300

// illustrationWarnings names each illustration that prints below 300 DPI
// on a page of this geometry (fitted to the type area).
func illustrationWarnings(b *manuscript.Book, g Geometry) []manuscript.Warning {
	var ws []manuscript.Warning
	seen := map[string]bool{}
	for _, ep := range b.Episodes() {
		for _, img := range ep.Illustrations {
			if seen[img] {
				continue
			}
			seen[img] = true
			// a full-bleed picture fills the sheet with bleed, else the
			// type area
			bw, bh, sheet := g.AreaW(), g.AreaH(), false
			if slices.Contains(ep.FullBleed, img) {
				if g.Bleed {
					bw, bh, sheet = g.PageW, g.PageH, true
				} else {
					ws = append(ws, manuscript.Warning{File: img, Msg: i18n.M("is a full-bleed illustration, printed inside the margins: a picture to the page's edges needs bleed (print: bleed: true, or --bleed)")})
				}
			}
			c, err := imageConfig(filepath.Join(b.Dir, filepath.FromSlash(img)))
			if err != nil || c.Width == 0 || c.Height == 0 {
				continue
			}
			dpi := fittedDPI(c.Width, c.Height, bw, bh)
			if sheet {
				// it covers the sheet: its longer way is cut
				dpi = int(25.4 / max(bw/float64(c.Width), bh/float64(c.Height)))
			}
			if dpi < MinDPI {
				w, h := needPixels(c, bw, bh)
				if sheet {
					w, h = int(math.Ceil(bw/25.4*MinDPI)), int(math.Ceil(bh/25.4*MinDPI))
				}
				ws = append(ws, manuscript.Warning{File: img, Msg: i18n.M("prints at %d DPI on a %s page; KDP asks for %d: use an image of at least %d × %d pixels", dpi, g.Trim.Name, MinDPI, w, h)})
			}
		}
	}
	return ws
}

// fittedDPI is the resolution of a w × h pixel image fitted inside a box
// of bw × bh mm.
func fittedDPI(w, h int, bw, bh float64) int {
	scale := min(bw/float64(w), bh/float64(h)) // mm a pixel
	return int(25.4 / scale)
}

// needPixels is the size the image needs to print at 300 DPI where it
// now prints at scale mm a pixel, keeping its proportions.
func needPixels(c image.Config, bw, bh float64) (int, int) {
	scale := min(bw/float64(c.Width), bh/float64(c.Height))
	f := scale / (25.4 / MinDPI)
	return int(math.Ceil(float64(c.Width) * f)), int(math.Ceil(float64(c.Height) * f))
}
