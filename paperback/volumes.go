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
func PlanVolumes(b *manuscript.Book, target int, t Trim, paper Paper) (plan []manuscript.PlannedVolume, pages []int) {
	g, err := layout(t, MaxPagesOn(paper), false)
	if err != nil {
		return nil, nil
	}
	var src [][]byte
	for _, ep := range b.Episodes() {
		src = append(src, ep.Source)
	}
	// the estimate is within a few per cent either way (a generated novel's
	// volume: 360 estimated, 366 printed; a web serial's: 249, 234)
	limit := MaxPagesOn(paper) * 95 / 100
	most := 0
	for try := 0; try < 8; try++ {
		plan = b.Plan(target, most)
		pages = pages[:0]
		worst := 0
		for _, v := range plan {
			n := SourcePages(src[v.First-1:v.Last], b.Config.LineMode == "markdown", t.Chars, g.Lines)
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
		n, para := 0, 0
		end := func() {
			if para > 0 {
				n += (para + chars - 1) / chars
			}
			para = 0
		}
		for i, line := range bytes.Split(src, []byte("\n")) {
			if i == 0 && bytes.HasPrefix(line, []byte("#")) {
				n += 3
				continue
			}
			c := manuscript.Characters(line)
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
