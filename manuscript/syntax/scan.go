// Package syntax reads the novel syntax of web-novel sites — ruby, 傍点,
// 縦中横, page breaks — out of plain text, and hooks it into goldmark.
//
// The scanner works on one line of raw source at a time and never allocates
// per character, because it runs over every line of a 3-million-character
// book. It must never decide anything from HTML or code: the goldmark
// transformer only hands it text nodes outside code spans and raw HTML.
package syntax

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// Kind says what a Token is.
type Kind int

const (
	Text    Kind = iota // literal text
	Ruby                // base with a reading (or one reading per base character)
	Sesame              // 《《傍点》》
	TCY                 // 縦中横: characters set upright in vertical text
	Dash                // ―― : a run of U+2015 kept whole (and joined, in vertical text)
	Leader              // …… : a run of U+2026 kept whole
	Dakuten             // a kana with a 濁点 or 半濁点 Unicode has no single character for (あ゛)
	Escape              // ｜《…》: なろう's escape; 《…》 is shown as written, the bar is not
	// Note is a 青空文庫 note ［＃…］: never printed. A note that names the
	// text before it (［＃「十二」は縦中横］, ［＃「静か」に傍点］) makes that
	// text a TCY or Sesame token reaching to the note's end instead.
	Note
	// Number is a run of half-width digits longer than stand upright,
	// set as Options.Numbers says: 漢数字 (二〇二四) or full-width (２０２４).
	Number
	// Glyph is a character a vertical book sets as another: “ ” as 〝 〟
	// (the curly quotes of horizontal text lie wrong in a column), and a
	// lone half-width ! or ? beside Japanese as ！ ？, which stand upright.
	Glyph
	// Kaeriten is a 漢文 reading mark, 返り点 (［＃レ］, ［＃一］, ［＃上レ］),
	// set small at the kanji's lower left in a column (sub), as AozoraEpub3
	// does; Base is the mark.
	Kaeriten
	// Okurigana is a 漢文 送り仮名 (［＃（ニ）］), set small at the kanji's
	// lower right (sup); Base is the kana.
	Okurigana
	// Gaiji is 青空文庫's ※［＃…］ for a character its file could not hold
	// (gaiji.go): printed as the character its note names, else ※. To
	// ruby it is a kanji: a base may begin with it or hold it.
	Gaiji
)

// Token is a piece of a scanned line. Offsets are byte offsets into the
// scanned text.
type Token struct {
	Kind       Kind
	Start, End int // the whole token, markup included
	// Base is the ruby base, the 傍点 text or the 縦中横 text.
	BaseStart, BaseEnd int
	// Readings holds the reading of group ruby (in parts, when {東京都|とう|きょう}
	// gives fewer parts than characters: the でんでんマークダウン spec joins
	// them), or one reading per base character for mono ruby ({漢字|かん|じ}).
	Readings [][2]int
	Mono     bool
	// Mark is a Sesame token's mark when it is not the sesame dot: a
	// 青空文庫 note's other 傍点 or a 傍線 (MarkClass names them)
	Mark string
}

// Problem is markup that looks like novel syntax but stays literal text,
// the way なろう and カクヨム leave it. Lint reports these; build does not fail.
type Problem struct {
	Start, End int
	Code       string // a lint rule's sub-code
	Message    i18n.Msg
}

// Options are the book-wide switches of the syntax.
type Options struct {
	ParenRuby  bool   // なろう's 漢字（かんじ）
	Vertical   bool   // 縦中横 only makes sense in vertical books
	TCYDigits  int    // up to how many half-width digits stand upright together; 0 means 2
	SceneBreak string // the mark a scene break shows; "" means ◇
	// Numbers is how a vertical book sets numbers longer than TCYDigits:
	// "kanji" (二〇二四年, the typesetter's way), "fullwidth" (２０２４年)
	// or "" (as written: on their side, and lint says so).
	Numbers string
}

// UprightDigits is up to how many half-width digits stand upright together.
func (o Options) UprightDigits() int { return o.tcyDigits() }

