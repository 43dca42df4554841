package invest

import (
	"slices"
	"strconv"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/shopspring/decimal"
)

// The NISA limits, by purchase amount (取得価額) per calendar year of the
// trade date. Since 2024: つみたて投資枠 ¥1,200,000 and 成長投資枠 ¥2,400,000
// a year, ¥18,000,000 for life of which 成長投資枠 at most ¥12,000,000.
// Before: 一般NISA ¥1,200,000 a year (¥1,000,000 in 2014–2015) and
// つみたてNISA ¥400,000 (from 2018). A sale gives the lifetime frame back,
// by the 取得価額 (簿価) of the units sold, from the next year on; a year's
// own frame never comes back.
var (
	tsumitateYear = decimal.NewFromInt(1_200_000)
	growthYear    = decimal.NewFromInt(2_400_000)
	lifetime      = decimal.NewFromInt(18_000_000)
	growthLife    = decimal.NewFromInt(12_000_000)
)

// Frame is one NISA limit and how much of it is used.
type Frame struct {
	Name        string // tsumitate, growth, lifetime, lifetime-growth, old, tsumitate-old
	Year        int    // 0 for the lifetime limits
	Used, Limit decimal.Decimal
}

// Left is what the frame still takes.
func (f Frame) Left() decimal.Decimal { return decimal.Max(f.Limit.Sub(f.Used), decimal.Zero) }

func yearOf(date string) int {
	y := 0
	for _, c := range date[:4] {
		y = y*10 + int(c-'0')
	}
	return y
}

// FramesOn is the use of the NISA limits of the year of date (YYYY-MM-DD)
// when any trade is held in NISA, else none: a plan made without them is
// made blind, and one without NISA needs none.
func FramesOn(trades []ledger.Trade, date string) []Frame {
	y, err := strconv.Atoi(date[:min(4, len(date))])
	if err != nil {
		return nil
	}
	for _, t := range trades {
		if isNISA(t.Account) {
			return Frames(trades, y)
		}
	}
	return nil
}

// Frames is the use of every NISA limit that applies in year, counting the
// purchases in trades and, for the lifetime limits, the sales of the years
// before.
func Frames(trades []ledger.Trade, year int) []Frame {
	var fs []Frame
	used := func(account string, inYear bool) decimal.Decimal {
		sum := decimal.Zero
		for _, t := range trades {
			if t.Account == account && t.IsPurchase() && (yearOf(t.Date) == year || !inYear && yearOf(t.Date) < year) {
				sum = sum.Add(t.Amount)
			}
		}
		return sum
	}
	// what sales of the years before gave back to the lifetime frames; the
	// trades were checked as they were recorded, so a replay error cannot
	// hide a sale here
	back := map[string]decimal.Decimal{}
	sold := false
	for _, t := range trades {
		sold = sold || t.Kind == trade.Sell && yearOf(t.Date) < year
	}
	if sold {
		if b, err := Replay(trades, ""); err == nil {
			for _, r := range b.Realized {
				if r.Trade.Kind == trade.Sell && yearOf(r.Trade.Date) < year {
					back[r.Trade.Account] = back[r.Trade.Account].Add(r.Cost)
				}
			}
		}
	}
	if year >= 2024 {
		ts := used("nisa-tsumitate", false).Sub(back["nisa-tsumitate"])
		gr := used("nisa-growth", false).Sub(back["nisa-growth"])
		fs = append(fs,
			Frame{"tsumitate", year, used("nisa-tsumitate", true), tsumitateYear},
			Frame{"growth", year, used("nisa-growth", true), growthYear},
			Frame{"lifetime", 0, ts.Add(gr), lifetime},
			Frame{"lifetime-growth", 0, gr, growthLife})
		return fs
	}
	if year >= 2014 {
		limit := decimal.NewFromInt(1_200_000)
		if year <= 2015 {
			limit = decimal.NewFromInt(1_000_000)
		}
		fs = append(fs, Frame{"old", year, used("nisa-old", true), limit})
	}
	if year >= 2018 {
		fs = append(fs, Frame{"tsumitate-old", year, used("nisa-tsumitate-old", true), decimal.NewFromInt(400_000)})
	}
	return fs
}

// frameOf names the limits a purchase in account counts against.
var frameOf = map[string][]string{
	"nisa-tsumitate":     {"tsumitate", "lifetime"},
	"nisa-growth":        {"growth", "lifetime", "lifetime-growth"},
	"nisa-old":           {"old"},
	"nisa-tsumitate-old": {"tsumitate-old"},
}

// CheckNISA refuses a purchase that would go past a NISA limit, or that is
// in a frame that did not exist on its day; held are the purchases already
// recorded (without t, when t is an edit of one of them).
func CheckNISA(held []ledger.Trade, t ledger.Trade) error {
	names, ok := frameOf[t.Account]
	if !ok {
		return nil
	}
	year := yearOf(t.Date)
	switch {
	case (t.Account == "nisa-tsumitate" || t.Account == "nisa-growth") && year < 2024:
		return i18n.Errorf("%s is a NISA frame from 2024 on; a purchase of %s belongs in nisa-old (一般NISA) or nisa-tsumitate-old (つみたてNISA)", t.Account, t.Date)
	case (t.Account == "nisa-old" || t.Account == "nisa-tsumitate-old") && (year >= 2024 || year < 2014 || t.Account == "nisa-tsumitate-old" && year < 2018):
		return i18n.Errorf("%s (the NISA of 2014–2023) took no purchases in %d: use nisa-tsumitate or nisa-growth", t.Account, year)
	}
	// a lifetime limit must hold in every year from the purchase's on: a
	// purchase typed in late must not push a later year's use past it
	last := year
	for _, h := range held {
		last = max(last, yearOf(h.Date))
	}
	for y := year; y <= last; y++ {
		for _, f := range Frames(held, y) {
			if f.Year != 0 && f.Year != year || !slices.Contains(names, f.Name) {
				continue
			}
			if after := f.Used.Add(t.Amount); after.GreaterThan(f.Limit) {
				if f.Year == 0 {
					return i18n.Errorf("NISA %s: %s yen would bring the lifetime use to %s of %s yen (%s left): record it in tokutei (特定) or ippan (一般)", FrameLabel(f.Name), t.Amount, after, f.Limit, f.Left())
				}
				return i18n.Errorf("NISA %s %d: %s yen would bring the year's use to %s of %s yen (%s left this year): record it in tokutei (特定), or date it in the next year", FrameLabel(f.Name), f.Year, t.Amount, after, f.Limit, f.Left())
			}
		}
	}
	return nil
}

// FrameLabel is a frame's name as brokers write it.
func FrameLabel(name string) string {
	switch name {
	case "tsumitate":
		return "つみたて投資枠"
	case "growth":
		return "成長投資枠"
	case "lifetime":
		return "生涯投資枠"
	case "lifetime-growth":
		return "生涯投資枠のうち成長投資枠"
	case "old":
		return "一般NISA"
	case "tsumitate-old":
		return "つみたてNISA"
	}
	return name
}
