package invest

import (
	"sort"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/shopspring/decimal"
)

// A fund's cost is kept the way Japanese brokers keep it for 投資信託 in a
// 特定口座 (and the tax office asks for in a 一般口座): per fund and account,
// a moving average of what was paid.
//
//   - A purchase (買付, 積立, 再投資) adds its units and what it cost,
//     fees included.
//   - A sale (解約) takes the 取得単価 of 10,000 units, cost × 10,000 ÷
//     units, rounded up to the yen as brokers do at a sale; the units sold
//     cost units × 単価 ÷ 10,000, rounded down to the yen (取得費), and the
//     units kept go on at that 単価.
//   - The gain of a sale is its proceeds before tax (受渡金額 + tax
//     withheld) − 取得費.
//   - A distribution paid out (分配金) is income of its own and leaves the
//     cost alone.
//
// docs/invest.md works an example through.

var tenThousand = decimal.NewFromInt(10000)

// Position is a fund held in one account.
type Position struct {
	Fund, Account string
	Units         int64
	Cost          decimal.Decimal // 取得価額 of the units held
}

// UnitCost is the 取得単価 of 10,000 units, rounded up to the yen.
func (p Position) UnitCost() decimal.Decimal {
	if p.Units == 0 {
		return decimal.Zero
	}
	return p.Cost.Mul(tenThousand).Div(decimal.NewFromInt(p.Units)).Ceil()
}

// Realized is what a sale or a distribution brought.
type Realized struct {
	Trade    ledger.Trade
	UnitCost decimal.Decimal // 取得単価 of 10,000 units at a sale
	Cost     decimal.Decimal // 取得費 of the units sold; 0 for a distribution
	Proceeds decimal.Decimal // before tax: amount + tax withheld
	Gain     decimal.Decimal // Proceeds − Cost
}

func isNISA(account string) bool { return trade.IsNISA(account) }

type posKey struct{ fund, account string }

// book replays trades into positions.
type book struct {
	pos      map[posKey]*Position
	realized []Realized
}

func newBook() *book { return &book{pos: map[posKey]*Position{}} }

// apply adds one trade; a sale of more units than the account holds is an
// error.
func (b *book) apply(t ledger.Trade) error {
	k := posKey{t.Fund, t.Account}
	p := b.pos[k]
	if p == nil {
		p = &Position{Fund: t.Fund, Account: t.Account}
		b.pos[k] = p
	}
	switch {
	case t.IsPurchase():
		p.Units += t.Units
		p.Cost = p.Cost.Add(t.Amount).Add(t.Fee)
	case t.Kind == trade.Sell:
		if t.Units > p.Units {
			return i18n.Errorf("a sale of %d units of %s in %s on %s, but only %d are held then: record the purchases first, or check the units", t.Units, t.Fund, trade.Account(t.Account), t.Date, p.Units)
		}
		unit := p.UnitCost()
		cost := decimal.NewFromInt(t.Units).Mul(unit).Div(tenThousand).Floor()
		p.Units -= t.Units
		p.Cost = decimal.NewFromInt(p.Units).Mul(unit).Div(tenThousand)
		proceeds := t.Amount.Add(t.Tax)
		b.realized = append(b.realized, Realized{Trade: t, UnitCost: unit, Cost: cost, Proceeds: proceeds, Gain: proceeds.Sub(cost)})
	case t.Kind == trade.Dividend:
		proceeds := t.Amount.Add(t.Tax)
		b.realized = append(b.realized, Realized{Trade: t, Proceeds: proceeds, Gain: proceeds})
	}
	return nil
}

// ordered sorts trades as they are replayed: by date, a day's purchases
// before its sales (a 積立 and a 解約 of one day are both priced at that
// day's NAV), then as recorded.
func ordered(ts []ledger.Trade) []ledger.Trade {
	out := append([]ledger.Trade(nil), ts...)
	rank := func(t ledger.Trade) int {
		if t.IsPurchase() {
			return 0
		}
		return 1
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return rank(a) < rank(b)
	})
	return out
}

// Book is every position and every realized gain after the trades up to
// date ("" for all).
type Book struct {
	Positions []Position // by fund, then account
	Realized  []Realized // by date
}

// Replay replays trades up to date; the error names the first sale of
// more units than were held.
func Replay(trades []ledger.Trade, date string) (*Book, error) {
	b := newBook()
	for _, t := range ordered(trades) {
		if date != "" && t.Date > date {
			break
		}
		if err := b.apply(t); err != nil {
			return nil, err
		}
	}
	out := &Book{Realized: b.realized}
	for _, p := range b.pos {
		out.Positions = append(out.Positions, *p)
	}
	sort.Slice(out.Positions, func(i, j int) bool {
		a, c := out.Positions[i], out.Positions[j]
		return a.Fund < c.Fund || a.Fund == c.Fund && a.Account < c.Account
	})
	return out, nil
}

// Check refuses a trade that would go past a NISA limit, sell units not
// held, or leave a later sale without its units; held are the trades
// already recorded (without t, when t is an edit of one of them).
func Check(held []ledger.Trade, t ledger.Trade) error {
	if t.IsPurchase() {
		if err := CheckNISA(held, t); err != nil {
			return err
		}
	}
	_, err := Replay(append(append([]ledger.Trade(nil), held...), t), "")
	return err
}

// CheckRemoval refuses to delete a purchase a later sale needs.
func CheckRemoval(held []ledger.Trade, id int64) error {
	var rest []ledger.Trade
	for _, t := range held {
		if t.ID != id {
			rest = append(rest, t)
		}
	}
	_, err := Replay(rest, "")
	return err
}
