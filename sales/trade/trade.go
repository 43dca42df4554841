// Package trade holds the vocabulary of fund trades: their kinds, the
// accounts (and NISA frames) they are held in, and a trade as a broker's
// history states it (Record). Readers of brokers' files and the ledger
// both speak it; it reads nothing, stores nothing, prints nothing.
package trade

import (
	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/shopspring/decimal"
)

// The kinds of trade.
const (
	Buy      = "buy"      // 買付, 積立: money put in
	Reinvest = "reinvest" // 再投資: a distribution bought back into the fund
	Sell     = "sell"     // 解約: units given back for proceeds
	Dividend = "dividend" // 分配金 paid out
)

// Kinds lists them.
var Kinds = []string{Buy, Reinvest, Sell, Dividend}

// Accounts are the kinds of account a purchase is held in: the NISA frames
// since 2024 (つみたて投資枠, 成長投資枠), the NISA of 2014–2023 (一般NISA,
// つみたてNISA), "nisa" for a NISA purchase whose frame was never said,
// 特定 and 一般.
var Accounts = []string{"nisa-tsumitate", "nisa-growth", "nisa-old", "nisa-tsumitate-old", "nisa", "tokutei", "ippan"}

// IsNISA says whether an account is one of NISA's.
func IsNISA(account string) bool { return len(account) >= 4 && account[:4] == "nisa" }

// AccountWords are each account's name in English; the catalog words
// them as brokers do (つみたて投資枠, 特定口座).
var AccountWords = map[string]string{"nisa-tsumitate": "NISA tsumitate frame", "nisa-growth": "NISA growth frame", "nisa-old": "old general NISA",
	"nisa-tsumitate-old": "old tsumitate NISA", "nisa": "NISA (frame unknown)", "tokutei": "specific account", "ippan": "general account"}

// Account is an account among a message's arguments: it says itself in
// the reader's language, never as the ledger's value (tokutei).
type Account string

// Localize names the account in p's language.
func (a Account) Localize(p i18n.Printer) string {
	if w, ok := AccountWords[string(a)]; ok {
		return p.T(w)
	}
	return string(a)
}

// String names it in English.
func (a Account) String() string { return a.Localize(i18n.Printer{}) }

// Record is a trade as a broker's history states it, one line of it,
// before it is the ledger's: its fund still a name.
type Record struct {
	Kind     string // Buy, Reinvest, Sell or Dividend
	Date     string // 約定日, YYYY-MM-DD
	FundName string
	Units    int64           // 数量［口］; 0 for a distribution paid out
	Amount   decimal.Decimal // 受渡金額: what a purchase cost (points included), what a sale or a distribution paid
	Points   decimal.Decimal // of a purchase's amount, paid with points (ポイント利用)
	Tax      decimal.Decimal // withheld, when the file has a tax column
	Account  string          // one of Accounts
	Line     int
}

// History is what a broker's file holds.
type History struct {
	Format  string
	Records []Record
	// Skipped counts the lines of other products (stocks, cash) in a
	// broker's all-products history
	Skipped int
}
