package epub

import (
	"html/template"
	"strconv"
	"strings"
)

// The pages a reader meets first — 扉, 目次, part titles, 奥付 — are set
// as the text is: in a vertical book no ASCII digit lies on its side.
// Numbers of up to three digits stand upright as 縦中横 (KDP's Kindle
// Publishing Guidelines ask for it in the table of contents), longer ones
// are set in 漢数字 digit by digit (二〇二六), as Japanese typesetters set
// years in vertical text; !? and !! stand upright too, a lone ! or ? is set
// full-width. In a horizontal book the text is only escaped.

// tate renders s for a front page of a book in the given direction.
func tate(s string, vertical bool) template.HTML {
	if !vertical {
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			if j-i <= 3 {
				b.WriteString(`<span class="tcy">` + string(rs[i:j]) + `</span>`)
			} else {
				for _, d := range rs[i:j] {
					b.WriteRune(kanjiDigits[d-'0'])
				}
			}
			i = j
		case r == '!' || r == '?':
			// a pair stands upright as one cell; one alone, or a longer
			// run, is set full-width
			j := i
			for j < len(rs) && (rs[j] == '!' || rs[j] == '?') {
				j++
			}
			if j-i == 2 {
				b.WriteString(`<span class="tcy">` + string(rs[i:j]) + `</span>`)
			} else {
				for _, c := range rs[i:j] {
					b.WriteRune(map[rune]rune{'!': '！', '?': '？'}[c])
				}
			}
			i = j
		default:
			b.WriteString(template.HTMLEscapeString(string(r)))
			i++
		}
	}
	return template.HTML(b.String())
}

var kanjiDigits = []rune("〇一二三四五六七八九")

// kanjiNumber is 1–99 as Japanese writes a month or a day: 十一, 二十三.
func kanjiNumber(n int) string {
	if n <= 0 || n >= 100 {
		return strconv.Itoa(n)
	}
	s := ""
	if n >= 20 {
		s += string(kanjiDigits[n/10])
	}
	if n >= 10 {
		s += "十"
	}
	if n%10 != 0 {
		s += string(kanjiDigits[n%10])
	}
	return s
}

// kanjiDate is a YYYY[-MM[-DD]] date in 漢数字 for a vertical book's
// 奥付: 二〇二六年十一月一日.
func kanjiDate(y, m, d, parts int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(y) {
		b.WriteRune(kanjiDigits[c-'0'])
	}
	b.WriteString("年")
	if parts >= 2 {
		b.WriteString(kanjiNumber(m) + "月")
	}
	if parts >= 3 {
		b.WriteString(kanjiNumber(d) + "日")
	}
	return b.String()
}
