// Package front holds what a book's own pages say beside its episodes —
// 扉, 目次 labels, part titles, 奥付 — and how a Japanese book sets them.
// The EPUB and the paperback print the same pages from it.
package front

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/manuscript"
)

// Funcs are what a page template may call: tate sets a text for a front
// page in the book's direction, which the data says as .Vertical. A
// manuscript's own templates may call it too.
var Funcs = template.FuncMap{"tate": Tate}

// The pages a reader meets first — 扉, 目次, part titles, 奥付 — are set
// as the text is: in a vertical book no ASCII digit lies on its side.
// Numbers of up to three digits stand upright as 縦中横 (KDP's Kindle
// Publishing Guidelines ask for it in the table of contents), longer ones
// are set in 漢数字 digit by digit (二〇二六), as Japanese typesetters set
// years in vertical text; !? and !! stand upright too, a lone ! or ? is set
// full-width. In a horizontal book the text is only escaped.

// Tate renders s for a front page of a book in the given direction.
func Tate(s string, vertical bool) template.HTML {
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
				b.WriteString(KanjiFigures(string(rs[i:j])))
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

// KanjiFigures sets the ASCII digits of s in 漢数字 digit by digit, as
// vertical text sets a year or a 目次's page number (二〇二六, 一二三).
func KanjiFigures(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return kanjiDigits[r-'0']
		}
		return r
	}, s)
}

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
	b.WriteString(KanjiFigures(strconv.Itoa(y)) + "年")
	if parts >= 2 {
		b.WriteString(kanjiNumber(m) + "月")
	}
	if parts >= 3 {
		b.WriteString(kanjiNumber(d) + "日")
	}
	return b.String()
}

// Labels are the words of the book's language for its pages and its
// navigation.
type Labels struct {
	TOC, Cover, Body, Colophon, Publisher, Published, Date, Title string
	Imprint                                                       string // 発行所: a publishing house, where Publisher (発行者) is a person
}

// LabelsFor gives the labels of a book in lang.
func LabelsFor(lang string) Labels {
	if lang == "ja" || strings.HasPrefix(lang, "ja-") {
		return Labels{TOC: "目次", Cover: "表紙", Body: "本文", Colophon: "奥付", Publisher: "発行者", Imprint: "発行所", Published: "発行", Date: "発行日", Title: "扉"}
	}
	return Labels{TOC: "Contents", Cover: "Cover", Body: "Start", Colophon: "Colophon", Publisher: "Publisher", Imprint: "Publisher", Published: "published", Date: "Date", Title: "Title Page"}
}

// dateText is book.yaml's date as a reader of the book's language reads
// it: 2026年1月10日, or January 10, 2026.
func dateText(date string, ja, vertical bool) string {
	var y, m, d int
	n, _ := fmt.Sscanf(strings.ReplaceAll(date, "-", " "), "%d %d %d", &y, &m, &d)
	if n == 0 {
		return date
	}
	if ja && vertical {
		return kanjiDate(y, m, d, n)
	}
	if ja {
		switch n {
		case 1:
			return fmt.Sprintf("%d年", y)
		case 2:
			return fmt.Sprintf("%d年%d月", y, m)
		}
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	}
	t := time.Date(y, time.Month(max(m, 1)), max(d, 1), 0, 0, 0, 0, time.UTC)
	switch n {
	case 1:
		return fmt.Sprint(y)
	case 2:
		return t.Format("January 2006")
	}
	return t.Format("January 2, 2006")
}

var roleLabels = map[string][2]string{ // MARC relator → ja, en
	"aut": {"著者", "Author"}, "ill": {"イラスト", "Illustrator"}, "edt": {"編集", "Editor"},
	"trl": {"翻訳", "Translator"}, "pht": {"写真", "Photographer"}, "cov": {"装丁", "Cover design"},
}

// creator is a Creator with its label for templates.
type creator struct {
	manuscript.Creator
	RoleLabel string
}

// Data is what the templates of a book's front and back pages are given:
// the book.yaml fields, and what a Japanese book prints from them.
func Data(b *manuscript.Book) map[string]any {
	c := b.Config
	label := LabelsFor(c.Language)
	ja := label.TOC == "目次"
	var authors []creator
	for _, a := range c.Author {
		l := roleLabels[a.Role]
		label := a.Role
		if l[0] != "" {
			label = l[1]
			if ja {
				label = l[0]
			}
		}
		authors = append(authors, creator{a, label})
	}
	vol := ""
	if c.Volume > 0 {
		vol = fmt.Sprint(c.Volume)
	}
	// a self-published book's publisher is its author: the pen name
	publisher := c.Publisher
	if publisher == "" && len(c.Author) > 0 {
		publisher = c.Author[0].Name
	}
	// 発行所 names a house; a self-published book's 発行者 is a person
	publisherLabel := label.Publisher
	if c.Publisher != "" {
		publisherLabel = label.Imprint
	}
	// the series only where it adds something: not the title again
	seriesLine := ""
	switch {
	case c.Series != "" && vol != "" && strings.HasPrefix(c.Title, manuscript.VolumeTitle(c.Series, c.Volume, c.Language)):
		// a volume of a serial, titled by its number: the title says it
	case c.Series != "" && c.Series != c.Title && vol != "" && ja:
		seriesLine = c.Series + "　第" + vol + "巻"
	case c.Series != "" && c.Series != c.Title && vol != "":
		seriesLine = c.Series + ", volume " + vol
	case c.Series != "" && c.Series != c.Title:
		seriesLine = c.Series
	case vol != "" && ja:
		seriesLine = "第" + vol + "巻"
	case vol != "":
		seriesLine = "Volume " + vol
	}
	copyright := ""
	switch {
	case c.Rights == "public-domain":
		// a work out of copyright: a © line would claim what nobody holds
	case c.Rights != "":
		copyright = c.Rights
	case len(c.Date) >= 4 && len(c.Author) > 0:
		copyright = "© " + c.Date[:4] + " " + c.Author[0].Name
	}
	return map[string]any{
		"Title": c.Title, "Authors": authors, "Publisher": c.Publisher, "PublisherName": publisher, "PublisherLabel": publisherLabel,
		"Date": c.Date, "DateText": dateText(c.Date, ja, c.Vertical()), "ISBN": c.ISBN, "Identifier": c.Identifier, "Series": c.Series,
		"Volume": vol, "SeriesLine": seriesLine, "Copyright": copyright,
		"Description": c.Description, "Label": label, "Language": c.Language, "Vertical": c.Vertical(),
	}
}
