// Package sales keeps the books of what a KDP title earns and of what the
// royalties became. Money is never a float64 here: amounts are decimals
// from the files' own cells, summed with shopspring/decimal.
//
// Its packages, readers first, storage in the middle, what people see last:
//
//   - royalty: what KDP's reports say, as data (lines, payments, the days a
//     download covers). Reads no file, touches no ledger.
//   - kdp: KDP's workbooks (statement, payments, dashboard) in any interface
//     language → royalty data. Never writes, never touches the ledger.
//   - nav: a fund manager's NAV history file → prices. Never writes.
//   - broker: a broker's trade history (楽天証券, SBI証券, マネックス証券) →
//     trades. Never writes.
//   - fx: a table of exchange rates (the ECB's, a bank's TTM, plain) →
//     rates. Never writes.
//   - source: one face for those three readers: a file is opened, bounded,
//     named and hashed in one place and handed to its kind's reader; the
//     command line opens no import file itself.
//   - download: which of the downloads imported for a month count, line
//     by line — the rule, apart from storage, which the ledger asks.
//   - convert: amounts into the home currency, at what a payment put in
//     the bank, else an imported rate, and which it used.
//   - ledger: the SQLite file — stores royalty data, payments, rates, funds,
//     prices and trades; stores download's choice and hands convert what
//     it needs. Knows no reader: kdp, nav and broker are never among
//     its dependencies (TestStorageKnowsNoReader).
//   - trade: the vocabulary of fund trades (kinds, accounts, NISA frames)
//     that broker, ledger and invest share. Reads and stores nothing.
//   - invest: the investment domain — recording and importing trades, NISA
//     frames and limits, the moving-average cost, returns, the plan.
//   - report: tables, charts and the HTML page from the ledger.
//   - money: how an amount is shown; every display rounds there.
//
// None of them prints or reads the terminal: cmd/hanmoto does.
package sales
