package ledger

import (
	"context"

	"github.com/hanmoto/hanmoto/sales/convert"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/shopspring/decimal"
)

// Converter loads what conversions need — every payment's details and
// every imported rate — and hands them to the domain's convert.New.
func (l *Ledger) Converter(ctx context.Context) (*convert.Converter, error) {
	home, err := l.HomeCurrency()
	if err != nil {
		return nil, err
	}
	rows, err := l.db.QueryContext(ctx, `SELECT p.id, p.marketplace, p.currency, p.payout_currency, p.payout_amount, p.date,
		s.month, s.source, s.accrued, s.net FROM payments p JOIN payment_sources s ON s.payment_id = p.id ORDER BY p.id`)
	if err != nil {
		return nil, err
	}
	var details []convert.Detail
	for rows.Next() {
		var d convert.Detail
		var payoutAmount, accrued, net string
		if err := rows.Scan(&d.Payment, &d.Marketplace, &d.Currency, &d.PayoutCurrency, &payoutAmount, &d.Date, &d.Month, &d.Source, &accrued, &net); err != nil {
			rows.Close()
			return nil, err
		}
		d.PayoutAmount, d.Accrued, d.Net = decimal.RequireFromString(payoutAmount), decimal.RequireFromString(accrued), decimal.RequireFromString(net)
		details = append(details, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rrows, err := l.db.QueryContext(ctx, `SELECT currency, date, rate FROM rates ORDER BY currency, date`)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	var rates []price.Rate
	for rrows.Next() {
		var r price.Rate
		var rate string
		if err := rrows.Scan(&r.Currency, &r.Date, &rate); err != nil {
			return nil, err
		}
		r.Rate = decimal.RequireFromString(rate)
		rates = append(rates, r)
	}
	if err := rrows.Err(); err != nil {
		return nil, err
	}
	return convert.New(home, details, rates), nil
}

// Payout is what conversion needs of the payment.
func (p PaymentRow) Payout() convert.Payout {
	return convert.Payout{Currency: p.Currency, PayoutCurrency: p.PayoutCurrency, Date: p.Date, PayoutAmount: p.PayoutAmount, Net: p.Net, FXRate: p.FXRate}
}
