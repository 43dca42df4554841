package ledger

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/sales/download"
	"github.com/hanmoto/hanmoto/sales/royalty"
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
	Lines     []LineChange // the lines whose figure changed, the first maxLineChanges
	More      int          // how many more did
}

// LineChange is one line whose royalty an import changed: "" for a line
// that was not there, or is no more.
type LineChange struct {
	What     string // title (marketplace, format, type), in English
	Old, New string // "EUR 6.78"
	// What's parts, for a reader's language: the format and the type are
	// KDP's words (ebook, kenp…; Standard…)
	Title, Marketplace, Format, Type string
	Seq                              int // 1 for a second line of the same key, …
}

const maxLineChanges = 10

// lineSnapshot is a month's counting lines by what each is, its royalty
// in New ("EUR 6.78").
func lineSnapshot(tx *sql.Tx, month string) (map[string]LineChange, error) {
	rows, err := tx.Query(`SELECT title, marketplace, format, royalty_type, transaction_type, seq, currency, COALESCE(royalty, '')
		FROM royalties WHERE month = ? AND active = 1`, month)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]LineChange{}
	for rows.Next() {
		var title, market, format, rtype, ttype, cur, roy string
		var seq int
		if err := rows.Scan(&title, &market, &format, &rtype, &ttype, &seq, &cur, &roy); err != nil {
			return nil, err
		}
		what := fmt.Sprintf("%s (%s, %s", title, market, format)
		if ttype != "" {
			what += ", " + ttype
		}
		what += ")"
		if seq > 0 {
			what += fmt.Sprintf(" #%d", seq+1)
		}
		out[what] = LineChange{What: what, New: strings.TrimSpace(cur + " " + roy), Title: title, Marketplace: market, Format: format, Type: ttype, Seq: seq}
	}
	return out, rows.Err()
}

