package invest_test

import (
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
)

// The example docs/invest.md works through by hand, in a 特定 account.
//
//	2025-01-10 buy   40,000 units for 100,000 yen     held 40,000, cost 100,000
//	2025-02-10 buy   37,037 units for 100,000 yen     held 77,037, cost 200,000
//	2025-03-15 再投資    450 units for   1,234 yen     held 77,487, cost 201,234
//	2025-06-02 sell  30,000 units: 86,000 paid + 1,000 tax withheld
//	   取得単価 = ⌈201,234 × 10,000 ÷ 77,487⌉ = ⌈25,970.03…⌉ = 25,971
//	   取得費   = ⌊30,000 × 25,971 ÷ 10,000⌋ = 77,913
//	   gain     = 87,000 − 77,913 = 9,087
//	   held 47,487 at 25,971: cost 123,328.4877
//	2025-07-01 buy   16,000 units for  50,000 yen     held 63,487, cost 173,328.4877
//	2025-09-01 sell  63,487 units (all) for 190,000 yen, no tax
//	   取得単価 = ⌈173,328.4877 × 10,000 ÷ 63,487⌉ = ⌈27,301.41…⌉ = 27,302
//	   取得費   = ⌊63,487 × 27,302 ÷ 10,000⌋ = 173,332
//	   gain     = 190,000 − 173,332 = 16,668
//	2025-12-15 分配金 800 yen paid + 200 tax withheld: income 1,000
var workedExample = []ledger.Trade{
	{ID: 1, Kind: trade.Buy, Fund: "F", Date: "2025-01-10", Amount: d("100000"), Units: 40000, Account: "tokutei"},
	{ID: 2, Kind: trade.Buy, Fund: "F", Date: "2025-02-10", Amount: d("100000"), Units: 37037, Account: "tokutei"},
	{ID: 3, Kind: trade.Reinvest, Fund: "F", Date: "2025-03-15", Amount: d("1234"), Units: 450, Account: "tokutei"},
	{ID: 4, Kind: trade.Sell, Fund: "F", Date: "2025-06-02", Amount: d("86000"), Tax: d("1000"), Units: 30000, Account: "tokutei"},
	{ID: 5, Kind: trade.Buy, Fund: "F", Date: "2025-07-01", Amount: d("50000"), Units: 16000, Account: "tokutei"},
	{ID: 6, Kind: trade.Sell, Fund: "F", Date: "2025-09-01", Amount: d("190000"), Units: 63487, Account: "tokutei"},
	{ID: 7, Kind: trade.Dividend, Fund: "F", Date: "2025-12-15", Amount: d("800"), Tax: d("200"), Account: "tokutei"},
}

func TestMovingAverageByHand(t *testing.T) {
	b, err := invest.Replay(workedExample, "2025-06-30")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Positions) != 1 || b.Positions[0].Units != 47487 || b.Positions[0].Cost.String() != "123328.4877" {
		t.Fatalf("after the first sale: %+v", b.Positions)
	}
	if len(b.Realized) != 1 {
		t.Fatalf("%d realized", len(b.Realized))
	}
	r := b.Realized[0]
	if r.UnitCost.String() != "25971" || r.Cost.String() != "77913" || r.Proceeds.String() != "87000" || r.Gain.String() != "9087" || r.TaxFree() {
		t.Errorf("first sale: 単価 %s, 取得費 %s, proceeds %s, gain %s", r.UnitCost, r.Cost, r.Proceeds, r.Gain)
	}
	b, err = invest.Replay(workedExample, "")
	if err != nil {
		t.Fatal(err)
	}
	if p := b.Positions[0]; p.Units != 0 || !p.Cost.IsZero() {
		t.Errorf("sold whole: %+v", p)
	}
	if r := b.Realized[1]; r.UnitCost.String() != "27302" || r.Cost.String() != "173332" || r.Gain.String() != "16668" {
		t.Errorf("second sale: 単価 %s, 取得費 %s, gain %s", r.UnitCost, r.Cost, r.Gain)
	}
	if r := b.Realized[2]; r.Trade.Kind != trade.Dividend || r.Gain.String() != "1000" || !r.Cost.IsZero() {
		t.Errorf("distribution: %+v", r)
	}
}

