package main

import (
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/trade"
)

// enumWords are the values of the columns a person reads as words — a
// format, a source, a basis, a kind of trade or import, an account — and
// the catalog's English for each, which the Japanese catalog words in
// KDP's and brokers' vocabulary. Tables show the word; CSV and JSON keep
// the value for scripts.
var enumWords = map[string]map[string]string{
	"format": {"ebook": "eBook", "kenp": "KENP pages", "paperback": "paperback", "hardcover": "hardcover"},
	"source": {"statement": "statement", "estimate": "estimate"},
	"home_basis": {"home": "in the home currency", "payment": "as paid", "payment+rate": "as paid, then a rate",
		"rate": "at a rate (estimate)", "none": "no rate", "pending": "not priced yet"},
	"basis": {"home": "in the home currency", "payment": "as paid", "rate": "at a rate (estimate)", "none": "no rate"},
	"kind": {"buy": "purchase", "reinvest": "reinvestment", "sell": "sale", "dividend": "distribution",
		"statement": "statement", "dashboard": "dashboard", "payments": "payments", "rates": "exchange rates"},
	"account":   trade.AccountWords,
	"est":       {"est": "estimated"},
	"method":    {"EFT": "bank transfer (EFT)", "Wire": "wire transfer", "Check": "check"},
	"status":    {"Paid": "paid", "Pending": "pending", "Cancelled": "cancelled"},
	"made_from": {"workbook": "the workbook", "file name": "the file name", "rows": "its latest row"},
}

// words makes a table show its enum columns' words in Japanese (in
// English the values are left as they are, as scripts and earlier outputs
// know them), and a moment in the reader's time zone, to the minute: the
// ledger keeps UTC, which CSV and JSON give.
func (e *env) words(t *textable.Table) *textable.Table {
	t.Value = e.word
	return t
}

// word is one cell of column col as the reader reads it.
func (e *env) word(col, v string) string {
	if col == "imported_at" || col == "made" {
		return localTime(v)
	}
	if e.p.Lang != i18n.Japanese {
		return v
	}
	if w, ok := enumWords[col][v]; ok {
		return e.p.T(w)
	}
	return v
}

// localTime says a moment the ledger keeps (RFC 3339, UTC) in the reader's
// time zone, to the minute.
func localTime(v string) string {
	if at, err := time.Parse(time.RFC3339, v); err == nil {
		return at.Local().Format("2006-01-02 15:04")
	}
	return v
}