// lineChanges lists the lines whose royalty differs between two snapshots.
func lineChanges(before, after map[string]LineChange) ([]LineChange, int) {
	var keys []string
	for k, v := range before {
		if after[k].New != v.New {
			keys = append(keys, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []LineChange
	for _, k := range keys[:min(len(keys), maxLineChanges)] {
		c, ok := after[k]
		if !ok {
			c = before[k]
		}
		c.Old, c.New = before[k].New, after[k].New
		out = append(out, c)
	}
	return out, max(0, len(keys)-maxLineChanges)
}

// ImportResult says what an import did (or, in a dry run, would do).
type ImportResult struct {
	File            string
	Kind            royalty.Kind
	Period          string
	Lines           int // royalty lines or payments written
	Totals          Totals
	AlreadyImported bool
	Restored        bool   // imported before, and its lines count again
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
func (l *Ledger) Import(ctx context.Context, r *royalty.Report, opt ImportOptions) (*ImportResult, error) {
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
		ins, err := tx.Exec(`INSERT INTO imports (sha256, file, kind, period, lines, imported_at, created, created_from, rank)
			VALUES (?, ?, ?, ?, 0, ?, ?, ?, (SELECT COALESCE(MAX(rank), 0) + 1 FROM imports))`,
			r.SHA256, r.File, string(r.Kind), r.Period(), l.now().UTC().Format(time.RFC3339), r.Created, r.CreatedFrom)
		if err != nil {
			return err
		}
		id, _ := ins.LastInsertId()
		switch r.Kind {
		case royalty.Statement, royalty.Dashboard:
			err = l.importLines(tx, id, r, res)
		case royalty.Payments:
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
	file_size_mb, delivery_cost, royalty, sheet, row, units_free, seq, book, day, pending, active) VALUES `

const royaltyValues = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`

// insertBatch is how many lines go into one INSERT: one statement per line
// costs more in the driver than in SQLite.
const insertBatch = 40

// lineKey is what makes a royalty line the same line in two reports of the
// same month: title, marketplace, format, type; seq numbers the lines of
// one report that share all of it.
type lineKey struct {
	month, format, marketplace, currency, asin, isbn, title, royaltyType, transactionType string
	seq                                                                                   int
}

func keyOf(l royalty.Line) lineKey {
	return lineKey{l.Month, string(l.Format), l.Marketplace, l.Currency, l.ASIN, l.ISBN, l.Title, l.RoyaltyType, l.TransactionType, 0}
}

func insertLines(tx *sql.Tx, stmts map[int]*sql.Stmt, id int64, source string, lines []royalty.Line) error {
	seq := map[lineKey]int{}
	seqs := make([]int, len(lines))
	for i, l := range lines {
		k := keyOf(l)
		seqs[i] = seq[k]
		seq[k]++
	}
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
		args := make([]any, 0, n*28)
		for i, line := range lines[:n] {
			args = append(args, id, line.Month, source, string(line.Format), line.Marketplace, line.Currency, line.ASIN, line.ISBN,
				line.Title, line.Author, line.RoyaltyType, line.TransactionType, intOrNil(line.UnitsSold), intOrNil(line.UnitsRefunded),
				intOrNil(line.UnitsNet), intOrNil(line.KENPPages), decOrNil(line.ListPrice), decOrNil(line.OfferPrice),
				decOrNil(line.FileSizeMB), decOrNil(line.DeliveryCost), decOrNil(line.Royalty), line.Sheet, line.Row,
				intOrNil(line.UnitsFree), seqs[i], download.Book(line.Format, line.ASIN, line.ISBN, line.Title), line.Day, line.Pending)
		}
		if _, err := stmt.Exec(args...); err != nil {
			return err
		}
		lines, seqs = lines[n:], seqs[n:]
	}
	return nil
}

func (l *Ledger) importLines(tx *sql.Tx, id int64, r *royalty.Report, res *ImportResult) error {
	source := "statement"
	if r.Kind == royalty.Dashboard {
		source = "estimate"
	}
	before := map[string]monthState{}
	snaps := map[string]map[string]LineChange{}
	for _, month := range r.Months {
		st, err := monthLines(tx, month)
		if err != nil {
			return err
		}
		before[month] = st
		if snaps[month], err = lineSnapshot(tx, month); err != nil {
			return err
		}
	}
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	// the lines in a stable order, so that the ledger's ids do not depend
	// on the order of the rows in the workbook
	if err := insertLines(tx, stmts, id, source, r.Lines); err != nil {
		return err
	}
	for _, c := range r.Covers() {
		if _, err := tx.Exec(`INSERT INTO covers (import_id, month, first, last, daily) VALUES (?, ?, ?, ?, ?)`, id, c.Month, c.First, c.Last, c.Daily); err != nil {
			return err
		}
	}
	if err := refreshTitles(tx, id); err != nil {
		return err
	}
	for _, line := range r.Lines {
		res.Lines++
		if line.Royalty != nil {
			res.Totals.add(line.Currency, *line.Royalty)
		}
	}
	if err := resolve(tx, r.Months); err != nil {
		return err
	}
	for _, month := range r.Months {
		old := before[month]
		now, err := monthLines(tx, month)
		if err != nil {
			return err
		}
		var mine int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM royalties WHERE month = ? AND import_id = ? AND active = 1`, month, id).Scan(&mine); err != nil {
			return err
		}
		if source == "estimate" && mine == 0 && now.statement > 0 {
			res.SkippedMonths = append(res.SkippedMonths, month)
			continue
		}
		if old.statement+old.estimate > 0 && (old.statement != now.statement || old.estimate != now.estimate || !sameTotals(old.totals, now.totals)) {
			c := Change{Month: month, Source: "estimate", OldLines: old.estimate, OldTotals: old.totals, NewLines: now.statement + now.estimate, NewTotals: now.totals}
			if old.statement > 0 {
				c.Source, c.OldLines = "statement", old.statement
			}
			after, err := lineSnapshot(tx, month)
			if err != nil {
				return err
			}
			c.Lines, c.More = lineChanges(snaps[month], after)
			res.Changes = append(res.Changes, c)
		}
	}
	return nil
}

// Restore imports again a file imported before: it becomes the last one
// imported, so that where it ties with another download of the same time
// (an edited copy of it) its lines count again. Nothing changes when its
// lines count already.
func (l *Ledger) Restore(ctx context.Context, sha string, opt ImportOptions) (*ImportResult, error) {
	res := &ImportResult{AlreadyImported: true, Totals: Totals{}, DryRun: opt.DryRun}
	err := l.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		var kind string
		if err := tx.QueryRow(`SELECT id, file, kind, period, imported_at FROM imports WHERE sha256 = ?`, sha).Scan(&id, &res.File, &kind, &res.Period, &res.ImportedAt); err != nil {
			return err
		}
		res.Kind = royalty.Kind(kind)
		if res.Kind != royalty.Statement && res.Kind != royalty.Dashboard {
			return nil
		}
		// every line of it already counts: nothing to restore, nothing written
		var inactive int
		if err := tx.QueryRow(`SELECT count(*) FROM royalties WHERE import_id = ? AND NOT active`, id).Scan(&inactive); err != nil {
			return err
		}
		if inactive == 0 {
			return nil
		}
		months, err := column(tx, `SELECT DISTINCT month FROM royalties WHERE import_id = ? ORDER BY month`, id)
		if err != nil {
			return err
		}
		states, snaps := map[string]monthState{}, map[string]map[string]LineChange{}
		for _, m := range months {
			if states[m], err = monthLines(tx, m); err != nil {
				return err
			}
			if snaps[m], err = lineSnapshot(tx, m); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE imports SET rank = (SELECT MAX(rank) + 1 FROM imports) WHERE id = ?`, id); err != nil {
			return err
		}
		if err := resolve(tx, months); err != nil {
			return err
		}
		if err := refreshTitles(tx, id); err != nil {
			return err
		}
		for _, m := range months {
			after, err := lineSnapshot(tx, m)
			if err != nil {
				return err
			}
			lines, more := lineChanges(snaps[m], after)
			if len(lines) == 0 {
				continue
			}
			now, err := monthLines(tx, m)
			if err != nil {
				return err
			}
			old := states[m]
			c := Change{Month: m, Source: "estimate", OldLines: old.estimate, OldTotals: old.totals, NewLines: now.statement + now.estimate,
				NewTotals: now.totals, Lines: lines, More: more}
			if old.statement > 0 {
				c.Source, c.OldLines = "statement", old.statement
			}
			res.Changes = append(res.Changes, c)
		}
		if len(res.Changes) > 0 {
			res.AlreadyImported, res.Restored = false, true
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	return res, err
}

func sameTotals(a, b Totals) bool {
	if len(a) != len(b) {
		return false
	}
	for c, v := range a {
		if !b[c].Equal(v) {
			return false
		}
	}
	return true
}

type monthState struct {
	statement, estimate int
	totals              Totals
}

func monthLines(tx *sql.Tx, month string) (monthState, error) {
	st := monthState{totals: Totals{}}
	rows, err := tx.Query(`SELECT source, currency, royalty FROM royalties WHERE month = ? AND active = 1`, month)
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

func (l *Ledger) importPayments(tx *sql.Tx, id int64, r *royalty.Report, res *ImportResult) error {
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
