package kdp

import (
	"strconv"
	"time"
)

// Cover is the days of one month that a download covers. KDP's files do
// not state their date range; it is worked out from what they hold:
//
//   - a statement covers its whole month;
//   - a dashboard export with one row per month covers each month whole,
//     and the month it was made in up to the day it was made (the
//     workbook's creation time, docProps/core.xml, in UTC);
//   - an export with one row per day (KDP writes those for a short date
//     range) covers the days from its first dated row to its last: whole
//     months between them, the first and last months from and to those
//     rows' days.
//
// A download covering more days of a month knows at least what one
// covering fewer knows, so the ledger lets it decide the month (ledger's
// resolve).
type Cover struct {
	Month       string // YYYY-MM
	First, Last int    // days of the month, inclusive
	Daily       bool   // the rows are per day: a day's rows can be taken alone
}

// Covers lists what the report covers of each of its months.
func (r *Report) Covers() []Cover {
	if r.Kind == Payments {
		return nil
	}
	isDaily := r.Kind == Dashboard && daily(r.Lines)
	firstDay, lastDay := map[string]int{}, map[string]int{}
	if isDaily {
		for _, l := range r.Lines {
			if l.Day == 0 {
				continue
			}
			if d, ok := firstDay[l.Month]; !ok || l.Day < d {
				firstDay[l.Month] = l.Day
			}
			if l.Day > lastDay[l.Month] {
				lastDay[l.Month] = l.Day
			}
		}
	}
	created, _ := time.Parse(time.RFC3339, r.Created)
	out := make([]Cover, 0, len(r.Months))
	for i, m := range r.Months {
		c := Cover{Month: m, First: 1, Last: DaysIn(m), Daily: isDaily}
		switch {
		case r.Kind == Statement:
		case isDaily:
			if d, ok := firstDay[m]; ok && i == 0 {
				c.First = d
			}
			if d, ok := lastDay[m]; ok && i == len(r.Months)-1 {
				c.Last = d
			}
		case !created.IsZero() && created.Format("2006-01") == m:
			c.Last = created.Day()
		}
		out = append(out, c)
	}
	return out
}

// DaysIn is the number of days of a month (YYYY-MM); 31 when it is not one.
func DaysIn(month string) int {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return 31
	}
	return t.AddDate(0, 1, -1).Day()
}

// daily says whether a dashboard's rows are per day: a royalty sheet's
// date with a day, or a KENP row on a day other than the 1st (a monthly
// export dates its KENP rows on the month's first day).
func daily(lines []Line) bool {
	monthly, kenpDays := false, false
	for _, l := range lines {
		switch {
		case l.Format != KENP && l.Day > 0:
			return true
		case l.Format != KENP:
			monthly = true
		case l.Day > 1:
			kenpDays = true
		}
	}
	return kenpDays && !monthly
}

// splitDate splits YYYY-MM-DD into the month and the day; YYYY-MM has day 0.
func splitDate(date string) (string, int) {
	if len(date) == 10 {
		if d, err := strconv.Atoi(date[8:]); err == nil {
			return date[:7], d
		}
	}
	return month(date), 0
}
