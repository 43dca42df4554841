package invest

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/trade"
	"golang.org/x/text/unicode/norm"
)

// A trade typed by hand is stored with the time it was typed: two
// identical purchases typed on purpose stay two (a broker file's trades
// carry the file's name and are added once).
const manualPrefix = "manual "

// IsManual says whether a trade's source is a person typing it.
func IsManual(source string) bool {
	return strings.HasPrefix(source, manualPrefix) || source == "manual"
}

// Record adds a trade typed by hand and returns its id. It is refused
// when the same trade (kind, fund, date, amount, account) is already held,
// unless again, and when it would go past a NISA limit or sell units not
// held. navDay is the day of the NAV that applies when the fund published
// none on t's day (a weekend, a holiday, a typo), "" otherwise: worth a
// warning.
func Record(ctx context.Context, l *ledger.Ledger, t ledger.Trade, again bool) (id int64, navDay string, err error) {
	if err := Valid(t, time.Now()); err != nil {
		return 0, "", err
	}
	if navDay, err = navDayOf(ctx, l, t); err != nil {
		return 0, "", err
	}
	t.Source = manualPrefix + time.Now().UTC().Format(time.RFC3339Nano)
	// the checks run inside the write, against the trades held when it
	// holds the lock: two terminals selling at once can't both pass
	ids, err := l.AddTradesChecked(ctx, []ledger.Trade{t}, func(held []ledger.Trade) error {
		if same := sameTrades(held, t); len(same) > 0 && !again {
			return i18n.Errorf("the same trade is already held as #%d (%s yen of %s on %s, %s): nothing recorded. Give --again if this is a second one; hanmoto invest trades lists them", same[0], money.Format(t.Amount, "JPY"), t.Fund, t.Date, trade.Account(t.Account))
		}
		return Check(held, t)
	})
	if err != nil || len(ids) == 0 {
		return 0, "", err
	}
	return ids[0], navDay, nil
}

