// Package kdp reads the report workbooks Kindle Direct Publishing lets an
// author download — the monthly statement ("Prior Months' Royalties"), the
// Payments report and the reports-dashboard export — in the English or the
// Japanese interface, into typed lines with exact decimal amounts.
//
// Reports are recognised by their sheets and headers, never by file name.
// Every error names the file, and the sheet, row and column where it applies.
package kdp

// What it reads is the royalty package's data (royalty.Report and its
// lines): kdp fills it, the ledger stores it. Its errors are
// inputerr.Error: a file, a sheet, a row and a column.
