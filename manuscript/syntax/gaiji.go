package syntax

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// 青空文庫 writes a character its files' encoding (Shift_JIS) lacks — a 外字
// — as ※ and a note describing it: ※［＃「にんべん＋參」、第4水準2-1-79］. The
// note names the character by JIS X 0213 plane-row-cell (第3水準 is plane 1,
// 第4水準 plane 2; some notes give the code without the word), or by its
// Unicode code point (U+698E), or only describes it, with where the
// printed book has it (183-7: page 183, line 7). A note with a code is
// the character; a description alone keeps the ※, as 青空文庫 prints it.
// 小書き kana (小書き片仮名ト) become the small kana where Unicode has one.

// maxGaiji bounds a 外字 note in characters: a description and a code.
const maxGaiji = 120

// gaijiAt is the end of a 外字 note ※［＃…］ starting at i, or -1.
func gaijiAt(s []byte, i int) int {
	from := i + len("※［＃")
	end := indexWithin(s, from, "］", maxGaiji*4)
	if end < 0 || bytes.Contains(s[from:end], []byte("［")) {
		return -1
	}
	return end + len("］")
}

// GaijiText is what a 外字 note (from ※ to ］) prints: the character it
// names, else ※.
func GaijiText(note []byte) []byte {
	if c, ok := gaijiChar(note); ok {
		return []byte(c)
	}
	return []byte("※")
}

// GaijiResolved says whether a 外字 note names its character.
func GaijiResolved(note []byte) bool {
	_, ok := gaijiChar(note)
	return ok
}

// gaijiChar reads the character a 外字 note names: a plane-row-cell
// (three numbers, the plane 1 or 2), U+XXXX, or a 小書き kana.
func gaijiChar(note []byte) (string, bool) {
	inner := note[len("※［＃") : len(note)-len("］")]
	// the code comes after the description's 」, which may hold digits
	if k := bytes.LastIndex(inner, []byte("」")); k >= 0 {
		inner = inner[k:]
	}
	if k := bytes.Index(inner, []byte("U+")); k >= 0 {
		j := k + 2
		for j < len(inner) && j-k-2 < 6 && isHex(inner[j]) {
			j++
		}
		if j-k-2 >= 4 {
			if v, err := strconv.ParseUint(string(inner[k+2:j]), 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				return string(rune(v)), true
			}
		}
	}
	for k := 0; k < len(inner); k++ {
		if (inner[k] == '1' || inner[k] == '2') && (k == 0 || !isASCIIDigit(inner[k-1])) && k+1 < len(inner) && inner[k+1] == '-' {
			row, j := number(inner, k+2)
			if j < 0 || j >= len(inner) || inner[j] != '-' {
				continue
			}
			cell, e := number(inner, j+1)
			if e < 0 || (e < len(inner) && isASCIIDigit(inner[e])) {
				continue
			}
			if row >= 1 && row <= 94 && cell >= 1 && cell <= 94 {
				if c := x0213[inner[k]-'1'][row-1][cell-1]; c != "" {
					return c, true
				}
			}
		}
	}
	for _, k := range []string{"小書き片仮名", "小書き平仮名"} {
		if p := bytes.Index(inner, []byte(k)); p >= 0 {
			r, _ := utf8.DecodeRune(inner[p+len(k):])
			if small, ok := smallKana[r]; ok {
				return string(small), true
			}
		}
	}
	return "", false
}

// number reads one or two ASCII digits at i: the value and where it ends
// (-1 when there is none).
func number(s []byte, i int) (int, int) {
	v, j := 0, i
	for j < len(s) && j-i < 2 && isASCIIDigit(s[j]) {
		v = v*10 + int(s[j]-'0')
		j++
	}
	if j == i {
		return 0, -1
	}
	return v, j
}

func isHex(c byte) bool { return isASCIIDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }

// smallKana are the kana Unicode has a small form of.
var smallKana = map[rune]rune{
	'あ': 'ぁ', 'い': 'ぃ', 'う': 'ぅ', 'え': 'ぇ', 'お': 'ぉ', 'つ': 'っ', 'や': 'ゃ', 'ゆ': 'ゅ', 'よ': 'ょ', 'わ': 'ゎ', 'か': 'ゕ', 'け': 'ゖ',
	'ア': 'ァ', 'イ': 'ィ', 'ウ': 'ゥ', 'エ': 'ェ', 'オ': 'ォ', 'ツ': 'ッ', 'ヤ': 'ャ', 'ユ': 'ュ', 'ヨ': 'ョ', 'ワ': 'ヮ', 'カ': 'ヵ', 'ケ': 'ヶ',
	'ク': 'ㇰ', 'シ': 'ㇱ', 'ス': 'ㇲ', 'ト': 'ㇳ', 'ヌ': 'ㇴ', 'ハ': 'ㇵ', 'ヒ': 'ㇶ', 'フ': 'ㇷ', 'ヘ': 'ㇸ', 'ホ': 'ㇹ', 'ム': 'ㇺ',
	'ラ': 'ㇻ', 'リ': 'ㇼ', 'ル': 'ㇽ', 'レ': 'ㇾ', 'ロ': 'ㇿ',
}

// appendBase appends a ruby base as XHTML, its 外字 notes as their
// characters and its other notes dropped.
func appendBase(b, base []byte) []byte { return baseText(b, base, appendEscaped) }

// plainBase is a ruby base's text, as appendBase writes it unescaped.
func plainBase(base []byte) []byte {
	if !bytes.Contains(base, []byte("［＃")) {
		return base
	}
	return baseText(nil, base, func(b, s []byte) []byte { return append(b, s...) })
}

// baseText appends base through add, part by part.
func baseText(b, base []byte, add func(b, s []byte) []byte) []byte {
	for _, p := range gaijiParts(base) {
		switch {
		case p.drop:
		case p.note:
			b = add(b, GaijiText(base[p.start:p.end]))
		default:
			b = add(b, base[p.start:p.end])
		}
	}
	return b
}

type gaijiPart struct {
	start, end int
	note       bool // a 外字 note: its character
	drop       bool // another note: nothing (入［＃レ］道 in a base)
}

// gaijiParts splits a ruby base into text, 外字 notes and other notes.
func gaijiParts(base []byte) []gaijiPart {
	var parts []gaijiPart
	i := 0
	for i < len(base) {
		k := bytes.Index(base[i:], []byte("［＃"))
		if k < 0 {
			break
		}
		k += i
		if k >= len("※") && string(base[k-len("※"):k]) == "※" {
			k -= len("※")
		} else if end := noteEnd(base, k); end > 0 {
			if k > i {
				parts = append(parts, gaijiPart{start: i, end: k})
			}
			parts = append(parts, gaijiPart{start: k, end: end, drop: true})
			i = end
			continue
		} else {
			parts = append(parts, gaijiPart{start: i, end: k + len("［＃")})
			i = k + len("［＃")
			continue
		}
		end := gaijiAt(base, k)
		if end < 0 {
			parts = append(parts, gaijiPart{start: i, end: k + len("※")})
			i = k + len("※")
			continue
		}
		if k > i {
			parts = append(parts, gaijiPart{start: i, end: k})
		}
		parts = append(parts, gaijiPart{start: k, end: end, note: true})
		i = end
	}
	if i < len(base) || len(parts) == 0 {
		parts = append(parts, gaijiPart{start: i, end: len(base)})
	}
	return parts
}
