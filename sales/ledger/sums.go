package ledger

import (
	"context"
	"database/sql"

	"github.com/shopspring/decimal"
)

type sumKey struct{ marketplace, currency, source, format string }

type sumVal struct {
	units, free, kenp, lines int64
	pending, pendingPages    int64
	royalty                  decimal.Decimal
	hasRoyalty               bool
}

// refreshSums recomputes month_sums for the given months from their lines,
// inside the import's transaction.
func refreshSums(tx *sql.Tx, months []string) error {
	for _, m := range months {
		if _, err := tx.Exec(`DELETE FROM month_sums WHERE month = ?`, m); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT marketplace, currency, source, format, COALESCE(units_net, 0), COALESCE(units_free, 0), COALESCE(kenp_pages, 0), royalty, pending
			FROM royalties WHERE month = ? AND active = 1`, m)
		if err != nil {
			return err
		}
		sums := map[sumKey]*sumVal{}
		for rows.Next() {
			var k sumKey
			var units, free, kenp int64
			var roy sql.NullString
			var pending bool
			if err := rows.Scan(&k.marketplace, &k.currency, &k.source, &k.format, &units, &free, &kenp, &roy, &pending); err != nil {
				rows.Close()
				return err
			}
			v := sums[k]
			if v == nil {
				v = &sumVal{}
				sums[k] = v
			}
			v.units += units
			v.free += free
			v.kenp += kenp
			if pending {
				v.pending++
				v.pendingPages += kenp
			}
			if roy.Valid {
				d, err := decimal.NewFromString(roy.String)
				if err != nil {
					rows.Close()
					return err
				}
				v.royalty = v.royalty.Add(d)
				v.hasRoyalty = true
				if !d.IsZero() {
					v.lines++ // the lines that need a rate: a zero needs none
				}
			}
		}
		rows.Close()
		for k, v := range sums {
			var roy any
			if v.hasRoyalty {
				roy = v.royalty.String()
			}
			if _, err := tx.Exec(`INSERT INTO month_sums (month, marketplace, currency, source, format, units_net, units_free, kenp_pages, royalty, lines, pending, pending_pages)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				m, k.marketplace, k.currency, k.source, k.format, v.units, v.free, v.kenp, roy, v.lines, v.pending, v.pendingPages); err != nil {
				return err
			}
		}
	}
	return nil
}

// column is a query's one text column.
func column(tx *sql.Tx, q string, args ...any) ([]string, error) {
	return columnOf[string](context.Background(), tx, q, args...)
}

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// columnOf is a query's one column, of any type Scan fills.
func columnOf[T any](ctx context.Context, db queryer, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// MonthSums lists the kept sums between from and to (either empty), each
// converted into the home currency: the fast path of reports not grouped
// by title.
func (l *Ledger) MonthSums(ctx context.Context, from, to string) ([]Line, error) {
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	q, args := monthRange(`SELECT month, marketplace, currency, source, format, units_net, units_free, kenp_pages, royalty, lines, pending, pending_pages
		FROM month_sums WHERE 1 = 1`, nil, from, to)
	rows, err := l.db.QueryContext(ctx, q+` ORDER BY month, marketplace, currency, source, format`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Line
	for rows.Next() {
		var x Line
		var roy sql.NullString
		if err := rows.Scan(&x.Month, &x.Marketplace, &x.Currency, &x.Source, &x.Format, &x.UnitsNet, &x.UnitsFree, &x.KENPPages, &roy, &x.Lines, &x.Pending, &x.PendingPages); err != nil {
			return nil, err
		}
		if x.Royalty = nullDec(roy); x.Royalty != nil {
			x.Home, x.HomeBasis = conv.ToHome(*x.Royalty, x.Currency, x.Marketplace, x.Month, x.Format)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
