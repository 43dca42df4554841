package ledger

import (
	"context"
	"database/sql"
	"time"

	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/shopspring/decimal"
)

// RatesResult says what a rates import did.
type RatesResult struct {
	Rates, Changed  int
	AlreadyImported bool
}

// ImportRates writes the rates of a file (fx reads it; sha256 is its hash,
// so that the same file again changes nothing) in one transaction.
func (l *Ledger) ImportRates(ctx context.Context, name, sha256 string, rates []price.Rate, dryRun bool) (*RatesResult, error) {
	res := &RatesResult{}
	err := l.tx(ctx, func(tx *sql.Tx) error {
		var at string
		if err := tx.QueryRow(`SELECT imported_at FROM imports WHERE sha256 = ?`, sha256).Scan(&at); err == nil {
			res.AlreadyImported = true
			return nil
		}
		for _, rt := range rates {
			var old string
			err := tx.QueryRow(`SELECT rate FROM rates WHERE date = ? AND currency = ?`, rt.Date, rt.Currency).Scan(&old)
			if err == nil && decimal.RequireFromString(old).Equal(rt.Rate) {
				continue
			}
			if err == nil {
				res.Changed++
			}
			if _, err := tx.Exec(`INSERT INTO rates (date, currency, rate) VALUES (?, ?, ?) ON CONFLICT (date, currency) DO UPDATE SET rate = excluded.rate`,
				rt.Date, rt.Currency, rt.Rate.String()); err != nil {
				return err
			}
			res.Rates++
		}
		if _, err := tx.Exec(`INSERT INTO imports (sha256, file, kind, period, lines, imported_at) VALUES (?, ?, 'rates', ?, ?, ?)`,
			sha256, name, rates[0].Date+".."+rates[len(rates)-1].Date, len(rates), l.now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	return res, err
}
