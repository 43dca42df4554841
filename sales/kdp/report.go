// Package kdp reads the report workbooks Kindle Direct Publishing lets an
// author download — the monthly statement ("Prior Months' Royalties"), the
// Payments report and the reports-dashboard export — in the English or the
// Japanese interface, into typed lines with exact decimal amounts.
//
// Reports are recognised by their sheets and headers, never by file name.
// Every error names the file, and the sheet, row and column where it applies.
package kdp

import (
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/royalty"
)

// Error is a problem at a place in a workbook: its sheet, row and column.
type Error = inputerr.Error

// The report's data is the royalty package's: kdp fills it, the ledger
// stores it.
type (
	Kind          = royalty.Kind
	Format        = royalty.Format
	Line          = royalty.Line
	Payment       = royalty.Payment
	PaymentSource = royalty.PaymentSource
	Report        = royalty.Report
	SummaryMonth  = royalty.SummaryMonth
	Cover         = royalty.Cover
)

const (
	Statement = royalty.Statement
	Payments  = royalty.Payments
	Dashboard = royalty.Dashboard
	Ebook     = royalty.Ebook
	KENP      = royalty.KENP
	Paperback = royalty.Paperback
	Hardcover = royalty.Hardcover
)

var (
	// Marketplaces are KDP's marketplaces and the currency each earns in.
	Marketplaces = royalty.Marketplaces
	// Currencies are the ISO codes KDP reports in or pays out in.
	Currencies = royalty.Currencies
	// DaysIn is the number of days of a month (YYYY-MM).
	DaysIn = royalty.DaysIn
	// Unpriced says whether a month's KENP rate may still be unannounced.
	Unpriced = royalty.Unpriced
)