// Heading are the options of a heading's text: there three digits stand
// upright too (第100話 … 第999話), as KDP's guidelines ask of titles and the
// table of contents, and longer numbers are 漢数字 (第一〇〇〇話) unless
// numbers: says otherwise — as the table of contents sets the same title;
// the text keeps tcy-digits and numbers:.
//
// An explicit numbers: (kanji, fullwidth) wins in headings as in the text:
// the text's 一〇〇日後 beside a heading's 第100話 read as two books.
func (o Options) Heading() Options {
	if o.Numbers == "kanji" || o.Numbers == "fullwidth" {
		return o
	}
	o.TCYDigits = max(3, o.tcyDigits())
	o.Numbers = "kanji"
	return o
}

func (o Options) tcyDigits() int {
	if o.TCYDigits <= 0 {
		return 2
	}
	return o.TCYDigits
}

// UprightMarks are the runs of ! and ? set upright as one character.
func UprightMarks(s []byte) bool {
	switch string(s) {
	case "!!", "!?", "?!", "??", "!!!", "!!?":
		return true
	}
	return false
}

// markAfter says whether a 濁点 or 半濁点 (combining, spacing or half-width)
// starts at i: the kana before it may need setting in one cell.
func markAfter(s []byte, i int) bool {
	if i+2 >= len(s) {
		return false
	}
	return (s[i] == 0xe3 && s[i+1] == 0x82 && s[i+2] >= 0x99 && s[i+2] <= 0x9c) || (s[i] == 0xef && s[i+1] == 0xbe && (s[i+2] == 0x9e || s[i+2] == 0x9f))
}

// Joinable says whether a kana and the 濁点 or 半濁点 after it have no single
// character in Unicode (あ゛, ア゜): those are set in one cell.
func Joinable(kana, mark rune) bool {
	if !isKana(kana) {
		return false
	}
	var comb rune
	switch mark {
	case '\u3099', '\u309B', '\uFF9E':
		comb = '\u3099'
	case '\u309A', '\u309C', '\uFF9F':
		comb = '\u309A'
	default:
		return false
	}
	return utf8.RuneCountInString(norm.NFC.String(string([]rune{kana, comb}))) != 1
}

const (
	maxBase = 50 // longer bases are a missing 》 or a stray ｜, not ruby
	// maxBaseNotes is the bytes of notes a ｜ base may hold besides its
	// text: ten 外字 descriptions
	maxBaseNotes = 1000
	maxReading   = 50
)

// IsKanji reports whether r may stand in an implicit ruby base: Han
// ideographs and the marks 々〆ヶ that sites count as kanji.
func IsKanji(r rune) bool {
	switch r {
	case '々', '〆', 'ヶ', '〇':
		return true
	}
	return unicode.Is(unicode.Han, r)
}

func isKana(r rune) bool {
	return (r >= 'ぁ' && r <= 'ゖ') || (r >= 'ァ' && r <= 'ヺ') || r == 'ー' || r == 'ゝ' || r == 'ゞ' || r == 'ヽ' || r == 'ヾ'
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }
func isASCIIAlnum(b byte) bool {
	return isASCIIDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}

// hasPrefix at i for a string (avoids allocating)
func at(s []byte, i int, p string) bool {
	if i+len(p) > len(s) {
		return false
	}
	for k := 0; k < len(p); k++ {
		if s[i+k] != p[k] {
			return false
		}
	}
	return true
}

// indexWithin is index looking no further than limit bytes past from: every
// closer the scanner looks for has a longest distance (a base, a reading, a
// 傍点), and a line of ten thousand 《《 or ｜ must cost ten thousand short
// looks, not ten thousand looks to the end of the line.
func indexWithin(s []byte, from int, p string, limit int) int {
	if end := from + limit + len(p); end < len(s) {
		s = s[:end]
	}
	return index(s, from, p)
}

// maxSesame is the longest 傍点 read as 傍点.
const maxSesame = 200

func index(s []byte, from int, p string) int {
	for i := from; i+len(p) <= len(s); i++ {
		if s[i] == '\n' {
			return -1
		}
		if at(s, i, p) {
			return i
		}
	}
	return -1
}

// startsMarkup marks the bytes a piece of markup can begin with: ASCII
// triggers and the lead bytes of 《 and kana (E3), ｜ （ (EF), ― … (E2).
var startsMarkup = func() (t [256]bool) {
	for _, c := range []byte("|{(^!?0123456789\xe2\xe3\xef") {
		t[c] = true
	}
	return
}()

