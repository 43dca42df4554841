package invest

import (
	"context"
	"errors"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/shopspring/decimal"
)

// The monthly routine — a payment arrives, part of it buys units — asks
// for little typing: the account of the fund's last trade, a month's
// payments linked at once, a word when the units typed can't be what the
// amount bought.

// LastAccount is the account of the fund's latest trade (by date, then as
// recorded), "" when the fund has none: a person reinvests into the same
// frame month after month.
func LastAccount(trades []ledger.Trade, fund string) string {
	var last ledger.Trade
	for _, t := range trades {
		if t.Fund == fund && (last.Fund == "" || t.Date > last.Date || t.Date == last.Date && t.ID > last.ID) {
			last = t
		}
	}
	return last.Account
}

// UnitsSlip is a purchase whose units typed by hand lie far from what its
// amount buys at the NAV of its day (or the last before it).
type UnitsSlip struct {
	Expected int64     // the units the amount buys at Price
	Price    price.Day // the NAV compared with
}

// MaxUnitsDrift is how far typed units may lie from the expected before
// they are taken for a slip, as a fraction: a broker's units differ from
// amount ÷ NAV by its fee and rounding, a few percent at most; ten times
// as many (134567 for 11,900 yen) is a typo.
const MaxUnitsDrift = 0.1

// CheckUnits says whether t's units look like a slip of the keyboard: nil
// when they are near what its amount buys, or when the fund has no NAV to
// compare with.
func CheckUnits(ctx context.Context, l *ledger.Ledger, t ledger.Trade) (*UnitsSlip, error) {
	e := t
	p, err := Estimate(ctx, l, &e)
	if err != nil || e.Units <= 0 {
		return nil, nil // no NAV: nothing to compare with
	}
	drift := decimal.NewFromInt(t.Units - e.Units).Abs().Div(decimal.NewFromInt(e.Units))
	if drift.LessThanOrEqual(decimal.NewFromFloat(MaxUnitsDrift)) {
		return nil, nil
	}
	return &UnitsSlip{Expected: e.Units, Price: p}, nil
}

// RealizedOf is what the sale (or distribution) with this id realized:
// its cost at the moving average and its gain.
func RealizedOf(ctx context.Context, l *ledger.Ledger, id int64) (Realized, bool, error) {
	ts, err := l.Trades(ctx)
	if err != nil {
		return Realized{}, false, err
	}
	b, err := Replay(ts, "")
	if err != nil {
		return Realized{}, false, err
	}
	for _, r := range b.Realized {
		if r.Trade.ID == id {
			return r, true, nil
		}
	}
	return Realized{}, false, nil
}

// Unlinked are the payments made in month (YYYY-MM) that no purchase
// names yet: what invest buy --month links.
func (p *Portfolio) Unlinked(month string) []Received {
	named := map[string]bool{}
	for _, t := range p.Trades {
		for _, n := range t.Payments {
			named[n] = true
		}
	}
	var out []Received
	for _, r := range p.Received {
		if r.Date[:7] == month && !named[r.Number] {
			out = append(out, r)
		}
	}
	return out
}

// MonthUse is one month's payments together: what they brought in yen,
// what purchases took of them, and what is left.
type MonthUse struct {
	Month    string
	Payments int
	// Unconverted counts the month's payments with no rate into yen:
	// Received and Left are then lower bounds.
	Unconverted        int
	Received, Invested decimal.Decimal
	Left               decimal.Decimal
}

// Months sums the plan's payments month by month, oldest first, in whole
// yen: each payment's yen and what purchases took of it rounded first,
// as a payment row shows them, so that the rows add up as printed.
func (pl Plan) Months() []MonthUse {
	var out []MonthUse
	for _, u := range pl.Payments {
		m := u.Date[:7]
		if len(out) == 0 || out[len(out)-1].Month != m {
			out = append(out, MonthUse{Month: m})
		}
		mu := &out[len(out)-1]
		mu.Payments++
		invested := u.Invested.Round(0)
		mu.Invested = mu.Invested.Add(invested)
		if u.JPY == nil {
			mu.Unconverted++
			continue
		}
		received := u.JPY.Round(0)
		mu.Received = mu.Received.Add(received)
		mu.Left = mu.Left.Add(received.Sub(invested))
	}
	return out
}

// ErrNoAccount is a fund's first trade typed without an account: none is
// assumed, the person says which.
var ErrNoAccount = errors.New("the fund's first trade names no account")

// DefaultAccount is the account a trade of fund typed without one goes
// to: its last trade's. A fund the ledger holds no prices of is refused
// (ledger.ErrNoFund), a fund with no trade yet gives ErrNoAccount.
func DefaultAccount(ctx context.Context, l *ledger.Ledger, fund string) (string, error) {
	held, err := l.Trades(ctx)
	if err != nil {
		return "", err
	}
	if a := LastAccount(held, fund); a != "" {
		return a, nil
	}
	if _, ok, err := fundOf(ctx, l, fund); err == nil && !ok {
		return "", i18n.Errorf("%v %q: import its prices first (hanmoto invest nav import --fund %s FILE)", ledger.ErrNoFund, fund, fund)
	}
	return "", ErrNoAccount
}

// FundLabel is the fund's code and, when its NAV file named it, its name:
// what a confirmation says.
func FundLabel(ctx context.Context, l *ledger.Ledger, code string) string {
	if f, ok, _ := fundOf(ctx, l, code); ok && f.Name != "" {
		return code + " " + f.Name
	}
	return code
}

func fundOf(ctx context.Context, l *ledger.Ledger, code string) (ledger.Fund, bool, error) {
	fs, err := l.Funds(ctx)
	for _, f := range fs {
		if f.Code == code {
			return f, true, nil
		}
	}
	return ledger.Fund{}, false, err
}
