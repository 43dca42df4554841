package i18n

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// CheckEntry says what is wrong with the catalog's entry for en: missing,
// or with other arguments than the English.
func CheckEntry(en string) error {
	j, ok := ja()[en]
	if !ok {
		return fmt.Errorf("no Japanese for %q", en)
	}
	if a, b := verbs(en), verbs(j); strings.Join(a, ",") != strings.Join(b, ",") {
		return fmt.Errorf("%q: the Japanese takes %v, the English %v", en, b, a)
	}
	return nil
}

// compiled on first use: a program that never checks a catalog does not
// pay for it at every start
var verbPattern = sync.OnceValue(func() *regexp.Regexp {
	// an index stands before the width (%[2]d) or, with a precision, after
	// it (%.1[2]f: Go reads %[2].1f as a bad index)
	return regexp.MustCompile(`%[-+# 0]*(?:\[(\d+)\])?\d*(?:\.\d*)?(?:\[(\d+)\])?([a-zA-Z%])`)
})

// verbs lists a format's arguments as "<index><verb>", sorted by index, so
// that a translation may reorder them with %[n]v.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verbPattern().FindAllStringSubmatch(format, -1) {
		if m[3] == "%" {
			continue
		}
		if idx := m[1] + m[2]; idx != "" {
			next, _ = strconv.Atoi(idx)
		}
		out = append(out, strconv.Itoa(next)+m[3])
		next++
	}
	sort.Strings(out)
	return out
}

// The words of KDP's Japanese interface and of Japanese fund managers: an
// English text with the word on the left is Japanese with the word on the
// right, never a loan word or a variant spelling.
var glossary = sync.OnceValue(func() []glossaryEntry {
	return []glossaryEntry{
		{regexp.MustCompile(`(?i)\broyalt`), "ロイヤリティ", []string{"ロイヤルティ", "ロイヤリティー", "印税"}},
		{regexp.MustCompile(`(?i)\bpayments?\b`), "支払", []string{"ペイメント", "支払が", "支払の", "支払を", "支払は", "支払に", "支払で", "支払ご"}},
		{regexp.MustCompile(`\bNAV\b`), "基準価額", []string{"基準価格", "NAV"}},
		{regexp.MustCompile(`(?i)\bledger\b`), "台帳", []string{"レジャー", "元帳"}},
		{regexp.MustCompile(`(?i)\bmanuscript\b`), "原稿", []string{"マニュスクリプト"}},
		{regexp.MustCompile(`(?i)\bepisodes?\b`), "話", []string{"エピソード"}},
		{regexp.MustCompile(`(?i)\bKENP pages|pages read\b`), "既読", nil},
		{regexp.MustCompile(`(?i)\bmarketplace`), "マーケットプレイス", []string{"マーケットプレース"}},
		{regexp.MustCompile(`(?i)\bdistributions?\b`), "分配金", []string{"配当"}},
		{regexp.MustCompile(`(?i)\b(exchange|FX) rates?\b`), "為替レート", []string{"交換レート", "為替相場"}},
		{regexp.MustCompile(`(?i)\bcumulative\b`), "累計", []string{"累積"}},
		{regexp.MustCompile(`(?i)\bproofread`), "校正", []string{"校閲", "プルーフ"}},
	}
})

type glossaryEntry struct {
	en  *regexp.Regexp
	ja  string
	not []string
}

// CheckStyle says what a Japanese editor would mark in j, the Japanese of en.
func CheckStyle(en, j string) error {
	for _, g := range glossary() {
		if !g.en.MatchString(en) {
			continue
		}
		if !strings.Contains(j, g.ja) {
			return fmt.Errorf("%q: the Japanese %q should say %s", en, j, g.ja)
		}
		for _, n := range g.not {
			if strings.Contains(j, n) {
				return fmt.Errorf("%q: the Japanese %q says %s; KDP's Japanese says %s", en, j, n, g.ja)
			}
		}
	}
	// half-width sentence punctuation between Japanese words reads as a
	// machine's: 、。 not , . after kana or kanji
	if m := halfPunct().FindString(j); m != "" {
		return fmt.Errorf("%q: the Japanese %q has %q: write 、 or 。", en, j, m)
	}
	// one register: a sentence ends in です・ます; a help line (取引を記録する)
	// or a rule's title ends without 。, as menus do
	if m := plainEnd().FindString(j); m != "" {
		return fmt.Errorf("%q: the Japanese %q ends a sentence in the plain form (%q): write です・ます", en, j, m)
	}
	if strings.Contains(j, "ですます") || strings.Contains(j, "して下さい") {
		return fmt.Errorf("%q: the Japanese %q: write ください in kana", en, j)
	}
	return nil
}

var plainEnd = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(だ|である|[^せ]ない|する|[^でま]した|いる|ある|できる)。`)
})

var halfPunct = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}][,.]( |$)`) })
