package kdp_test

import (
	"os"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/sales/kdp"
)

// FuzzReadBytes: any bytes read as a workbook give a report or one line of
// error, never a panic or a hang.
func FuzzReadBytes(f *testing.F) {
	for _, p := range []string{"payments.xlsx", "prior-month-royalties-2025-01.xlsx"} {
		if data, err := os.ReadFile("../../../shared/fixtures/kdp/" + p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := kdp.ReadBytes("f.xlsx", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of several lines: %q", err)
			}
			return
		}
		if len(r.Lines) == 0 && len(r.Payments) == 0 {
			t.Fatal("a report with nothing in it")
		}
	})
}
