package invest

import (
	"context"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/nav"
)

// ImportNAV adds a manager's NAV history, as nav read it, to the ledger in
// one transaction: the fund code's prices, the fund named name or else by
// the file's own (a title line, a ファンド名 column). file names it in
// messages.
func ImportNAV(ctx context.Context, l *ledger.Ledger, code, name, file string, f *nav.File, replace bool) (*ledger.NAVResult, error) {
	if name == "" {
		name = f.FundName
	}
	prices := make([]ledger.Price, len(f.Rows))
	for i, r := range f.Rows {
		prices[i] = ledger.Price{Date: r.Date, NAV: r.NAV, Distribution: r.Distribution, Line: r.Line}
	}
	return l.ImportNAV(ctx, code, name, file, prices, replace)
}
