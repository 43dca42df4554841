package paperback

import (
	"fmt"
	"math"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/front"
)

// titleFit is how the 扉 and the 奥付 set a title too long for print.css's
// sizes: smaller, and on the 扉 nearer the head, so that the title and the
// people after it are printed whole. A 93-character なろう title once
// pushed the author off the 扉, and a 400-character one was clipped there
// and on the 奥付.
type titleFit struct {
	// TitlePt and TitleStart (a share of the line's length, as print.css's
	// 30 %) set the 扉's title; zero where print.css's own fit
	TitlePt, TitleStart float64
	// ColophonPt sets the 奥付's title; zero where print.css's fits
	ColophonPt float64
	// Whole is false when the title does not fit even at the least size
	Whole bool
}

// The sizes print.css gives, in ems of the text, and the least hanmoto
// sets a title at.
const (
	titleEm, titleLineHeight, titleStart, titleHead = 2.2, 1.4, 0.30, 0.12
	colophonTitleEm, colophonEm                     = 1.15, 0.9
	leastTitleEm                                    = 0.7
)

// fitTitle works out the sizes from the title's length and the type
// area, as print.css lays the pages out: lines of the 扉 run along the
// area's length (its height, in vertical text), its title after a
// margin of 30 % of that length, its series and people after the title.
func fitTitle(b *manuscript.Book, g Geometry, vertical bool) titleFit {
	n := len([]rune(b.Config.Title))
	font := g.Trim.FontPt
	along, across := g.AreaH()/ptMM, float64(g.Lines)*g.LineMM/ptMM
	if !vertical {
		along, across = across, along
	}
	data := front.Data(b)
	people := len(b.Config.Author)
	series := data["SeriesLine"] != ""
	// how wide a title of n characters sets at pt, lines lh apart, in a
	// length of length
	width := func(pt, lh, length float64) float64 {
		per := math.Floor(length / pt)
		if per < 1 {
			return math.Inf(1)
		}
		return math.Ceil(float64(n)/per) * lh * pt
	}
	fit := titleFit{Whole: true}

	// the 扉: the series and the people, a line each, after the title
	after := float64(people) * 1.15 * 1.75 * font
	if series {
		after += colophonEm * 1.75 * font
	}
	found := false
	for _, start := range []float64{titleStart, 0.08} {
		for em := titleEm; em >= leastTitleEm-1e-9 && !found; em -= 0.05 {
			room := across - start*along - after - font
			if width(em*font, titleLineHeight, along*(1-titleHead)) <= room {
				found = true
				if em < titleEm-1e-9 || start != titleStart {
					fit.TitlePt, fit.TitleStart = em*font, start
				}
			}
		}
	}
	if !found {
		fit.TitlePt, fit.TitleStart, fit.Whole = leastTitleEm*font, 0.08, false
	}

	// the 奥付: a line for each of the series, the date, the people, the
	// publisher, the ISBN and ©, after the title
	lines := 2 + people
	for _, k := range []string{"SeriesLine", "ISBN", "Copyright"} {
		if data[k] != "" {
			lines++
		}
	}
	room := across - float64(lines)*colophonEm*1.75*font - 2*font
	found = false
	for em := colophonTitleEm; em >= leastTitleEm-1e-9; em -= 0.05 {
		if width(em*font, 1.75, along-2*em*font) <= room {
			found = true
			if em < colophonTitleEm-1e-9 {
				fit.ColophonPt = em * font
			}
			break
		}
	}
	if !found {
		fit.ColophonPt, fit.Whole = leastTitleEm*font, false
	}
	return fit
}

// css is the fit as rules after print.css, or "" where print.css's own
// sizes hold (the print's bytes then are what they were).
func (f titleFit) css() string {
	var b strings.Builder
	if f.TitlePt > 0 {
		fmt.Fprintf(&b, "html div.titlepage h1, html.horizontal div.titlepage h1 { font-size: %.2fpt; margin-block-start: %.0f%%; }\n", f.TitlePt, f.TitleStart*100)
	}
	if f.ColophonPt > 0 {
		fmt.Fprintf(&b, "div.colophon p.colophon-title { font-size: %.2fpt; }\n", f.ColophonPt)
	}
	return b.String()
}

// warnings says when the title does not fit whole even at the least size.
func (f titleFit) warnings(b *manuscript.Book) []manuscript.Warning {
	if f.Whole {
		return nil
	}
	return []manuscript.Warning{{File: manuscript.ConfigFile, Msg: i18n.M("the title has %d characters, more than the 扉 or the 奥付 prints whole even in small type: shorten it", len([]rune(b.Config.Title)))}}
}