// Scan splits s into tokens. Text tokens cover everything that is not
// markup, so the tokens tile s exactly. problems may be nil.
func Scan(s []byte, opt Options, problems *[]Problem) []Token {
	return ScanInto(nil, s, opt, problems)
}

// ScanInto is Scan appending to toks[:0], so a caller scanning many lines
// reuses one buffer.
func ScanInto(toks []Token, s []byte, opt Options, problems *[]Problem) []Token {
	toks = toks[:0]
	// where the line's last 》 and 》》 stand, found once and only when a
	// closer is missing within reach: unclosed or too long?
	lastClose, lastSesame := -2, -2
	lastOf := func(cache *int, p string) int {
		if *cache == -2 {
			*cache = bytes.LastIndex(s, []byte(p))
		}
		return *cache
	}
	textStart := 0 // start of pending literal text
	lastMarkupEnd := -1
	flush := func(upTo int) {
		if upTo > textStart {
			toks = append(toks, Token{Kind: Text, Start: textStart, End: upTo})
		}
	}
	report := func(start, end int, code, msg string) {
		if problems != nil {
			*problems = append(*problems, Problem{start, end, code, i18n.M(msg)})
		}
	}
	emit := func(t Token) {
		flush(t.Start)
		toks = append(toks, t)
		textStart = t.End
		lastMarkupEnd = t.End
	}
	i := 0
	for i < len(s) {
		c := s[i]
		if !startsMarkup[c] || (c == 0xe3 && !at(s, i, "《") && !(opt.Vertical && markAfter(s, i+3))) ||
			(c == 0xef && !at(s, i, "｜") && !at(s, i, "（") && !at(s, i, "［＃")) || (c == 0xe2 && !at(s, i, "――") && !at(s, i, "……") && !at(s, i, "※［＃") && !(opt.Vertical && (at(s, i, "“") || at(s, i, "”")))) {
			// Continuation bytes of UTF-8 never equal a lead byte, so
			// stepping one byte at a time cannot land inside a trigger.
			// 0xE3 and 0xEF also lead every kana and full-width form:
			// only 《, ｜ and （ go on to the cases below. A whole
			// three-byte character (kana, kanji: most of a Japanese line)
			// is stepped over at once when it is well formed.
			if c >= 0xe0 && c < 0xf0 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
				i += 3
			} else {
				i++
			}
			continue
		}
		switch {
		case at(s, i, "※［＃"):
			end := gaijiAt(s, i)
			if end < 0 {
				i += len("※")
				continue
			}
			emit(Token{Kind: Gaiji, Start: i, End: end, BaseStart: i, BaseEnd: end})
			i = end
		case at(s, i, "［＃"):
			end := noteEnd(s, i)
			if end < 0 {
				i += len("［＃")
				continue
			}
			inner := s[i+len("［＃") : end-len("］")]
			// 「X」は縦中横 / 「X」に傍点: X is the text just before the note
			if kaeriten(inner) {
				emit(Token{Kind: Kaeriten, Start: i, End: end, BaseStart: i + len("［＃"), BaseEnd: end - len("］")})
			} else if okuri(inner) {
				emit(Token{Kind: Okurigana, Start: i, End: end, BaseStart: i + len("［＃（"), BaseEnd: end - len("）］")})
			} else if ref, kind, mark, ok := noteRef(inner); ok && (kind != TCY || opt.Vertical) && textStart <= i-len(ref) && bytes.HasSuffix(s[:i], ref) {
				start := i - len(ref)
				emit(Token{Kind: kind, Start: start, End: end, BaseStart: start, BaseEnd: i, Mark: mark})
			} else {
				emit(Token{Kind: Note, Start: i, End: end, BaseStart: i, BaseEnd: i})
			}
			i = end
		case c == '|' || at(s, i, "｜"):
			w := 1
			if c != '|' {
				w = len("｜")
			}
			// the base may hold notes (漢文's 返り点, a 外字's description:
			// ｜誰人以［＃二］増賀［＃一］…《…》), which the reader never sees:
			// its length is that of its text
			open := indexWithin(s, i+w, "《", maxBase*4+maxBaseNotes)
			if open < 0 || baseRunes(s[i+w:open]) > maxBase || containsAny(s[i+w:open], "|｜》") {
				// A lone bar is ordinary text (tables, 縦棒 in prose).
				i += w
				continue
			}
			if open == i+w {
				// ｜《…》 is the sites' way to show 《…》 as it is: the bar
				// goes, the brackets and their text stay
				if close := indexWithin(s, open+len("《"), "》", maxReading*4); close >= 0 && !at(s, open, "《《") {
					emit(Token{Kind: Escape, Start: i, End: close + len("》"), BaseStart: open, BaseEnd: close + len("》")})
					i = close + len("》")
					continue
				}
				i = open + len("《")
				report(open-w, i, "empty-base", "「｜《」: ruby with no base stays as text")
				continue
			}
			if at(s, open, "《《") {
				i += w
				continue
			}
			close := indexWithin(s, open+len("《"), "》", maxReading*4)
			if close < 0 {
				if lastOf(&lastClose, "》") > open {
					report(open, open+len("《"), "long-reading", "the ruby reading is too long to be a reading")
				} else {
					report(open, open+len("《"), "unclosed", "「《」 is never closed: ruby stays as text")
				}
				i = open + len("《")
				continue
			}
			if close == open+len("《") {
				report(open, close+len("》"), "empty", "「《》」 is empty: ruby stays as text")
				i = close + len("》")
				continue
			}
			if utf8.RuneCount(s[open+len("《"):close]) > maxReading {
				report(open, close+len("》"), "long-reading", "the ruby reading is too long to be a reading")
				i = close + len("》")
				continue
			}
			emit(Token{Kind: Ruby, Start: i, End: close + len("》"), BaseStart: i + w, BaseEnd: open,
				Readings: [][2]int{{open + len("《"), close}}})
			i = close + len("》")
			i = secondReading(s, i, report)
		case at(s, i, "《《"):
			close := indexWithin(s, i+2*len("《"), "》》", maxSesame*4)
			if close < 0 && lastOf(&lastSesame, "》》") > i {
				report(i, i+2*len("《"), "sesame-long", "「《《…》》」 longer than 200 characters: 傍点 stays as text")
				i += 2 * len("《")
				continue
			}
			if close < 0 || close == i+2*len("《") {
				report(i, i+2*len("《"), "sesame-unclosed", "「《《」 without 「》》」: 傍点 stays as text")
				i += 2 * len("《")
				continue
			}
			emit(Token{Kind: Sesame, Start: i, End: close + 2*len("》"), BaseStart: i + 2*len("《"), BaseEnd: close})
			i = close + 2*len("》")
		case at(s, i, "《"):
			close := indexWithin(s, i+len("《"), "》", maxReading*4)
			if close < 0 && lastOf(&lastClose, "》") > i {
				report(i, i+len("《"), "long-reading", "the ruby reading is too long to be a reading")
				i += len("《")
				continue
			}
			// the kanji run right before 《, not reaching into earlier
			// markup but for 外字, which count as kanji
			bs := i
			for bs > textStart {
				r, size := utf8.DecodeLastRune(s[textStart:bs])
				if !IsKanji(r) {
					break
				}
				bs -= size
			}
			if bs == textStart && close > i {
				toks, bs = gaijiBase(toks, s, bs)
				if bs < textStart {
					textStart = bs
				}
			}
			switch {
			case close < 0:
				report(i, i+len("《"), "unclosed", "「《」 is never closed: ruby stays as text")
			case close == i+len("《"):
				report(i, close+len("》"), "empty", "「《》」 is empty: ruby stays as text")
			case lastMarkupEnd == i && bs == i:
				report(i, close+len("》"), "second-reading", "a second 《…》 right after a ruby stays as text")
			case bs == i:
				report(i, close+len("》"), "no-bar", "《…》 after kana or Latin needs 「｜」 before the base; it stays as text")
			case utf8.RuneCount(s[i+len("《"):close]) > maxReading:
				report(i, close+len("》"), "long-reading", "the ruby reading is too long to be a reading")
			default:
				emit(Token{Kind: Ruby, Start: bs, End: close + len("》"), BaseStart: bs, BaseEnd: i,
					Readings: [][2]int{{i + len("《"), close}}})
				i = secondReading(s, close+len("》"), report)
				continue
			}
			if close < 0 {
				i += len("《")
			} else {
				i = close + len("》")
			}
		case c == '{':
			if t, ok := denden(s, i); ok {
				emit(t)
				i = t.End
				continue
			}
			i++
		case opt.ParenRuby && (at(s, i, "（") || c == '('):
			if t, ok := parenRuby(s, i, textStart); ok {
				emit(t)
				i = t.End
				continue
			}
			if c == '(' {
				i++
			} else {
				i += len("（")
			}
		case opt.Vertical && c == '^':
			close := indexWithin(s, i+1, "^", 4)
			if close > i+1 && close-i-1 <= 4 {
				emit(Token{Kind: TCY, Start: i, End: close + 1, BaseStart: i + 1, BaseEnd: close})
				i = close + 1
				continue
			}
			i++
		case opt.Vertical && isASCIIDigit(c):
			j := i
			for j < len(s) && isASCIIDigit(s[j]) {
				j++
			}
			before := i > 0 && (isASCIIAlnum(s[i-1]) || s[i-1] == '.' || s[i-1] == ',')
			after := j < len(s) && (isASCIIAlnum(s[j]) || ((s[j] == '.' || s[j] == ',') && j+1 < len(s) && isASCIIDigit(s[j+1])))
			if n := j - i; n >= 1 && n <= opt.tcyDigits() && !before && !after {
				emit(Token{Kind: TCY, Start: i, End: j, BaseStart: i, BaseEnd: j})
			} else if n > opt.tcyDigits() && !before && !after && (opt.Numbers == "kanji" || opt.Numbers == "fullwidth") {
				emit(Token{Kind: Number, Start: i, End: j, BaseStart: i, BaseEnd: j})
			}
			i = j
		case opt.Vertical && (c == '!' || c == '?'):
			j := i
			for j < len(s) && (s[j] == '!' || s[j] == '?') {
				j++
			}
			if UprightMarks(s[i:j]) {
				emit(Token{Kind: TCY, Start: i, End: j, BaseStart: i, BaseEnd: j})
			} else if j-i == 1 && (i > 0 && s[i-1] >= 0x80 || j < len(s) && s[j] >= 0x80) {
				// beside Japanese a lone ! or ? would lie on its side
				emit(Token{Kind: Glyph, Start: i, End: j, BaseStart: i, BaseEnd: j})
			}
			i = j
		case opt.Vertical && (at(s, i, "“") || at(s, i, "”")):
			emit(Token{Kind: Glyph, Start: i, End: i + len("“"), BaseStart: i, BaseEnd: i + len("“")})
			i += len("“")
		case at(s, i, "――") || at(s, i, "……"):
			mark := s[i : i+3]
			j := i
			for at(s, j, string(mark)) {
				j += 3
			}
			kind := Leader
			if mark[2] == 0x95 {
				kind = Dash
			}
			emit(Token{Kind: kind, Start: i, End: j, BaseStart: i, BaseEnd: j})
			i = j
		default:
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRune(s[i:])
			if opt.Vertical && c == 0xe3 && i+size < len(s) {
				if m, msize := utf8.DecodeRune(s[i+size:]); (m >= '\u3099' && m <= '\u309C' || m == '\uFF9E' || m == '\uFF9F') && Joinable(r, m) {
					emit(Token{Kind: Dakuten, Start: i, End: i + size + msize, BaseStart: i, BaseEnd: i + size + msize})
					i += size + msize
					continue
				}
			}
			i += size
		}
	}
	flush(len(s))
	return toks
}

