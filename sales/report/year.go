package report

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/sales/convert"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/shopspring/decimal"
)

// Year is a calendar year's royalty income as received: the figures a
// 確定申告 asks for, by payment date, in yen at each payment's own rate.
type Year struct {
	Year int
	Rows []YearRow // by marketplace and currency
	// in yen, over the rows whose payments all convert
	Gross, Withholding, Net decimal.Decimal
	Unconverted             int // payments with no rate into yen
	// Invest is the year's sales and distributions by account kind:
	// tokutei, ippan, then nisa (tax-free); only kinds with any
	Invest []YearInvest
	// Payments are the year's payments one by one, in date order, each
	// with the rate that made its yen and that rate's day
	Payments []YearPayment
}

// YearPayment is one payment of the year and how it became yen.
type YearPayment struct {
	Date, Number, Marketplace, Currency string
	Gross, Withholding, Net             decimal.Decimal // in Currency
	PayoutCurrency                      string
	Payout                              decimal.Decimal
	Yen                                 *decimal.Decimal // nil: no rate into yen
	Rate                                *decimal.Decimal // yen per unit of the payout currency; nil when none was needed or known
	RateDate                            string
	Basis                               string // own (yen earned), payment (KDP's rate), rate (imported), none
}

// YearInvest is what one kind of account realized in the year, in yen.
type YearInvest struct {
	Account string // tokutei, ippan or nisa
	TaxFree bool
	Sales   int
	// sales: proceeds before tax, 取得費 (moving average), gain, tax withheld
	Proceeds, Cost, Gain, SaleTax decimal.Decimal
	Distributions                 int
	// distributions paid out and reinvested, before tax, and the tax withheld
	Distributed, DistributionTax decimal.Decimal
}

// YearRow is one marketplace's payments of the year.
type YearRow struct {
	Marketplace, Currency   string
	Payments                int
	Gross, Withholding, Net decimal.Decimal // in Currency: accrued, tax withheld, paid
	// in yen; nil when a payment of the row has no rate into yen
	GrossJPY, WithholdingJPY, NetJPY *decimal.Decimal
}

// TaxYear gathers the payments made in year. A payment's yen are its own
// figures when the marketplace earns yen; else its payout when KDP paid yen,
// or its payout at the imported rate of its day when the home currency is
// yen; gross and withholding take the payment's own ratio of yen to net
// (the FX rate it was paid at).
func TaxYear(ctx context.Context, l *ledger.Ledger, year int) (*Year, error) {
	pays, err := l.Payments(ctx)
	if err != nil {
		return nil, err
	}
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	y := &Year{Year: year}
	rows := map[string]*YearRow{}
	missing := map[string]bool{}
	prefix := strconv.Itoa(year) + "-"
	for _, p := range pays {
		if len(p.Date) < 5 || p.Date[:5] != prefix {
			continue
		}
		key := p.Marketplace + "|" + p.Currency
		r := rows[key]
		if r == nil {
			r = &YearRow{Marketplace: p.Marketplace, Currency: p.Currency}
			rows[key] = r
			zero := decimal.Zero
			r.GrossJPY, r.WithholdingJPY, r.NetJPY = &zero, &zero, &zero
		}
		r.Payments++
		r.Gross = r.Gross.Add(p.Accrued)
		r.Withholding = r.Withholding.Add(p.Withholding)
		r.Net = r.Net.Add(p.Net)
		yr := conv.YenRate(p.Payout())
		jpy := yr.Yen
		if p.Currency == "JPY" {
			// Amazon.co.jp earns yen: its own figures are the income, whatever
			// currency the bank was paid in
			v := p.Net
			jpy = &v
			yr = convert.YenRate{Yen: jpy, Basis: "own"}
		}
		y.Payments = append(y.Payments, YearPayment{Date: p.Date, Number: p.Number, Marketplace: p.Marketplace, Currency: p.Currency,
			Gross: p.Accrued, Withholding: p.Withholding, Net: p.Net, PayoutCurrency: p.PayoutCurrency, Payout: p.PayoutAmount,
			Yen: jpy, Rate: yr.Rate, RateDate: yr.Date, Basis: yr.Basis})
		if jpy == nil || (p.Net.IsZero() && !jpy.IsZero()) {
			y.Unconverted++
			missing[key] = true
			continue
		}
		ratio := decimal.Zero
		if !p.Net.IsZero() {
			ratio = jpy.DivRound(p.Net, 24)
		}
		g, w, n := r.GrossJPY.Add(p.Accrued.Mul(ratio)), r.WithholdingJPY.Add(p.Withholding.Mul(ratio)), r.NetJPY.Add(*jpy)
		r.GrossJPY, r.WithholdingJPY, r.NetJPY = &g, &w, &n
	}
	for key, r := range rows {
		if missing[key] {
			r.GrossJPY, r.WithholdingJPY, r.NetJPY = nil, nil, nil
		} else {
			y.Gross = y.Gross.Add(*r.GrossJPY)
			y.Withholding = y.Withholding.Add(*r.WithholdingJPY)
			y.Net = y.Net.Add(*r.NetJPY)
		}
		y.Rows = append(y.Rows, *r)
	}
	sort.Slice(y.Rows, func(i, j int) bool {
		a, b := y.Rows[i], y.Rows[j]
		return a.Marketplace < b.Marketplace || a.Marketplace == b.Marketplace && a.Currency < b.Currency
	})
	trades, err := l.Trades(ctx)
	if err != nil {
		return nil, err
	}
	if y.Invest, err = investYear(trades, prefix); err != nil {
		return nil, err
	}
	return y, nil
}

// investYear sums the realized gains and distributions dated in the year
// (prefix "2025-") by account kind.
func investYear(trades []ledger.Trade, prefix string) ([]YearInvest, error) {
	b, err := invest.Replay(trades, "")
	if err != nil {
		return nil, err
	}
	by := map[string]*YearInvest{}
	get := func(account string) *YearInvest {
		kind := account
		if strings.HasPrefix(account, "nisa") {
			kind = "nisa"
		}
		if by[kind] == nil {
			by[kind] = &YearInvest{Account: kind, TaxFree: kind == "nisa"}
		}
		return by[kind]
	}
	for _, r := range b.Realized {
		if !strings.HasPrefix(r.Trade.Date, prefix) {
			continue
		}
		v := get(r.Trade.Account)
		if r.Trade.Kind == trade.Sell {
			v.Sales++
			v.Proceeds, v.Cost, v.Gain = v.Proceeds.Add(r.Proceeds), v.Cost.Add(r.Cost), v.Gain.Add(r.Gain)
			v.SaleTax = v.SaleTax.Add(r.Trade.Tax)
		} else {
			v.Distributions++
			v.Distributed = v.Distributed.Add(r.Proceeds)
			v.DistributionTax = v.DistributionTax.Add(r.Trade.Tax)
		}
	}
	// a distribution bought back was paid, taxed, and then spent on units
	for _, t := range trades {
		if t.Kind == trade.Reinvest && strings.HasPrefix(t.Date, prefix) {
			v := get(t.Account)
			v.Distributions++
			v.Distributed = v.Distributed.Add(t.Amount).Add(t.Tax)
			v.DistributionTax = v.DistributionTax.Add(t.Tax)
		}
	}
	var out []YearInvest
	for _, k := range []string{"tokutei", "ippan", "nisa"} {
		if v := by[k]; v != nil {
			out = append(out, *v)
		}
	}
	return out, nil
}
