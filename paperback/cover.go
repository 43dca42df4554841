package paperback

import (
	"bytes"
	"fmt"
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
	warnings   []Warning
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
				c.warnings = append(c.warnings, Warning{File: b.Cover, Msg: i18n.M("prints at %d DPI on the paperback's front (%.1f × %.1f mm with bleed); KDP asks for %d: use an image of at least %d × %d pixels",
					dpi, c.panelW, c.h, MinDPI, int(float64(cfg.Width)*need+0.999), int(float64(cfg.Height)*need+0.999))})
			}
		}
	}
	return c
}

func (c *cover) html() []byte {
	var b bytes.Buffer
	mm := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) + "mm" }
	cfg := c.book.Config
	vert := c.rightBound
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n",
		template.HTMLEscapeString(cfg.Language), template.HTMLEscapeString(cfg.Title))
	fmt.Fprintf(&b, "@page { size: %s %s; margin: 0; }\n", mm(c.w), mm(c.h))
	b.WriteString(`html, body { margin: 0; padding: 0; }
body { font-family: "IPAexMincho", "IPAex明朝", serif; }
h1, h2, p { font-weight: normal; margin: 0; }
.sheet { position: relative; overflow: hidden; background: #fff; }
.panel { position: absolute; top: 0; }
.front img { display: block; width: 100%; height: 100%; object-fit: cover; }
.plain { position: absolute; box-sizing: border-box; display: flex; justify-content: space-between; }
.h { flex-direction: column; }
.v { writing-mode: vertical-rl; }
.tcy { text-combine-upright: all; }
`)
	fmt.Fprintf(&b, ".sheet { width: %s; height: %s; }\n", mm(c.w), mm(c.h))
	b.WriteString("</style>\n</head>\n<body>\n<div class=\"sheet\">\n")
	// text boxes keep a millimetre more: a glyph's ink may pass its box
	safe := BleedMM + CoverSafeMM + 1
	// the front: the cover art over the panel and its bleed, else the
	// title and the author set on it
	fmt.Fprintf(&b, "<div class=\"panel front\" style=\"left: %s; width: %s; height: %s;\">", mm(c.frontX), mm(c.panelW), mm(c.h))
	if c.image != "" {
		fmt.Fprintf(&b, "<img src=\"%s\" alt=\"\">", template.HTMLEscapeString(ImagePrefix+filepath.Base(c.image)))
	} else {
		inner := c.panelW - 2*safe + BleedMM
		// inside the panel: its spine side has no bleed
		left := safe - BleedMM
		if c.rightBound {
			left = safe
		}
		dir := " h"
		if vert {
			dir = " v"
		}
		fmt.Fprintf(&b, "<div class=\"plain%s\" style=\"left: %s; top: %s; width: %s; height: %s; padding: 10%% 8%%;\"><h1 style=\"font-size: 26pt;\">%s</h1><p style=\"font-size: 14pt;\">%s</p></div>",
			dir, mm(left), mm(safe), mm(inner), mm(c.h-2*safe), front.Tate(cfg.Title, vert), front.Tate(authorLine(c.book), vert))
	}
	b.WriteString("</div>\n")
	// the spine: title and author, set vertically, only from 79 pages
	if c.spineText {
		pad := spineMarginMM
		size := min((c.spine-2*pad)*0.8/ptMM, 12.0)
		fmt.Fprintf(&b, "<div class=\"plain v\" style=\"left: %s; top: %s; width: %s; height: %s; font-size: %spt; line-height: 1; align-items: center;\"><span>%s</span><span>%s</span></div>\n",
			mm(c.spineX+pad), mm(safe), mm(c.spine-2*pad), mm(c.h-2*safe), strconv.FormatFloat(size, 'f', 2, 64),
			front.Tate(cfg.Title, true), front.Tate(authorLine(c.book), true))
	}
	// the back: the description in its upper half; KDP prints the
	// barcode at the foot of the back, so the lower half stays empty
	if cfg.Description != "" {
		backInner := c.panelW - 2*safe + BleedMM
		left := c.backX + safe - BleedMM
		if !c.rightBound {
			left = c.backX + safe
		}
		dir := ""
		if vert {
			dir = " v"
		}
		fmt.Fprintf(&b, "<div class=\"plain%s\" style=\"left: %s; top: %s; width: %s; height: %s; font-size: 10pt; line-height: 1.75;\"><p>%s</p></div>\n",
			dir, mm(left), mm(safe), mm(backInner), mm((c.h-2*safe)*0.45), front.Tate(cfg.Description, vert))
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.Bytes()
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
