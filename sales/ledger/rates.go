package ledger

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"io"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// RatesResult says what a rates import did.
type RatesResult struct {
	Rates, Changed  int
	AlreadyImported bool
}

// ImportRates reads a CSV of date,currency,rate — the home-currency value of
// one unit of currency on that date — in one transaction.
func (l *Ledger) ImportRates(ctx context.Context, name string, data []byte, dryRun bool) (*RatesResult, error) {
	type rate struct {
		date, cur string
		rate      decimal.Decimal
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 3
	var rates []rate
	line := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, i18n.Errorf("%s:%d: %v (want date,currency,rate)", name, line, err)
		}
		if line == 1 {
			if strings.ToLower(strings.Join(rec, ",")) != "date,currency,rate" {
				return nil, i18n.Errorf("%s:1: the header must be date,currency,rate, not %s", name, strings.Join(rec, ","))
			}
			continue
		}
		if _, err := time.Parse("2006-01-02", rec[0]); err != nil {
			return nil, i18n.Errorf("%s:%d: %q is not a date (YYYY-MM-DD)", name, line, rec[0])
		}
		cur := strings.ToUpper(strings.TrimSpace(rec[1]))
		if !royalty.Currencies[cur] {
			return nil, i18n.Errorf("%s:%d: unknown currency %q", name, line, rec[1])
		}
		d, err := decimal.NewFromString(strings.TrimSpace(rec[2]))
		if err != nil || !d.IsPositive() {
			return nil, i18n.Errorf("%s:%d: %q is not a positive rate", name, line, rec[2])
		}
		rates = append(rates, rate{rec[0], cur, d})
	}
	if len(rates) == 0 {
		return nil, i18n.Errorf("%s: no rates", name)
	}
	sum := sha256.Sum256(data)
	res := &RatesResult{}
	err := l.tx(ctx, func(tx *sql.Tx) error {
		var at string
		if err := tx.QueryRow(`SELECT imported_at FROM imports WHERE sha256 = ?`, hex.EncodeToString(sum[:])).Scan(&at); err == nil {
			res.AlreadyImported = true
			return nil
		}
		for _, rt := range rates {
			var old string
			err := tx.QueryRow(`SELECT rate FROM rates WHERE date = ? AND currency = ?`, rt.date, rt.cur).Scan(&old)
			if err == nil && decimal.RequireFromString(old).Equal(rt.rate) {
				continue
			}
			if err == nil {
				res.Changed++
			}
			if _, err := tx.Exec(`INSERT INTO rates (date, currency, rate) VALUES (?, ?, ?) ON CONFLICT (date, currency) DO UPDATE SET rate = excluded.rate`,
				rt.date, rt.cur, rt.rate.String()); err != nil {
				return err
			}
			res.Rates++
		}
		if _, err := tx.Exec(`INSERT INTO imports (sha256, file, kind, period, lines, imported_at) VALUES (?, ?, 'rates', ?, ?, ?)`,
			hex.EncodeToString(sum[:]), name, rates[0].date+".."+rates[len(rates)-1].date, len(rates), l.now().UTC().Format(time.RFC3339)); err != nil {
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
