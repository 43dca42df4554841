package report

import (
	"context"
	"sort"
	"strconv"

	"github.com/hanmoto/hanmoto/sales/ledger"
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
		jpy := conv.Yen(p)
		if p.Currency == "JPY" {
			// Amazon.co.jp earns yen: its own figures are the income, whatever
			// currency the bank was paid in
			v := p.Net
			jpy = &v
		}
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
	return y, nil
}
