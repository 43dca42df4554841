package paperback

import (
	"bytes"
	"html/template"
	"path/filepath"
	"strconv"

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
	book       *manuscript.Book
	w, h       float64
	spine      float64
	spineText  bool
	spineSize  float64 // the spine's text, in pt
	frontX     float64 // left edge of the front panel, bleed included
	spineX     float64
	backX      float64
	panelW     float64 // a panel's width with its outer bleed
	image      string  // staged cover image, "" for none
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
	if b.Cover != "" {
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
	Front                *coverBox // the title and author where there is no art
	Spine, Back          *coverBox
}

// coverBox is a box of text on the cover.
type coverBox struct {
	Dir                   string // " v" for vertical text, " h" for a column of lines
	Left, Top, W, H, Size string
	Title, Author, Text   template.HTML
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
