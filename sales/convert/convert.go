// Package convert turns amounts into the home currency: royalties a
// payment covered at what that payment actually put in the bank for them,
// anything else at the rates the user imported — and says which it used.
// It is the domain's arithmetic, apart from storage: the ledger reads the
// payments and rates and builds a Converter with New.
package convert

import (
	"sort"
	"strings"

	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/shopspring/decimal"
)

// Converter turns amounts into the home currency: royalties a payment
// covered at what that payment actually put in the bank for them, anything
// else at the rates the user imported — and says which it used.
type Converter struct {
	Home  string
	flows map[string]*flow       // marketplace|month|source (or |*) → what was paid
	rates map[string][]datedRate // currency → rates by date
}

// flow is what the payments covering one marketplace, month and source
// (Sales, KENP Royalties, Paperback Sales…) earned and paid out.
type flow struct {
	currency, payout string          // the marketplace's currency; the payout's
	accrued          decimal.Decimal // royalties earned, in currency
	paid             decimal.Decimal // what reached the bank for them, in payout
	date             string          // the last payment's date
	factor           decimal.Decimal // paid ÷ accrued, to 24 places: every amount converts by the same factor, so conversion stays linear
}

type datedRate struct {
	date string
	rate decimal.Decimal
}

// sourceOf is the payment detail source that pays a format's royalties.
func sourceOf(format string) string {
	switch format {
	case "ebook":
		return "Sales"
	case "kenp":
		return "KENP Royalties"
	case "paperback":
		return "Paperback Sales"
	case "hardcover":
		return "Hardcover Sales"
	}
	return format
}

// Detail is a payment's line for one marketplace, month and source (Sales,
// KENP Royalties, Paperback Sales…), as the Payments report gives it, with
// its payment's payout.
type Detail struct {
	Payment                               int64 // the payment it belongs to
	Marketplace, Currency, PayoutCurrency string
	Date, Month, Source                   string
	PayoutAmount, Accrued, Net            decimal.Decimal
}

// New makes a Converter into home from the payments' details (in the
// order the payments were imported) and the imported rates.
func New(home string, details []Detail, rates []price.Rate) *Converter {
	c := &Converter{Home: home, flows: map[string]*flow{}, rates: map[string][]datedRate{}}
	byPayment := map[int64][]Detail{}
	var order []int64
	for _, d := range details {
		if _, seen := byPayment[d.Payment]; !seen {
			order = append(order, d.Payment)
		}
		byPayment[d.Payment] = append(byPayment[d.Payment], d)
	}
	for _, id := range order {
		ds := byPayment[id]
		total := decimal.Zero
		for _, d := range ds {
			total = total.Add(d.Net)
		}
		for _, d := range ds {
			if d.PayoutCurrency == "" {
				d.PayoutCurrency = d.Currency
			}
			// the payout is shared among the payment's details by their net
			share := d.PayoutAmount
			if !total.IsZero() {
				share = d.PayoutAmount.Mul(d.Net).Div(total)
			}
			for _, k := range []string{d.Marketplace + "|" + d.Month + "|" + d.Source, d.Marketplace + "|" + d.Month + "|*"} {
				f := c.flows[k]
				if f == nil {
					f = &flow{currency: d.Currency, payout: d.PayoutCurrency}
					c.flows[k] = f
				}
				if f.payout != d.PayoutCurrency {
					f.payout = "" // paid out in two currencies: no single rate
				}
				f.accrued = f.accrued.Add(d.Accrued)
				f.paid = f.paid.Add(share)
				if d.Date > f.date {
					f.date = d.Date
				}
			}
		}
	}
	for _, f := range c.flows {
		if !f.accrued.IsZero() {
			f.factor = f.paid.DivRound(f.accrued, 24)
		}
	}
	for _, r := range rates {
		c.rates[r.Currency] = append(c.rates[r.Currency], datedRate{r.Date, r.Rate})
	}
	for _, rs := range c.rates {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].date < rs[j].date })
	}
	return c
}

