package invest

import (
	"sort"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/shopspring/decimal"
)

// Plan is where the royalties went: each payment, the purchases it paid
// for, and what is still to reinvest. All in yen, the currency funds are
// bought in.
type Plan struct {
	Payments []PaymentUse
	// Received is the yen of the payments that convert; Unconverted counts
	// those that do not, so Received is then a lower bound.
	Received    decimal.Decimal
	Unconverted int
	// Invested is every purchase's amount and fee: money put in. A
	// distribution bought back is not money put in, and a sale does not
	// take back a royalty that was invested — its proceeds are the
	// investor's, and a purchase made with them is money put in again.
	Invested decimal.Decimal
	// ToReinvest = Received − Invested, cumulative: negative when more was
	// invested than the royalties brought in; a lower bound when
	// Unconverted > 0.
	ToReinvest   decimal.Decimal
	LastPurchase string
}

// PaymentUse is one payment and the purchases it funded.
type PaymentUse struct {
	Received
	Invested decimal.Decimal // the part of it purchases used
	Left     *decimal.Decimal
	Funded   []Funding
}

// Funding is the part of one purchase one payment paid for.
type Funding struct {
	Trade  int64
	Date   string
	Amount decimal.Decimal
	Linked bool // the purchase names the payment (--payment)
}

// Plan allocates every purchase to the payments that paid for it: first
// to the payments it names (invest buy --payment), then to the oldest
// payments received on or before its day with yen left. What no payment
// covers was other money. month (YYYY-MM) narrows the payments listed, not
// the totals.
func (p *Portfolio) Plan(month string) Plan {
	var pl Plan
	uses := make([]PaymentUse, len(p.Received))
	left := make([]decimal.Decimal, len(p.Received))
	byNumber := map[string]int{}
	for i, r := range p.Received {
		uses[i].Received = r
		byNumber[r.Number] = i
		if r.JPY == nil {
			pl.Unconverted++
			continue
		}
		left[i] = *r.JPY
		pl.Received = pl.Received.Add(*r.JPY)
	}
	remaining := make([]decimal.Decimal, len(p.Trades))
	take := func(ti, pi int, linked bool) {
		t := p.Trades[ti]
		if p.Received[pi].JPY == nil || !left[pi].IsPositive() || !remaining[ti].IsPositive() {
			return
		}
		amt := decimal.Min(left[pi], remaining[ti])
		left[pi] = left[pi].Sub(amt)
		remaining[ti] = remaining[ti].Sub(amt)
		uses[pi].Invested = uses[pi].Invested.Add(amt)
		uses[pi].Funded = append(uses[pi].Funded, Funding{Trade: t.ID, Date: t.Date, Amount: amt, Linked: linked})
	}
	// the links first, for every purchase, so that an earlier purchase
	// does not take a payment a later one names
	for ti, t := range p.Trades {
		if t.Kind != trade.Buy && t.Kind != "" {
			continue
		}
		remaining[ti] = cost(t)
		pl.Invested = pl.Invested.Add(remaining[ti])
		pl.LastPurchase = max(pl.LastPurchase, t.Date)
		for _, n := range t.Payments {
			if pi, ok := byNumber[n]; ok {
				take(ti, pi, true)
			}
		}
	}
	for ti, t := range p.Trades {
		for pi, r := range p.Received {
			if r.Date > t.Date || !remaining[ti].IsPositive() {
				break
			}
			take(ti, pi, false)
		}
	}
	pl.ToReinvest = pl.Received.Sub(pl.Invested)
	for i := range uses {
		f := uses[i].Funded
		sort.SliceStable(f, func(a, b int) bool { return f[a].Date < f[b].Date || f[a].Date == f[b].Date && f[a].Trade < f[b].Trade })
		if uses[i].JPY != nil {
			l := left[i]
			uses[i].Left = &l
		}
		if month == "" || uses[i].Date[:7] == month {
			pl.Payments = append(pl.Payments, uses[i])
		}
	}
	return pl
}

func cost(t ledger.Trade) decimal.Decimal { return t.Amount.Add(t.Fee) }
