package paperback

import (
	"bytes"

	"github.com/hanmoto/hanmoto/manuscript"
)

// PlanVolumes divides a serial (loaded with its source) into volumes of
// about target characters whose paperbacks each print within KDP's page
// limit on paper, on the trim's 版面, with 5 % to spare: when a volume's
// estimate passes that, the plan is made again with a smaller cap. pages are the
// estimates, a volume each.
//
// maxPages, when above 0, is a lower limit of the author's own (a
// thinner book, a price band), kept the same way.
func PlanVolumes(b *manuscript.Book, target int, t Trim, paper Paper, maxPages int) (plan []manuscript.PlannedVolume, pages []int) {
	if _, err := layout(t, MaxPagesOn(paper), false); err != nil {
		return nil, nil
	}
	vertical, markdown := b.Config.Vertical(), b.Config.LineMode == "markdown"
	// the 版面 of a book of that many pages: KDP's gutter grows with the
	// page count, and a wider gutter may take a line
	estimate := func(eps [][]byte) int {
		n := 0
		for _, at := range []int{MaxPagesOn(paper), 0} {
			if at == 0 {
				at = n
			}
			g, err := layout(t, max(at, MinPages), false)
			if err != nil {
				return n
			}
			chars, lines := g.Grid(vertical)
			n = SourcePages(eps, markdown, chars, lines)
		}
		return n
	}
	var src [][]byte
	for _, ep := range b.Episodes() {
		src = append(src, ep.Source)
	}
	// the estimate is within a few per cent either way (a generated novel's
	// A5 volume: 360 estimated, 366 printed; a web serial's 新書 volumes:
	// 624 and 632, 616 and 620 — before a horizontal book had its own grid
	// and a digit half a cell, 652 for 526)
	limit := MaxPagesOn(paper) * 95 / 100
	if maxPages > 0 && maxPages < limit {
		limit = maxPages
	}
	most := 0
	for try := 0; try < 8; try++ {
		plan = b.Plan(target, most)
		pages = pages[:0]
		worst := 0
		for _, v := range plan {
			n := estimate(src[v.First-1 : v.Last])
			pages = append(pages, n)
			if n > worst {
				worst = n
			}
		}
		if worst <= limit {
			return plan, pages
		}
		// a cap below the longest volume, as far below as it is over
		longest := 0
		for _, v := range plan {
			longest = max(longest, v.Chars)
		}
		most = longest * limit / worst * 95 / 100
	}
	return plan, pages
}

// SourcePages estimates the pages of episodes from their Markdown, before
// any rendering (a plan of a thousand episodes takes no layout): each
// episode from a new page, its heading three lines, each paragraph its
// characters over chars a line — in novel line mode every line is a
// paragraph and a blank line takes a line; in markdown mode a paragraph
// runs to a blank line, which takes none — and the 扉, its back, a 目次
// page and the 奥付.
func SourcePages(episodes [][]byte, markdown bool, chars, lines int) int {
	if chars < 1 || lines < 1 {
		return 0
	}
	pages := 4
	for _, src := range episodes {
		// a line holds chars full-width characters: twice as many half
		// cells (a digit, a Latin letter takes one)
		n, para, per := 0, 0, 2*chars
		end := func() {
			if para > 0 {
				n += (para + per - 1) / per
			}
			para = 0
		}
		for i, line := range bytes.Split(src, []byte("\n")) {
			if i == 0 && bytes.HasPrefix(line, []byte("#")) {
				n += 3
				continue
			}
			c := manuscript.HalfCells(line)
			switch {
			case c == 0 && markdown:
				end()
			case c == 0:
				n++
			case markdown:
				para += c
			default:
				para = c
				end()
			}
		}
		end()
		pages += (n + lines - 1) / lines
	}
	return pages
}