// gaijiBase takes back into a ruby base starting at bs the 外字 tokens
// right before it and the kanji of the text before those: the Aozora rule
// counts a 外字 as one kanji. It returns the tokens left and the base's
// new start.
func gaijiBase(toks []Token, s []byte, bs int) ([]Token, int) {
	for len(toks) > 0 {
		last := toks[len(toks)-1]
		if last.End != bs {
			break
		}
		if last.Kind == Gaiji {
			toks, bs = toks[:len(toks)-1], last.Start
			continue
		}
		if last.Kind != Text {
			break
		}
		k := bs
		for k > last.Start {
			r, size := utf8.DecodeLastRune(s[last.Start:k])
			if !IsKanji(r) {
				break
			}
			k -= size
		}
		if k == bs {
			break
		}
		bs = k
		if k == last.Start {
			toks = toks[:len(toks)-1]
			continue
		}
		toks[len(toks)-1].End = k
		break
	}
	return toks, bs
}

// secondReading reports a 《…》 right after a ruby (AozoraEpub3 drops it;
// we keep it as text) and returns where scanning goes on.
func secondReading(s []byte, i int, report func(int, int, string, string)) int {
	if at(s, i, "《") && !at(s, i, "《《") {
		if close := indexWithin(s, i+len("《"), "》", maxReading*4); close > 0 {
			report(i, close+len("》"), "second-reading", "a second 《…》 right after a ruby stays as text")
			return close + len("》")
		}
	}
	return i
}

