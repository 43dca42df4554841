// Package ledger keeps KDP royalties, payments and exchange rates in one
// SQLite file. Amounts are stored as decimal text exactly as the reports
// wrote them and summed with shopspring/decimal; SQL never adds money.
//
// Every import is one transaction: a failed or killed import leaves the
// ledger as it was.
package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"

	"modernc.org/sqlite" // pure Go: no cgo on the user's machine or in CI
	sqlite3 "modernc.org/sqlite/lib"
)

// Ledger is an open ledger file.
type Ledger struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// sound reads every page once, before the first write of this
	// process (Check): a write onto a damaged file spreads the damage
	sound func() error

	onClose []func()
}

// DefaultPath is $XDG_DATA_HOME/hanmoto/ledger.db, or ~/.local/share/….
func DefaultPath(getenv func(string) string) (string, error) {
	if p := getenv("HANMOTO_LEDGER"); p != "" {
		return p, nil
	}
	base := getenv("XDG_DATA_HOME")
	if base == "" {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("no HOME: name the ledger with --ledger PATH")
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "hanmoto", "ledger.db"), nil
}

// Open opens the ledger at path, creating the file (not its folder) when
// needed, and brings its schema up to date.
func Open(path string) (*Ledger, error) {
	return open(path, "rwc")
}

// NotFoundError says there is no ledger at Path: a command that only reads
// never creates one.
type NotFoundError struct{ Path string }

func (e *NotFoundError) Error() string { return "no ledger at " + e.Path }

// OpenExisting opens the ledger at path and fails with *NotFoundError when
// there is none, creating nothing.
func OpenExisting(path string) (*Ledger, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.IsDir()) {
		return nil, &NotFoundError{Path: path}
	}
	if err != nil {
		return nil, err
	}
	return open(path, "rw")
}

func open(path, mode string) (*Ledger, error) {
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrNotExist}
		}
	}
	q := url.Values{}
	q.Add("mode", mode)
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	// the path is a URI's path: '#', '?' and '%' in a file name must not
	// be read as a fragment, a query or an escape
	u := url.URL{Scheme: "file", Opaque: uriPath(path), RawQuery: q.Encode()}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	l := &Ledger{db: db, path: path, now: time.Now}
	// another hanmoto switching a new ledger to WAL makes SQLite answer
	// "locked" without waiting
	l.sound = sync.OnceValue(func() error { return whileBusy(l.Check) })
	if err := l.migrate(); err != nil {
		db.Close()
		return nil, &StoreError{Path: path, Err: err}
	}
	if mode == "rwc" {
		// Before anything is written: SQLite keeps no checksums, and a
		// write onto a damaged file spreads the damage into the sums
		// rebuilt from it. Reads skip this (about 50 ms on a 10-year
		// ledger); a read that meets damaged pages fails by itself. A
		// ledger opened to read is checked at its first write (tx).
		if err := l.sound(); err != nil {
			db.Close()
			return nil, err
		}
	}
	return l, nil
}

// Check reads every page of the ledger (SQLite's quick_check) and fails
// with a *StoreError naming the first damage found.
func (l *Ledger) Check() error {
	rows, err := l.db.Query(`PRAGMA quick_check(1)`)
	if err != nil {
		return &StoreError{Path: l.path, Err: damaged(err)}
	}
	defer rows.Close()
	// the first line says ok, or the first damage found
	var first string
	if rows.Next() {
		if err := rows.Scan(&first); err != nil {
			return &StoreError{Path: l.path, Err: damaged(err)}
		}
	}
	if err := rows.Err(); err != nil {
		return &StoreError{Path: l.path, Err: damaged(err)}
	}
	// quick_check starts with "*** in database main ***" on its own line
	first = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(first), "*** in database main ***"))
	if first != "ok" {
		return &StoreError{Path: l.path, Err: i18n.Errorf("the file is damaged (%s): nothing was written. Restore it from a backup, or import your reports again into a new ledger", first)}
	}
	return nil
}

