package paperback

import (
	"bytes"
	"fmt"
	"html/template"
	"image"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
	"golang.org/x/text/width"
)

// cover is a wraparound cover's geometry (KDP, "Create a paperback
// cover"): back, spine and front side by side, 3.2 mm of bleed all round.
// A right-bound (vertical) book opens the other way, so its front is the
// LEFT panel and its back the right.
type cover struct {
	book      *manuscript.Book
	w, h      float64
	spine     float64
	spineText bool
	spineSize float64 // the spine's text, in pt
	frontX    float64 // left edge of the front panel, bleed included
	spineX    float64
	backX     float64
	panelW    float64 // a panel's width with its outer bleed
	image     string  // staged cover image, "" for none
	// wrap is a print cover of the whole sheet (back, spine and front),
	// which then carries its own words
	wrap       string
	spineColor string // the spine's #RRGGBB, "" for the paper's white
	warnings   []manuscript.Warning
	rightBound bool
}

func newCover(b *manuscript.Book, g Geometry, paper Paper, pages int, images map[string]string) *cover {
	t := g.Trim
	c := &cover{book: b, rightBound: b.Config.Vertical()}
	c.spine = SpineMM(pages, paper)
	c.w = 2*BleedMM + 2*t.W + c.spine
	c.h = t.H + 2*BleedMM
	c.panelW = BleedMM + t.W
	c.spineText = pages >= SpineTextPages
	if c.rightBound {
		c.frontX, c.spineX, c.backX = 0, c.panelW, c.panelW+c.spine
	} else {
		c.backX, c.spineX, c.frontX = 0, c.panelW, c.panelW+c.spine
	}
	switch pc := images[printCoverKey]; {
	case pc != "":
		// book.yaml's print: cover: the whole wrap when it has the
		// sheet's shape, else the front
		cfg, err := imageConfig(pc)
		if err != nil || cfg.Width == 0 || cfg.Height == 0 {
			break
		}
		if r := float64(cfg.Width) / float64(cfg.Height) / (c.w / c.h); r > 0.98 && r < 1.02 {
			c.wrap = pc
			if dpi := int(25.4 * float64(cfg.Width) / c.w); dpi < MinDPI {
				c.warnings = append(c.warnings, manuscript.Warning{File: b.PrintCover, Msg: i18n.M("prints at %d DPI as the whole cover (%.1f × %.1f mm); KDP asks for %d: use an image of at least %d × %d pixels",
					dpi, c.w, c.h, MinDPI, int(c.w/25.4*MinDPI+0.999), int(c.h/25.4*MinDPI+0.999))})
			}
			break
		}
		c.image = pc
		c.checkArt(b.PrintCover, cfg.Width, cfg.Height)
	case b.Cover != "":
		c.image = images[coverKey]
		if cfg, err := imageConfig(c.image); err == nil && cfg.Width > 0 && cfg.Height > 0 {
			c.checkArt(b.Cover, cfg.Width, cfg.Height)
		}
	}
	if c.spineText {
		c.spineSize = c.spineFontPt(shortTitle(b), authorLine(b))
		if c.spineSize < minSpinePt {
			c.spineText = false
			c.warnings = append(c.warnings, manuscript.Warning{File: manuscript.ConfigFile, Msg: i18n.M("the spine is %.1f mm wide and %.0f mm tall: its title would be set at %.1f pt, too small to read, so the spine is left blank; a shorter short-title: in book.yaml fits larger", c.spine, c.h-2*coverTextInset, c.spineSize)})
		}
	}
	return c
}

// The spine's text: title and author in one column, in a size the spine's
// width allows (80 % of it, inside KDP's 1.6 mm margins) and its height
// too, from minSpinePt, below which nobody reads it, to maxSpinePt.
const (
	minSpinePt = 5.0
	maxSpinePt = 20.0
)

// coverTextInset is how far text boxes keep from the cover's edges: the
// bleed, KDP's safe area, and a millimetre more, as a glyph's ink may pass
// its box.
const coverTextInset = BleedMM + CoverSafeMM + 1

