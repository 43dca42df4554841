// Package broker reads a securities broker's trade-history download into
// fund trades: purchases, sales and distributions. Each broker's file is
// recognised by its header: 楽天証券's 投信取引履歴, SBI証券's 約定履歴 and
// マネックス証券's 取引履歴; a new broker is one more format in the
// formats table.
package broker

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/jinput"

	"github.com/hanmoto/hanmoto/internal/jtext"
	"github.com/hanmoto/hanmoto/sales/trade"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// format is one broker's CSV: its name, how its columns are called, and
// what a line's 取引 (and 商品) make it.
type format struct {
	name    string
	columns map[string][]string // field → header names (folded)
	// kind is the ledger kind of a line; fund is false for a line of
	// another product (a stock, cash), which is skipped and counted
	kind func(trade, product string) (kind string, fund, ok bool)
}

// The kinds by the words brokers use for them.
var kindWords = map[string]string{
	"買付": trade.Buy, "積立": trade.Buy, "積立買付": trade.Buy,
	// a distribution bought back into the fund: units at a cost
	"再投資": trade.Reinvest, "再投資買付": trade.Reinvest,
	"解約": trade.Sell, "売却": trade.Sell, "買取": trade.Sell,
	"分配金": trade.Dividend, "分配金受取": trade.Dividend, "分配金支払": trade.Dividend,
}

func byWord(trade, _ string) (string, bool, bool) {
	k, ok := kindWords[fold(trade)]
	return k, true, ok
}

// byContained reads SBI証券's 取引, which names the product and the way
// of ordering before the trade: 投信金額買付, 投信口数解約; a line that is
// not 投信 is another product.
func byContained(trade, _ string) (string, bool, bool) {
	t := fold(trade)
	rest, isFund := strings.CutPrefix(t, "投信")
	if !isFund {
		return "", false, true
	}
	for _, w := range []string{"再投資", "買付", "積立", "解約", "売却", "買取", "分配金"} {
		if strings.Contains(rest, w) {
			return kindWords[w], true, true
		}
	}
	return "", true, false
}

// byProduct reads マネックス証券's history, where 商品 says whether a line
// is a fund's.
func byProduct(trade, product string) (string, bool, bool) {
	if p := fold(product); !strings.Contains(p, "投信") && !strings.Contains(p, "投資信託") {
		return "", false, true
	}
	return byWord(trade, product)
}

var formats = []format{{
	name: "楽天証券 投信取引履歴",
	columns: map[string][]string{
		"date":  {"約定日"},
		"fund":  {"ファンド名", "銘柄名"},
		"kind":  {"取引", "取引区分"},
		"units": {"数量[口]", "数量(口)", "数量"},
		// today's download heads it "受渡金額/(ポイント利用)[円]"; any header
		// that starts with 受渡金額 is this column (see recognise)
		"amount":  {"受渡金額", "受渡金額(円)", "受渡金額[円]", "受渡金額/(ポイント利用)[円]", "受渡金額/(ポイント利用)(円)"},
		"account": {"口座", "口座区分"},
		"tax":     {"税金", "税金等", "税額", "税金[円]", "税金等[円]"},
	},
	kind: byWord,
}, {
	// 約定履歴照会: a few lines of the query's terms, then the header;
	// every product in one file
	name: "SBI証券 約定履歴",
	columns: map[string][]string{
		"date":    {"約定日"},
		"fund":    {"銘柄"},
		"kind":    {"取引"},
		"units":   {"約定数量"},
		"amount":  {"受渡金額/決済損益", "受渡金額"},
		"account": {"預り"},
		"tax":     {"税額"},
	},
	kind: byContained,
}, {
	name: "マネックス証券 取引履歴",
	columns: map[string][]string{
		"date":    {"約定日"},
		"fund":    {"銘柄・適用", "銘柄"},
		"product": {"商品"},
		"kind":    {"取引"},
		"units":   {"数量"},
		"amount":  {"受渡金額"},
		"account": {"口座区分"},
	},
	kind: byProduct,
}}

func fold(s string) string { return jtext.Fold(s) }

// MaxFileSize bounds a trade history: decades of daily 積立 are a few MB.
const MaxFileSize = 16 << 20

// maxUnits bounds one line's units (口) far past any trade, well inside
// int64: 9,223,372,036,854,775,808 units once stored as their negative.
var maxUnits = decimal.New(1, 15)

// blank is a cell's figure, "" where the broker writes dashes for none
// ("-", SBI証券's "--").
func blank(s string) string {
	s = strings.TrimSpace(s)
	if strings.Trim(s, "-－") == "" {
		return ""
	}
	return s
}

