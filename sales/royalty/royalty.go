// Package royalty holds what KDP's reports say, as data: royalty lines,
// payments, the report they came from and the days it covers, the
// marketplaces and currencies. kdp reads workbooks into it and ledger
// stores it; it never reads a file, never touches the ledger and never
// prints.
package royalty

import (
	"fmt"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/shopspring/decimal"
)

// Kind of report.
type Kind string

const (
	Statement Kind = "statement" // Prior Months' Royalties: the truth for its month
	Payments  Kind = "payments"
	Dashboard Kind = "dashboard" // estimates
)

// Format of a book, as KDP splits royalties.
type Format string

const (
	Ebook     Format = "ebook"
	KENP      Format = "kenp" // Kindle Unlimited pages read
	Paperback Format = "paperback"
	Hardcover Format = "hardcover"
)

// Line is one royalty line of a statement or a dashboard.
type Line struct {
	Month           string // YYYY-MM
	Day             int    // the day of the month of a dashboard's daily row; 0 for a row of a whole month
	Format          Format
	Marketplace     string
	Currency        string
	ASIN, ISBN      string
	Title, Author   string
	RoyaltyType     string
	TransactionType string
	UnitsSold       *int64
	UnitsRefunded   *int64
	UnitsNet        *int64 // paid units: 0 for a free promotion
	UnitsFree       *int64 // free promotion downloads; nil on other lines
	KENPPages       *int64
	ListPrice       *decimal.Decimal
	OfferPrice      *decimal.Decimal
	FileSizeMB      *decimal.Decimal
	DeliveryCost    *decimal.Decimal // eBook delivery, or print manufacturing
	Royalty         *decimal.Decimal // dashboard KENP: spread from the Summary sheet
	// Pending: KENP pages KDP has not priced yet (the month's KENP rate is
	// not out): Royalty is nil, never a made-up 0.
	Pending bool
	Sheet   string
	Row     int
}

// Payment is one payment of a Payments report, with its detail rows.
type Payment struct {
	Marketplace    string
	PeriodStart    string // YYYY-MM-DD
	PeriodEnd      string
	Number         string // an integer, as text: KDP stores it as a float
	Date           string
	Method         string
	Currency       string
	Accrued        decimal.Decimal
	Withholding    decimal.Decimal
	Adjustments    decimal.Decimal
	Net            decimal.Decimal
	FXRate         *decimal.Decimal // nil when no conversion
	PayoutCurrency string
	PayoutAmount   decimal.Decimal
	Status         string
	Sources        []PaymentSource
	Row            int
}

// PaymentSource is a detail row: how much of a payment came from where.
type PaymentSource struct {
	Month       string // YYYY-MM
	Source      string // Sales, Paperback Sales, KENP Royalties, …
	Currency    string
	Accrued     decimal.Decimal
	Withholding decimal.Decimal
	Net         decimal.Decimal
	Row         int
}

// Report is one workbook read.
type Report struct {
	Kind     Kind
	File     string // the name it was read from
	SHA256   string
	Months   []string // the months it covers, sorted
	Lines    []Line
	Payments []Payment
	Summary  []SummaryMonth // a dashboard's own monthly totals
	Language string         // the interface language detected: en, ja, es, …
	Created  string         // when KDP made the workbook, RFC 3339 in UTC; see DownloadTime
	// CreatedFrom says where Created was read: FromWorkbook, FromFileName
	// or FromRows.
	CreatedFrom string
	Notes       []i18n.Msg // what a person should know: columns of figures not read
}

// Period is the report's months as "2025-01" or "2023-08..2025-08".
func (r *Report) Period() string {
	switch len(r.Months) {
	case 0:
		return ""
	case 1:
		return r.Months[0]
	}
	return r.Months[0] + ".." + r.Months[len(r.Months)-1]
}

// SummaryMonth is one month of a dashboard's Summary sheet: KDP's own
// totals, across marketplaces.
type SummaryMonth struct {
	Month                string
	PaidEbook, FreeEbook int64
	Paperback, Hardcover int64
	KENPPages            int64
	Royalty              map[string]decimal.Decimal // per currency
	Sheet                string
	Row                  int
}

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
	isDaily := r.Kind == Dashboard && Daily(r.Lines)
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