// spineFontPt is the size the spine's title and author are set in: as
// large as the width allows, no larger than both fit in the height with a
// character's gap between them (a full-width character takes 1 em down
// the spine, others half of one).
func (c *cover) spineFontPt(title, author string) float64 {
	byWidth := (c.spine - 2*spineMarginMM) * 0.8 / ptMM
	ems := columnEms(title) + columnEms(author) + 1
	byHeight := (c.h - 2*coverTextInset) / ems / ptMM
	return min(byWidth, byHeight, maxSpinePt)
}

// columnEms is how long s runs in a vertical column, in em.
func columnEms(s string) float64 {
	n := 0.0
	for _, r := range s {
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			n++
		} else {
			n += 0.5
		}
	}
	return n
}

// checkArt warns of cover art too coarse for print, or of a shape other
// than the front's: the art fills the front and its bleed (object-fit:
// cover), so what is beyond the front's shape is cut away — a 1.6:1
// e-book cover loses 12.8 mm at head and foot on A5.
func (c *cover) checkArt(name string, w, h int) {
	// the side that must stretch most sets its resolution
	scale := max(c.panelW/float64(w), c.h/float64(h))
	if dpi := int(25.4 / scale); dpi < MinDPI {
		need := scale / (25.4 / MinDPI)
		c.warnings = append(c.warnings, manuscript.Warning{File: name, Msg: i18n.M("prints at %d DPI on the paperback's front (%.1f × %.1f mm with bleed); KDP asks for %d: use an image of at least %d × %d pixels",
			dpi, c.panelW, c.h, MinDPI, int(float64(w)*need+0.999), int(float64(h)*need+0.999))})
	}
	// what is cut from each side, in mm on the printed sheet
	cutW := (float64(w)*scale - c.panelW) / 2
	cutH := (float64(h)*scale - c.h) / 2
	switch {
	case cutH > maxArtCutMM:
		c.warnings = append(c.warnings, manuscript.Warning{File: name, Msg: i18n.M("is cut by %.1f mm at head and at foot to fill the paperback's front (%.1f × %.1f mm with bleed): anything in those strips is lost; art of %d × %d pixels fits it whole",
			cutH, c.panelW, c.h, w, int(float64(w)*c.h/c.panelW+0.5))})
	case cutW > maxArtCutMM:
		c.warnings = append(c.warnings, manuscript.Warning{File: name, Msg: i18n.M("is cut by %.1f mm at each side to fill the paperback's front (%.1f × %.1f mm with bleed): anything in those strips is lost; art of %d × %d pixels fits it whole",
			cutW, c.panelW, c.h, int(float64(h)*c.panelW/c.h+0.5), h)})
	}
}

// colorSpine sets the spine's colour: the one given, else the mean colour
// of the front art's edge beside the spine, so that the art seems to run
// round it; without art, or with a whole-wrap cover, none.
func (c *cover) colorSpine(given string) {
	switch {
	case c.wrap != "":
	case given != "":
		c.spineColor = given
	case c.image != "":
		c.spineColor = edgeColor(c.image, c.rightBound)
	}
}

// edgeColor is the mean colour of an image's edge: its right twentieth
// when right is true, else its left, as #RRGGBB; "" when it can't be read.
func edgeColor(file string, right bool) string {
	fh, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer fh.Close()
	img, _, err := image.Decode(io.LimitReader(fh, 64<<20))
	if err != nil {
		return ""
	}
	b := img.Bounds()
	strip := max(b.Dx()/20, 1)
	x0 := b.Min.X
	if right {
		x0 = b.Max.X - strip
	}
	var sum [3]uint64
	n := uint64(0)
	// every other pixel down each column: a mean needs no more
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := x0; x < x0+strip; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum[0], sum[1], sum[2] = sum[0]+uint64(r>>8), sum[1]+uint64(g>>8), sum[2]+uint64(bl>>8)
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("#%02x%02x%02x", sum[0]/n, sum[1]/n, sum[2]/n)
}

// ink is the spine text's colour on its ground: white on a dark one.
func ink(ground string) string {
	if len(ground) != 7 {
		return "#000000"
	}
	v, err := strconv.ParseUint(ground[1:], 16, 32)
	if err != nil {
		return "#000000"
	}
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	if 0.299*r+0.587*g+0.114*b < 140 {
		return "#ffffff"
	}
	return "#000000"
}

// maxArtCutMM is what may be cut from a side of the art without a word:
// less than a millimetre of a picture made for the front's shape.
const maxArtCutMM = 1.0

