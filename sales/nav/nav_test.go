package nav_test

import (
	"os"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/nav"
	"golang.org/x/text/encoding/japanese"
)

func TestManagerFile(t *testing.T) {
	data, err := os.ReadFile(kdptest.Fixture(t, "nav/mufg_emaxis_slim_allcountry_253425.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := nav.Parse("mufg.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Days) != 1698 {
		t.Errorf("%d days, want 1,698", len(f.Days))
	}
	first, last := f.Days[0], f.Days[len(f.Days)-1]
	if first.Date != "2018-10-31" || first.NAV.String() != "10000" || last.Date != "2025-10-17" || last.NAV.String() != "30808" {
		t.Errorf("first %+v, last %+v", first, last)
	}
	if f.FundName != "eMAXIS Slim 全世界株式(オール・カントリー)" {
		t.Errorf("fund name %q", f.FundName)
	}
}

func sjis(t *testing.T, s string) []byte {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Other managers' shapes of the same data all read to the same rows.
func TestEveryManagerShapeReadsTheSamePrices(t *testing.T) {
	want := "2025-10-15=30957 2025-10-16=30989 2025-10-17=30808"
	cases := map[string][]byte{
		"utf-8 BOM, newest first, 年月日":   []byte("\xef\xbb\xbf年月日,基準価額（円）,純資産総額（百万円）\r\n2025年10月17日,\"30,808\",1\r\n2025年10月16日,\"30,989\",1\r\n2025年10月15日,\"30,957\",1\r\n"),
		"cp932, title line, yen signs":   sjis(t, "ファンド名：全世界株式\n日付,基準価額\n2025/10/15,\"￥30,957\"\n2025/10/16,\\30989\n2025/10/17,30808円\n"),
		"YYYYMMDD, no title":             []byte("基準日,基準価額(円),分配金\n20251015,30957,0\n20251016,30989,0\n20251017,30808,\n"),
		"ISO dates, full-width header":   []byte("ｄａｔｅ,基準価額（円）\n2025-10-17,30808\n2025-10-15,30957\n2025-10-16,30989\n"),
		"the same day twice, same price": []byte("日付,基準価額\n2025/10/15,30957\n2025/10/16,30989\n2025/10/17,30808\n2025/10/17,30808\n"),
		"the fund named on every row":    []byte("ファンド名,基準日,基準価額\n全世界株式,2025/10/15,30957\n全世界株式,2025/10/16,30989\n全世界株式,2025/10/17,30808\n"),
	}
	for name, data := range cases {
		f, err := nav.Parse("x.csv", data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got []string
		for _, r := range f.Days {
			got = append(got, r.Date+"="+r.NAV.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: %s", name, strings.Join(got, " "))
		}
		if strings.Contains(name, "named") && f.FundName != "全世界株式" {
			t.Errorf("%s: the fund is named %q, want the ファンド名 column's 全世界株式", name, f.FundName)
		}
	}
}

func TestBadFiles(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"no header", "2025/10/17,30808\n2025/10/16,30989\n", "x.csv: no header row with a date column"},
		{"unknown encoding", "\xff\xfe\x00\x00\x81\x00\xfd\xfd", "x.csv: holds NUL bytes"},
		{"not Shift_JIS either", "\xff\xfe\x81\xfd\xfd", "x.csv: neither UTF-8 nor Shift_JIS"},
		{"a date twice, two prices", "日付,基準価額\n2025/10/17,30808\n2025/10/17,30900\n", "x.csv:3: 2025-10-17 appears again with 基準価額 30900 (line 2 says 30808)"},
		{"not a number", "日付,基準価額\n2025/10/17,abc\n", `x.csv:2: 基準価額 "abc" is not a price`},
		{"not a date", "日付,基準価額\n2025/13/45,30808\n", `x.csv:2: "2025/13/45" is not a date`},
		{"header only", "日付,基準価額\n", "x.csv: a header but no prices"},
		// Europe's decimal comma is refused, never read as another number
		{"decimal comma", "日付,基準価額\n2025/10/17,\"12.345,67\"\n", `x.csv:2: 基準価額 "12.345,67" is not a price`},
		{"comma not in thousands", "日付,基準価額\n2025/10/17,\"30,80\"\n", `x.csv:2: 基準価額 "30,80" is not a price`},
		{"implausible price", "日付,基準価額\n2025/10/17,1e300\n", `x.csv:2: 基準価額 "1e300" is not a price`},
		{"a million digits", "日付,基準価額\n2025/10/17," + strings.Repeat("9", 1000000) + "\n", `x.csv:2: 基準価額`},
		{"a date in 2099", "日付,基準価額\n2099/10/17,30808\n", `x.csv:2: "2099/10/17" is not a date`},
		{"too large", strings.Repeat("x", nav.MaxFileSize+1), "x.csv: 32 MB is far larger than any fund's NAV history"},
	}
	for _, c := range cases {
		_, err := nav.Parse("x.csv", []byte(c.data))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
	}
}

// TestCROnlyLines: a file whose lines end with CR alone reads as lines.
func TestCROnlyLines(t *testing.T) {
	f, err := nav.Parse("cr.csv", []byte("日付,基準価額\r2025/10/15,30957\r2025/10/16,30989\r"))
	if err != nil || len(f.Days) != 2 {
		t.Fatalf("%v %+v", err, f)
	}
}
