package paperback

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// overhang marks, in an episode's body, each ruby whose reading is longer
// than its base and that stands beside kana: its reading may overhang
// that kana by a quarter em (print.css: ruby.oh-s, ruby.oh-e), where
// Chromium spread the base instead (迷　宮). JIS X 4051 and jlreq allow a
// reading over adjacent kana, never over a kanji (whose own reading it
// would seem). Chromium has no ruby-overhang and does not know where its
// lines end, so the kana and the ruby are kept on one line (span.oh, no
// wrap): a reading then never passes the line's head or foot.
//
// The body is our renderer's HTML; it is read by html's tokenizer, and
// every byte but the marks is written back as it was. A ruby an author
// wrote with attributes of its own, and a ruby with a reading per
// character, are left as they are.
func overhang(body string) string {
	if !strings.Contains(body, "<ruby>") {
		return body
	}
	type tok struct {
		typ  html.TokenType
		raw  string
		name string
	}
	var toks []tok
	read := 0
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		name, _ := z.TagName()
		toks = append(toks, tok{tt, raw, string(name)})
		read += len(raw)
	}
	if read != len(body) {
		return body // what the tokenizer did not give back whole is left alone
	}
	// the rubies to mark, by the index of their start tag, and which of
	// their sides' kana they claim
	type mark struct{ start, end bool }
	marks := map[int]mark{}
	closes := map[int]int{} // a ruby's start tag → its end tag
	lead := map[int]bool{}  // a text's first character joins the ruby before it
	tail := map[int]bool{}  // a text's last character joins the ruby after it
	for i := 0; i < len(toks); i++ {
		if toks[i].typ != html.StartTagToken || toks[i].raw != "<ruby>" {
			continue
		}
		base, reading, rts, j := 0, 0, 0, i+1
		in := ""
		for ; j < len(toks) && !(toks[j].typ == html.EndTagToken && toks[j].name == "ruby"); j++ {
			switch t := toks[j]; t.typ {
			case html.StartTagToken:
				if t.name == "rt" || t.name == "rp" {
					in = t.name
				}
				if t.name == "rt" {
					rts++
				}
			case html.EndTagToken:
				in = ""
			case html.TextToken:
				switch in {
				case "":
					base += utf8.RuneCountInString(html.UnescapeString(t.raw))
				case "rt":
					reading += utf8.RuneCountInString(html.UnescapeString(t.raw))
				}
			}
		}
		if j == len(toks) || rts != 1 || float64(reading)/2 <= float64(base) {
			i = j
			continue
		}
		var m mark
		if p := i - 1; p >= 0 && toks[p].typ == html.TextToken && !tail[p] {
			r, _ := utf8.DecodeLastRuneInString(toks[p].raw)
			// the text's one character may already go with the ruby before
			if beside(r) && !(lead[p] && utf8.RuneCountInString(toks[p].raw) == 1) {
				m.start, tail[p] = true, true
			}
		}
		if n := j + 1; n < len(toks) && toks[n].typ == html.TextToken {
			r, _ := utf8.DecodeRuneInString(toks[n].raw)
			if beside(r) {
				m.end, lead[n] = true, true
			}
		}
		if m.start || m.end {
			marks[i], closes[i] = m, j
		}
		i = j
	}
	if len(marks) == 0 {
		return body
	}
	ends := map[int]bool{} // end tags of rubies whose span closes after them
	var b strings.Builder
	b.Grow(len(body) + 48*len(marks))
	for i, t := range toks {
		switch {
		case t.typ == html.TextToken && (lead[i] || tail[i]):
			s := t.raw
			if lead[i] {
				_, size := utf8.DecodeRuneInString(s)
				b.WriteString(s[:size] + spanEnd)
				s = s[size:]
			}
			if tail[i] {
				_, size := utf8.DecodeLastRuneInString(s)
				b.WriteString(s[:len(s)-size] + spanStart + s[len(s)-size:])
			} else {
				b.WriteString(s)
			}
		case marks[i] != (mark{}):
			m := marks[i]
			if !m.start {
				b.WriteString(spanStart)
			}
			var class []string
			if m.start {
				class = append(class, "oh-s")
			}
			if m.end {
				class = append(class, "oh-e")
			} else {
				ends[closes[i]] = true
			}
			b.WriteString(startTag("ruby", strings.Join(class, " ")))
		case ends[i]:
			b.WriteString(t.raw + spanEnd)
		default:
			b.WriteString(t.raw)
		}
	}
	return b.String()
}

// The marks, written by html's own writer, which escapes.
var (
	spanStart = startTag("span", "oh")
	spanEnd   = html.Token{Type: html.EndTagToken, Data: "span"}.String()
)

func startTag(name, class string) string {
	return html.Token{Type: html.StartTagToken, Data: name, Attr: []html.Attribute{{Key: "class", Val: class}}}.String()
}

// beside reports whether a reading may overhang r: kana (and the prolonged
// sound mark) and the ideographic space of a paragraph's indent.
func beside(r rune) bool {
	return r >= 0x3041 && r <= 0x3096 || r >= 0x30A1 && r <= 0x30FA || r == 'ー' || r == '\u3000'
}
