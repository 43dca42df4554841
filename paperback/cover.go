package paperback

import (
	"bytes"
	"html/template"
	"path/filepath"
	"strconv"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
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
			// the image fills the front and its bleed: the side that
			// must stretch most sets its resolution
			scale := max(c.panelW/float64(cfg.Width), c.h/float64(cfg.Height))
			if dpi := int(25.4 / scale); dpi < MinDPI {
				need := scale / (25.4 / MinDPI)
				c.warnings = append(c.warnings, manuscript.Warning{File: b.Cover, Msg: i18n.M("prints at %d DPI on the paperback's front (%.1f × %.1f mm with bleed); KDP asks for %d: use an image of at least %d × %d pixels",
					dpi, c.panelW, c.h, MinDPI, int(float64(cfg.Width)*need+0.999), int(float64(cfg.Height)*need+0.999))})
			}
		}
	}
	return c
}

// html is the cover's document, from pages/cover.html.
func (c *cover) html() ([]byte, error) {
	mm := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) + "mm" }
	cfg := c.book.Config
	vert := c.rightBound
	v := coverView{Lang: cfg.Language, Title: cfg.Title, W: mm(c.w), H: mm(c.h), FrontX: mm(c.frontX), PanelW: mm(c.panelW)}
	// text boxes keep a millimetre more: a glyph's ink may pass its box
	safe := BleedMM + CoverSafeMM + 1
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
		size := min((c.spine-2*pad)*0.8/ptMM, 12.0)
		v.Spine = &coverBox{Left: mm(c.spineX + pad), Top: mm(safe), W: mm(c.spine - 2*pad), H: mm(c.h - 2*safe),
			Size: strconv.FormatFloat(size, 'f', 2, 64), Title: front.Tate(cfg.Title, true), Author: front.Tate(authorLine(c.book), true)}
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
