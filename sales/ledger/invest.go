package ledger

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/trade"

	"github.com/shopspring/decimal"
	sqlite3 "modernc.org/sqlite/lib"
)

// Fund is an investment trust (投資信託) by its code.
type Fund struct {
	Code, Name string
}

// NAVResult says what a NAV import did.
type NAVResult struct {
	Added, Same, Replaced int
	From, To              string
}

// ErrNoFund is returned for a fund code the ledger does not know.
var ErrNoFund = i18n.Errorf("no such fund")

// ImportNAV adds a fund's prices (oldest first) in one transaction. A price
// the ledger already holds is a no-op; a different price for a date held is
// an error naming the line, unless replace.
func (l *Ledger) ImportNAV(ctx context.Context, code, name, file string, rows []price.Day, replace bool) (*NAVResult, error) {
	res := &NAVResult{}
	err := l.tx(ctx, func(tx *sql.Tx) error {
		var have string
		switch err := tx.QueryRow(`SELECT name FROM funds WHERE code = ?`, code).Scan(&have); {
		case err == sql.ErrNoRows:
			if name == "" {
				name = code
			}
			if _, err := tx.Exec(`INSERT INTO funds (code, name) VALUES (?, ?)`, code, name); err != nil {
				return err
			}
		case err != nil:
			return err
		case name != "" && have == code:
			if _, err := tx.Exec(`UPDATE funds SET name = ? WHERE code = ?`, name, code); err != nil {
				return err
			}
		}
		held := map[string]decimal.Decimal{}
		rs, err := tx.Query(`SELECT date, nav FROM navs WHERE fund = ?`, code)
		if err != nil {
			return err
		}
		for rs.Next() {
			var d, v string
			if err := rs.Scan(&d, &v); err != nil {
				rs.Close()
				return err
			}
			held[d] = decimal.RequireFromString(v)
		}
		rs.Close()
		// rows go in 100 to an INSERT: one statement per day costs more in
		// the driver than in SQLite
		var batch []any
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			q := `INSERT INTO navs (fund, date, nav, distribution) VALUES (?, ?, ?, ?)` + strings.Repeat(`, (?, ?, ?, ?)`, len(batch)/4-1) +
				` ON CONFLICT (fund, date) DO UPDATE SET nav = excluded.nav, distribution = excluded.distribution`
			_, err := tx.Exec(q, batch...)
			batch = batch[:0]
			return err
		}
		for _, r := range rows {
			if old, ok := held[r.Date]; ok {
				if old.Equal(r.NAV) {
					res.Same++
					continue
				}
				if !replace {
					return inputerr.At(file, r.Line, "the ledger holds 基準価額 %s for %s and this file says %s: check the fund code, or use --replace to take the file's", old, r.Date, r.NAV)
				}
				res.Replaced++
			} else {
				res.Added++
			}
			batch = append(batch, code, r.Date, r.NAV.String(), decOrNil(r.Distribution))
			if len(batch) == 400 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		res.From, res.To = rows[0].Date, rows[len(rows)-1].Date
	}
	return res, nil
}

// Funds lists the funds by code.
func (l *Ledger) Funds(ctx context.Context) ([]Fund, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT code, name FROM funds ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []Fund
	for rows.Next() {
		var f Fund
		if err := rows.Scan(&f.Code, &f.Name); err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

// NAVs lists a fund's prices between from and to (inclusive, either empty).
func (l *Ledger) NAVs(ctx context.Context, fund, from, to string) ([]price.Day, error) {
	if !l.fundExists(ctx, fund) {
		return nil, i18n.Errorf("%v %q: import its prices first (hanmoto invest nav import --fund %s FILE)", ErrNoFund, fund, fund)
	}
	q, args := `SELECT date, nav FROM navs WHERE fund = ?`, []any{fund}
	if from != "" {
		q += ` AND date >= ?`
		args = append(args, from)
	}
	if to != "" {
		q += ` AND date <= ?`
		args = append(args, to)
	}
	rows, err := l.db.QueryContext(ctx, q+` ORDER BY date`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []price.Day
	for rows.Next() {
		var p price.Day
		var v string
		if err := rows.Scan(&p.Date, &v); err != nil {
			return nil, err
		}
		p.NAV = decimal.RequireFromString(v)
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

func (l *Ledger) fundExists(ctx context.Context, code string) bool {
	var n int
	l.db.QueryRowContext(ctx, `SELECT count(*) FROM funds WHERE code = ?`, code).Scan(&n)
	return n > 0
}

// Trade is a purchase, a sale or a distribution of a fund.
type Trade struct {
	ID   int64
	Kind string // one of trade.Kinds; "" is trade.Buy
	Fund string
	Date string // 約定日
	// Amount is what a purchase cost, what a sale brought (受渡金額, after
	// tax) or what a distribution paid out
	Amount         decimal.Decimal
	Units          int64 // 口, as the broker reports them; 0 for a dividend
	UnitsEstimated bool  // floor(amount × 10,000 ÷ NAV) when the broker's figure was not given
	Fee            decimal.Decimal
	Tax            decimal.Decimal // withheld from a sale or a distribution
	Account        string          // one of Accounts

	Source   string // "manual" or the file it came from
	Payments []string
}

// AddTrade records a purchase. added is false when the same trade from the
// same source is already there (a broker file imported twice).
func (l *Ledger) AddTrade(ctx context.Context, t Trade) (id int64, added bool, err error) {
	err = l.tx(ctx, func(tx *sql.Tx) error {
		id, added, err = addTrade(tx, t)
		return err
	})
	return id, added, err
}

// Check decides whether trades may be written, given every trade the
// ledger holds at that moment (the domain's rules: NISA limits, units
// held, a trade typed twice).
type Check func(held []Trade) error

// AddTradesChecked records ts all together or none of them, once check
// accepts them against the trades held. The check runs inside the write:
// the transaction takes the write lock before it reads (BEGIN IMMEDIATE),
// so two processes can never both pass a check that the other's trade
// would fail — eight parallel sales of one holding record only those the
// units allow.
func (l *Ledger) AddTradesChecked(ctx context.Context, ts []Trade, check Check) (ids []int64, err error) {
	err = l.tx(ctx, func(tx *sql.Tx) error {
		held, err := tradesIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := check(held); err != nil {
			return err
		}
		ids = ids[:0]
		for _, t := range ts {
			id, ok, err := addTrade(tx, t)
			if err != nil {
				return err
			}
			if ok {
				ids = append(ids, id)
			}
		}
		return nil
	})
	return ids, err
}

// UpdateTradeChecked is UpdateTrade once check accepts it, as
// AddTradesChecked; held leaves out the trade t replaces.
func (l *Ledger) UpdateTradeChecked(ctx context.Context, t Trade, check Check) error {
	return l.tx(ctx, func(tx *sql.Tx) error {
		held, err := tradesIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := check(without(held, t.ID)); err != nil {
			return err
		}
		return updateTrade(tx, t)
	})
}

// DeleteTradeChecked removes a trade once check accepts what is left.
func (l *Ledger) DeleteTradeChecked(ctx context.Context, id int64, check Check) error {
	return l.tx(ctx, func(tx *sql.Tx) error {
		held, err := tradesIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := check(without(held, id)); err != nil {
			return err
		}
		return deleteTrade(tx, id)
	})
}

func without(ts []Trade, id int64) []Trade {
	out := make([]Trade, 0, len(ts))
	for _, t := range ts {
		if t.ID != id {
			out = append(out, t)
		}
	}
	return out
}

func addTrade(tx *sql.Tx, t Trade) (id int64, added bool, err error) {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM funds WHERE code = ?`, t.Fund).Scan(&n); err != nil || n == 0 {
		return 0, false, i18n.Errorf("%v %q: import its prices first (hanmoto invest nav import --fund %s FILE)", ErrNoFund, t.Fund, t.Fund)
	}
	if err := checkPayments(tx, t.Payments); err != nil {
		return 0, false, err
	}
	acct, frame := splitAccount(t.Account)
	r, err := tx.Exec(`INSERT INTO trades (kind, fund, date, amount, units, units_estimated, fee, tax, account, frame, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, t.kind(), t.Fund, t.Date, t.Amount.String(), t.Units, t.UnitsEstimated, t.Fee.String(), t.Tax.String(), acct, frame, t.Source)
	if err != nil {
		return 0, false, err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return 0, false, nil
	}
	id, _ = r.LastInsertId()
	return id, true, linkPayments(tx, id, t.Payments)
}

// Trades lists every trade by date.
func (l *Ledger) Trades(ctx context.Context) ([]Trade, error) { return tradesIn(ctx, l.db) }

func tradesIn(ctx context.Context, q queryer) ([]Trade, error) {
	pays := map[int64][]string{}
	prs, err := q.QueryContext(ctx, `SELECT trade_id, payment FROM trade_payments ORDER BY payment`)
	if err != nil {
		return nil, err
	}
	for prs.Next() {
		var id int64
		var p string
		if err := prs.Scan(&id, &p); err != nil {
			prs.Close()
			return nil, err
		}
		pays[id] = append(pays[id], p)
	}
	prs.Close()
	rows, err := q.QueryContext(ctx, `SELECT id, kind, fund, date, amount, units, units_estimated, fee, tax, account, frame, source FROM trades ORDER BY date, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []Trade
	for rows.Next() {
		var t Trade
		var amount, fee, tax string
		var frame string
		if err := rows.Scan(&t.ID, &t.Kind, &t.Fund, &t.Date, &amount, &t.Units, &t.UnitsEstimated, &fee, &tax, &t.Account, &frame, &t.Source); err != nil {
			return nil, err
		}
		if frame != "" {
			t.Account += "-" + frame
		}
		t.Amount, t.Fee, t.Tax = decimal.RequireFromString(amount), decimal.RequireFromString(fee), decimal.RequireFromString(tax)
		t.Payments = pays[t.ID]
		sort.Strings(t.Payments)
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// Trade is one trade by its id.
func (l *Ledger) Trade(ctx context.Context, id int64) (Trade, error) {
	ts, err := l.Trades(ctx)
	if err != nil {
		return Trade{}, err
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return Trade{}, i18n.Errorf("no trade #%d in the ledger (hanmoto invest trades lists them)", id)
}

// DeleteTrade removes one trade and its links to payments.
func (l *Ledger) DeleteTrade(ctx context.Context, id int64) error {
	return l.tx(ctx, func(tx *sql.Tx) error { return deleteTrade(tx, id) })
}

func deleteTrade(tx *sql.Tx, id int64) error {
	r, err := tx.Exec(`DELETE FROM trades WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return i18n.Errorf("no trade #%d in the ledger (hanmoto invest trades lists them)", id)
	}
	return nil
}

// UpdateTrade writes t's date, amount, units, fee, account and the
// payments it reinvests over the trade with t's id; its source stays.
func (l *Ledger) UpdateTrade(ctx context.Context, t Trade) error {
	return l.tx(ctx, func(tx *sql.Tx) error { return updateTrade(tx, t) })
}

func updateTrade(tx *sql.Tx, t Trade) error {
	{
		acct, frame := splitAccount(t.Account)
		r, err := tx.Exec(`UPDATE trades SET date = ?, amount = ?, units = ?, units_estimated = ?, fee = ?, tax = ?, account = ?, frame = ? WHERE id = ?`,
			t.Date, t.Amount.String(), t.Units, t.UnitsEstimated, t.Fee.String(), t.Tax.String(), acct, frame, t.ID)
		if err != nil {
			if sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT {
				return i18n.Errorf("trade #%d would be the same as another one from the same source", t.ID)
			}
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return i18n.Errorf("no trade #%d in the ledger (hanmoto invest trades lists them)", t.ID)
		}
		if err := checkPayments(tx, t.Payments); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM trade_payments WHERE trade_id = ?`, t.ID); err != nil {
			return err
		}
		return linkPayments(tx, t.ID, t.Payments)
	}
}

// checkPayments refuses a link to a payment the ledger doesn't hold.
func checkPayments(tx *sql.Tx, numbers []string) error {
	var n int
	for _, p := range numbers {
		if err := tx.QueryRow(`SELECT count(*) FROM payments WHERE number = ?`, p).Scan(&n); err != nil || n == 0 {
			return i18n.Errorf("no payment %s in the ledger (hanmoto sales payments lists them)", p)
		}
	}
	return nil
}

// linkPayments links the trade to each payment once, however often named.
func linkPayments(tx *sql.Tx, id int64, numbers []string) error {
	seen := map[string]bool{}
	for _, p := range numbers {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, err := tx.Exec(`INSERT INTO trade_payments (trade_id, payment) VALUES (?, ?)`, id, p); err != nil {
			return err
		}
	}
	return nil
}

func (t Trade) kind() string {
	if t.Kind == "" {
		return trade.Buy
	}
	return t.Kind
}

// IsPurchase says whether t adds units (a purchase or a reinvested
// distribution).
func (t Trade) IsPurchase() bool { return t.kind() == trade.Buy || t.kind() == trade.Reinvest }

// splitAccount stores a NISA frame beside the account kind the schema has
// always held: the column's CHECK cannot change without rebuilding the
// table its payments refer to.
func splitAccount(a string) (account, frame string) {
	if rest, ok := strings.CutPrefix(a, "nisa-"); ok {
		return "nisa", rest
	}
	return a, ""
}
