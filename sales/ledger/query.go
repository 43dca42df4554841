package ledger

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Royalty is a royalty line as the ledger holds it.
type Royalty struct {
	Month, Source, Format        string
	Marketplace, Currency        string
	ASIN, ISBN, Title, Author    string
	RoyaltyType, TransactionType string
	UnitsSold, UnitsRefunded     *int64
	UnitsNet, KENPPages          *int64
	ListPrice, OfferPrice        *decimal.Decimal
	FileSizeMB, DeliveryCost     *decimal.Decimal
	Royalty                      *decimal.Decimal
	Home                         *decimal.Decimal // in the home currency; nil when no rate is known
	HomeBasis                    string           // home, payment, payment+rate, rate or none
}

// Filter narrows Royalties. Empty fields do not filter.
type Filter struct {
	Month       string // YYYY-MM
	From, To    string // YYYY-MM, inclusive
	Title       string // substring, case-insensitive
	Marketplace string
}

// Royalties lists royalty lines in month, marketplace, format, title order,
// each with its amount in the home currency.
func (l *Ledger) Royalties(ctx context.Context, f Filter) ([]Royalty, error) {
	q := `SELECT month, source, format, marketplace, currency, asin, isbn, title, author, royalty_type, transaction_type,
		units_sold, units_refunded, units_net, kenp_pages, list_price, offer_price, file_size_mb, delivery_cost, royalty
		FROM royalties WHERE 1 = 1`
	var args []any
	if f.Month != "" {
		q += ` AND month = ?`
		args = append(args, f.Month)
	}
	if f.From != "" {
		q += ` AND month >= ?`
		args = append(args, f.From)
	}
	if f.To != "" {
		q += ` AND month <= ?`
		args = append(args, f.To)
	}
	if f.Marketplace != "" {
		q += ` AND lower(marketplace) = lower(?)`
		args = append(args, f.Marketplace)
	}
	if f.Title != "" {
		q += ` AND instr(lower(title), lower(?)) > 0`
		args = append(args, f.Title)
	}
	q += ` ORDER BY month, marketplace, format, title, asin, isbn, id`
	// before the query: the ledger has one connection, held by open rows
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := l.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Royalty
	for rows.Next() {
		var r Royalty
		var sold, refunded, net, kenp sql.NullInt64
		var list, offer, size, cost, roy sql.NullString
		if err := rows.Scan(&r.Month, &r.Source, &r.Format, &r.Marketplace, &r.Currency, &r.ASIN, &r.ISBN, &r.Title, &r.Author,
			&r.RoyaltyType, &r.TransactionType, &sold, &refunded, &net, &kenp, &list, &offer, &size, &cost, &roy); err != nil {
			return nil, err
		}
		r.UnitsSold, r.UnitsRefunded, r.UnitsNet, r.KENPPages = nullInt(sold), nullInt(refunded), nullInt(net), nullInt(kenp)
		r.ListPrice, r.OfferPrice, r.FileSizeMB, r.DeliveryCost, r.Royalty = nullDec(list), nullDec(offer), nullDec(size), nullDec(cost), nullDec(roy)
		if r.Royalty != nil {
			r.Home, r.HomeBasis = conv.ToHome(*r.Royalty, r.Currency, r.Marketplace, r.Month)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func nullDec(s sql.NullString) *decimal.Decimal {
	if !s.Valid {
		return nil
	}
	d, err := decimal.NewFromString(s.String)
	if err != nil {
		return nil
	}
	return &d
}

// PaymentRow is a payment as the ledger holds it.
type PaymentRow struct {
	Number, Marketplace    string
	PeriodStart, PeriodEnd string
	Date, Method, Status   string
	Currency               string
	Accrued, Withholding   decimal.Decimal
	Adjustments, Net       decimal.Decimal
	FXRate                 *decimal.Decimal
	PayoutCurrency         string
	PayoutAmount           decimal.Decimal
	Months                 []string // the sales months it pays
}

// Payments lists payments by date, then number.
func (l *Ledger) Payments(ctx context.Context) ([]PaymentRow, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT p.number, p.marketplace, p.period_start, p.period_end, p.date, p.method, p.status,
		p.currency, p.accrued, p.withholding, p.adjustments, p.net, p.fx_rate, p.payout_currency, p.payout_amount,
		COALESCE((SELECT group_concat(DISTINCT month) FROM (SELECT month FROM payment_sources s WHERE s.payment_id = p.id ORDER BY month)), '')
		FROM payments p ORDER BY p.date, p.period_start, p.marketplace, p.number`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PaymentRow
	for rows.Next() {
		var p PaymentRow
		var accrued, with, adj, net, payout, months string
		var fx sql.NullString
		if err := rows.Scan(&p.Number, &p.Marketplace, &p.PeriodStart, &p.PeriodEnd, &p.Date, &p.Method, &p.Status, &p.Currency,
			&accrued, &with, &adj, &net, &fx, &p.PayoutCurrency, &payout, &months); err != nil {
			return nil, err
		}
		p.Accrued, p.Withholding = decimal.RequireFromString(accrued), decimal.RequireFromString(with)
		p.Adjustments, p.Net = decimal.RequireFromString(adj), decimal.RequireFromString(net)
		p.PayoutAmount = decimal.RequireFromString(payout)
		p.FXRate = nullDec(fx)
		if months != "" {
			p.Months = strings.Split(months, ",")
			sort.Strings(p.Months)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
