package broker_test

import (
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/sales/broker"
	"golang.org/x/text/encoding/japanese"
)

const rakuten = `約定日,受渡日,ファンド名,分配金,口座,取引,買付方法,数量［口］,単価,経費,為替レート,現地通貨,受渡金額(円),受渡通貨
"2025/08/01","2025/08/06","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）","-","NISAつみたて投資枠","買付","積立","9,713","30,885","0","-","-","30,000","円"
"2025/09/01","2025/09/04","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）","-","特定","買付","通常","3,231","30,946","0","-","-","10,000","円"
`

func TestRakuten(t *testing.T) {
	data, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(rakuten))
	h, err := broker.Parse("rakuten.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	ps := h.Records
	if h.Format != "楽天証券 投信取引履歴" || len(ps) != 2 {
		t.Fatalf("%s, %d purchases", h.Format, len(ps))
	}
	p := ps[0]
	if p.Date != "2025-08-01" || p.Units != 9713 || p.Amount.String() != "30000" || p.Account != "nisa-tsumitate" ||
		p.FundName != "eMAXIS Slim 全世界株式(オール・カントリー)" || p.Line != 2 {
		t.Errorf("%+v", p)
	}
	if ps[1].Account != "tokutei" {
		t.Errorf("account %s", ps[1].Account)
	}
}

func TestRakutenBad(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{strings.Replace(rakuten, `"買付","積立"`, `"移管","-"`, 1), `r.csv:2: 取引 "移管" is not one this version knows (買付, 積立, 再投資, 解約, 分配金): nothing from this file was imported`},
		{strings.Replace(rakuten, `"買付","積立","9,713"`, `"解約","-","-"`, 1), `r.csv:2: 数量［口］ "-" is not a whole number of units`},
		{strings.Replace(rakuten, `"9,713"`, `"many"`, 1), `r.csv:2: 数量［口］ "many" is not a whole number of units`},
		{"a,b,c\n1,2,3\n", "r.csv: not a trade history this version knows"},
	} {
		_, err := broker.Parse("r.csv", []byte(c.csv))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v, want %s", err, c.want)
		}
	}
}

// 楽天証券's download as it comes today: every field quoted, newest first,
// the amount column headed 受渡金額/(ポイント利用)[円], points in brackets,
// 積立 and 再投資 rows.
const rakutenToday = `"約定日","受渡日","ファンド名","分配金","口座","取引","買付方法","数量［口］","単価","経費","為替レート","現地通貨","受渡金額/(ポイント利用)[円]","受渡通貨"
"2025/10/01","2025/10/06","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）","-","NISAつみたて投資枠","積立","カード","3,245","30,808","0","-","-","10,000(120)","円"
"2025/09/16","2025/09/16","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）","再投資","特定","再投資","-","65","30,500","0","-","-","198","円"
"2025/09/01","2025/09/04","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）","-","特定","買付","通常","3,231","30,946","0","-","-","10,000","円"
`

func TestRakutenToday(t *testing.T) {
	data, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(rakutenToday))
	h, err := broker.Parse("today.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	ps := h.Records
	if len(ps) != 3 {
		t.Fatalf("%d purchases", len(ps))
	}
	if p := ps[0]; p.Amount.String() != "10000" || p.Points.String() != "120" || p.Units != 3245 || p.Account != "nisa-tsumitate" || p.Date != "2025-10-01" {
		t.Errorf("points purchase %+v", p)
	}
	if p := ps[1]; p.Amount.String() != "198" || p.Units != 65 || !p.Points.IsZero() || p.Account != "tokutei" {
		t.Errorf("reinvested distribution %+v", p)
	}
	if ps[0].Kind != "buy" || ps[1].Kind != "reinvest" || ps[2].Kind != "buy" {
		t.Errorf("kinds %s %s %s", ps[0].Kind, ps[1].Kind, ps[2].Kind)
	}
	for _, c := range []struct{ cell, want string }{
		{`"10,000(abc)"`, `受渡金額 "10,000(abc)" is not an amount`},
		{`"100(120)"`, `受渡金額 "100(120)" is not an amount`},
	} {
		bad := strings.Replace(rakutenToday, `"10,000(120)"`, c.cell, 1)
		if _, err := broker.Parse("today.csv", []byte(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.cell, err)
		}
	}
}

