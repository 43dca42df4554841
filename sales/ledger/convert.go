package ledger

import (
	"context"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Converter turns amounts into the home currency: royalties a payment
// covered at that payment's own FX rate (what the bank actually received),
// anything else at the rates the user imported — and says which it used.
type Converter struct {
	Home     string
	payments map[string]paid        // marketplace + "|" + month → payment
	rates    map[string][]datedRate // currency → rates by date
}

type paid struct {
	currency, payout string
	fx               *decimal.Decimal
	date             string
}

type datedRate struct {
	date string
	rate decimal.Decimal
}

// Converter loads what conversions need.
func (l *Ledger) Converter(ctx context.Context) (*Converter, error) {
	home, err := l.HomeCurrency()
	if err != nil {
		return nil, err
	}
	c := &Converter{Home: home, payments: map[string]paid{}, rates: map[string][]datedRate{}}
	rows, err := l.db.QueryContext(ctx, `SELECT DISTINCT p.marketplace, s.month, p.currency, p.payout_currency, p.fx_rate, p.date
		FROM payments p JOIN payment_sources s ON s.payment_id = p.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var market, month string
		var p paid
		var fx *string
		if err := rows.Scan(&market, &month, &p.currency, &p.payout, &fx, &p.date); err != nil {
			rows.Close()
			return nil, err
		}
		if fx != nil && *fx != "" {
			d, err := decimal.NewFromString(*fx)
			if err == nil && !d.IsZero() {
				p.fx = &d
			}
		}
		c.payments[market+"|"+month] = p
	}
	rows.Close()
	rrows, err := l.db.QueryContext(ctx, `SELECT currency, date, rate FROM rates ORDER BY currency, date`)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	for rrows.Next() {
		var cur, date, rate string
		if err := rrows.Scan(&cur, &date, &rate); err != nil {
			return nil, err
		}
		c.rates[cur] = append(c.rates[cur], datedRate{date, decimal.RequireFromString(rate)})
	}
	return c, rrows.Err()
}

// rate is the home-currency value of one unit of cur on date, from the last
// imported rate on or before it.
func (c *Converter) rate(cur, date string) (decimal.Decimal, bool) {
	if cur == c.Home {
		return decimal.NewFromInt(1), true
	}
	rs := c.rates[cur]
	i := sort.Search(len(rs), func(i int) bool { return rs[i].date > date })
	if i == 0 {
		return decimal.Decimal{}, false
	}
	return rs[i-1].rate, true
}

// ToHome converts amount (in cur, earned on marketplace in month). The basis
// says how: "home" (no conversion), "payment" (the payment's FX rate),
// "payment+rate" (paid out in another currency, then an imported rate),
// "rate" (an imported rate: an estimate), or "none" (nil: no rate known).
func (c *Converter) ToHome(amount decimal.Decimal, cur, marketplace, month string) (*decimal.Decimal, string) {
	if cur == c.Home {
		return &amount, "home"
	}
	if p, ok := c.payments[marketplace+"|"+month]; ok && p.currency == cur {
		inPayout := amount
		if p.fx != nil && p.payout != cur {
			inPayout = amount.Mul(*p.fx)
		}
		if p.payout == c.Home {
			return &inPayout, "payment"
		}
		if r, ok := c.rate(p.payout, p.date); ok {
			v := inPayout.Mul(r)
			return &v, "payment+rate"
		}
	}
	if r, ok := c.rate(cur, monthEnd(month)); ok {
		v := amount.Mul(r)
		return &v, "rate"
	}
	return nil, "none"
}

func monthEnd(month string) string {
	if strings.Count(month, "-") == 1 {
		return month + "-31"
	}
	return month
}

// Received is the home-currency value of what a payment put in the bank:
// its payout as is when paid in the home currency, else at the imported
// rate on the payment date (nil when none is known).
func (c *Converter) Received(p PaymentRow) (*decimal.Decimal, string) {
	if p.PayoutCurrency == c.Home {
		v := p.PayoutAmount
		return &v, "payment"
	}
	if r, ok := c.rate(p.PayoutCurrency, p.Date); ok {
		v := p.PayoutAmount.Mul(r)
		return &v, "rate"
	}
	return nil, "none"
}
