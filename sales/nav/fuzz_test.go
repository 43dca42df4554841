package nav_test

import (
	"os"
	"testing"

	"github.com/hanmoto/hanmoto/sales/nav"
)

// FuzzParse: any bytes read as a NAV history give prices or one error, never
// a panic; every price read is positive and dated.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("../../../shared/fixtures/nav/mufg_emaxis_slim_allcountry_253425.csv"); err == nil {
		f.Add(data[:min(len(data), 4000)])
	}
	f.Add([]byte("日付,基準価額\n2025/10/17,\"30,808\"\n"))
	f.Add([]byte("基準日,基準価額(円)\n20251017,￥30808\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := nav.Parse("f.csv", data)
		if err != nil {
			return
		}
		for _, r := range file.Days {
			if !r.NAV.IsPositive() || len(r.Date) != 10 {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
