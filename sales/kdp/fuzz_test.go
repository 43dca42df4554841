package kdp_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/kdp"
)

// storedSeed writes a small workbook of each kind and packs it again
// uncompressed, with only the parts a reader needs: a mutation of a
// deflated real download breaks its checksum and nothing past it is ever
// reached, while a mutation of stored XML reaches the sheet reader.
func storedSeed(f *testing.F, sheets ...kdptest.Sheet) []byte {
	path := filepath.Join(f.TempDir(), "seed.xlsx")
	kdptest.Write(f, path, sheets...)
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		f.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		if strings.Contains(e.Name, "theme") || strings.HasPrefix(e.Name, "docProps/app") {
			continue
		}
		rc, _ := e.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Store})
		w.Write(body)
	}
	zw.Close()
	return out.Bytes()
}

// FuzzReadBytes: any bytes read as a workbook give a report or one line of
// error, never a panic or a hang.
func FuzzReadBytes(f *testing.F) {
	header := []any{"Title", "Author", "ASIN", "Marketplace", "Units Sold", "Units Refunded", "Net Units Sold", "Royalty Type",
		"Transaction Type", "Currency", "Avg. List Price without tax", "Avg. Offer Price without tax", "Avg. File Size (MB)", "Avg. Delivery Cost", "Royalty"}
	f.Add(storedSeed(f, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Sales Period", "January 2025"}, header,
		{"T", "A", "B0X1", "Amazon.co.jp", 2, 0, 2, "70%", "Standard", "JPY", 500, 500, 0.5, 1, 698}}}))
	f.Add(storedSeed(f, kdptest.Sheet{Name: "Summary", Rows: [][]any{{"Date", "Paid Units Sold (eBook)", "Free Units Sold (eBook)",
		"Net Units Sold (Paperback)", "Net Units Sold (Hardcover)", "KOLL Borrows", "Kindle Edition Normalized Page (KENP) Read", "Royalty (EUR)"},
		{"September 2025", 1, 0, 0, 0, "N/A", 10, 3.5}}},
		kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Royalty Date", "Title", "Author Name", "ASIN", "Marketplace", "Royalty Type",
			"Transaction Type", "Units Sold", "Units Refunded", "Net Units Sold", "Avg. List Price without tax", "Avg. Offer Price without tax",
			"Avg. File Size (MB)", "Avg. Delivery Cost", "Royalty", "Currency"},
			{"2025-09", "T", "A", "B0X1", "Amazon.de", "70%", "Standard", 1, 0, 1, 4.99, 4.99, 0.5, 0.04, 3, "EUR"}}},
		kdptest.Sheet{Name: "KENP Read", Rows: [][]any{{"Date", "Title", "Author Name", "ASIN", "Marketplace", "Kindle Edition Normalized Page (KENP) Read"},
			{"2025-09-01", "T", "A", "B0X1", "Amazon.de", 10}}}))
	for _, s := range kdptest.JapaneseStatement() {
		f.Add(storedSeed(f, s))
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
