package report

import (
	"strconv"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/shopspring/decimal"
)

// RoyaltyTable lays royalty lines out for `sales list`. Unless exact (JSON,
// for scripts), amounts are rounded to their currency's minor unit so that
// rounded lines add up to their rounded total: per month and currency for
// the royalty (as `report monthly` shows it), per month and marketplace for
// the home amount — so that the lines a payment paid add up to its payout,
// to the cent. A line without a rate has no home amount — never 0.
func RoyaltyTable(rs []ledger.Royalty, home string, exact bool) *textable.Table {
	t := &textable.Table{Header: []string{"month", "marketplace", "format", "asin", "isbn", "title", "royalty_type", "transaction_type",
		"units_sold", "units_refunded", "units_net", "units_free", "kenp_pages", "royalty", "currency", "source", "royalty_home", "home_currency", "home_basis"},
		Numeric: map[string]bool{"units_sold": true, "units_refunded": true, "units_net": true, "units_free": true, "kenp_pages": true,
			"royalty": true, "royalty_home": true},
		// at 80 columns: the month, the book, where, what it earned — the
		// rest with --wide (or in CSV)
		Drop: []string{"isbn", "home_currency", "home_basis", "royalty_type", "transaction_type", "units_sold", "units_refunded",
			"asin", "source", "units_free", "kenp_pages", "format", "units_net"}}
	roy := make([]string, len(rs))
	hm := make([]string, len(rs))
	if exact {
		for i, r := range rs {
			roy[i], hm[i] = decString(r.Royalty), decString(r.Home)
		}
	} else {
		type rk struct{ month, cur string }
		byCur := map[rk][]int{}
		byMonth := map[rk][]int{} // month and marketplace
		for i, r := range rs {
			if r.Royalty != nil {
				byCur[rk{r.Month, r.Currency}] = append(byCur[rk{r.Month, r.Currency}], i)
			}
			if r.Home != nil {
				byMonth[rk{r.Month, r.Marketplace}] = append(byMonth[rk{r.Month, r.Marketplace}], i)
			}
		}
		for k, idx := range byCur {
			parts := make([]decimal.Decimal, len(idx))
			for j, i := range idx {
				parts[j] = *rs[i].Royalty
			}
			for j, v := range money.Allocate(parts, k.cur) {
				roy[idx[j]] = money.Plain(v, k.cur)
			}
		}
		for _, idx := range byMonth {
			parts := make([]decimal.Decimal, len(idx))
			for j, i := range idx {
				parts[j] = *rs[i].Home
			}
			for j, v := range money.Allocate(parts, home) {
				hm[idx[j]] = money.Plain(v, home)
			}
		}
	}
	for i, r := range rs {
		t.Add(r.Month, r.Marketplace, r.Format, r.ASIN, r.ISBN, r.Title, r.RoyaltyType, r.TransactionType, intString(r.UnitsSold),
			intString(r.UnitsRefunded), intString(r.UnitsNet), intString(r.UnitsFree), intString(r.KENPPages), roy[i], r.Currency, r.Source,
			hm[i], home, r.HomeBasis)
	}
	return t
}

func intString(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func decString(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}