// A sale and a distribution paid out: the sale's units are the units sold;
// a distribution adds none, whether its 数量 says the units it was paid on
// or nothing; a tax column, when there is one, is read.
func TestRakutenSaleAndDistribution(t *testing.T) {
	const csv = `"約定日","ファンド名","口座","取引","数量［口］","受渡金額/(ポイント利用)[円]","税金等[円]"
"2025/09/01","ｅＭＡＸＩＳ Ｓｌｉｍ 米国株式（Ｓ＆Ｐ５００）","特定","解約","5,000","14,569","120"
"2025/09/16","ｅＭＡＸＩＳ Ｓｌｉｍ 米国株式（Ｓ＆Ｐ５００）","特定","分配金","-","797","203"
"2025/09/17","ｅＭＡＸＩＳ Ｓｌｉｍ 米国株式（Ｓ＆Ｐ５００）","特定","分配金","12,000","80","-"
`
	h, err := broker.Parse("s.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	ps := h.Records
	if p := ps[0]; p.Kind != "sell" || p.Units != 5000 || p.Amount.String() != "14569" || p.Tax.String() != "120" {
		t.Errorf("sale %+v", p)
	}
	if p := ps[1]; p.Kind != "dividend" || p.Units != 0 || p.Amount.String() != "797" || p.Tax.String() != "203" {
		t.Errorf("distribution %+v", p)
	}
	if p := ps[2]; p.Kind != "dividend" || p.Units != 0 || !p.Tax.IsZero() {
		t.Errorf("distribution with units %+v", p)
	}
}

// SBI証券's 約定履歴照会 as public tools read it: the query's terms above the
// header, every product in one file, the frame abbreviated as NISA(つ) and
// NISA(成). A stock's line is left out and counted.
const sbi = `
約定履歴照会 

商品指定,約定開始年月日,約定終了年月日,明細数,明細指定開始,明細指定終了
"すべての商品","2025年01月01日","2025年12月31日","4","1","4"

（注）明細数はご指定された期間の合計です。

約定日,銘柄,銘柄コード,市場,取引,期限,預り,課税,約定数量,約定単価,手数料/諸経費等,税額,受渡日,受渡金額/決済損益
"2025/09/01","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）",,,投信金額解約,"--"," 特定 ","申告",5000,29139,--,300,"2025/09/04",14269
"2025/07/01","三菱商事","8058","東証",株式現物買,"--"," 特定 ","--",100,2778,--,--,"2025/07/03",277800
"2025/07/01","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）",,,投信金額買付,"--"," NISA(成) ","--",10948,27400,--,--,"2025/07/04",30000
"2025/01/06","ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）",,,投信金額買付,"--"," NISA(つ) ","--",36399,27473,--,--,"2025/01/09",100000
`

func TestSBI(t *testing.T) {
	data, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(sbi))
	h, err := broker.Parse("sbi.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if h.Format != "SBI証券 約定履歴" || len(h.Records) != 3 || h.Skipped != 1 {
		t.Fatalf("%s: %d trades, %d skipped", h.Format, len(h.Records), h.Skipped)
	}
	if p := h.Records[0]; p.Kind != "sell" || p.Units != 5000 || p.Amount.String() != "14269" || p.Tax.String() != "300" || p.Account != "tokutei" || p.Line != 10 {
		t.Errorf("sale %+v", p)
	}
	if p := h.Records[1]; p.Kind != "buy" || p.Account != "nisa-growth" || p.Units != 10948 || p.FundName != "eMAXIS Slim 全世界株式(オール・カントリー)" {
		t.Errorf("growth purchase %+v", p)
	}
	if p := h.Records[2]; p.Account != "nisa-tsumitate" || p.Date != "2025-01-06" || p.Amount.String() != "100000" {
		t.Errorf("つみたて purchase %+v", p)
	}
	bad := strings.Replace(sbi, "投信金額解約", "投信乗換", 1)
	if _, err := broker.Parse("sbi.csv", []byte(bad)); err == nil || !strings.Contains(err.Error(), `sbi.csv:10: 取引 "投信乗換" is not one this version knows`) {
		t.Errorf("unknown fund trade: %v", err)
	}
	stocks := strings.ReplaceAll(sbi, "投信金額", "株式現物")
	if _, err := broker.Parse("sbi.csv", []byte(stocks)); err == nil || !strings.Contains(err.Error(), "no fund trades (4 lines of other products)") {
		t.Errorf("stocks only: %v", err)
	}
}

// マネックス証券's 取引履歴 in the columns a public tool reads: cash and
// stock lines beside the fund's, which 商品 tells apart.
const monex = `受渡日,約定日,商品,銘柄・適用,口座区分,取引,数量,単価,受渡金額,為替レート,手数料,消費税,換算金額
2025/01/09,2025/01/06,投資信託,ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）,NISA(つみたて投資枠),買付,36399,27473,100000,,0,0,
2025/01/06,2025/01/06,金銭,証券総合口座より,,入金,,,100000,,,,
2025/09/04,2025/09/01,投資信託,ｅＭＡＸＩＳ Ｓｌｉｍ 全世界株式（オール・カントリー）,特定,解約,5000,29139,14569,,0,0,
`

func TestMonex(t *testing.T) {
	h, err := broker.Parse("monex.csv", []byte(monex))
	if err != nil {
		t.Fatal(err)
	}
	if h.Format != "マネックス証券 取引履歴" || len(h.Records) != 2 || h.Skipped != 1 {
		t.Fatalf("%s: %d trades, %d skipped", h.Format, len(h.Records), h.Skipped)
	}
	if p := h.Records[0]; p.Kind != "buy" || p.Account != "nisa-tsumitate" || p.Units != 36399 || p.Date != "2025-01-06" {
		t.Errorf("purchase %+v", p)
	}
	if p := h.Records[1]; p.Kind != "sell" || p.Account != "tokutei" || p.Amount.String() != "14569" {
		t.Errorf("sale %+v", p)
	}
}