// Payout is what conversion needs of a payment: what it paid, in which
// currency, on which day, and KDP's own rate where it gave one.
type Payout struct {
	Currency, PayoutCurrency, Date string
	PayoutAmount, Net              decimal.Decimal
	FXRate                         *decimal.Decimal
}

// Paid is the flow of the payments that paid a format's royalties of one
// marketplace and month: by the payment details' source, else all of that
// marketplace and month's payments together.
func (c *Converter) paid(marketplace, month, format string) (*flow, bool) {
	for _, k := range []string{marketplace + "|" + month + "|" + sourceOf(format), marketplace + "|" + month + "|*"} {
		if f, ok := c.flows[k]; ok && f.payout != "" && !f.accrued.IsZero() {
			return f, true
		}
	}
	return nil, false
}

// rate is the home-currency value of one unit of cur on date, from the last
// imported rate on or before it.
func (c *Converter) rate(cur, date string) (decimal.Decimal, bool) {
	r, _, ok := c.rateOn(cur, date)
	return r, ok
}

// rateOn is the last imported rate of cur on or before date, and its day.
func (c *Converter) rateOn(cur, date string) (decimal.Decimal, string, bool) {
	if cur == c.Home {
		return decimal.NewFromInt(1), date, true
	}
	rs := c.rates[cur]
	i := sort.Search(len(rs), func(i int) bool { return rs[i].date > date })
	if i == 0 {
		return decimal.Decimal{}, "", false
	}
	return rs[i-1].rate, rs[i-1].date, true
}

// ToHome converts amount (in cur, earned on marketplace in month, in a
// format). The basis says how: "home" (no conversion), "payment" (at what
// the payments for it put in the bank: their FX rate, after any tax
// withheld, weighted by amount where two payments paid the same source),
// "payment+rate" (paid out in another currency, then an imported rate),
// "rate" (an imported rate: an estimate), or "none" (nil: no rate known).
func (c *Converter) ToHome(amount decimal.Decimal, cur, marketplace, month, format string) (*decimal.Decimal, string) {
	if cur == c.Home || amount.IsZero() {
		// nothing needs a rate: zero is zero in every currency
		return &amount, "home"
	}
	if f, ok := c.paid(marketplace, month, format); ok && f.currency == cur {
		inPayout := amount.Mul(f.factor)
		if f.payout == c.Home {
			return &inPayout, "payment"
		}
		if r, ok := c.rate(f.payout, f.date); ok {
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
func (c *Converter) Received(p Payout) (*decimal.Decimal, string) {
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

// Yen is a payment in yen, the currency a Japanese fund is bought in and
// 確定申告 is made in: its payout when KDP paid yen, else its payout at the
// imported rate of its day when the home currency is yen; nil otherwise.
func (c *Converter) Yen(p Payout) *decimal.Decimal {
	return c.YenRate(p).Yen
}

// YenRate is a payment in yen with the rate that made it: how many yen one
// unit of the payout currency was, on which day, and by whose rate.
type YenRate struct {
	Yen   *decimal.Decimal // nil: no rate into yen
	Rate  *decimal.Decimal // yen per unit of the payout currency
	Date  string           // the day of that rate
	Basis string           // "payment": KDP paid yen at its own rate; "rate": an imported rate; "none"
}

// YenRate converts a payment into yen as Yen does, and says how.
func (c *Converter) YenRate(p Payout) YenRate {
	if p.PayoutCurrency == "JPY" {
		v := p.PayoutAmount
		y := YenRate{Yen: &v, Date: p.Date, Basis: "payment"}
		switch {
		case p.Currency == "JPY":
		case p.FXRate != nil:
			y.Rate = p.FXRate // KDP's own, as the Payments report says it
		case !p.Net.IsZero():
			r := v.DivRound(p.Net, 6)
			y.Rate = &r
		}
		return y
	}
	if c.Home == "JPY" {
		if r, day, ok := c.rateOn(p.PayoutCurrency, p.Date); ok {
			v := p.PayoutAmount.Mul(r)
			return YenRate{Yen: &v, Rate: &r, Date: day, Basis: "rate"}
		}
	}
	return YenRate{Basis: "none"}
}