// html is the cover's document, from pages/cover.html.
func (c *cover) html() ([]byte, error) {
	mm := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) + "mm" }
	cfg := c.book.Config
	vert := c.rightBound
	v := coverView{Lang: cfg.Language, Title: cfg.Title, W: mm(c.w), H: mm(c.h), FrontX: mm(c.frontX), PanelW: mm(c.panelW)}
	safe := coverTextInset
	if c.wrap != "" {
		// the whole sheet is the art, words and all
		v.Wrap = ImagePrefix + filepath.Base(c.wrap)
		var b bytes.Buffer
		if err := pages().ExecuteTemplate(&b, "cover.html", v); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	if c.spineColor != "" {
		v.SpineGround = &coverBox{Left: mm(c.spineX), W: mm(c.spine), H: mm(c.h), Color: c.spineColor, Ink: ink(expand(c.spineColor))}
	}
	// the front: the cover art over the panel and its bleed, else the
	// title and the author set on it
	if c.image != "" {
		v.Image = ImagePrefix + filepath.Base(c.image)
	} else {
		inner := c.panelW - 2*safe + BleedMM
		// inside the panel: its spine side has no bleed
		left := safe - BleedMM
		if c.rightBound {
			left = safe
		}
		v.Front = &coverBox{Dir: " h", Left: mm(left), Top: mm(safe), W: mm(inner), H: mm(c.h - 2*safe),
			Title: front.Tate(cfg.Title, vert), Author: front.Tate(authorLine(c.book), vert)}
		if vert {
			v.Front.Dir = " v"
		}
	}
	// the spine: title and author, set vertically, only from 79 pages
	if c.spineText {
		pad := spineMarginMM
		v.Spine = &coverBox{Left: mm(c.spineX + pad), Top: mm(safe), W: mm(c.spine - 2*pad), H: mm(c.h - 2*safe),
			Size: strconv.FormatFloat(c.spineSize, 'f', 2, 64), Title: front.Tate(shortTitle(c.book), true), Author: front.Tate(authorLine(c.book), true)}
		if v.SpineGround != nil {
			v.Spine.Ink = v.SpineGround.Ink
		}
	}
	// the back: the description in its upper half; KDP prints the
	// barcode at the foot of the back, so the lower half stays empty
	if cfg.Description != "" {
		backInner := c.panelW - 2*safe + BleedMM
		left := c.backX + safe - BleedMM
		if !c.rightBound {
			left = c.backX + safe
		}
		v.Back = &coverBox{Left: mm(left), Top: mm(safe), W: mm(backInner), H: mm((c.h - 2*safe) * 0.45), Text: front.Tate(cfg.Description, vert)}
		if vert {
			v.Back.Dir = " v"
		}
	}
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, "cover.html", v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// coverView is what pages/cover.html prints; lengths are CSS's, in mm.
type coverView struct {
	Lang, Title          string
	W, H, FrontX, PanelW string
	Image                string    // the cover art, "" for none
	Wrap                 string    // a print cover of the whole sheet, "" for none
	Front                *coverBox // the title and author where there is no art
	Spine, Back          *coverBox
	SpineGround          *coverBox // the spine's colour, nil for white
}

// coverBox is a box of text on the cover.
type coverBox struct {
	Dir                   string // " v" for vertical text, " h" for a column of lines
	Left, Top, W, H, Size string
	Color, Ink            string // a ground's colour, and its text's
	Title, Author, Text   template.HTML
}

// expand is #RGB as #RRGGBB.
func expand(c string) string {
	if len(c) == 4 {
		return "#" + strings.Repeat(c[1:2], 2) + strings.Repeat(c[2:3], 2) + strings.Repeat(c[3:4], 2)
	}
	return c
}

// shortTitle is the title the running head and the spine print:
// book.yaml's short-title, else the title.
func shortTitle(b *manuscript.Book) string {
	if b.Config.ShortTitle != "" {
		return b.Config.ShortTitle
	}
	return b.Config.Title
}

// authorLine names the book's authors (not its illustrators) for a cover.
func authorLine(b *manuscript.Book) string {
	s := ""
	for _, a := range b.Config.Author {
		if a.Role != "" && a.Role != "aut" {
			continue
		}
		if s != "" {
			s += "・"
		}
		s += a.Name
	}
	return s
}
