package ledger

import (
	"database/sql"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

// bookOf is what names a book across downloads: KDP lists a book under the
// title it had on the day of the download, and authors change subtitles and
// series names; the ASIN (the ISBN in print) stays.
func bookOf(format royalty.Format, asin, isbn, title string) string {
	switch {
	case (format == royalty.Paperback || format == royalty.Hardcover) && isbn != "":
		return isbn
	case asin != "":
		return asin
	case isbn != "":
		return isbn
	}
	return "title:" + title
}

// days is a set of days of a month, bit d for day d.
type days uint32

func span(first, last int) days {
	var d days
	for i := max(first, 1); i <= min(last, 31); i++ {
		d |= 1 << i
	}
	return d
}

func (d days) has(day int) bool   { return d&(1<<day) != 0 }
func (d days) covers(o days) bool { return d&o == o }
func (d days) count() int         { return bits.OnesCount32(uint32(d)) }

// resolve decides, month by month, which of the imported lines count, so
// that the order of imports never matters (docs/sales.md, "Which download
// counts"):
//
//   - a month with a statement counts the newest statement's lines only;
//   - otherwise each group of lines — month, book, marketplace, currency
//     and format — is supplied whole by one download: the newest of those
//     that have the group and cover at least every day of the month that
//     any of them covers, else the one covering the most days (then the
//     newest). A download covering fewer days never replaces a wider one.
//     Days the chosen one does not cover are taken from the newest export
//     with daily rows that covers them. A download that lacks a group (a
//     filtered export) changes nothing of it.
//
// "Newest" is the workbook's creation time; two workbooks made at the same
// time are the same download, one of them edited: the one imported (or
// imported again) last counts.
func resolve(tx *sql.Tx, months []string) error {
	for _, month := range months {
		if err := resolveMonth(tx, month); err != nil {
			return err
		}
	}
	return refreshSums(tx, months)
}

type download struct {
	id        int64
	order     string // created, then rank: the larger is newer
	statement bool
	cover     days
	daily     bool
}

func resolveMonth(tx *sql.Tx, month string) error {
	full := span(1, royalty.DaysIn(month))
	downloads := map[int64]*download{}
	rows, err := tx.Query(`SELECT i.id, i.created, i.created_from, i.sha256, i.rank, i.kind, COALESCE(c.first, 1), COALESCE(c.last, ?), COALESCE(c.daily, 0)
		FROM imports i LEFT JOIN covers c ON c.import_id = i.id AND c.month = ?
		WHERE i.id IN (SELECT DISTINCT import_id FROM royalties WHERE month = ?)`, royalty.DaysIn(month), month, month)
	if err != nil {
		return err
	}
	var best *download // the newest statement
	for rows.Next() {
		var d download
		var created, from, sha, kind string
		var rank int64
		var first, last int
		if err := rows.Scan(&d.id, &created, &from, &sha, &rank, &kind, &first, &last, &d.daily); err != nil {
			rows.Close()
			return err
		}
		d.order = fmt.Sprintf("%s\x00%020d", created, rank)
		if from == royalty.FromRows {
			// dated by its rows alone: two such downloads of the same
			// latest day are ordered by their content, so that the order
			// they were imported in never decides
			d.order = created + "\x00" + sha
		}
		d.statement = kind == string(royalty.Statement)
		d.cover = span(first, last)
		if d.statement {
			d.cover = full
			if best == nil || d.order > best.order {
				best = &d
			}
		}
		downloads[d.id] = &d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE royalties SET active = 0 WHERE month = ? AND active = 1`, month); err != nil {
		return err
	}
	if best != nil {
		_, err := tx.Exec(`UPDATE royalties SET active = 1 WHERE month = ? AND import_id = ?`, month, best.id)
		return err
	}

	type group struct{ book, marketplace, currency, format string }
	type line struct {
		id       int64
		download *download
		day      int
	}
	groups := map[group][]line{}
	rows, err = tx.Query(`SELECT id, import_id, book, marketplace, currency, format, day FROM royalties WHERE month = ?`, month)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l line
		var g group
		var imp int64
		if err := rows.Scan(&l.id, &imp, &g.book, &g.marketplace, &g.currency, &g.format, &l.day); err != nil {
			rows.Close()
			return err
		}
		l.download = downloads[imp]
		groups[g] = append(groups[g], l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var active []any
	for _, lines := range groups {
		var cands []*download
		var union days
		seen := map[int64]bool{}
		for _, l := range lines {
			if !seen[l.download.id] {
				seen[l.download.id] = true
				cands = append(cands, l.download)
				union |= l.download.cover
			}
		}
		var base *download
		for _, d := range cands {
			if d.cover.covers(union) && (base == nil || d.order > base.order) {
				base = d
			}
		}
		if base == nil {
			for _, d := range cands {
				if base == nil || d.cover.count() > base.cover.count() || (d.cover.count() == base.cover.count() && d.order > base.order) {
					base = d
				}
			}
		}
		// the days the base does not cover, each from the newest daily
		// export covering it
		byDay := map[int]*download{}
		for day := 1; day <= 31; day++ {
			if !union.has(day) || base.cover.has(day) {
				continue
			}
			for _, d := range cands {
				if d.daily && d.cover.has(day) && (byDay[day] == nil || d.order > byDay[day].order) {
					byDay[day] = d
				}
			}
		}
		for _, l := range lines {
			if l.download == base || (l.day > 0 && byDay[l.day] == l.download) {
				active = append(active, l.id)
			}
		}
	}
	for len(active) > 0 {
		n := min(len(active), 500)
		q := `UPDATE royalties SET active = 1 WHERE id IN (?` + strings.Repeat(", ?", n-1) + `)`
		if _, err := tx.Exec(q, active[:n]...); err != nil {
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
