// Package download decides which of the KDP downloads imported for a month
// count, line by line, so that the order of imports never matters
// (docs/sales.md, "Which download counts"):
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
//
// It is the domain's rule, apart from storage: the ledger reads the
// downloads and lines of a month, calls Choose, and stores its answer.
package download

import (
	"fmt"
	"math/bits"

	"github.com/hanmoto/hanmoto/sales/royalty"
)

// Book is what names a book across downloads: KDP lists a book under the
// title it had on the day of the download, and authors change subtitles
// and series names; the ASIN (the ISBN in print) stays.
func Book(format royalty.Format, asin, isbn, title string) string {
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

// Days is a set of days of a month, bit d for day d.
type Days uint32

// Span is the days first to last (clamped to 1–31).
func Span(first, last int) Days {
	var d Days
	for i := max(first, 1); i <= min(last, 31); i++ {
		d |= 1 << i
	}
	return d
}

func (d Days) has(day int) bool   { return d&(1<<day) != 0 }
func (d Days) covers(o Days) bool { return d&o == o }
func (d Days) count() int         { return bits.OnesCount32(uint32(d)) }

// Download is an imported workbook as the choice sees it in one month.
type Download struct {
	ID int64
	// Created is when the workbook was made (RFC 3339), Rank the order
	// it was imported in (the larger the later); SHA256 orders two
	// downloads dated by their rows alone (FromRows)
	Created, CreatedFrom, SHA256 string
	Rank                         int64
	Statement                    bool
	// Cover is the days of the month it covers; Daily, that its rows are
	// by day
	Cover Days
	Daily bool
}

// order is a download's age: the larger is newer.
func (d *Download) order() string {
	if d.CreatedFrom == royalty.FromRows {
		// dated by its rows alone: two such downloads of the same latest
		// day are ordered by their content, so that the order they were
		// imported in never decides
		return d.Created + "\x00" + d.SHA256
	}
	return fmt.Sprintf("%s\x00%020d", d.Created, d.Rank)
}

// Group is the lines one download supplies whole.
type Group struct{ Book, Marketplace, Currency, Format string }

// Line is an imported line as the choice sees it.
type Line struct {
	ID       int64
	Download int64 // its Download's ID
	Group    Group
	Day      int // its day, for a daily row; 0 for a month's
}

// Choose returns the IDs of the lines that count in month, of the lines
// imported for it from downloads.
func Choose(month string, downloads []Download, lines []Line) []int64 {
	full := Span(1, royalty.DaysIn(month))
	byID := map[int64]*Download{}
	age := map[*Download]string{} // each one's order(), made once
	newer := func(a, b *Download) bool { return age[a] > age[b] }
	var best *Download // the newest statement
	for i := range downloads {
		d := &downloads[i]
		age[d] = d.order()
		if d.Statement {
			d.Cover = full
			if best == nil || newer(d, best) {
				best = d
			}
		}
		byID[d.ID] = d
	}
	var active []int64
	if best != nil {
		for _, l := range lines {
			if l.Download == best.ID {
				active = append(active, l.ID)
			}
		}
		return active
	}
	groups := map[Group][]Line{}
	var order []Group
	for _, l := range lines {
		if groups[l.Group] == nil {
			order = append(order, l.Group)
		}
		groups[l.Group] = append(groups[l.Group], l)
	}
	for _, g := range order {
		lines := groups[g]
		var cands []*Download
		var union Days
		seen := map[int64]bool{}
		for _, l := range lines {
			if d := byID[l.Download]; d != nil && !seen[d.ID] {
				seen[d.ID] = true
				cands = append(cands, d)
				union |= d.Cover
			}
		}
		var base *Download
		for _, d := range cands {
			if d.Cover.covers(union) && (base == nil || newer(d, base)) {
				base = d
			}
		}
		if base == nil {
			for _, d := range cands {
				if base == nil || d.Cover.count() > base.Cover.count() || (d.Cover.count() == base.Cover.count() && newer(d, base)) {
					base = d
				}
			}
		}
		if base == nil {
			continue
		}
		// the days the base does not cover, each from the newest daily
		// export covering it
		byDay := map[int]*Download{}
		for day := 1; day <= 31; day++ {
			if !union.has(day) || base.Cover.has(day) {
				continue
			}
			for _, d := range cands {
				if d.Daily && d.Cover.has(day) && (byDay[day] == nil || newer(d, byDay[day])) {
					byDay[day] = d
				}
			}
		}
		for _, l := range lines {
			if l.Download == base.ID || (l.Day > 0 && byDay[l.Day] != nil && byDay[l.Day].ID == l.Download) {
				active = append(active, l.ID)
			}
		}
	}
	return active
}
