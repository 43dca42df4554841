// Package sales keeps the books of what a KDP title earns.
//
// Its sub-packages: kdp reads KDP's report workbooks (English and Japanese
// interface) into typed lines; ledger keeps them in SQLite with exact
// decimals. Money is never a float64 here: amounts are decimal strings from
// the workbook's own cells, summed with shopspring/decimal.
package sales
