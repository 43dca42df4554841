package invest_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/shopspring/decimal"
)

var ctx = context.Background()

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

// XIRR against cases a person can check: a year at 10 %, two years at
// 10 % a year, and the defining equation for an irregular series.
func TestXIRR(t *testing.T) {
	r, err := invest.XIRR([]invest.Flow{{day("2023-01-01"), -10000}, {day("2024-01-01"), 11000}})
	if err != nil || math.Abs(r-0.10) > 1e-9 {
		t.Errorf("one year: %v %v, want 0.10", r, err)
	}
	r, err = invest.XIRR([]invest.Flow{{day("2022-01-01"), -10000}, {day("2024-01-01"), 12100}})
	if err != nil || math.Abs(r-0.0998) > 0.001 { // 730 days of 365: (1.21)^(365/730) − 1
		t.Errorf("two years: %v %v", r, err)
	}
	want := math.Pow(1.21, 365.0/730) - 1
	if math.Abs(r-want) > 1e-9 {
		t.Errorf("two years: %v, want %v", r, want)
	}
	flows := []invest.Flow{{day("2024-01-01"), -10000}, {day("2024-02-01"), -10000}, {day("2024-03-01"), -10000}, {day("2024-12-31"), 33000}}
	r, err = invest.XIRR(flows)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, f := range flows {
		sum += f.Amount / math.Pow(1+r, f.Date.Sub(flows[0].Date).Hours()/24/365)
	}
	if math.Abs(sum) > 1e-6 {
		t.Errorf("Σ CF/(1+r)^t = %v at r = %v", sum, r)
	}
	// a loss, where Newton from 10 % must go below zero
	r, err = invest.XIRR([]invest.Flow{{day("2023-01-01"), -10000}, {day("2024-01-01"), 5000}})
	if err != nil || math.Abs(r+0.5) > 1e-9 {
		t.Errorf("half lost: %v %v", r, err)
	}
	if _, err := invest.XIRR([]invest.Flow{{day("2023-01-01"), -10000}, {day("2024-01-01"), -5000}}); err != invest.ErrNoRate {
		t.Errorf("one sign only: %v", err)
	}
}

