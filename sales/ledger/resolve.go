package ledger

import (
	"database/sql"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/sales/download"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// resolve stores, month by month, which of the imported lines count, as
// the domain decides it (download.Choose): so that the order of imports
// never matters.
func resolve(tx *sql.Tx, months []string) error {
	for _, month := range months {
		if err := resolveMonth(tx, month); err != nil {
			return err
		}
	}
	return refreshSums(tx, months)
}

// resolveMonth reads month's downloads and lines, and marks active the
// lines download.Choose says count.
func resolveMonth(tx *sql.Tx, month string) error {
	var downloads []download.Download
	rows, err := tx.Query(`SELECT i.id, i.created, i.created_from, i.sha256, i.rank, i.kind, COALESCE(c.first, 1), COALESCE(c.last, ?), COALESCE(c.daily, 0)
		FROM imports i LEFT JOIN covers c ON c.import_id = i.id AND c.month = ?
		WHERE i.id IN (SELECT DISTINCT import_id FROM royalties WHERE month = ?)`, royalty.DaysIn(month), month, month)
	if err != nil {
		return err
	}
	for rows.Next() {
		var d download.Download
		var kind string
		var first, last int
		if err := rows.Scan(&d.ID, &d.Created, &d.CreatedFrom, &d.SHA256, &d.Rank, &kind, &first, &last, &d.Daily); err != nil {
			rows.Close()
			return err
		}
		d.Statement = kind == string(royalty.Statement)
		d.Cover = download.Span(first, last)
		downloads = append(downloads, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var lines []download.Line
	rows, err = tx.Query(`SELECT id, import_id, book, marketplace, currency, format, day FROM royalties WHERE month = ?`, month)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l download.Line
		if err := rows.Scan(&l.ID, &l.Download, &l.Group.Book, &l.Group.Marketplace, &l.Group.Currency, &l.Group.Format, &l.Day); err != nil {
			rows.Close()
			return err
		}
		lines = append(lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	active := download.Choose(month, downloads, lines)
	if _, err := tx.Exec(`UPDATE royalties SET active = 0 WHERE month = ? AND active = 1`, month); err != nil {
		return err
	}
	for len(active) > 0 {
		n := min(len(active), 500)
		args := make([]any, n)
		for i, id := range active[:n] {
			args[i] = id
		}
		q := `UPDATE royalties SET active = 1 WHERE id IN (?` + strings.Repeat(", ?", n-1) + `)`
		if _, err := tx.Exec(q, args...); err != nil {
			return err
		}
		active = active[n:]
	}
	return nil
}

// refreshTitles gives every book of an import the title it has in the
// newest download that lists it: a book renamed between two downloads is
// shown under its newer title in every month. An import (or a restored
// one, whose rank rose) replaces a book's title where it is newer than the
// download the title came from; importID 0 works every title out afresh.
func refreshTitles(tx *sql.Tx, importID int64) error {
	if importID == 0 {
		if _, err := tx.Exec(`DELETE FROM titles`); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO titles (book, title, created, rank)
			SELECT book, title, created, rank FROM (SELECT r.book, r.title, i.created, i.rank,
				ROW_NUMBER() OVER (PARTITION BY r.book ORDER BY i.created DESC, i.rank DESC, r.id) AS n
				FROM royalties r JOIN imports i ON i.id = r.import_id) WHERE n = 1`)
		return err
	}
	_, err := tx.Exec(`INSERT INTO titles (book, title, created, rank)
		SELECT r.book, r.title, i.created, i.rank FROM royalties r JOIN imports i ON i.id = r.import_id
		WHERE r.import_id = ? AND r.id IN (SELECT MIN(id) FROM royalties WHERE import_id = ? GROUP BY book)
		ON CONFLICT (book) DO UPDATE SET title = excluded.title, created = excluded.created, rank = excluded.rank
		WHERE excluded.created > titles.created OR (excluded.created = titles.created AND excluded.rank > titles.rank)`, importID, importID)
	return err
}

// backfill9 dates the downloads imported before schema 9 whose workbook
// carried KDP's template time, by the name KDP gave the file.
func backfill9(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, created, file FROM imports WHERE kind IN ('statement', 'dashboard')`)
	if err != nil {
		return err
	}
	type fix struct {
		id            int64
		created, from string
	}
	var fixes []fix
	for rows.Next() {
		var f fix
		var created, file string
		if err := rows.Scan(&f.id, &created, &file); err != nil {
			rows.Close()
			return err
		}
		if f.created, f.from = royalty.DownloadTime(created, file); f.from == royalty.FromFileName {
			fixes = append(fixes, f)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var months []string
	for _, f := range fixes {
		if _, err := tx.Exec(`UPDATE imports SET created = ?, created_from = ? WHERE id = ?`, f.created, f.from, f.id); err != nil {
			return err
		}
		// a monthly export covers the month it was made in up to that day
		t, _ := time.Parse(time.RFC3339, f.created)
		if _, err := tx.Exec(`UPDATE covers SET last = ? WHERE import_id = ? AND month = ? AND daily = 0
			AND (SELECT kind FROM imports WHERE id = ?) = 'dashboard'`, t.Day(), f.id, t.Format("2006-01"), f.id); err != nil {
			return err
		}
		ms, err := tx.Query(`SELECT DISTINCT month FROM royalties WHERE import_id = ?`, f.id)
		if err != nil {
			return err
		}
		for ms.Next() {
			var m string
			ms.Scan(&m)
			months = append(months, m)
		}
		ms.Close()
	}
	if len(months) == 0 {
		return nil
	}
	return resolve(tx, months)
}

// backfill8 brings a ledger from before schema 8 to what it keeps now, as
// far as its rows allow: each download covers its months whole (up to the
// day it was made: its daily rows were kept as their month), the KENP lines
// a dashboard gave no royalty are pending, every book has its newest title,
// and every month is decided again.
func backfill8(tx *sql.Tx) error {
	type im struct {
		id      int64
		kind    string
		created string
	}
	rows, err := tx.Query(`SELECT id, kind, created FROM imports WHERE kind IN ('statement', 'dashboard')`)
	if err != nil {
		return err
	}
	var ims []im
	for rows.Next() {
		var x im
		if err := rows.Scan(&x.id, &x.kind, &x.created); err != nil {
			rows.Close()
			return err
		}
		ims = append(ims, x)
	}
	rows.Close()
	for _, x := range ims {
		months, err := column(tx, `SELECT DISTINCT month FROM royalties WHERE import_id = ? ORDER BY month`, x.id)
		if err != nil {
			return err
		}
		created, _ := time.Parse(time.RFC3339, x.created)
		for _, m := range months {
			last := royalty.DaysIn(m)
			if x.kind == string(royalty.Dashboard) && !created.IsZero() && created.Format("2006-01") == m {
				last = created.Day()
			}
			if _, err := tx.Exec(`INSERT INTO covers (import_id, month, first, last, daily) VALUES (?, ?, 1, ?, 0)`, x.id, m, last); err != nil {
				return err
			}
		}
	}
	// a dashboard's KENP lines in a month that earned no KENP royalty at
	// all though pages were read, made before that month's KENP rate was
	// out (kdp's kenpRoyalties): not priced yet
	type key struct {
		imp   int64
		month string
	}
	sums, created := map[key]decimal.Decimal{}, map[key]string{}
	rows, err = tx.Query(`SELECT r.import_id, r.month, COALESCE(r.royalty, '0'), i.created FROM royalties r JOIN imports i ON i.id = r.import_id
		WHERE r.format = 'kenp' AND r.source = 'estimate'`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k key
		var roy, made string
		if err := rows.Scan(&k.imp, &k.month, &roy, &made); err != nil {
			rows.Close()
			return err
		}
		d, err := decimal.NewFromString(roy)
		if err != nil {
			rows.Close()
			return err
		}
		sums[k], created[k] = sums[k].Add(d), made
	}
	rows.Close()
	keys := make([]key, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].imp < keys[j].imp || keys[i].imp == keys[j].imp && keys[i].month < keys[j].month
	})
	for _, k := range keys {
		if !sums[k].IsZero() || !royalty.Unpriced(k.month, created[k]) {
			continue
		}
		if _, err := tx.Exec(`UPDATE royalties SET royalty = NULL, pending = 1 WHERE import_id = ? AND month = ? AND format = 'kenp' AND kenp_pages > 0`,
			k.imp, k.month); err != nil {
			return err
		}
	}
	if err := refreshTitles(tx, 0); err != nil {
		return err
	}
	months, err := column(tx, `SELECT DISTINCT month FROM royalties ORDER BY month`)
	if err != nil {
		return err
	}
	return resolve(tx, months)
}
