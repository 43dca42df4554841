package manuscript

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// PlannedVolume is one book of a plan: episodes First to Last (numbers in
// the serial's reading order) and their characters.
type PlannedVolume struct {
	First, Last int
	Chars       int
	// PartEnd: the volume ends where a part does
	PartEnd bool
}

// Characters counts an episode's text as an author counts it (文字数):
// every character but spaces, line ends, ruby readings and the notes of
// 青空文庫 and the markers around them (｜《》［＃…］).
func Characters(src []byte) int {
	return count(src, func(r rune) int {
		if unicode.IsSpace(r) {
			return 0
		}
		return 1
	})
}

// HalfCells is how wide a line of source is set solid, in half cells: a
// full-width character (the indent's 「　」 too) two, a half-width one
// (Latin letters, digits, ASCII marks, half-width kana) one — proportional
// Latin and 縦中横 digits take about half a cell — and ruby readings and
// notes none, as Characters counts them.
func HalfCells(src []byte) int {
	return count(src, func(r rune) int {
		switch {
		case unicode.IsSpace(r) && r != '\u3000':
			return 0
		case r < 0x1100 || r >= 0xFF61 && r <= 0xFFDC:
			return 1
		}
		return 2
	})
}

// count adds up weight(r) for the text of src: ruby readings, 青空文庫's
// notes and the markers around them (｜《》［＃…］) count for nothing.
func count(src []byte, weight func(r rune) int) int {
	n, reading, note := 0, false, 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		i += size
		switch {
		case r == '《':
			reading = true
		case r == '》':
			reading = false
		case r == '［' && i < len(src) && string(src[i:min(i+3, len(src))]) == "＃":
			note++
		case r == '］' && note > 0:
			note--
		case reading || note > 0 || r == '｜' || r == '|':
		default:
			n += weight(r)
		}
	}
	return n
}

// PlanVolumes divides a serial of episodes with chars characters each
// into volumes of about target characters, each at most most (0: no cap),
// never dividing an episode: the count of volumes is the one whose share
// of the total is nearest the target, and more when a volume would pass
// most; each volume ends
// at the episode nearest its share of the total, or at a part's end within
// a tenth of the target of it (partEnd[i]: episode i ends a part).
func PlanVolumes(chars []int, partEnd []bool, target, most int) []PlannedVolume {
	total := 0
	for _, c := range chars {
		total += c
	}
	if len(chars) == 0 || target <= 0 {
		return nil
	}
	// the count whose volumes come nearest the target
	ratio := float64(total) / float64(target)
	k := max(int(math.Floor(ratio)), 1)
	if up := k + 1; math.Abs(float64(total)/float64(up)-float64(target)) < math.Abs(float64(total)/float64(k)-float64(target)) {
		k = up
	}
	for ; k <= len(chars); k++ {
		plan := split(chars, partEnd, total, k, target)
		ok := true
		for _, v := range plan {
			if most > 0 && v.Chars > most {
				ok = false
			}
		}
		if ok || k == len(chars) {
			return plan
		}
	}
	return nil
}

func split(chars []int, partEnd []bool, total, k, target int) []PlannedVolume {
	var plan []PlannedVolume
	first, sum, done := 0, 0, 0
	for v := 1; v <= k; v++ {
		if v == k {
			plan = append(plan, PlannedVolume{First: first + 1, Last: len(chars), Chars: total - done, PartEnd: true})
			break
		}
		// the volume's end: where the running sum is nearest its share,
		// or a part's end near it; at least one episode, and one left for
		// each volume after it
		ideal := float64(total) * float64(v) / float64(k)
		best, bestPart := -1, -1
		bestD, bestPartD := math.Inf(1), math.Inf(1)
		s := sum
		for i := first; i < len(chars)-(k-v); i++ {
			s += chars[i]
			d := math.Abs(float64(s) - ideal)
			if d < bestD {
				best, bestD = i, d
			}
			if i < len(partEnd) && partEnd[i] && d < bestPartD {
				bestPart, bestPartD = i, d
			}
			if float64(s) > ideal+float64(target) {
				break
			}
		}
		end := best
		if bestPart >= 0 && bestPartD <= float64(target)/10 {
			end = bestPart
		}
		c := 0
		for i := first; i <= end; i++ {
			c += chars[i]
		}
		plan = append(plan, PlannedVolume{First: first + 1, Last: end + 1, Chars: c, PartEnd: end < len(partEnd) && partEnd[end]})
		sum += c
		done += c
		first = end + 1
	}
	return plan
}

// Plan is PlanVolumes of the book's episodes (which must have their
// source: load with NoRender).
func (b *Book) Plan(target, most int) []PlannedVolume {
	var chars []int
	var partEnd []bool
	for _, p := range b.Parts {
		for i, ep := range p.Episodes {
			chars = append(chars, Characters(ep.Source))
			partEnd = append(partEnd, p.Title != "" && i == len(p.Episodes)-1)
		}
	}
	return PlanVolumes(chars, partEnd, target, most)
}
