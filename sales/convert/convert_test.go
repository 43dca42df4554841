package convert

import (
	"testing"

	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A royalty a payment covered converts at what the payment put in the
// bank for it; one no payment covers, at the last imported rate of its
// month; one with no rate at all is nil, never 0.
func TestToHome(t *testing.T) {
	c := New("JPY", []Detail{
		// EUR 100 of Sales and EUR 50 of KENP paid out as ¥16,200 in one
		// payment: shared by their net, ¥108 a euro for both
		{Payment: 1, Marketplace: "Amazon.de", Currency: "EUR", PayoutCurrency: "JPY", Date: "2025-03-29", Month: "2025-01", Source: "Sales", PayoutAmount: d("16200"), Accrued: d("100"), Net: d("100")},
		{Payment: 1, Marketplace: "Amazon.de", Currency: "EUR", PayoutCurrency: "JPY", Date: "2025-03-29", Month: "2025-01", Source: "KENP Royalties", PayoutAmount: d("16200"), Accrued: d("50"), Net: d("50")},
	}, []price.Rate{
		{Date: "2025-02-28", Currency: "EUR", Rate: d("160")},
		{Date: "2025-01-31", Currency: "EUR", Rate: d("162.35")},
	})
	for _, tc := range []struct {
		amount, cur, market, month, format string
		want, basis                        string
	}{
		{"10", "EUR", "Amazon.de", "2025-01", "ebook", "1080", "payment"},
		{"5", "EUR", "Amazon.de", "2025-01", "kenp", "540", "payment"},
		{"10", "EUR", "Amazon.fr", "2025-01", "ebook", "1623.5", "rate"},
		{"10", "EUR", "Amazon.fr", "2025-02", "ebook", "1600", "rate"},
		{"10", "JPY", "Amazon.co.jp", "2025-02", "ebook", "10", "home"},
		{"0", "GBP", "Amazon.co.uk", "2025-02", "ebook", "0", "home"},
	} {
		v, basis := c.ToHome(d(tc.amount), tc.cur, tc.market, tc.month, tc.format)
		if v == nil || !v.Equal(d(tc.want)) || basis != tc.basis {
			t.Errorf("%s %s %s %s: %v (%s), want %s (%s)", tc.amount, tc.cur, tc.market, tc.month, v, basis, tc.want, tc.basis)
		}
	}
	if v, basis := c.ToHome(d("3"), "GBP", "Amazon.co.uk", "2025-01", "ebook"); v != nil || basis != "none" {
		t.Errorf("GBP with no rate: %v (%s)", v, basis)
	}
	// a payment in euros, into yen at the rate of its day
	y := c.YenRate(Payout{Currency: "EUR", PayoutCurrency: "EUR", Date: "2025-02-28", PayoutAmount: d("20"), Net: d("20")})
	if y.Yen == nil || !y.Yen.Equal(d("3200")) || y.Date != "2025-02-28" || y.Basis != "rate" {
		t.Errorf("YenRate: %+v", y)
	}
}