func containsAny(s []byte, chars string) bool {
	for _, r := range string(s) {
		for _, c := range chars {
			if r == c {
				return true
			}
		}
	}
	return false
}

// denden reads {base|reading} and {base|r1|r2} (mono ruby when the number of
// readings equals the number of base characters).
func denden(s []byte, i int) (Token, bool) {
	bar := -1
	j := i + 1
	for ; j < len(s) && s[j] != '}' && s[j] != '\n' && s[j] != '{'; j++ {
		if s[j] == '|' && bar < 0 {
			bar = j
		}
	}
	if j >= len(s) || s[j] != '}' || bar < 0 || bar == i+1 || bar == j-1 {
		return Token{}, false
	}
	base := s[i+1 : bar]
	if utf8.RuneCount(base) > maxBase {
		return Token{}, false
	}
	var readings [][2]int
	start := bar + 1
	for k := bar + 1; k <= j; k++ {
		if k == j || s[k] == '|' {
			if k == start {
				return Token{}, false
			}
			readings = append(readings, [2]int{start, k})
			start = k + 1
		}
	}
	return Token{Kind: Ruby, Start: i, End: j + 1, BaseStart: i + 1, BaseEnd: bar, Readings: readings,
		Mono: len(readings) > 1 && len(readings) == utf8.RuneCount(base)}, true
}

