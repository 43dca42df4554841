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
	if p.Date != "2025-08-01" || p.Units != 9713 || p.Amount.String() != "30000" || p.Account != "nisa" ||
		p.FundName != "eMAXIS Slim 全世界株式(オール・カントリー)" || p.Line != 2 {
		t.Errorf("%+v", p)
	}
	if ps[1].Account != "tokutei" {
		t.Errorf("account %s", ps[1].Account)
	}
}

func TestRakutenBad(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{strings.Replace(rakuten, `"買付","積立"`, `"解約","-"`, 1), `r.csv:2: 取引 "解約": only purchases (買付) can be imported`},
		{strings.Replace(rakuten, `"9,713"`, `"many"`, 1), `r.csv:2: 数量［口］ "many" is not a whole number of units`},
		{"a,b,c\n1,2,3\n", "r.csv: not a trade history this version knows"},
	} {
		_, _, err := broker.Parse("r.csv", []byte(c.csv))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v, want %s", err, c.want)
		}
	}
}
