// Package money shows amounts the way each currency is written: to its
// minor unit (yen whole, the others to the cent), with thousands
// separators for people. The ledger keeps amounts exact; only display
// rounds, and every display rounds here, the same way.
package money

import (
	"strings"

	"github.com/shopspring/decimal"
)

// zeroDecimal are the currencies KDP reports in whose minor unit is the
// unit itself (ISO 4217).
var zeroDecimal = map[string]bool{"JPY": true, "KRW": true, "CLP": true, "ISK": true, Count: true}

// Count is the "currency" of counts — units sold, pages read — for what
// shows amounts: ISO 4217's XXX, no currency; whole, never named.
const Count = "XXX"

// Places is how many decimals a currency is shown with.
func Places(cur string) int32 {
	if zeroDecimal[cur] {
		return 0
	}
	return 2
}

// Round rounds an amount to the currency's minor unit, half away from zero.
func Round(d decimal.Decimal, cur string) decimal.Decimal { return d.Round(Places(cur)) }

// Plain is an amount rounded to its minor unit, without separators: for
// tables that line numbers up and for CSV read by spreadsheets.
func Plain(d decimal.Decimal, cur string) string {
	return d.Round(Places(cur)).StringFixed(Places(cur))
}

// Format is an amount rounded to its minor unit, with thousands separators.
func Format(d decimal.Decimal, cur string) string {
	s := Plain(d, cur)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

// Allocate rounds amounts to the currency's minor unit so that the rounded
// parts add up to the rounded whole: the remainder units go to the largest
// fractions first (then the earlier parts), as a bank splits a payout.
func Allocate(parts []decimal.Decimal, cur string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(parts))
	total := decimal.Zero
	for _, p := range parts {
		total = total.Add(p)
	}
	unit := decimal.New(1, -Places(cur))
	want := Round(total, cur)
	given := decimal.Zero
	type rem struct {
		i    int
		frac decimal.Decimal
	}
	rems := make([]rem, len(parts))
	for i, p := range parts {
		out[i] = p.Div(unit).Floor().Mul(unit)
		given = given.Add(out[i])
		rems[i] = rem{i, p.Sub(out[i])}
	}
	// stable: equal fractions keep their order
	for a := 1; a < len(rems); a++ {
		for b := a; b > 0 && rems[b].frac.GreaterThan(rems[b-1].frac); b-- {
			rems[b], rems[b-1] = rems[b-1], rems[b]
		}
	}
	for j := 0; given.LessThan(want) && len(rems) > 0; j++ {
		out[rems[j%len(rems)].i] = out[rems[j%len(rems)].i].Add(unit)
		given = given.Add(unit)
	}
	return out
}
