package ledger

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/shopspring/decimal"
)

// Totals are amounts per currency.
type Totals map[string]decimal.Decimal

func (t Totals) add(cur string, d decimal.Decimal) { t[cur] = t[cur].Add(d) }

// Currencies lists the currencies in order.
func (t Totals) Currencies() []string {
	var cs []string
	for c := range t {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
}

// Change is what an import replaced in one month.
type Change struct {
	Month     string
	Source    string // what was there: statement or estimate
	OldLines  int
	NewLines  int
	OldTotals Totals
	NewTotals Totals
}

// ImportResult says what an import did (or, in a dry run, would do).
type ImportResult struct {
	File            string
	Kind            kdp.Kind
	Period          string
	Lines           int // royalty lines or payments written
	Totals          Totals
	AlreadyImported bool
	ImportedAt      string // when it was imported before
	Changes         []Change
	SkippedMonths   []string // dashboard months a statement already covers
	DryRun          bool
}

// ImportOptions steer Import.
type ImportOptions struct {
	DryRun bool
	// BeforeCommit runs inside the transaction, just before it commits:
	// tests kill the process here to prove an import is all or nothing.
	BeforeCommit func()
}

// errDryRun rolls a dry run back.
var errDryRun = i18n.Errorf("dry run")

// Import writes a report into the ledger in one transaction. A file already
// imported (same SHA-256) changes nothing. A statement replaces every line
// of its month; a dashboard export fills only months without a statement;
// a payments report replaces payments with the same number.
func (l *Ledger) Import(ctx context.Context, r *kdp.Report, opt ImportOptions) (*ImportResult, error) {
	res := &ImportResult{File: r.File, Kind: r.Kind, Period: r.Period(), Totals: Totals{}, DryRun: opt.DryRun}
	err := l.tx(ctx, func(tx *sql.Tx) error {
		var at string
		err := tx.QueryRow(`SELECT imported_at FROM imports WHERE sha256 = ?`, r.SHA256).Scan(&at)
		if err == nil {
			res.AlreadyImported, res.ImportedAt = true, at
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		ins, err := tx.Exec(`INSERT INTO imports (sha256, file, kind, period, lines, imported_at) VALUES (?, ?, ?, ?, 0, ?)`,
			r.SHA256, r.File, string(r.Kind), r.Period(), l.now().UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		id, _ := ins.LastInsertId()
		switch r.Kind {
		case kdp.Statement, kdp.Dashboard:
			if err = l.importLines(tx, id, r, res); err == nil {
				err = refreshSums(tx, r.Months)
			}
		case kdp.Payments:
			err = l.importPayments(tx, id, r, res)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE imports SET lines = ? WHERE id = ?`, res.Lines, id); err != nil {
			return err
		}
		if opt.BeforeCommit != nil {
			opt.BeforeCommit()
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

const royaltyColumns = `INSERT INTO royalties (import_id, month, source, format, marketplace, currency, asin, isbn, title, author,
	royalty_type, transaction_type, units_sold, units_refunded, units_net, kenp_pages, list_price, offer_price,
	file_size_mb, delivery_cost, royalty, sheet, row) VALUES `

const royaltyValues = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertBatch is how many lines go into one INSERT: one statement per line
// costs more in the driver than in SQLite.
const insertBatch = 40

func insertLines(tx *sql.Tx, stmts map[int]*sql.Stmt, id int64, source string, lines []kdp.Line) error {
	for len(lines) > 0 {
		n := min(len(lines), insertBatch)
		stmt, ok := stmts[n]
		if !ok {
			q := royaltyColumns + royaltyValues + strings.Repeat(", "+royaltyValues, n-1)
			var err error
			if stmt, err = tx.Prepare(q); err != nil {
				return err
			}
			stmts[n] = stmt
		}
		args := make([]any, 0, n*23)
		for _, line := range lines[:n] {
			args = append(args, id, line.Month, source, string(line.Format), line.Marketplace, line.Currency, line.ASIN, line.ISBN,
				line.Title, line.Author, line.RoyaltyType, line.TransactionType, intOrNil(line.UnitsSold), intOrNil(line.UnitsRefunded),
				intOrNil(line.UnitsNet), intOrNil(line.KENPPages), decOrNil(line.ListPrice), decOrNil(line.OfferPrice),
				decOrNil(line.FileSizeMB), decOrNil(line.DeliveryCost), decOrNil(line.Royalty), line.Sheet, line.Row)
		}
		if _, err := stmt.Exec(args...); err != nil {
			return err
		}
		lines = lines[n:]
	}
	return nil
}

func (l *Ledger) importLines(tx *sql.Tx, id int64, r *kdp.Report, res *ImportResult) error {
	source := "statement"
	if r.Kind == kdp.Dashboard {
		source = "estimate"
	}
	byMonth := map[string][]kdp.Line{}
	for _, line := range r.Lines {
		byMonth[line.Month] = append(byMonth[line.Month], line)
	}
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	for _, month := range r.Months {
		lines := byMonth[month]
		old, err := monthLines(tx, month)
		if err != nil {
			return err
		}
		if source == "estimate" && old.statement > 0 {
			res.SkippedMonths = append(res.SkippedMonths, month)
			continue
		}
		if old.statement+old.estimate > 0 {
			c := Change{Month: month, Source: "estimate", OldLines: old.estimate, OldTotals: old.totals, NewLines: len(lines), NewTotals: Totals{}}
			if old.statement > 0 {
				c.Source, c.OldLines = "statement", old.statement
			}
			if _, err := tx.Exec(`DELETE FROM royalties WHERE month = ?`, month); err != nil {
				return err
			}
			for _, line := range lines {
				if line.Royalty != nil {
					c.NewTotals.add(line.Currency, *line.Royalty)
				}
			}
			res.Changes = append(res.Changes, c)
		}
		if err := insertLines(tx, stmts, id, source, lines); err != nil {
			return err
		}
		for _, line := range lines {
			res.Lines++
			if line.Royalty != nil {
				res.Totals.add(line.Currency, *line.Royalty)
			}
		}
	}
	return nil
}

type monthState struct {
	statement, estimate int
	totals              Totals
}

func monthLines(tx *sql.Tx, month string) (monthState, error) {
	st := monthState{totals: Totals{}}
	rows, err := tx.Query(`SELECT source, currency, royalty FROM royalties WHERE month = ?`, month)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var source, cur string
		var roy sql.NullString
		if err := rows.Scan(&source, &cur, &roy); err != nil {
			return st, err
		}
		if source == "statement" {
			st.statement++
		} else {
			st.estimate++
		}
		if roy.Valid {
			st.totals.add(cur, decimal.RequireFromString(roy.String))
		}
	}
	return st, rows.Err()
}

func (l *Ledger) importPayments(tx *sql.Tx, id int64, r *kdp.Report, res *ImportResult) error {
	seen := map[string]int{}
	for _, p := range r.Payments {
		if row, dup := seen[p.Number]; dup {
			return i18n.Errorf("%s: rows %d and %d are both payment %s", r.File, row, p.Row, p.Number)
		}
		seen[p.Number] = p.Row
		var old int64
		err := tx.QueryRow(`SELECT id FROM payments WHERE number = ?`, p.Number).Scan(&old)
		switch {
		case err == nil:
			// a newer report of the same payment (its status may have moved on)
			if _, err := tx.Exec(`DELETE FROM payments WHERE id = ?`, old); err != nil {
				return err
			}
			res.Changes = append(res.Changes, Change{Month: p.PeriodStart[:min(7, len(p.PeriodStart))], Source: "payment " + p.Number})
		case err != sql.ErrNoRows:
			return err
		}
		ins, err := tx.Exec(`INSERT INTO payments (import_id, number, marketplace, period_start, period_end, date, method, currency,
			accrued, withholding, adjustments, net, fx_rate, payout_currency, payout_amount, status)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, p.Number, p.Marketplace, p.PeriodStart, p.PeriodEnd, p.Date, p.Method, p.Currency, p.Accrued.String(),
			p.Withholding.String(), p.Adjustments.String(), p.Net.String(), decOrNil(p.FXRate), p.PayoutCurrency,
			p.PayoutAmount.String(), p.Status)
		if err != nil {
			return err
		}
		pid, _ := ins.LastInsertId()
		for _, s := range p.Sources {
			if _, err := tx.Exec(`INSERT INTO payment_sources (payment_id, month, source, currency, accrued, withholding, net) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				pid, s.Month, s.Source, s.Currency, s.Accrued.String(), s.Withholding.String(), s.Net.String()); err != nil {
				return err
			}
		}
		res.Lines++
		res.Totals.add(p.Currency, p.Net)
	}
	return nil
}

func intOrNil(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func decOrNil(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return d.String()
}

// ImportedAt says whether a file with this SHA-256 was imported, and when:
// a re-import can stop before reading the workbook.
func (l *Ledger) ImportedAt(ctx context.Context, sha256 string) (string, bool, error) {
	var at string
	err := l.db.QueryRowContext(ctx, `SELECT imported_at FROM imports WHERE sha256 = ?`, sha256).Scan(&at)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return at, err == nil, err
}
