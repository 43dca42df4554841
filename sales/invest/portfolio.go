package invest

import (
	"context"
	"sort"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/shopspring/decimal"
)

// Portfolio is everything the ledger knows about the invested royalties.
type Portfolio struct {
	Home     string
	Funds    []ledger.Fund
	Prices   map[string][]price.Day // by fund, oldest first
	Trades   []ledger.Trade         // by date
	Received []Received             // payments by date
}

// Received is a royalty payment in the home currency.
type Received struct {
	Date, Number, Marketplace string
	Amount                    *decimal.Decimal // in the home currency; nil when no rate converts it
	Basis                     string
	// JPY is the payment in yen, the currency funds are bought in: its
	// payout when KDP paid yen, else Amount when the home currency is yen;
	// nil otherwise
	JPY *decimal.Decimal
}

// Load reads the portfolio from the ledger.
func Load(ctx context.Context, l *ledger.Ledger) (*Portfolio, error) {
	p := &Portfolio{Prices: map[string][]price.Day{}}
	var err error
	if p.Funds, err = l.Funds(ctx); err != nil {
		return nil, err
	}
	for _, f := range p.Funds {
		if p.Prices[f.Code], err = l.NAVs(ctx, f.Code, "", ""); err != nil {
			return nil, err
		}
	}
	if p.Trades, err = l.Trades(ctx); err != nil {
		return nil, err
	}
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	p.Home = conv.Home
	pays, err := l.Payments(ctx)
	if err != nil {
		return nil, err
	}
	for _, pay := range pays {
		amt, basis := conv.Received(pay.Payout())
		p.Received = append(p.Received, Received{Date: pay.Date, Number: pay.Number, Marketplace: pay.Marketplace, Amount: amt, Basis: basis, JPY: conv.Yen(pay.Payout())})
	}
	sort.SliceStable(p.Received, func(i, j int) bool { return p.Received[i].Date < p.Received[j].Date })
	return p, nil
}

// priceOn is the fund's NAV on date or the last day before it.
func (p *Portfolio) priceOn(fund, date string) (price.Day, bool) {
	ps := p.Prices[fund]
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Date > date })
	if i == 0 {
		return price.Day{}, false
	}
	return ps[i-1], true
}

// Value is what units are worth at a NAV (per 10,000 units), to the yen
// below, as brokers show 評価額.
func Value(units int64, nav decimal.Decimal) decimal.Decimal {
	return decimal.NewFromInt(units).Mul(nav).Div(decimal.NewFromInt(10000)).Floor()
}

// EstimateUnits is what an amount buys at a NAV when the broker's figure is
// not known: floor(amount × 10,000 ÷ NAV).
func EstimateUnits(amount, nav decimal.Decimal) int64 {
	return amount.Mul(decimal.NewFromInt(10000)).Div(nav).Floor().IntPart()
}

// Holding is one fund on a date.
type Holding struct {
	Fund, Name string
	Units      int64
	NAV        decimal.Decimal
	NAVDate    string // the date of the NAV used: the valuation date or the last before it; "" when nothing is held
	Stale      bool   // NAVDate is more than StaleAfter before the valuation date
	Value      decimal.Decimal
	Cost       decimal.Decimal // 取得価額 of the units held, to the yen
	Gain       decimal.Decimal // Value − Cost: not yet realized
	Realized   decimal.Decimal // gains of the sales up to the date, before tax
	Dividends  decimal.Decimal // distributions paid out up to the date, before tax
	XIRR       *float64        // money-weighted, annualised; nil under a year of holding
	TWR        *float64        // time-weighted, over the holding period
}

// yearOrMore says whether money has been invested a year by end: an
// annualised rate of less is no measure (a gain of 7 % in 2.5 months
// reads as 39 % a year).
func yearOrMore(flows []Flow, end Flow) bool {
	if len(flows) == 0 {
		return false
	}
	first := flows[0].Date
	for _, f := range flows {
		if f.Date.Before(first) {
			first = f.Date
		}
	}
	return !end.Date.Before(first.AddDate(1, 0, 0))
}

// StaleAfter is how old a price may be before a valuation says it is old:
// a week covers the longest run of market holidays (ゴールデンウィーク,
// 年末年始) a daily fund goes without a price.
const StaleAfter = 7 * 24 * time.Hour

