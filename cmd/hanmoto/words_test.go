package main

import (
	"testing"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/hanmoto/hanmoto/sales/trade"
)

// TestEveryEnumHasAJapaneseWord: every value of a column a person reads as
// a word — formats, sources, bases, kinds of trade and import, accounts —
// has its word, and the word its Japanese; a Japanese table shows no
// English value.
func TestEveryEnumHasAJapaneseWord(t *testing.T) {
	values := map[string][]string{
		"format":     {string(royalty.Ebook), string(royalty.KENP), string(royalty.Paperback), string(royalty.Hardcover)},
		"source":     {"statement", "estimate"},
		"home_basis": {"home", "payment", "payment+rate", "rate", "none", "pending"},
		"basis":      {"home", "payment", "rate", "none"},
		"kind":       append(append([]string{}, trade.Kinds...), string(royalty.Statement), string(royalty.Dashboard), string(royalty.Payments), "rates"),
		"account":    trade.Accounts,
		"est":        {"est"},
	}
	ja := i18n.Printer{Lang: i18n.Japanese}
	for col, vs := range values {
		for _, v := range vs {
			w, ok := enumWords[col][v]
			if !ok {
				t.Errorf("%s %q has no word", col, v)
				continue
			}
			if err := i18n.CheckEntry(w); err != nil {
				t.Errorf("%s %q: %v", col, v, err)
			}
			if j := ja.T(w); j == v || j == w {
				t.Errorf("%s %q reads %q in Japanese", col, v, j)
			}
		}
	}
}