// A small portfolio with hand-checked numbers:
//
//	2024-01-01  NAV 10,000  buy 10,000 yen → 10,000 units
//	2024-02-01  NAV 12,500  buy 10,000 yen →  8,000 units
//	2024-03-01  NAV 11,000  value 18,000 × 11,000 ÷ 10,000 = 19,800
//
// cost 20,000, gain −200; TWR = (22,500 − 10,000)/10,000 × 19,800/22,500 − 1
// = 1.25 × 0.88 − 1 = 10 %, the fund's own return.
func TestStatus(t *testing.T) {
	l, err := ledger.Open(filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rows := []price.Day{{Date: "2024-01-01", NAV: d("10000")}, {Date: "2024-02-01", NAV: d("12500")}, {Date: "2024-03-01", NAV: d("11000")}}
	if _, err := l.ImportNAV(ctx, "F1", "テスト・ファンド", "t.csv", rows, false); err != nil {
		t.Fatal(err)
	}
	for _, tr := range []ledger.Trade{
		{Fund: "F1", Date: "2024-01-01", Amount: d("10000"), Units: 10000, Account: "nisa", Source: "a"},
		{Fund: "F1", Date: "2024-02-01", Amount: d("10000"), Units: 8000, Account: "nisa", Source: "b"},
	} {
		if _, _, err := l.AddTrade(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	p, err := invest.Load(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	st, err := p.Status("2024-03-05") // no NAV that day: the 1st's is used, and said
	if err != nil {
		t.Fatal(err)
	}
	h := st.Funds[0]
	if h.Units != 18000 || h.NAV.String() != "11000" || h.NAVDate != "2024-03-01" || h.Value.String() != "19800" ||
		h.Cost.String() != "20000" || h.Gain.String() != "-200" {
		t.Fatalf("holding %+v", h)
	}
	if h.TWR == nil || math.Abs(*h.TWR-0.10) > 1e-12 {
		t.Errorf("TWR %v, want 0.10", h.TWR)
	}
	// XIRR is a rate a year: over 60 days it is not shown (a small gain
	// or loss would read as a large one a year)
	if h.XIRR != nil || st.XIRR != nil {
		t.Errorf("XIRR over 60 days: %v, %v; want none", h.XIRR, st.XIRR)
	}
	if !st.Value.Equal(h.Value) || !st.Cost.Equal(h.Cost) {
		t.Errorf("totals %+v", st)
	}
	if h.Stale || st.Stale || st.PricesAsOf != "2024-03-01" {
		t.Errorf("4 days after its price: stale %v/%v, prices as of %s", h.Stale, st.Stale, st.PricesAsOf)
	}
	// three weeks on with no new price: stale, said, and the returns unchanged
	later, err := p.Status("2024-03-22")
	if err != nil {
		t.Fatal(err)
	}
	if !later.Stale || !later.Funds[0].Stale || later.PricesAsOf != "2024-03-01" || later.XIRR != nil {
		t.Errorf("stale valuation %+v, fund %+v", later, later.Funds[0])
	}
	// a year on: −10,000 on day 0, −10,000 on day 31, +21,600 (18,000
	// units at 12,000) on day 427, the price's day
	if _, err := l.ImportNAV(ctx, "F1", "テスト・ファンド", "t2.csv", []price.Day{{Date: "2025-03-03", NAV: d("12000")}}, false); err != nil {
		t.Fatal(err)
	}
	p2, err := invest.Load(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	year, err := p2.Status("2025-03-05")
	if err != nil {
		t.Fatal(err)
	}
	if year.Funds[0].XIRR == nil || year.XIRR == nil {
		t.Fatalf("XIRR after a year: %v", year.Funds[0].XIRR)
	}
	r := *year.Funds[0].XIRR
	sum := -10000 - 10000/math.Pow(1+r, 31.0/365) + 21600/math.Pow(1+r, 427.0/365)
	if math.Abs(sum) > 1e-6 {
		t.Errorf("XIRR %v does not solve the equation: %v", r, sum)
	}
	// history: one row per NAV day, month rows at month ends
	hist := p.History(true, "2024-03-31")
	if len(hist) != 3 || hist[2].Date != "2024-03" || hist[2].Value.String() != "19800" || hist[1].Value.String() != "22500" {
		t.Errorf("monthly history %+v", hist)
	}
}

func TestEstimateUnits(t *testing.T) {
	// 30,000 yen at NAV 21,111: 30,000 × 10,000 ÷ 21,111 = 14,210.6… → 14,210
	if u := invest.EstimateUnits(d("30000"), d("21111")); u != 14210 {
		t.Errorf("%d units", u)
	}
	// 評価額 is floored to the yen: 14,210 × 30,808 ÷ 10,000 = 43,778.168
	if v := invest.Value(14210, d("30808")); v.String() != "43778" {
		t.Errorf("value %s", v)
	}
}

// A NAV file that disagrees with the ledger is refused whole.
func TestNAVConflict(t *testing.T) {
	l, err := ledger.Open(filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.ImportNAV(ctx, "F1", "", "a.csv", []price.Day{{Date: "2024-01-01", NAV: d("10000"), Line: 2}}, false)
	_, err = l.ImportNAV(ctx, "F1", "", "b.csv", []price.Day{{Date: "2024-01-02", NAV: d("10100"), Line: 2}, {Date: "2024-01-01", NAV: d("9999"), Line: 3}}, false)
	if err == nil || err.Error() != "b.csv:3: the ledger holds 基準価額 10000 for 2024-01-01 and this file says 9999: check the fund code, or use --replace to take the file's" {
		t.Fatalf("%v", err)
	}
	ps, _ := l.NAVs(ctx, "F1", "", "")
	if len(ps) != 1 {
		t.Errorf("the refused file left %d prices", len(ps))
	}
	res, err := l.ImportNAV(ctx, "F1", "", "b.csv", []price.Day{{Date: "2024-01-01", NAV: d("9999"), Line: 3}}, true)
	if err != nil || res.Replaced != 1 {
		t.Errorf("--replace: %+v %v", res, err)
	}
}

// Where the royalties went, worked by hand:
//
//	payments  A 01-10 10,000   B 02-10 20,000   C 03-10 5,000   D 03-12 (EUR, no rate)
//	#1 03-01  15,000 + fee 0   → A 10,000, B 5,000 (oldest first)
//	#2 03-15  12,000, names C  → C 5,000 (its link first), B 7,000
//	#3 03-20  30,000 + fee 100 → B 8,000; 22,100 was other money
//	#4 01-05   1,000           → nothing: no payment had arrived yet
//
// received ≥ 35,000 (D unknown), invested 58,100, to reinvest 35,000 − 58,100.
func TestPlan(t *testing.T) {
	yen := func(s string) *decimal.Decimal { v := d(s); return &v }
	p := &invest.Portfolio{
		Received: []invest.Received{
			{Date: "2024-01-10", Number: "A", JPY: yen("10000")},
			{Date: "2024-02-10", Number: "B", JPY: yen("20000")},
			{Date: "2024-03-10", Number: "C", JPY: yen("5000")},
			{Date: "2024-03-12", Number: "D"},
		},
		Trades: []ledger.Trade{
			{ID: 4, Date: "2024-01-05", Amount: d("1000")},
			{ID: 1, Date: "2024-03-01", Amount: d("15000")},
			{ID: 2, Date: "2024-03-15", Amount: d("12000"), Payments: []string{"C"}},
			{ID: 3, Date: "2024-03-20", Amount: d("30000"), Fee: d("100")},
		},
	}
	pl := p.Plan("")
	if pl.Received.String() != "35000" || pl.Unconverted != 1 || pl.Invested.String() != "58100" || pl.ToReinvest.String() != "-23100" || pl.LastPurchase != "2024-03-20" {
		t.Fatalf("totals: received %s (%d unconverted), invested %s, to reinvest %s, last %s", pl.Received, pl.Unconverted, pl.Invested, pl.ToReinvest, pl.LastPurchase)
	}
	type use struct {
		invested, left string
		funded         string
	}
	want := map[string]use{
		"A": {"10000", "0", "#1:10000"},
		"B": {"20000", "0", "#1:5000 #2:7000 #3:8000"},
		"C": {"5000", "0", "#2:5000*"},
		"D": {"0", "?", ""},
	}
	for _, u := range pl.Payments {
		got := use{invested: u.Invested.String(), left: "?"}
		if u.Left != nil {
			got.left = u.Left.String()
		}
		var f []string
		for _, x := range u.Funded {
			s := fmt.Sprintf("#%d:%s", x.Trade, x.Amount)
			if x.Linked {
				s += "*"
			}
			f = append(f, s)
		}
		got.funded = strings.Join(f, " ")
		if got != want[u.Number] {
			t.Errorf("payment %s: %+v, want %+v", u.Number, got, want[u.Number])
		}
	}
	if len(pl.Payments) != 4 {
		t.Errorf("%d payments listed", len(pl.Payments))
	}
	if m := p.Plan("2024-02"); len(m.Payments) != 1 || m.Payments[0].Number != "B" || !m.ToReinvest.Equal(pl.ToReinvest) {
		t.Errorf("--month 2024-02 lists %d payments, to reinvest %s: the month narrows the list, not the totals", len(m.Payments), m.ToReinvest)
	}
}

// The NISA limits: twelve ¥100,000 つみたて投資枠 purchases fill 2025's
// ¥1,200,000 and the thirteenth is refused with the year's figures; the
// next year starts afresh; 成長投資枠 counts ¥2,400,000 a year and at most
// ¥12,000,000 for life; the frames of 2014–2023 take no purchase after.
func TestNISALimits(t *testing.T) {
	var held []ledger.Trade
	buy := func(date, amount, account string) error {
		tr := ledger.Trade{Fund: "F", Date: date, Amount: d(amount), Account: account}
		err := invest.CheckNISA(held, tr)
		if err == nil {
			held = append(held, tr)
		}
		return err
	}
	for m := 1; m <= 12; m++ {
		if err := buy(fmt.Sprintf("2025-%02d-10", m), "100000", "nisa-tsumitate"); err != nil {
			t.Fatalf("purchase %d: %v", m, err)
		}
	}
	err := buy("2025-12-20", "100000", "nisa-tsumitate")
	if err == nil || !strings.Contains(err.Error(), "NISA つみたて投資枠 2025: 100000 yen would bring the year's use to 1300000 of 1200000 yen (0 left this year)") {
		t.Errorf("13th purchase: %v", err)
	}
	if err := buy("2025-12-20", "100000", "tokutei"); err != nil {
		t.Errorf("特定 has no limit: %v", err)
	}
	if err := buy("2026-01-10", "100000", "nisa-tsumitate"); err != nil {
		t.Errorf("a new year: %v", err)
	}
	// growth: 2.4M a year, 12M for life
	for y := 2024; y <= 2028; y++ {
		if err := buy(fmt.Sprintf("%d-03-01", y), "2400000", "nisa-growth"); err != nil {
			t.Fatalf("growth %d: %v", y, err)
		}
	}
	if err := buy("2029-03-01", "1", "nisa-growth"); err == nil || !strings.Contains(err.Error(), "生涯投資枠のうち成長投資枠: 1 yen would bring the lifetime use to 12000001 of 12000000 yen") {
		t.Errorf("past the growth lifetime: %v", err)
	}
	if err := buy("2024-04-01", "1", "nisa-growth"); err == nil || !strings.Contains(err.Error(), "成長投資枠 2024") {
		t.Errorf("past 2024's growth frame: %v", err)
	}
	fs := invest.Frames(held, 2025)
	want := map[string]string{"tsumitate": "1200000/0", "growth": "2400000/0", "lifetime": "6000000/12000000", "lifetime-growth": "4800000/7200000"}
	for _, f := range fs {
		if got := f.Used.String() + "/" + f.Left().String(); got != want[f.Name] {
			t.Errorf("frame %s: %s, want %s", f.Name, got, want[f.Name])
		}
	}
	// typed in late: 2024's own frame has room, but the lifetime limit
	// would be passed from 2028 on
	held = held[:0]
	for y := 2025; y <= 2029; y++ {
		if err := buy(fmt.Sprintf("%d-03-01", y), "2400000", "nisa-growth"); err != nil {
			t.Fatalf("growth %d: %v", y, err)
		}
	}
	if err := buy("2024-03-01", "1", "nisa-growth"); err == nil || !strings.Contains(err.Error(), "lifetime use to 12000001 of 12000000") {
		t.Errorf("a late 2024 purchase past the lifetime: %v", err)
	}
	if err := buy("2023-05-01", "1000", "nisa-tsumitate"); err == nil || !strings.Contains(err.Error(), "from 2024 on") {
		t.Errorf("つみたて投資枠 in 2023: %v", err)
	}
	if err := buy("2024-05-01", "1000", "nisa-old"); err == nil || !strings.Contains(err.Error(), "took no purchases in 2024") {
		t.Errorf("一般NISA in 2024: %v", err)
	}
	if err := buy("2020-05-01", "400000", "nisa-tsumitate-old"); err != nil {
		t.Errorf("つみたてNISA 2020: %v", err)
	}
	if err := buy("2020-06-01", "1", "nisa-tsumitate-old"); err == nil || !strings.Contains(err.Error(), "つみたてNISA 2020") {
		t.Errorf("past つみたてNISA 2020: %v", err)
	}
}