func TestSaleOfUnitsNotHeld(t *testing.T) {
	sale := ledger.Trade{Kind: trade.Sell, Fund: "F", Date: "2025-01-31", Amount: d("100"), Units: 40001, Account: "tokutei"}
	err := invest.Check(workedExample[:1], sale)
	if err == nil || !strings.Contains(err.Error(), "a sale of 40001 units of F in specific account on 2025-01-31, but only 40000 are held then") {
		t.Errorf("oversold: %v", err)
	}
	// the units are in another account
	sale.Units, sale.Account = 100, "nisa-growth"
	if err := invest.Check(workedExample[:1], sale); err == nil {
		t.Error("sold from an account that holds nothing")
	}
	// a purchase a later sale needs can't go
	if err := invest.CheckRemoval(workedExample, 5); err == nil || !strings.Contains(err.Error(), "2025-09-01") {
		t.Errorf("removal: %v", err)
	}
	if err := invest.CheckRemoval(workedExample, 7); err != nil {
		t.Errorf("a distribution removed: %v", err)
	}
	// a purchase and a sale of one day: the purchase first
	sameDay := []ledger.Trade{
		{ID: 2, Kind: trade.Sell, Fund: "F", Date: "2025-01-10", Amount: d("100"), Units: 400, Account: "tokutei"},
		{ID: 1, Kind: trade.Buy, Fund: "F", Date: "2025-01-10", Amount: d("1000"), Units: 4000, Account: "tokutei"},
	}
	if _, err := invest.Replay(sameDay, ""); err != nil {
		t.Error(err)
	}
}

// A sale in NISA gives the lifetime frame back from the next year, by the
// cost of the units sold; the year's own frame does not come back.
func TestNISAFrameComesBack(t *testing.T) {
	ts := []ledger.Trade{
		{ID: 1, Kind: trade.Buy, Fund: "F", Date: "2025-02-03", Amount: d("2400000"), Units: 1000000, Account: "nisa-growth"},
		{ID: 2, Kind: trade.Sell, Fund: "F", Date: "2025-11-04", Amount: d("1500000"), Units: 500000, Account: "nisa-growth"},
	}
	frame := func(fs []invest.Frame, name string) invest.Frame {
		for _, f := range fs {
			if f.Name == name {
				return f
			}
		}
		t.Fatalf("no frame %s", name)
		return invest.Frame{}
	}
	y25 := invest.Frames(ts, 2025)
	if f := frame(y25, "growth"); f.Used.String() != "2400000" || !f.Left().IsZero() {
		t.Errorf("2025 growth: %s used", f.Used)
	}
	if f := frame(y25, "lifetime-growth"); f.Used.String() != "2400000" {
		t.Errorf("2025 lifetime growth: %s used, the sale's year gives nothing back", f.Used)
	}
	y26 := invest.Frames(ts, 2026)
	if f := frame(y26, "lifetime-growth"); f.Used.String() != "1200000" {
		t.Errorf("2026 lifetime growth: %s used, want 2,400,000 − 1,200,000 sold at cost", f.Used)
	}
	if f := frame(y26, "growth"); !f.Used.IsZero() {
		t.Errorf("2026 growth: %s used", f.Used)
	}
	// the sale is tax-free
	b, _ := invest.Replay(ts, "")
	if r := b.Realized[0]; !r.TaxFree() || r.Gain.String() != "300000" {
		t.Errorf("NISA sale: %+v", r)
	}
	// a 2025 purchase past the year's frame is still refused after the sale
	more := ledger.Trade{Kind: trade.Buy, Fund: "F", Date: "2025-12-01", Amount: d("1"), Units: 1, Account: "nisa-growth"}
	if err := invest.Check(ts, more); err == nil {
		t.Error("the year's frame came back")
	}
}

// Only money put in counts as invested: a distribution bought back is the
// fund's own money, and a sale does not take back a royalty invested.
func TestPlanCountsMoneyPutIn(t *testing.T) {
	yen := d("300000")
	p := &invest.Portfolio{Trades: workedExample, Received: []invest.Received{{Date: "2025-01-05", Number: "P1", JPY: &yen}}}
	pl := p.Plan("")
	if pl.Invested.String() != "250000" || pl.ToReinvest.String() != "50000" {
		t.Errorf("invested %s, to reinvest %s; want the three purchases, 250000, and 50000 left", pl.Invested, pl.ToReinvest)
	}
	if n := len(pl.Payments[0].Funded); n != 3 {
		t.Errorf("the payment funded %d trades, want the 3 purchases", n)
	}
}
