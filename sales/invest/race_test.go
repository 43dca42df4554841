package invest_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/trade"
)

// TestParallelTradesKeepTheRules: eight terminals selling 3,000 of the
// same 10,000 units at once record exactly three sales, and eight putting
// 300,000 yen into つみたて投資枠 in one year at once record exactly four
// (its 1,200,000 a year): each check runs inside its write, against what
// the others have written. (Before: two to five sales, and 2,000,000 yen.)
func TestParallelTradesKeepTheRules(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	l, err := ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := []price.Day{{Date: "2025-01-06", NAV: d("10000")}, {Date: "2025-03-03", NAV: d("10000")}}
	if _, err := l.ImportNAV(ctx, "F1", "テスト・ファンド", "t.csv", rows, false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := invest.Record(ctx, l, ledger.Trade{Kind: trade.Buy, Fund: "F1", Date: "2025-01-06", Amount: d("10000"), Units: 10000, Account: "tokutei"}, false); err != nil {
		t.Fatal(err)
	}
	l.Close()
	race := func(tr ledger.Trade) (ok int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		start := make(chan struct{})
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// a ledger of its own: another connection, as another process
				li, err := ledger.Open(path)
				if err != nil {
					t.Error(err)
					return
				}
				defer li.Close()
				<-start
				if _, _, err := invest.Record(ctx, li, tr, true); err == nil {
					mu.Lock()
					ok++
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		return ok
	}
	if n := race(ledger.Trade{Kind: trade.Sell, Fund: "F1", Date: "2025-03-03", Amount: d("3000"), Units: 3000, Account: "tokutei"}); n != 3 {
		t.Errorf("%d parallel sales of 3,000 of 10,000 units recorded, want 3", n)
	}
	if n := race(ledger.Trade{Kind: trade.Buy, Fund: "F1", Date: "2025-03-03", Amount: d("300000"), Units: 300000, Account: "nisa-tsumitate"}); n != 4 {
		t.Errorf("%d parallel NISA purchases of 300,000 yen recorded, want 4 (1,200,000 a year)", n)
	}
	l, err = ledger.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p, err := invest.Load(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Status("2025-03-03"); err != nil {
		t.Errorf("the ledger after the race: %v", err)
	}
}