// parenRuby reads なろう's 漢字（かんじ）: a kanji run, then a kana-only
// reading in full- or half-width parentheses.
func parenRuby(s []byte, i, floor int) (Token, bool) {
	open, closeStr := len("（"), "）"
	if s[i] == '(' {
		open, closeStr = 1, ")"
	}
	close := indexWithin(s, i+open, closeStr, 20*4)
	if close <= i+open || utf8.RuneCount(s[i+open:close]) > 20 {
		return Token{}, false
	}
	for _, r := range string(s[i+open : close]) {
		if !isKana(r) {
			return Token{}, false
		}
	}
	bs := i
	for bs > floor {
		r, size := utf8.DecodeLastRune(s[floor:bs])
		if !IsKanji(r) {
			break
		}
		bs -= size
	}
	if bs == i {
		return Token{}, false
	}
	return Token{Kind: Ruby, Start: bs, End: close + len(closeStr), BaseStart: bs, BaseEnd: i,
		Readings: [][2]int{{i + open, close}}}, true
}

// maxNote bounds a note's length in characters: an editor's note
// explaining a reading can run to a few hundred (325 of 青空文庫's notes
// pass 160 bytes); a ［＃ opening a line of prose with no ］ near is text.
const maxNote = 400

// noteEnd is the end of the note ［＃…］ at i (after its ］), or -1: the ］
// that closes it, a ［…］ inside it (a quotation of another note) closed
// on the way; never past the line or maxNote characters.
func noteEnd(s []byte, i int) int {
	depth := 0
	limit := min(len(s), i+maxNote*4)
	for j := i + len("［＃"); j < limit; {
		switch {
		case s[j] == '\n':
			return -1
		case at(s, j, "［"):
			depth++
			j += len("［")
		case at(s, j, "］"):
			if depth == 0 {
				return j + len("］")
			}
			depth--
			j += len("］")
		default:
			j++
		}
	}
	return -1
}