// Status is the portfolio on a date.
type Status struct {
	Date                string // the date asked for
	PricesAsOf          string // the oldest NAV date used: the total is as of this day, not Date
	Stale               bool   // some fund's price is stale
	Funds               []Holding
	Value, Cost         decimal.Decimal
	Gain                decimal.Decimal
	Realized, Dividends decimal.Decimal
	XIRR, TWR           *float64 // XIRR nil under a year of holding
	Held                int      // cash flows of the holdings (0: nothing bought)
}

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// flow is a trade's money as the investor sees it: a purchase is paid
// (negative), a sale and a distribution paid out come back (positive), a
// distribution bought back stays inside the fund (0).
func flow(t ledger.Trade) decimal.Decimal {
	switch t.Kind {
	case trade.Sell, trade.Dividend:
		return t.Amount
	case trade.Reinvest:
		return decimal.Zero
	}
	return t.Amount.Add(t.Fee).Neg()
}

// Status values every fund held on date (YYYY-MM-DD).
func (p *Portfolio) Status(date string) (*Status, error) {
	st := &Status{Date: date}
	b, err := Replay(p.Trades, date)
	if err != nil {
		return nil, err
	}
	var all []Flow
	for _, f := range p.Funds {
		var h Holding
		h.Fund, h.Name = f.Code, f.Name
		var flows []Flow
		last := ""
		for _, t := range p.Trades {
			if t.Fund != f.Code || t.Date > date {
				continue
			}
			last = max(last, t.Date)
			if m := flow(t); !m.IsZero() {
				flows = append(flows, Flow{day(t.Date), m.InexactFloat64()})
			}
		}
		if last == "" {
			continue
		}
		cost := decimal.Zero
		for _, pos := range b.Positions {
			if pos.Fund == f.Code {
				h.Units += pos.Units
				cost = cost.Add(pos.Cost)
			}
		}
		h.Cost = cost.Round(0)
		for _, r := range b.Realized {
			if r.Trade.Fund != f.Code {
				continue
			}
			if r.Trade.Kind == trade.Dividend {
				h.Dividends = h.Dividends.Add(r.Gain)
			} else {
				h.Realized = h.Realized.Add(r.Gain)
			}
		}
		// a fund sold whole needs no price: its return ends with its last trade
		end := Flow{day(last), 0}
		if h.Units > 0 {
			price, ok := p.priceOn(f.Code, date)
			if !ok {
				return nil, i18n.Errorf("fund %s has no NAV on or before %s: import its prices (hanmoto invest nav import)", f.Code, date)
			}
			h.NAV, h.NAVDate = price.NAV, price.Date
			h.Stale = day(date).Sub(day(price.Date)) > StaleAfter
			h.Value = Value(h.Units, price.NAV)
			if st.PricesAsOf == "" || price.Date < st.PricesAsOf {
				st.PricesAsOf = price.Date
			}
			st.Stale = st.Stale || h.Stale
			// the value is known as of its price's day: dated later, a
			// return would shrink with every day no new price is imported
			end = Flow{day(max(price.Date, last)), h.Value.InexactFloat64()}
		}
		h.Gain = h.Value.Sub(h.Cost)
		if r, err := XIRR(append(append([]Flow(nil), flows...), end)); err == nil && yearOrMore(flows, end) {
			h.XIRR = &r
		}
		if r, ok := p.twr([]string{f.Code}, date); ok {
			h.TWR = &r
		}
		all = append(all, flows...)
		st.Funds = append(st.Funds, h)
		st.Value = st.Value.Add(h.Value)
		st.Cost = st.Cost.Add(h.Cost)
		st.Realized = st.Realized.Add(h.Realized)
		st.Dividends = st.Dividends.Add(h.Dividends)
	}
	st.Gain = st.Value.Sub(st.Cost)
	if len(all) > 0 {
		sort.SliceStable(all, func(i, j int) bool { return all[i].Date.Before(all[j].Date) })
		endDate := st.PricesAsOf
		if endDate == "" || day(endDate).Before(all[len(all)-1].Date) {
			endDate = all[len(all)-1].Date.Format("2006-01-02")
		}
		st.Held = len(all)
		if end := (Flow{day(endDate), st.Value.InexactFloat64()}); yearOrMore(all, end) {
			if r, err := XIRR(append(all, end)); err == nil {
				st.XIRR = &r
			}
		}
		var codes []string
		for _, h := range st.Funds {
			codes = append(codes, h.Fund)
		}
		if r, ok := p.twr(codes, date); ok {
			st.TWR = &r
		}
	}
	return st, nil
}

// days lists the NAV dates of the funds up to date, with the trade dates.
func (p *Portfolio) days(funds []string, to string) []string {
	seen := map[string]bool{}
	var ds []string
	add := func(d string) {
		if d <= to && !seen[d] {
			seen[d] = true
			ds = append(ds, d)
		}
	}
	for _, f := range funds {
		for _, pr := range p.Prices[f] {
			add(pr.Date)
		}
	}
	for _, t := range p.Trades {
		add(t.Date)
	}
	sort.Strings(ds)
	return ds
}

