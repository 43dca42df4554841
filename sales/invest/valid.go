package invest

import (
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/shopspring/decimal"
)

// Bounds of one trade: far past any person's, well inside what the ledger
// adds without overflow (units are int64: 10^15 of them over the 10^3
// trades of a lifetime stay under 2^63).
var (
	// MaxAmount is the most yen one trade moves: a trillion.
	MaxAmount = decimal.New(1, 12)
	// MaxUnits is the most units (口) one trade moves.
	MaxUnits int64 = 1_000_000_000_000_000
)

// FirstTradeDay is the earliest day a trade may have: investment trusts
// priced daily in yen are of this age at most.
const FirstTradeDay = "1950-01-01"

// Valid checks a trade's own figures before anything is worked out from
// them: an amount of yen that is positive and within MaxAmount, units
// within MaxUnits and not negative, tax and fee not negative, and a day
// between FirstTradeDay and a year from today. (--amount 1e30 once
// "bought" 8,808,467,595,173,179,258 units, and two such purchases made the
// holding negative.)
func Valid(t ledger.Trade, today time.Time) error {
	switch {
	case !t.Amount.IsPositive():
		return i18n.Errorf("%s yen: a trade moves a positive amount", t.Amount)
	case t.Amount.GreaterThan(MaxAmount):
		return i18n.Errorf("%s yen is more than one trade moves (at most %s): check the amount", t.Amount, MaxAmount)
	case t.Units < 0:
		return i18n.Errorf("%d units: units are never negative", t.Units)
	case t.Units > MaxUnits:
		return i18n.Errorf("%d units is more than one trade moves (at most %d): check the units", t.Units, MaxUnits)
	case t.Tax.IsNegative() || t.Fee.IsNegative():
		return i18n.Errorf("tax %s, fee %s: neither is ever negative", t.Tax, t.Fee)
	case t.Date < FirstTradeDay || t.Date > today.AddDate(1, 0, 0).Format("2006-01-02"):
		return i18n.Errorf("%s is not a day a trade can have (from %s to a year from today)", t.Date, FirstTradeDay)
	}
	return nil
}