// Parse reads a trade history; name is used in messages.
func Parse(name string, data []byte) (*trade.History, error) {
	if len(data) > MaxFileSize {
		return nil, inputerr.In(name, "%d MB is far larger than any broker's trade history (at most %d MB)", len(data)>>20, MaxFileSize>>20)
	}
	text, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var f *format
	cols := map[string]int{}
	h := &trade.History{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, inputerr.At(name, line, "%v", err)
		}
		if f == nil {
			f, cols = recognise(rec)
			// SBI証券 puts the query's terms above the header
			if f == nil && line > 30 {
				break
			}
			continue
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		cell := func(field string) string {
			if i, ok := cols[field]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		kind, fund, ok := f.kind(cell("kind"), cell("product"))
		if !fund {
			h.Skipped++
			continue
		}
		if !ok {
			return nil, inputerr.At(name, line, "取引 %q is not one this version knows (買付, 積立, 再投資, 解約, 分配金): nothing from this file was imported", cell("kind"))
		}
		p := trade.Record{Kind: kind, FundName: norm.NFKC.String(cell("fund")), Line: line}
		t, ok := parseDate(cell("date"))
		if !ok {
			return nil, inputerr.At(name, line, "約定日 %q is not a date", cell("date"))
		}
		p.Date = t
		// a distribution paid out may say the units it was paid on, or
		// nothing: it adds or takes none
		// "-" alone is no figure; a minus sign before one is kept, and
		// refused: a trade's units are never negative
		if units := blank(fold(cell("units"))); kind != trade.Dividend || units != "" {
			u, err := decimal.NewFromString(strings.ReplaceAll(units, ",", ""))
			if err != nil || !u.IsInteger() || !u.IsPositive() || u.GreaterThan(maxUnits) {
				return nil, inputerr.At(name, line, "数量［口］ %q is not a whole number of units", cell("units"))
			}
			if kind != trade.Dividend {
				p.Units = u.IntPart()
			}
		}
		a, points, ok := amountWithPoints(fold(cell("amount")))
		if !ok {
			return nil, inputerr.At(name, line, "受渡金額 %q is not an amount such as 30,000 or 30,000(100)", cell("amount"))
		}
		p.Amount, p.Points = a, points
		if tax := strings.NewReplacer(",", "", "円", "").Replace(blank(fold(cell("tax")))); tax != "" {
			if p.Tax, err = decimal.NewFromString(tax); err != nil || p.Tax.IsNegative() {
				return nil, inputerr.At(name, line, "税金 %q is not an amount of yen", cell("tax"))
			}
		}
		if p.Account, ok = account(cell("account")); !ok {
			return nil, inputerr.At(name, line, "口座 %q is not NISA, 特定 or 一般", cell("account"))
		}
		h.Records = append(h.Records, p)
	}
	if f == nil {
		return nil, inputerr.In(name, "not a trade history this version knows (楽天証券 投信取引履歴: 約定日, ファンド名, 取引, 数量［口］, 受渡金額, 口座; SBI証券 約定履歴: 約定日, 銘柄, 取引, 約定数量, 受渡金額/決済損益, 預り; マネックス証券 取引履歴: 約定日, 商品, 銘柄・適用, 取引, 数量, 受渡金額, 口座区分)")
	}
	if len(h.Records) == 0 {
		return nil, inputerr.In(name, "no fund trades (%d lines of other products)", h.Skipped)
	}
	h.Format = f.name
	return h, nil
}

func recognise(rec []string) (*format, map[string]int) {
	for fi := range formats {
		f := &formats[fi]
		cols := map[string]int{}
		for field, names := range f.columns {
			for i, h := range rec {
				for _, n := range names {
					if _, done := cols[field]; !done && (fold(h) == fold(n) || field == "amount" && strings.HasPrefix(fold(h), "受渡金額")) {
						cols[field] = i
					}
				}
			}
		}
		need := []string{"date", "fund", "kind", "units", "amount"}
		ok := true
		for _, n := range need {
			_, has := cols[n]
			ok = ok && has
		}
		if ok {
			return f, cols
		}
	}
	return nil, nil
}

func account(s string) (string, bool) {
	f := strings.ToUpper(fold(s))
	switch {
	case f == "":
		return "tokutei", true
	// 楽天証券 writes the frame: NISAつみたて投資枠, NISA成長投資枠 (since
	// 2024); つみたてNISA and NISA (2014–2023)
	// SBI証券 abbreviates the frames: NISA(つ), NISA(成)
	case strings.Contains(f, "つみたて投資枠") || strings.Contains(f, "NISA") && strings.Contains(f, "(つ)"):
		return "nisa-tsumitate", true
	case strings.Contains(f, "成長投資枠") || strings.Contains(f, "NISA") && strings.Contains(f, "(成)"):
		return "nisa-growth", true
	case strings.Contains(f, "つみたてNISA"):
		return "nisa-tsumitate-old", true
	case strings.Contains(f, "NISA"):
		return "nisa", true
	case strings.Contains(f, "特定"):
		return "tokutei", true
	case strings.Contains(f, "一般"):
		return "ippan", true
	}
	return "", false
}

// parseDate reads a trade's day as every date a person gives is read
// (jinput.Date): 2024/01/04, 2024-01-04, 2024年1月4日, 20240104, R6.1.4.
func parseDate(s string) (string, bool) {
	d, err := jinput.Date(s)
	return d, err == nil
}

func decode(name string, data []byte) (string, error) { return jtext.Decode(name, data) }

// amountWithPoints reads 受渡金額 as 楽天証券 writes it: "30,000", or
// "30,000(100)" when 100 of the 30,000 yen were paid with points. The
// purchase cost the whole 30,000.
func amountWithPoints(s string) (amount, points decimal.Decimal, ok bool) {
	s = strings.NewReplacer(",", "", "円", "", "¥", "").Replace(s)
	if i := strings.IndexByte(s, '('); i >= 0 && strings.HasSuffix(s, ")") {
		pt, err := decimal.NewFromString(s[i+1 : len(s)-1])
		if err != nil || pt.IsNegative() {
			return amount, points, false
		}
		points, s = pt, s[:i]
	}
	a, err := decimal.NewFromString(s)
	if err != nil || !a.IsPositive() || points.GreaterThan(a) {
		return amount, points, false
	}
	return a, points, true
}
