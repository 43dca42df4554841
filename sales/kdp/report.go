// Package kdp reads the report workbooks Kindle Direct Publishing lets an
// author download — the monthly statement ("Prior Months' Royalties"), the
// Payments report and the reports-dashboard export — in the English or the
// Japanese interface, into typed lines with exact decimal amounts.
//
// Reports are recognised by their sheets and headers, never by file name.
// Every error names the file, and the sheet, row and column where it applies.
package kdp

import (
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
	Created  string         // when KDP made the workbook (docProps/core.xml)
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

// Error is a problem at a place in a workbook.
type Error struct {
	File   string
	Sheet  string
	Row    int
	Column string
	Msg    i18n.Msg
}

func (e *Error) Error() string { return e.Localize(i18n.Printer{}) }

// Localize renders the error in p's language: the place, then the message.
func (e *Error) Localize(p i18n.Printer) string {
	s := e.File + ": "
	if e.Sheet != "" {
		s += p.Sprintf("sheet %q ", e.Sheet)
	}
	if e.Row > 0 {
		s += p.Sprintf("row %d ", e.Row)
	}
	if e.Column != "" {
		s += p.Sprintf("column %q ", e.Column)
	}
	if e.Sheet != "" || e.Row > 0 || e.Column != "" {
		s = s[:len(s)-1] + ": "
	}
	return s + p.Msg(e.Msg)
}