// Where a download's time was read.
const (
	FromWorkbook = "workbook"  // docProps/core.xml's creation time
	FromFileName = "file name" // the epoch milliseconds KDP puts in the name it gives the file
	FromRows     = "rows"      // neither: the end of the latest day the rows are dated
)

// templateTimes are creation times that are not a download's but KDP's
// workbook template's: every export of 2017–2020 carries the same one.
var templateTimes = map[string]bool{"2016-08-19T18:29:57Z": true}

// DownloadTime is when KDP made a workbook: its own creation time, unless
// that is one of KDP's template constants or absent; then the moment in
// the name KDP gave the file ("KDP Sales Dashboard-1588349362859-….xlsx",
// epoch milliseconds). "" when neither says: the caller dates it by its
// rows (FromRows).
func DownloadTime(created, file string) (string, string) {
	if t, err := time.Parse(time.RFC3339, created); err == nil && !templateTimes[created] {
		return t.UTC().Format(time.RFC3339), FromWorkbook
	}
	for i := 0; i+13 <= len(file); i++ {
		if (i > 0 && isDigit(file[i-1])) || (i+13 < len(file) && isDigit(file[i+13])) {
			continue
		}
		ms, ok := int64(0), true
		for _, c := range []byte(file[i : i+13]) {
			if !isDigit(c) {
				ok = false
				break
			}
			ms = ms*10 + int64(c-'0')
		}
		t := time.UnixMilli(ms).UTC()
		if ok && t.Year() >= 2007 && t.Before(time.Now().AddDate(1, 0, 0)) {
			return t.Format(time.RFC3339), FromFileName
		}
	}
	return "", ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// LatestRow is the end of the latest day a report's lines are dated, in
// RFC 3339: the time of a download that states none.
func LatestRow(lines []Line) string {
	latest := ""
	for _, l := range lines {
		d := l.Month + "-" + fmt.Sprintf("%02d", max(l.Day, 1))
		if l.Day == 0 {
			d = l.Month + "-" + fmt.Sprintf("%02d", DaysIn(l.Month))
		}
		if d > latest {
			latest = d
		}
	}
	if latest == "" {
		return ""
	}
	return latest + "T23:59:59Z"
}

// DaysIn is the number of days of a month (YYYY-MM); 31 when it is not one.
func DaysIn(month string) int {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return 31
	}
	return t.AddDate(0, 1, -1).Day()
}

// Daily says whether a dashboard's rows are per day: a royalty sheet's
// date with a day, or a KENP row on a day other than the 1st (a monthly
// export dates its KENP rows on the month's first day).
func Daily(lines []Line) bool {
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

// Marketplaces KDP pays from, with their currencies.
var Marketplaces = map[string]string{
	"Amazon.com": "USD", "Amazon.co.uk": "GBP", "Amazon.de": "EUR", "Amazon.fr": "EUR", "Amazon.es": "EUR",
	"Amazon.it": "EUR", "Amazon.nl": "EUR", "Amazon.co.jp": "JPY", "Amazon.in": "INR", "Amazon.ca": "CAD",
	"Amazon.com.br": "BRL", "Amazon.com.mx": "MXN", "Amazon.com.au": "AUD", "Amazon.pl": "PLN",
	"Amazon.se": "SEK", "Amazon.com.be": "EUR", "Amazon.ie": "EUR", "Amazon.sg": "SGD", "Amazon.ae": "AED",
	"Amazon.sa": "SAR", "Amazon.com.tr": "TRY", "Amazon.eg": "EGP",
}

// Currencies are the ISO codes KDP reports in or pays out in.
var Currencies = map[string]bool{
	"USD": true, "GBP": true, "EUR": true, "JPY": true, "INR": true, "CAD": true, "BRL": true, "MXN": true,
	"AUD": true, "PLN": true, "SEK": true, "SGD": true, "AED": true, "SAR": true, "TRY": true, "EGP": true,
	"CHF": true, "NOK": true, "DKK": true, "CZK": true, "HUF": true, "NZD": true, "ZAR": true,
}

// Unpriced says whether a month's KENP rate may still be unannounced when
// the workbook was made: before the end of the month after it. Without a
// creation time it may.
func Unpriced(month, created string) bool {
	t, err := time.Parse(time.RFC3339, created)
	if err != nil {
		return true
	}
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return true
	}
	return t.Before(m.AddDate(0, 2, 0))
}