// sameTrades lists the trades held with t's kind, fund, date, amount and
// account, whatever their source: typing one purchase twice is a mistake
// more often than a second purchase.
func sameTrades(held []ledger.Trade, t ledger.Trade) []int64 {
	kind := func(x ledger.Trade) string {
		if x.Kind == "" {
			return trade.Buy
		}
		return x.Kind
	}
	var ids []int64
	for _, h := range held {
		if kind(h) == kind(t) && h.Fund == t.Fund && h.Date == t.Date && h.Amount.Equal(t.Amount) && h.Account == t.Account {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

// Remove deletes a trade, unless a later sale needs its units; the check
// runs inside the write, as Record's.
func Remove(ctx context.Context, l *ledger.Ledger, id int64) error {
	return l.DeleteTradeChecked(ctx, id, func(rest []ledger.Trade) error {
		if _, err := Replay(rest, ""); err != nil {
			return i18n.Errorf("#%d can't be deleted: without it, %v", id, err)
		}
		return nil
	})
}

// Edit writes t over the trade with its id: its units estimated again at
// its (new) day's NAV when they were an estimate, refused when it would go
// past a NISA limit or leave a sale without its units. navDay is as for
// Record. It returns the trade as written.
func Edit(ctx context.Context, l *ledger.Ledger, t ledger.Trade) (ledger.Trade, string, error) {
	if err := Valid(t, time.Now()); err != nil {
		return t, "", err
	}
	if t.UnitsEstimated {
		if _, err := Estimate(ctx, l, &t); err != nil {
			return t, "", err
		}
	}
	navDay, err := navDayOf(ctx, l, t)
	if err != nil {
		return t, "", err
	}
	return t, navDay, l.UpdateTradeChecked(ctx, t, func(others []ledger.Trade) error { return Check(others, t) })
}

// PastNAVEnd says whether navDay, the day of the NAV that applies to a
// trade of date, lies further back than any weekend or holiday reaches:
// the prices imported end there, and a newer NAV file is wanted.
func PastNAVEnd(navDay, date string) bool {
	a, err1 := time.Parse("2006-01-02", navDay)
	b, err2 := time.Parse("2006-01-02", date)
	return err1 == nil && err2 == nil && b.Sub(a) > 4*24*time.Hour
}

// navDayOf is the day of the NAV that applies to t when its fund published
// none on t's day, "" otherwise.
func navDayOf(ctx context.Context, l *ledger.Ledger, t ledger.Trade) (string, error) {
	ps, err := l.NAVs(ctx, t.Fund, "", t.Date)
	if err != nil || len(ps) == 0 || ps[len(ps)-1].Date == t.Date {
		return "", err
	}
	return ps[len(ps)-1].Date, nil
}

// Estimate sets t's units to what its amount buys at the NAV of its day or
// the last before it, marked as estimated, and returns that price.
func Estimate(ctx context.Context, l *ledger.Ledger, t *ledger.Trade) (price.Day, error) {
	// the amount is checked before it is divided: 1e30 yen is no estimate
	if err := Valid(*t, time.Now()); err != nil {
		return price.Day{}, err
	}
	ps, err := l.NAVs(ctx, t.Fund, "", t.Date)
	if err != nil {
		return price.Day{}, err
	}
	if len(ps) == 0 {
		return price.Day{}, i18n.Errorf("fund %s has no NAV on or before %s to estimate the units: give --units, or import the NAV", t.Fund, t.Date)
	}
	p := ps[len(ps)-1]
	t.Units, t.UnitsEstimated = EstimateUnits(t.Amount, p.NAV), true
	return p, nil
}

// ImportOptions steer Import.
type ImportOptions struct {
	Fund  string // the fund of every line, when the file's names are not the NAV files'
	Again bool   // import a trade although the same one was typed by hand
	// NISAFrame is the frame (nisa-tsumitate or nisa-growth) of the file's
	// NISA purchases from 2024 on whose line names none.
	NISAFrame string
}

// nisaFrame gives a NISA purchase from a broker file its frame, so that it
// counts toward its limits: the file's own word (つみたて投資枠, 成長投資枠,
// つみたてNISA, NISA(つ)…) where it says one; before 2024 a plain "NISA" is
// 一般NISA, the only other frame then; from 2024 on, the frame given with
// the import, else a positioned error saying how to give it.
func nisaFrame(name string, p trade.Record, given string) (string, error) {
	if p.Account != "nisa" || !(p.Kind == trade.Buy || p.Kind == trade.Reinvest) {
		return p.Account, nil
	}
	if p.Date < "2024-01-01" {
		return "nisa-old", nil
	}
	if given != "" {
		return given, nil
	}
	return "", inputerr.At(name, p.Line, "口座 says NISA but not which frame: since 2024 a NISA purchase is in つみたて投資枠 or 成長投資枠, each with limits of its own. Give the frame of this file's NISA purchases with --nisa-frame tsumitate or --nisa-frame growth")
}

// Import adds a broker history's trades in one transaction, or none. A
// line's fund is found by its name among the funds whose NAV the ledger
// holds; a trade the file repeats from one typed by hand stops it (unless
// again: the money would count twice); the trades are checked in date order
// against NISA's limits and the units held, and get ids in date order. The
// same file imported again adds nothing. name is the file's, for messages.
func Import(ctx context.Context, l *ledger.Ledger, name string, h *trade.History, opt ImportOptions) (added int, err error) {
	funds, err := l.Funds(ctx)
	if err != nil {
		return 0, err
	}
	var trades []ledger.Trade
	var lineOf []int
	alike := map[string]int{}
	now := time.Now()
	for _, p := range h.Records {
		code := opt.Fund
		if code == "" {
			var ok bool
			if code, ok = FundByName(funds, p.FundName); !ok {
				return 0, inputerr.At(name, p.Line, "no fund named %q in the ledger: import its NAV first (hanmoto invest nav import --fund CODE), or give --fund CODE", p.FundName)
			}
		}
		account, err := nisaFrame(name, p, opt.NISAFrame)
		if err != nil {
			return 0, err
		}
		t := ledger.Trade{Kind: p.Kind, Fund: code, Date: p.Date, Amount: p.Amount, Units: p.Units, Tax: p.Tax, Account: account, Source: name}
		if err := Valid(t, now); err != nil {
			return 0, inputerr.At(name, p.Line, "%v", err)
		}
		// two lines of the file alike in every figure are two trades (two
		// 積立 of one day): the second is this file's second, the same at
		// every import of it
		key := t.Kind + "|" + t.Fund + "|" + t.Date + "|" + t.Amount.String() + "|" + strconv.FormatInt(t.Units, 10) + "|" + t.Account
		if n := alike[key]; n > 0 {
			t.Source = fmt.Sprintf("%s#%d", name, n+1)
		}
		alike[key]++
		trades = append(trades, t)
		lineOf = append(lineOf, p.Line)
	}
	// ids follow the days, whichever way round the broker writes them
	order := make([]int, len(trades))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return trades[order[i]].Date < trades[order[j]].Date })
	sorted := make([]ledger.Trade, len(trades))
	for i, o := range order {
		sorted[i] = trades[o]
	}
	// checked inside the write, against the trades held when it holds the lock
	ids, err := l.AddTradesChecked(ctx, sorted, func(held []ledger.Trade) error {
		if !opt.Again {
			for i, t := range trades {
				for _, id := range sameTrades(held, t) {
					if h := find(held, id); IsManual(h.Source) {
						return inputerr.At(name, lineOf[i], "the same trade was typed by hand as #%d (%s yen of %s on %s): nothing imported. Delete it to take the broker's figures (hanmoto invest trades delete %d), or give --again to keep both", id, t.Amount, t.Fund, t.Date, id)
					}
				}
			}
		}
		if err := checkAll(held, sorted); err != nil {
			return i18n.Errorf("%s: %v", name, err)
		}
		return nil
	})
	return len(ids), err
}

func find(ts []ledger.Trade, id int64) ledger.Trade {
	for _, t := range ts {
		if t.ID == id {
			return t
		}
	}
	return ledger.Trade{}
}

// checkAll checks a file's trades (in date order), each against those held
// and those before it; one held already (the file imported before) is not
// counted twice.
func checkAll(held, ts []ledger.Trade) error {
	key := func(t ledger.Trade) string {
		return t.Kind + "|" + t.Fund + "|" + t.Date + "|" + t.Amount.String() + "|" + strconv.FormatInt(t.Units, 10) + "|" + t.Account + "|" + t.Source
	}
	seen := map[string]bool{}
	for _, h := range held {
		seen[key(h)] = true
	}
	all := append([]ledger.Trade(nil), held...)
	for _, t := range ts {
		if seen[key(t)] {
			continue
		}
		if t.IsPurchase() {
			if err := CheckNISA(all, t); err != nil {
				return err
			}
		}
		seen[key(t)] = true
		all = append(all, t)
	}
	_, err := Replay(all, "")
	return err
}

// FundByName finds the fund a broker names, comparing names folded: full-
// and half-width forms (NFKC), spaces and ・ aside; one name inside the
// other counts (a broker's short name, the manager's long one).
func FundByName(funds []ledger.Fund, name string) (string, bool) {
	f := foldName(name)
	for _, fd := range funds {
		if g := foldName(fd.Name); g != "" && (g == f || strings.Contains(g, f) || strings.Contains(f, g)) {
			return fd.Code, true
		}
	}
	return "", false
}

func foldName(s string) string {
	return strings.NewReplacer(" ", "", "　", "", "・", "").Replace(norm.NFKC.String(s))
}
