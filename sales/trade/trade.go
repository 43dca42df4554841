// Package trade holds the vocabulary of fund trades: their kinds and the
// accounts (and NISA frames) they are held in. Readers of brokers' files
// and the ledger both speak it; it reads nothing, stores nothing, prints
// nothing.
package trade

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
