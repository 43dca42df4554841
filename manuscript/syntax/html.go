package syntax

import (
	"unicode/utf8"
)

// AppendHTML appends a scanned line as XHTML, byte for byte as goldmark
// renders the nodes the transformer makes of the same tokens (the fast path
// of manuscript writes lines this way; its fuzz test holds the two equal).
// line must hold no goldmark markup: no character goldmark treats as
// markup or escape is looked at here.
func AppendHTML(b, line []byte, toks []Token, opt Options) []byte {
	for _, tk := range toks {
		base := line[tk.BaseStart:tk.BaseEnd]
		switch tk.Kind {
		case Text:
			b = appendEscaped(b, line[tk.Start:tk.End])
		case Escape:
			b = appendEscaped(b, base)
		case Number:
			b = append(b, NumberText(base, opt)...)
		case Glyph:
			b = append(b, GlyphText(base)...)
		case Gaiji:
			b = appendEscaped(b, GaijiText(base))
		case Kaeriten:
			b = append(b, `<sub class="kaeriten">`...)
			b = appendEscaped(b, base)
			b = append(b, `</sub>`...)
		case Okurigana:
			b = append(b, `<sup class="okurigana">`...)
			b = appendEscaped(b, base)
			b = append(b, `</sup>`...)
		case Ruby:
			b = append(b, "<ruby>"...)
			if tk.Mono {
				i := 0
				for k := 0; k < len(base); {
					_, size := utf8.DecodeRune(base[k:])
					b = appendEscaped(b, base[k:k+size])
					b = appendRT(b, line, tk.Readings[i:i+1])
					k += size
					i++
				}
			} else {
				b = appendBase(b, base)
				b = appendRT(b, line, tk.Readings)
			}
			b = append(b, "</ruby>"...)
		case Sesame:
			b = append(b, `<em class="`...)
			b = append(b, MarkClass(tk.Mark)...)
			b = append(b, `">`...)
			b = appendEscaped(b, base)
			b = append(b, `</em>`...)
		case TCY:
			b = append(b, `<span class="tcy">`...)
			b = appendEscaped(b, base)
			b = append(b, `</span>`...)
		case Dash:
			b = append(b, `<span class="dash">`...)
			b = append(b, base...)
			b = append(b, `</span>`...)
		case Leader:
			b = append(b, `<span class="leader">`...)
			b = appendEscaped(b, base)
			b = append(b, `</span>`...)
		case Dakuten:
			r0, size := utf8.DecodeRune(base)
			r1, _ := utf8.DecodeRune(base[size:])
			mark := '゛'
			if r1 == '\u309A' || r1 == '\u309C' || r1 == '\uFF9F' {
				mark = '゜'
			}
			b = append(b, `<span class="dakuten">`...)
			b = utf8.AppendRune(b, r0)
			b = append(b, `<span class="mark">`...)
			b = utf8.AppendRune(b, mark)
			b = append(b, `</span></span>`...)
		}
	}
	return b
}

// AppendPlain appends a scanned line's text as a table of contents shows
// it: ruby bases without their readings, no markup.
func AppendPlain(b, line []byte, toks []Token) []byte {
	for _, tk := range toks {
		switch tk.Kind {
		case Text:
			b = append(b, line[tk.Start:tk.End]...)
		case Gaiji:
			b = append(b, GaijiText(line[tk.Start:tk.End])...)
		case Kaeriten, Okurigana:
			// a reading mark is not the title's text
		case Ruby:
			b = append(b, plainBase(line[tk.BaseStart:tk.BaseEnd])...)
		default:
			b = append(b, line[tk.BaseStart:tk.BaseEnd]...)
		}
	}
	return b
}

func appendRT(b, line []byte, readings [][2]int) []byte {
	b = append(b, "<rp>（</rp><rt>"...)
	for _, r := range readings {
		b = appendEscaped(b, line[r[0]:r[1]])
	}
	return append(b, "</rt><rp>）</rp>"...)
}

// escapes marks the bytes goldmark's util.EscapeHTML replaces.
var escapes = [256]bool{'<': true, '>': true, '&': true, '"': true}

// appendEscaped escapes as goldmark's util.EscapeHTML does.
func appendEscaped(b, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !escapes[c] {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		default:
			b = append(b, "&quot;"...)
		}
		start = i + 1
	}
	return append(b, s[start:]...)
}