// damaged words SQLite's "malformed" for a person; other errors pass.
func damaged(err error) error {
	if sqliteCode(err) == sqlite3.SQLITE_CORRUPT {
		return i18n.Errorf("the file is damaged (%v): nothing was written. Restore it from a backup, or import your reports again into a new ledger", err)
	}
	return err
}

func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(filepath.ToSlash(p))
}

// Close closes the ledger.
func (l *Ledger) Close() error {
	err := l.db.Close()
	for _, fn := range l.onClose {
		fn()
	}
	return err
}

// OnClose runs fn after the ledger is closed.
func (l *Ledger) OnClose(fn func()) { l.onClose = append(l.onClose, fn) }

// Path is where the ledger lives.
func (l *Ledger) Path() string { return l.path }

// SetClock fixes the import time, for reproducible tests.
func (l *Ledger) SetClock(now func() time.Time) { l.now = now }

// migrations, in order; the ledger's user_version says how many ran.
var migrations = []string{
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	CREATE TABLE imports (
		id INTEGER PRIMARY KEY,
		sha256 TEXT NOT NULL UNIQUE,
		file TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('statement', 'payments', 'dashboard', 'rates')),
		period TEXT NOT NULL,
		lines INTEGER NOT NULL,
		imported_at TEXT NOT NULL
	);
	CREATE TABLE royalties (
		id INTEGER PRIMARY KEY,
		import_id INTEGER NOT NULL REFERENCES imports(id),
		month TEXT NOT NULL,
		source TEXT NOT NULL CHECK (source IN ('statement', 'estimate')),
		format TEXT NOT NULL CHECK (format IN ('ebook', 'kenp', 'paperback', 'hardcover')),
		marketplace TEXT NOT NULL,
		currency TEXT NOT NULL,
		asin TEXT NOT NULL,
		isbn TEXT NOT NULL,
		title TEXT NOT NULL,
		author TEXT NOT NULL,
		royalty_type TEXT NOT NULL,
		transaction_type TEXT NOT NULL,
		units_sold INTEGER,
		units_refunded INTEGER,
		units_net INTEGER,
		kenp_pages INTEGER,
		list_price TEXT,
		offer_price TEXT,
		file_size_mb TEXT,
		delivery_cost TEXT,
		royalty TEXT,
		sheet TEXT NOT NULL,
		row INTEGER NOT NULL
	);
	CREATE INDEX royalties_month ON royalties (month, source);
	CREATE TABLE payments (
		id INTEGER PRIMARY KEY,
		import_id INTEGER NOT NULL REFERENCES imports(id),
		number TEXT NOT NULL UNIQUE,
		marketplace TEXT NOT NULL,
		period_start TEXT NOT NULL,
		period_end TEXT NOT NULL,
		date TEXT NOT NULL,
		method TEXT NOT NULL,
		currency TEXT NOT NULL,
		accrued TEXT NOT NULL,
		withholding TEXT NOT NULL,
		adjustments TEXT NOT NULL,
		net TEXT NOT NULL,
		fx_rate TEXT,
		payout_currency TEXT NOT NULL,
		payout_amount TEXT NOT NULL,
		status TEXT NOT NULL
	);
	CREATE TABLE payment_sources (
		payment_id INTEGER NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
		month TEXT NOT NULL,
		source TEXT NOT NULL,
		currency TEXT NOT NULL,
		accrued TEXT NOT NULL,
		withholding TEXT NOT NULL,
		net TEXT NOT NULL
	);
	CREATE INDEX payment_sources_month ON payment_sources (month);
	CREATE TABLE rates (
		date TEXT NOT NULL,
		currency TEXT NOT NULL,
		rate TEXT NOT NULL,
		PRIMARY KEY (date, currency)
	);
	INSERT INTO meta (key, value) VALUES ('home_currency', 'JPY');`,

	// 2: funds, their daily prices, and the purchases made with royalties
	`CREATE TABLE funds (code TEXT PRIMARY KEY, name TEXT NOT NULL);
	CREATE TABLE navs (
		fund TEXT NOT NULL REFERENCES funds(code),
		date TEXT NOT NULL,
		nav TEXT NOT NULL,
		distribution TEXT,
		PRIMARY KEY (fund, date)
	) WITHOUT ROWID;
	CREATE TABLE trades (
		id INTEGER PRIMARY KEY,
		fund TEXT NOT NULL REFERENCES funds(code),
		date TEXT NOT NULL,
		amount TEXT NOT NULL,
		units INTEGER NOT NULL,
		units_estimated INTEGER NOT NULL,
		fee TEXT NOT NULL,
		account TEXT NOT NULL CHECK (account IN ('nisa', 'tokutei', 'ippan')),
		source TEXT NOT NULL,
		UNIQUE (fund, date, amount, units, account, source)
	);
	CREATE TABLE trade_payments (
		trade_id INTEGER NOT NULL REFERENCES trades(id) ON DELETE CASCADE,
		payment TEXT NOT NULL REFERENCES payments(number)
	);`,

	// 3: a month's royalties summed per marketplace, currency, source and
	// format, kept by every import (sums.go): reports read these instead of
	// every line. Filled from the lines by refreshSums, not by SQL, which
	// would add money as floating point.
	`CREATE TABLE month_sums (
		month TEXT NOT NULL,
		marketplace TEXT NOT NULL,
		currency TEXT NOT NULL,
		source TEXT NOT NULL,
		format TEXT NOT NULL,
		units_net INTEGER NOT NULL,
		kenp_pages INTEGER NOT NULL,
		royalty TEXT,
		PRIMARY KEY (month, marketplace, currency, source, format)
	) WITHOUT ROWID;`,

	// 4: every imported line is kept, and which lines count is decided line
	// by line (import.go's resolve): active marks them. seq tells apart the
	// lines of one import that share a key (a KENP sheet's daily rows).
	// Free promotion downloads are counted apart from paid units.
	`ALTER TABLE royalties ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
	ALTER TABLE royalties ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE royalties ADD COLUMN units_free INTEGER;
	ALTER TABLE imports ADD COLUMN created TEXT NOT NULL DEFAULT '';
	ALTER TABLE imports ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
	UPDATE imports SET rank = id;
	ALTER TABLE month_sums ADD COLUMN units_free INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE month_sums ADD COLUMN lines INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX royalties_active ON royalties (month, active);
	UPDATE royalties SET seq = s.n FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY import_id, month, format, marketplace,
		currency, asin, isbn, title, royalty_type, transaction_type ORDER BY id) - 1 AS n FROM royalties) AS s WHERE royalties.id = s.id;
	UPDATE royalties SET units_free = units_net, units_net = 0 WHERE format = 'ebook' AND units_net > 0
		AND (transaction_type LIKE 'Free%' OR (offer_price IS NOT NULL AND CAST(offer_price AS REAL) = 0 AND CAST(royalty AS REAL) = 0));`,

	// 5: an import's own lines found without reading every line (a
	// re-import asks whether each of its lines still counts).
	`CREATE INDEX royalties_import ON royalties (import_id, active);`,

	// 6: the NISA frame of a purchase in a nisa account (invest.go's
	// splitAccount): つみたて投資枠 and 成長投資枠 have limits of their own.
	`ALTER TABLE trades ADD COLUMN frame TEXT NOT NULL DEFAULT '' CHECK (frame IN ('', 'tsumitate', 'growth', 'old', 'tsumitate-old'));`,

	// 7: trades are not only purchases: a distribution bought back
	// (reinvest), a sale (sell, amount = proceeds) and a distribution paid
	// out (dividend), each with the tax withheld from it.
	`ALTER TABLE trades ADD COLUMN kind TEXT NOT NULL DEFAULT 'buy' CHECK (kind IN ('buy', 'reinvest', 'sell', 'dividend'));
	ALTER TABLE trades ADD COLUMN tax TEXT NOT NULL DEFAULT '0';`,

	// 8: which download counts is decided per month and book (resolve):
	// a line's book is its ASIN (its ISBN in print), the day of a
	// dashboard's daily row is kept, and covers says which days of a month
	// each download covers. KENP pages KDP has not priced yet are pending,
	// their royalty NULL, never 0. titles holds each book's title in the
	// newest download that has it. backfill8 fills what the old rows allow.
	`ALTER TABLE royalties ADD COLUMN book TEXT NOT NULL DEFAULT '';
	ALTER TABLE royalties ADD COLUMN day INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE royalties ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
	UPDATE royalties SET book = CASE
		WHEN format IN ('paperback', 'hardcover') AND isbn != '' THEN isbn
		WHEN asin != '' THEN asin
		WHEN isbn != '' THEN isbn
		ELSE 'title:' || title END;
	CREATE TABLE covers (
		import_id INTEGER NOT NULL REFERENCES imports(id),
		month TEXT NOT NULL,
		first INTEGER NOT NULL,
		last INTEGER NOT NULL,
		daily INTEGER NOT NULL,
		PRIMARY KEY (import_id, month)
	) WITHOUT ROWID;
	CREATE TABLE titles (book TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL, rank INTEGER NOT NULL) WITHOUT ROWID;
	ALTER TABLE month_sums ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE month_sums ADD COLUMN pending_pages INTEGER NOT NULL DEFAULT 0;`,

	// 9: where a download's time was read (royalty.DownloadTime): its
	// workbook, the name KDP gave the file, or its latest dated row; the
	// last are ordered by content, never by the order of import.
	`ALTER TABLE imports ADD COLUMN created_from TEXT NOT NULL DEFAULT '';
	UPDATE imports SET created_from = 'workbook' WHERE created != '';`,
}

func (l *Ledger) migrate() error {
	var v int
	if err := l.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return notLedger(err)
	}
	if v != 0 {
		if err := l.checkSchema(l.db, v); err != nil {
			return err
		}
	}
	if v != len(migrations) {
		if err := l.upgrade(); err != nil {
			return err
		}
	}
	// WAL only once the file is known to be a ledger: switching the
	// journal writes to the file, and another program's database must stay
	// as it was
	// switching needs the file to itself, and SQLite does not wait for
	// another opener's reads to end
	return whileBusy(func() error {
		_, err := l.db.Exec(`PRAGMA journal_mode = WAL`)
		return err
	})
}

// upgrade brings the schema up to date in one transaction that holds the
// write lock from its start and reads the version again: two imports racing
// on a new ledger migrate it once, and a file found to be another
// program's database is left untouched.
func (l *Ledger) upgrade() error {
	tx, err := l.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	// (the ledger has one connection: the transaction's own is used)
	if err := l.checkSchema(tx, v); err != nil {
		return err
	}
	if v == len(migrations) {
		return nil
	}
	from := v
	for i := v; i < len(migrations); i++ {
		if _, err := tx.Exec(migrations[i]); err != nil {
			return i18n.Errorf("migration %d: %v", i+1, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations))); err != nil {
		return err
	}
	if from > 0 && from < 8 {
		if err := backfill8(tx); err != nil {
			return err
		}
	}
	if from > 0 && from < 9 {
		if err := backfill9(tx); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// checkSchema refuses a database that is not a hanmoto ledger — another
// program's SQLite file, which a plain `sales list` must never change — or
// one from a newer hanmoto.
func (l *Ledger) checkSchema(q interface {
	QueryRow(string, ...any) *sql.Row
}, v int) error {
	switch {
	case v < 0:
		return i18n.Errorf("not a hanmoto ledger (schema version %d): check --ledger", v)
	case v > len(migrations):
		return i18n.Errorf("the ledger was written by a newer hanmoto (schema %d, this one knows %d): upgrade hanmoto", v, len(migrations))
	case v == 0:
		var n int
		if err := q.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
			return notLedger(err)
		}
		if n > 0 {
			return i18n.Errorf("an SQLite database, but not a hanmoto ledger: check --ledger")
		}
	default:
		var key string
		if err := q.QueryRow(`SELECT key FROM meta WHERE key = 'home_currency'`).Scan(&key); err != nil {
			return i18n.Errorf("an SQLite database, but not a hanmoto ledger: check --ledger")
		}
	}
	return nil
}

// notLedger words SQLite's "file is not a database" for a person.
func notLedger(err error) error {
	if sqliteCode(err) == sqlite3.SQLITE_NOTADB {
		return i18n.Errorf("not a hanmoto ledger (not an SQLite database): check --ledger")
	}
	return err
}

// HomeCurrency is the currency totals are converted into (default JPY).
func (l *Ledger) HomeCurrency() (string, error) {
	var c string
	err := l.db.QueryRow(`SELECT value FROM meta WHERE key = 'home_currency'`).Scan(&c)
	return c, err
}

// SeriesBook is the serial's manuscript folder report series and chart
// series last read (--book), "" when none was given yet.
func (l *Ledger) SeriesBook() (string, error) {
	var dir string
	err := l.db.QueryRow(`SELECT value FROM meta WHERE key = 'series_book'`).Scan(&dir)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return dir, err
}

// SetSeriesBook remembers dir (an absolute path) as the serial's folder.
func (l *Ledger) SetSeriesBook(dir string) error {
	return l.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES ('series_book', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, dir)
		return err
	})
}

// DefaultHome is the home currency of a new ledger: the currency the
// author's taxes are reckoned in (a Japanese author's 確定申告 takes yen),
// not the one KDP happens to pay in.
const DefaultHome = "JPY"

// SetHomeCurrency changes it.
func (l *Ledger) SetHomeCurrency(code string) error {
	return l.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES ('home_currency', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, code)
		return err
	})
}

// StoreError is the ledger file failing (read-only, a full disk, damage),
// not the input: it names the file, and the command exits 2.
type StoreError struct {
	Path string
	Err  error
}

func (e *StoreError) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language.
func (e *StoreError) Localize(p i18n.Printer) string {
	return p.Sprintf("ledger %s: %v", e.Path, storeWords(e.Err))
}

// storeWords says SQLite's failures of the file in a person's words, with
// what to do; SQLite's own text stays in brackets for a bug report.
func storeWords(err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_READONLY:
		return i18n.Errorf("the file or its folder is read-only, so nothing was changed: check their permissions (%v)", err)
	case sqlite3.SQLITE_FULL:
		return i18n.Errorf("the disk is full, so nothing was changed: free some space and run the command again (%v)", err)
	case sqlite3.SQLITE_IOERR:
		return i18n.Errorf("the disk failed to read or write the file, so nothing was changed: check the disk (%v)", err)
	case sqlite3.SQLITE_CANTOPEN:
		return i18n.Errorf("the file can't be opened: check that its folder exists and can be written (%v)", err)
	}
	return err
}

// sqliteCode is the primary result code of SQLite's error (SQLITE_BUSY,
// SQLITE_CORRUPT, …; the driver reports extended codes), or 0 for an
// error that is not SQLite's.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func (e *StoreError) Unwrap() error { return e.Err }

// store marks SQLite's own failures as the ledger's, leaving the input's
// errors (a wrong payment number, a price that differs) as they are.
func (l *Ledger) store(err error) error {
	if err == nil || err == errDryRun {
		return err
	}
	var ie *i18n.Error
	var pe *inputerr.Error
	if errors.As(err, &ie) || errors.As(err, &pe) {
		return err
	}
	return &StoreError{Path: l.path, Err: err}
}

func (l *Ledger) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	// every write, whichever command opened the ledger and how, reads the
	// whole file once first: an import into a damaged ledger is refused
	// as every other writing command's is
	if err := l.sound(); err != nil {
		return err
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return l.store(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return l.store(err)
	}
	return l.store(tx.Commit())
}

// whileBusy runs fn again, for up to 5 s, while SQLite answers "locked"
// where its busy timeout does not apply.
func whileBusy(fn func() error) error {
	err := fn()
	for try := 0; err != nil && isBusy(err) && try < 50; try++ {
		time.Sleep(100 * time.Millisecond)
		err = fn()
	}
	return err
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}
