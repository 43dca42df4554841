package kdptest

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

var genMarkets = [][2]string{{"Amazon.com", "USD"}, {"Amazon.co.uk", "GBP"}, {"Amazon.de", "EUR"}, {"Amazon.fr", "EUR"},
	{"Amazon.es", "EUR"}, {"Amazon.it", "EUR"}, {"Amazon.nl", "EUR"}, {"Amazon.co.jp", "JPY"}, {"Amazon.in", "INR"},
	{"Amazon.ca", "CAD"}, {"Amazon.com.br", "BRL"}, {"Amazon.com.mx", "MXN"}, {"Amazon.com.au", "AUD"}}

// GenerateStatements writes n monthly statements, from January 2016 on, in
// the English interface's shape: 50 titles in 13 marketplaces, with an eBook
// line where a title sold that month in that marketplace (one pair in four)
// and a KENP line where it was read (one in five) — about 300 lines, ten
// times a small author's real statement. The same seed, the same files.
func GenerateStatements(dir string, n int) ([]string, error) {
	var paths []string
	r := rand.New(rand.NewPCG(4, 2))
	for i := 0; i < n; i++ {
		year, month := 2016+i/12, i%12+1
		names := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
		period := fmt.Sprintf("%s %d", names[month-1], year)
		f := excelize.NewFile()
		ebook := "eBook Royalty"
		f.SetSheetName("Sheet1", ebook)
		f.NewSheet("KENP Read")
		sw, err := f.NewStreamWriter(ebook)
		if err != nil {
			return nil, err
		}
		sw.SetRow("A1", []any{"Sales Period", period})
		sw.SetRow("A2", []any{"Title", "Author", "ASIN", "Marketplace", "Units Sold", "Units Refunded", "Net Units Sold", "Royalty Type",
			"Transaction Type", "Currency", "Avg. List Price without tax", "Avg. Offer Price without tax", "Avg. File Size (MB)", "Avg. Delivery Cost", "Royalty"})
		row := 3
		for t := 1; t <= 50; t++ {
			for _, m := range genMarkets {
				if r.IntN(4) != 0 {
					continue
				}
				sold := 1 + r.IntN(20)
				refunded := r.IntN(2)
				price := float64(300+r.IntN(900)) / 100
				if m[1] == "JPY" || m[1] == "INR" {
					price = float64(100 * (3 + r.IntN(12)))
				}
				royalty := float64(int(price*0.7*float64(sold-refunded)*100)) / 100
				cell, _ := excelize.CoordinatesToCellName(1, row)
				sw.SetRow(cell, []any{fmt.Sprintf("Title %02d", t), "Author 01", fmt.Sprintf("B0GEN%05d", t), m[0], sold, refunded,
					sold - refunded, "70%", "Standard", m[1], price, price, 0.5, 0.06, royalty})
				row++
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
		kw, err := f.NewStreamWriter("KENP Read")
		if err != nil {
			return nil, err
		}
		kw.SetRow("A1", []any{"Sales Period", period})
		kw.SetRow("A2", []any{"Title", "Author", "ASIN", "Marketplace", "Kindle Edition Normalized Page (KENP) Read", "Royalty", "Currency"})
		row = 3
		for t := 1; t <= 50; t++ {
			for _, m := range genMarkets {
				if r.IntN(5) != 0 {
					continue
				}
				pages := 1 + r.IntN(3000)
				cell, _ := excelize.CoordinatesToCellName(1, row)
				kw.SetRow(cell, []any{fmt.Sprintf("Title %02d", t), "Author 01", fmt.Sprintf("B0GEN%05d", t), m[0], pages,
					float64(pages*45/10) / 1000, m[1]})
				row++
			}
		}
		if err := kw.Flush(); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, fmt.Sprintf("statement-%d-%02d.xlsx", year, month))
		if err := f.SaveAs(p); err != nil {
			return nil, err
		}
		f.Close()
		paths = append(paths, p)
	}
	return paths, nil
}
