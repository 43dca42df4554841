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
	ps, format, err := broker.Parse("rakuten.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if format != "楽天証券 投信取引履歴" || len(ps) != 2 {
		t.Fatalf("%s, %d purchases", format, len(ps))
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
		_, _, err := broker.Parse("r.csv", []byte(c.csv))
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
	ps, _, err := broker.Parse("today.csv", data)
	if err != nil {
		t.Fatal(err)
	}
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
		if _, _, err := broker.Parse("today.csv", []byte(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
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
	ps, _, err := broker.Parse("s.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
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
