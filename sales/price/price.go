// Package price holds the vocabulary of prices: a fund unit's price on a
// day (基準価額) and a currency's value in the home currency on a day. The
// readers of managers' NAV files (nav) and of rates files (fx) make them,
// the ledger stores them, the domain (invest, report) reads them back; it
// reads nothing, stores nothing, prints nothing.
package price

import "github.com/shopspring/decimal"

// Day is a fund's price on one day: 基準価額 for 10,000 units, and the
// distribution (分配金) it paid that day, when its file says.
type Day struct {
	Date         string // YYYY-MM-DD
	NAV          decimal.Decimal
	Distribution *decimal.Decimal // 分配金 per 10,000 units, when the file says
	Line         int              // the file's line, for messages
}

// History is a fund's prices as one file states them, oldest first.
type History struct {
	FundName string // from the file (a title line, a ファンド名 column), when it says
	Days     []Day
}

// Rate is the home currency's value of one unit of Currency on Date.
type Rate struct {
	Date, Currency string
	Rate           decimal.Decimal
}