// units is what a replay holds of each fund.
func (b *book) units() map[string]int64 {
	u := map[string]int64{}
	for k, p := range b.pos {
		u[k.fund] += p.Units
	}
	return u
}

// cost is the 取得価額 of everything a replay holds.
func (b *book) cost() decimal.Decimal {
	c := decimal.Zero
	for _, p := range b.pos {
		c = c.Add(p.Cost)
	}
	return c
}

// value is what units are worth on d.
func (p *Portfolio) value(units map[string]int64, d string) decimal.Decimal {
	v := decimal.Zero
	for f, u := range units {
		if pr, ok := p.priceOn(f, d); ok && u > 0 {
			v = v.Add(Value(u, pr.NAV))
		}
	}
	return v
}

// series is the value of the funds and the money put in (a sale or a
// distribution paid out: taken out), day by day from the first trade.
func (p *Portfolio) series(funds []string, to string) (dates []string, values, flows []float64) {
	in := map[string]bool{}
	for _, f := range funds {
		in[f] = true
	}
	var trades []ledger.Trade
	for _, t := range ordered(p.Trades) {
		if in[t.Fund] && t.Date <= to {
			trades = append(trades, t)
		}
	}
	if len(trades) == 0 {
		return nil, nil, nil
	}
	b := newBook()
	ti := 0
	for _, d := range p.days(funds, to) {
		if d < trades[0].Date {
			continue
		}
		put := decimal.Zero
		for ti < len(trades) && trades[ti].Date <= d {
			b.apply(trades[ti])
			put = put.Sub(flow(trades[ti]))
			ti++
		}
		dates = append(dates, d)
		values = append(values, p.value(b.units(), d).InexactFloat64())
		flows = append(flows, put.InexactFloat64())
	}
	return dates, values, flows
}

func (p *Portfolio) twr(funds []string, to string) (float64, bool) {
	_, values, flows := p.series(funds, to)
	if len(values) < 2 {
		return 0, false
	}
	return TWR(values, flows)
}

// Point is one date of the history: what the funds were worth, what the
// units held cost, and how much royalty had been received by then.
type Point struct {
	Date  string
	Value decimal.Decimal
	Cost  decimal.Decimal
	// Royalties is the KDP payments received by then in yen, the currency
	// value and cost are in; RoyaltiesMissing counts those with no rate
	// into yen, which make Royalties a lower bound
	Royalties        decimal.Decimal
	RoyaltiesMissing int
}

// History is the portfolio day by day (each NAV date), or at each month's
// last NAV date, from the first purchase or payment to `to`.
func (p *Portfolio) History(monthly bool, to string) []Point {
	var codes []string
	for _, f := range p.Funds {
		codes = append(codes, f.Code)
	}
	first := ""
	if len(p.Trades) > 0 {
		first = p.Trades[0].Date
	}
	if len(p.Received) > 0 && (first == "" || p.Received[0].Date < first) {
		first = p.Received[0].Date
	}
	if first == "" {
		return nil
	}
	ds := p.days(codes, to)
	for _, r := range p.Received {
		if r.Date <= to {
			ds = append(ds, r.Date)
		}
	}
	sort.Strings(ds)
	var pts []Point
	trades := ordered(p.Trades)
	b := newBook()
	roy, missing := decimal.Zero, 0
	ti, ri := 0, 0
	for i, d := range ds {
		if d < first || (i > 0 && ds[i-1] == d) {
			continue
		}
		for ti < len(trades) && trades[ti].Date <= d {
			b.apply(trades[ti])
			ti++
		}
		for ri < len(p.Received) && p.Received[ri].Date <= d {
			if y := p.Received[ri].JPY; y != nil {
				roy = roy.Add(*y)
			} else {
				missing++
			}
			ri++
		}
		pt := Point{Date: d, Value: p.value(b.units(), d), Cost: b.cost().Round(0), Royalties: roy, RoyaltiesMissing: missing}
		if monthly && len(pts) > 0 && pts[len(pts)-1].Date[:7] == d[:7] {
			pts[len(pts)-1] = pt
			continue
		}
		pts = append(pts, pt)
	}
	if monthly {
		for i := range pts {
			pts[i].Date = pts[i].Date[:7]
		}
	}
	return pts
}

// LastDate is the latest date the portfolio knows of (a NAV, a purchase or
// a payment): reports drawn up to it do not depend on the day they are run.
func (p *Portfolio) LastDate() string {
	last := ""
	for _, ps := range p.Prices {
		if len(ps) > 0 && ps[len(ps)-1].Date > last {
			last = ps[len(ps)-1].Date
		}
	}
	for _, t := range p.Trades {
		last = max(last, t.Date)
	}
	for _, r := range p.Received {
		last = max(last, r.Date)
	}
	return last
}
