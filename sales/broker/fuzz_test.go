package broker_test

import (
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/sales/broker"
)

// FuzzParse: any bytes read as a trade history give trades that make sense
// or one line of error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("\"約定日\",\"受渡日\",\"ファンド名\",\"分配金\",\"口座\",\"取引\",\"買付方法\",\"数量［口］\",\"単価\",\"経費\",\"為替レート\",\"受付金額[現地通貨]\",\"受渡金額/(ポイント利用)[円]\",\"決済通貨\"\n" +
		"\"2025/07/01\",\"2025/07/04\",\"全世界株式\",\"再投資型\",\"NISAつみたて投資枠\",\"買付\",\"積立\",\"10,948\",\"27,400\",\"0\",\"-\",\"-\",\"30,000(100)\",\"円\"\n"))
	f.Add([]byte("約定日,銘柄,銘柄コード,市場,取引,期限,預り,課税,約定数量,約定単価,手数料/諸経費等,税額,受渡日,受渡金額/決済損益\n" +
		"2025/01/06,全世界株式,,,投信金額買付,,NISA(つ),,12000,25000,0,0,2025/01/09,30000\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := broker.Parse("f.csv", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of several lines: %q", err)
			}
			return
		}
		for _, tr := range h.Records {
			if len(tr.Date) != 10 || tr.Units < 0 || !tr.Amount.IsPositive() {
				t.Fatalf("a trade that makes no sense: %+v", tr)
			}
		}
	})
}
