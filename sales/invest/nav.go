package invest

import (
	"context"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/price"
)

// ImportNAV adds a fund's price history, as a reader made it, to the
// ledger in one transaction: the fund code's prices, the fund named name or
// else by the file's own (a title line, a ファンド名 column). file names it
// in messages.
func ImportNAV(ctx context.Context, l *ledger.Ledger, code, name, file string, h *price.History, replace bool) (*ledger.NAVResult, error) {
	if name == "" {
		name = h.FundName
	}
	return l.ImportNAV(ctx, code, name, file, h.Days, replace)
}