// baseRunes is how long a ruby base is as a reader sees it: its
// characters outside notes ［＃…］ (a 外字's ※ is one).
func baseRunes(b []byte) int {
	n, depth := 0, 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '［' && at(b, i+size, "＃"):
			depth++
		case r == '］' && depth > 0:
			depth--
		case depth == 0:
			n++
		}
		i += size
	}
	return n
}

// noteRef reads a note that names the text before it — 「X」は縦中横, 「X」に
// 傍点 and the other 傍点 and 傍線 (the forms 青空文庫 and AozoraEpub3 take)
// — and gives X, what it becomes and, for a mark, which (marks).
func noteRef(inner []byte) ([]byte, Kind, string, bool) {
	if !bytes.HasPrefix(inner, []byte("「")) {
		return nil, 0, "", false
	}
	close := bytes.LastIndex(inner, []byte("」"))
	if close < 0 {
		return nil, 0, "", false
	}
	ref, what := inner[len("「"):close], string(inner[close+len("」"):])
	if len(ref) == 0 {
		return nil, 0, "", false
	}
	if what == "は縦中横" {
		return ref, TCY, "", true
	}
	if mark, ok := marks[strings.TrimPrefix(what, "に")]; ok && strings.HasPrefix(what, "に") {
		return ref, Sesame, mark, true
	}
	// の左に…: the same mark on the other side (under a horizontal line)
	if mark, ok := marks[strings.TrimPrefix(what, "の左に")]; ok && strings.HasPrefix(what, "の左に") {
		return ref, Sesame, MarkClass(mark) + " left", true
	}
	return nil, 0, "", false
}

// marks are 青空文庫's 傍点 and 傍線 notes (「X」に白丸傍点) and the class
// each is set with ("": the sesame dot, em.sesame): the emphasis mark
// CSS draws beside the text, or for a 傍線 a line at the text's side.
var marks = map[string]string{
	"傍点": "", "白ゴマ傍点": "sesame-open",
	"丸傍点": "circle", "白丸傍点": "circle-open",
	"黒三角傍点": "triangle", "白三角傍点": "triangle-open",
	"蛇の目傍点": "double-circle", "二重丸傍点": "double-circle-open",
	"ばつ傍点": "cross",
	"傍線":   "sideline", "二重傍線": "sideline-double", "鎖線": "sideline-dotted",
	"破線": "sideline-dashed", "波線": "sideline-wavy",
}

// MarkClass is the class a Sesame token's element has.
func MarkClass(mark string) string {
	if mark == "" {
		return "sesame"
	}
	return mark
}

// NumberText is a run of ASCII digits as opt.Numbers sets it.
func NumberText(digits []byte, opt Options) []byte {
	out := make([]byte, 0, 3*len(digits))
	for _, d := range digits {
		if opt.Numbers == "kanji" {
			out = append(out, string([]rune("〇一二三四五六七八九")[d-'0'])...)
		} else {
			out = utf8.AppendRune(out, '０'+rune(d-'0'))
		}
	}
	return out
}

// GlyphText is a Glyph token's character as a vertical book sets it.
func GlyphText(q []byte) []byte {
	switch string(q) {
	case "“":
		return []byte("〝")
	case "”":
		return []byte("〟")
	case "!":
		return []byte("！")
	}
	return []byte("？")
}

// kaeriten says a note is a 返り点: レ, 一 to 四, 上 中 下, 甲 乙 丙 丁, 天 地 人,
// alone or with レ (一レ, 上レ, 甲レ, 天レ).
func kaeriten(inner []byte) bool {
	s := string(inner)
	s = strings.TrimSuffix(s, "レ")
	if s == "" {
		return true // ［＃レ］
	}
	return utf8.RuneCountInString(s) == 1 && strings.Contains("一二三四上中下甲乙丙丁天地人", s)
}

// okuri says a note is a 漢文 送り仮名, （…） of kana: ［＃（ニ）］.
func okuri(inner []byte) bool {
	s := string(inner)
	if !strings.HasPrefix(s, "（") || !strings.HasSuffix(s, "）") || len(s) <= len("（）") {
		return false
	}
	for _, r := range s[len("（") : len(s)-len("）")] {
		if !isKana(r) {
			return false
		}
	}
	return utf8.RuneCountInString(s) <= 8
}
