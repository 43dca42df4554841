// Package kdptest finds the shared real KDP downloads and writes workbooks
// in KDP's shapes — the Japanese interface, broken files — for tests.
package kdptest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Fixture is the path of a file in ../shared/fixtures beside the
// repository. Without it the test skips, except in CI, where it must exist.
func Fixture(t testing.TB, rel string) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	p := filepath.Join(root, "..", "shared", "fixtures", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have the shared fixtures: %v", err)
		}
		t.Skipf("no shared fixture %s here", rel)
	}
	return p
}

// Sheet is one sheet to write: its rows, top to bottom.
type Sheet struct {
	Name string
	Rows [][]any
}

// Write makes a workbook at path with the sheets in order.
func Write(t testing.TB, path string, sheets ...Sheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.Name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// JapaneseStatement is a statement as the Japanese interface writes it:
// 電子書籍のロイヤリティ and 既読 KENPC, with 販売期間 | 8月 2026 in row 1.
func JapaneseStatement() []Sheet {
	return []Sheet{
		{Name: "電子書籍のロイヤリティ", Rows: [][]any{
			{"販売期間", "8月 2026"},
			{"タイトル", "著者", "ASIN", "マーケットプレイス", "注文数", "払い戻し数", "実質注文数", "ロイヤリティの種類", "コンテンツ区分",
				"通貨", "平均希望小売価格 (税別)", "平均販売価格 (税別)", "平均ファイルサイズ（MB）", "平均配信コスト", "ロイヤリティ"},
			{"月夜の郵便局", "灯野しずく", "B0JAPAN001", "Amazon.co.jp", 12, 1, 11, "70%", "通常", "JPY", 500, 500, 1.2, 1, 3454},
			{"月夜の郵便局", "灯野しずく", "B0JAPAN001", "Amazon.com", 2, 0, 2, "70%", "通常", "USD", 4.99, 4.99, 1.2, 0.18, 6.86},
			{"星の手紙", "灯野しずく", "B0JAPAN002", "Amazon.co.jp", 3, 0, 3, "35%", "通常", "JPY", 300, 300, 0.8, "該当なし", 315},
		}},
		{Name: "既読 KENPC", Rows: [][]any{
			{"販売期間", "8月 2026"},
			{"タイトル", "著者", "ASIN", "マーケットプレイス", "既読 KENP (Kindle Edition Normalized Pages)", "ロイヤリティ", "通貨"},
			{"月夜の郵便局", "灯野しずく", "B0JAPAN001", "Amazon.co.jp", 4210, 2021.3, "JPY"},
		}},
	}
}
