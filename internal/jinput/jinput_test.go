package jinput

import "testing"

func TestDate(t *testing.T) {
	good := map[string]string{
		"2024-01-04": "2024-01-04", "2024/1/4": "2024-01-04", "２０２４／１／４": "2024-01-04",
		"2024年1月4日": "2024-01-04", "R6.1.4": "2024-01-04", "r6/1/4": "2024-01-04", "令和6年1月4日": "2024-01-04",
		"令和元年5月1日": "2019-05-01", "H31.4.30": "2019-04-30", "20240104": "2024-01-04", "2024.1.4": "2024-01-04",
	}
	for in, want := range good {
		if got, err := Date(in); err != nil || got != want {
			t.Errorf("Date(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2024-02-30", "2024/13/1", "24/1/4", "yesterday", "2024-01", "R6.1"} {
		if got, err := Date(in); err == nil {
			t.Errorf("Date(%q) = %q, want an error", in, got)
		}
	}
}

func TestMonth(t *testing.T) {
	good := map[string]string{"2024-01": "2024-01", "2024/1": "2024-01", "2024年1月": "2024-01", "R6.1": "2024-01",
		"令和6年12月": "2024-12", "202401": "2024-01", "２０２４－０１": "2024-01"}
	for in, want := range good {
		if got, err := Month(in); err != nil || got != want {
			t.Errorf("Month(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"2024-13", "2024", "1/2024", "2024-01-04"} {
		if got, err := Month(in); err == nil {
			t.Errorf("Month(%q) = %q, want an error", in, got)
		}
	}
}

func TestAmount(t *testing.T) {
	good := map[string]string{"30000": "30000", "３００００": "30000", "30,000円": "30000", "￥30,000": "30000",
		"¥1,234.5": "1234.5", "３０，０００": "30000", "\\500": "500",
		"３万円": "30000", "1.5万": "15000", "3万5千円": "35000", "2千": "2000", "１０万円": "100000", "3万500": "30500"}
	for in, want := range good {
		if got, err := Amount(in); err != nil || got.String() != want {
			t.Errorf("Amount(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "円", "三万", "30000ドル", "1.2.3", "万", "1.23456万", "3万-5", "1e3万"} {
		if got, err := Amount(in); err == nil {
			t.Errorf("Amount(%q) = %s, want an error", in, got)
		}
	}
}

func TestWhole(t *testing.T) {
	if n, err := Whole("１２，３４５口"); err != nil || n != 12345 {
		t.Errorf("Whole = %d, %v", n, err)
	}
	if _, err := Whole("12345.67"); err == nil {
		t.Error("12345.67 is not a whole number")
	}
}

func TestChoice(t *testing.T) {
	accounts := [][]string{{"nisa", "NISA", "ニーサ"}, {"tokutei", "特定"}, {"ippan", "一般"}}
	for in, want := range map[string]string{"NISA": "nisa", "ｎｉｓａ": "nisa", "特定": "tokutei", "Tokutei": "tokutei", "一般": "ippan"} {
		if got, ok := Choice(in, accounts...); !ok || got != want {
			t.Errorf("Choice(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := Choice("roth", accounts...); ok {
		t.Error("roth is no account here")
	}
}

func TestFlag(t *testing.T) {
	for in, want := range map[string]string{"ーーfix": "--fix", "－－ｆｉｘ": "--fix", "—fix": "--fix", "――fix": "--fix",
		"ーーamount=３万円": "--amount=3万円", "ーo": "-o", "－－Lang": "--lang"} {
		if got, ok := Flag(in); !ok || got != want {
			t.Errorf("Flag(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"--fix", "-o", "ーー", "ーfix", "ーーあ", "第一話", "chapters", "ー", "---fix"} {
		if got, ok := Flag(in); ok {
			t.Errorf("Flag(%q) = %q: not a flag typed with an input method", in, got)
		}
	}
}
