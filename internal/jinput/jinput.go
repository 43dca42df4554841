// Package jinput reads values as a Japanese keyboard types them: full-width
// digits and commas from an input method, 円 and ￥ around amounts, dates
// as 2024/1/4, 2024年1月4日 or in the era calendar (R6.1.4, 令和6年1月4日),
// names in either script and any case.
//
// Every function returns the value in one canonical form, or an error that
// says what was expected; none of them prints.
package jinput

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// Fold is s with full-width letters, digits and signs made ASCII (NFKC),
// spaces trimmed.
func Fold(s string) string {
	return strings.TrimSpace(norm.NFKC.String(s))
}

// Amount reads an amount of money: "30000", "３００００", "30,000円",
// "￥30,000", "¥ 1,234.5", and as Japanese says amounts with 万 and 千:
// "３万円", "1.5万", "3万5千円", "2千".
func Amount(s string) (decimal.Decimal, error) {
	v := Fold(s)
	v = strings.TrimSuffix(v, "円")
	v = strings.TrimPrefix(strings.TrimPrefix(v, "¥"), "\\")
	v = strings.NewReplacer(",", "", "、", "", " ", "").Replace(v)
	bad := func() (decimal.Decimal, error) {
		return decimal.Decimal{}, i18n.Errorf("%q is not an amount (write it as 30000, ３００００, 30,000円 or 3万円)", s)
	}
	total := decimal.Zero
	for _, unit := range []struct {
		mark string
		n    int64
	}{{"万", 10_000}, {"千", 1_000}} {
		head, rest, ok := strings.Cut(v, unit.mark)
		if !ok {
			continue
		}
		d, err := decimal.NewFromString(head)
		if err != nil || head == "" || strings.ContainsAny(head, "eE") || d.IsNegative() {
			return bad()
		}
		total, v = total.Add(d.Mul(decimal.NewFromInt(unit.n))), rest
		if v == "" {
			if !total.IsInteger() {
				return bad() // 1.23456万 is no sum of yen
			}
			return total, nil
		}
	}
	// a keyboard types no exponent: 1e30 is a slip, not an amount
	d, err := decimal.NewFromString(v)
	if err != nil || v == "" || strings.ContainsAny(v, "eE") || (!total.IsZero() && (d.IsNegative() || strings.Contains(v, "."))) {
		return bad()
	}
	return total.Add(d), nil
}

// imeDashes are what an input method types for "-": the long vowel mark
// (ーー), the full-width hyphen (－－), dashes (—, ―, –), the minus sign.
const imeDashes = "ー－—―–‐−"

// Flag reads a command-line word typed with an input method's dashes as
// the flag it means: "ーーfix", "－－ｆｉｘ" and "—fix" (an editor's
// "--" made an em dash) are "--fix", "ーo" is "-o". Anything else — a word
// that merely starts with ー, a file name — comes back unchanged, ok false.
func Flag(a string) (string, bool) {
	dashes := 0
	rest := a
	for rest != "" {
		r, n := utf8.DecodeRuneInString(rest)
		if !strings.ContainsRune(imeDashes, r) && r != '-' {
			break
		}
		dashes++
		rest = rest[n:]
	}
	if dashes == 0 || dashes > 2 || strings.Trim(a[:len(a)-len(rest)], "-") == "" {
		return a, false // no input-method dash: as typed
	}
	name := norm.NFKC.String(rest)
	value := ""
	if i := strings.IndexAny(name, "=＝"); i >= 0 {
		name, value = name[:i], name[i:]
	}
	if name == "" || strings.Trim(strings.ToLower(name), "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || name[0] < 'A' {
		return a, false
	}
	if dashes == 1 && len(name) > 1 && !strings.HasPrefix(a, "—") {
		return a, false // ーfix: no single-dash flag is a word
	}
	prefix := "--"
	if len(name) == 1 {
		prefix = "-"
	}
	return prefix + strings.ToLower(name) + norm.NFKC.String(value), true
}

// Whole reads a whole number: "12345", "１２，３４５", "12,345口".
func Whole(s string) (int64, error) {
	v := Fold(s)
	v = strings.TrimSuffix(v, "口")
	v = strings.NewReplacer(",", "", "、", "", " ", "").Replace(v)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, i18n.Errorf("%q is not a whole number (write it as 12345 or 12,345)", s)
	}
	return n, nil
}

// eras are the Japanese eras a date in this century can fall in.
var eras = []struct {
	names []string
	start int // the Gregorian year of the era's first year
}{
	{[]string{"r", "令和"}, 2018},
	{[]string{"h", "平成"}, 1988},
	{[]string{"s", "昭和"}, 1925},
}

// Date reads a day and returns it as YYYY-MM-DD: 2024-01-04, 2024/1/4,
// 2024.1.4, 20240104, 2024年1月4日, R6.1.4, 令和6年1月4日 (元年 too).
func Date(s string) (string, error) {
	y, m, d, ok := parts(s, 3)
	if ok {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Year() == y && int(t.Month()) == m && t.Day() == d {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", i18n.Errorf("%q is not a date (write it as 2024-01-04, 2024/1/4, 2024年1月4日 or R6.1.4)", s)
}

// Month reads a month and returns it as YYYY-MM: 2024-01, 2024/1, 202401,
// 2024年1月, R6.1, 令和6年1月.
func Month(s string) (string, error) {
	y, m, _, ok := parts(s, 2)
	if ok && m >= 1 && m <= 12 && y >= 1900 && y < 10000 {
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), nil
	}
	return "", i18n.Errorf("%q is not a month (write it as 2024-01, 2024/1, 2024年1月 or R6.1)", s)
}

// parts splits a date of n parts (2: year and month, 3: with the day).
func parts(s string, n int) (y, m, d int, ok bool) {
	v := strings.ToLower(Fold(s))
	v = strings.ReplaceAll(v, "元年", "1年")
	offset := 0
	for _, e := range eras {
		for _, name := range e.names {
			if rest, found := strings.CutPrefix(v, name); found && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				v, offset = rest, e.start
			}
		}
	}
	v = strings.TrimSuffix(strings.TrimSuffix(v, "日"), "月")
	fields := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("-/.年月日 ", r) })
	if len(fields) == 1 && offset == 0 && len(fields[0]) == 2+2*n {
		// 20240104, 202401
		f := fields[0]
		fields = []string{f[:4], f[4:6]}
		if n == 3 {
			fields = append(fields, f[6:8])
		}
	}
	if len(fields) != n {
		return 0, 0, 0, false
	}
	nums := make([]int, n)
	for i, f := range fields {
		x, err := strconv.Atoi(f)
		if err != nil {
			return 0, 0, 0, false
		}
		nums[i] = x
	}
	y, m = nums[0]+offset, nums[1]
	if n == 3 {
		d = nums[2]
	}
	if offset == 0 && len(fields[0]) != 4 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// Choice finds s among names, each of which lists the spellings that mean
// it (ASCII in any case, or Japanese); it returns the first spelling.
func Choice(s string, names ...[]string) (string, bool) {
	v := strings.ToLower(Fold(s))
	for _, alts := range names {
		for _, a := range alts {
			if v == strings.ToLower(norm.NFKC.String(a)) {
				return alts[0], true
			}
		}
	}
	return "", false
}
