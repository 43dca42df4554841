// Command geninvest writes ten years of a synthetic fund for `make bench`:
// DIR/nav.csv (a daily NAV, business days, as a manager publishes it) and
// DIR/buys.csv (a monthly 30,000-yen purchase, in 楽天証券's trade-history
// shape). go run ./examples/geninvest DIR
package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: geninvest DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r := rand.New(rand.NewPCG(7, 7))
	var nav, buys strings.Builder
	nav.WriteString("ベンチマーク・ファンド\n基準日,基準価額(円),純資産総額（億円）\n")
	buys.WriteString("約定日,受渡日,ファンド名,分配金,口座,取引,買付方法,数量［口］,単価,経費,為替レート,現地通貨,受渡金額(円),受渡通貨\n")
	price := 10000.0
	lastMonth := ""
	for d := time.Date(2015, 1, 5, 0, 0, 0, 0, time.UTC); d.Year() < 2025; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		price *= math.Exp(0.0003 + 0.01*r.NormFloat64())
		p := int(price)
		fmt.Fprintf(&nav, "%s,%d,%d.00\n", d.Format("2006/01/02"), p, 100+r.IntN(900))
		if m := d.Format("2006-01"); m != lastMonth {
			lastMonth = m
			units := 30000 * 10000 / p
			// the account as 楽天証券 names the NISA of the purchase's year
			acct := "NISAつみたて投資枠"
			switch {
			case d.Year() < 2018:
				acct = "NISA"
			case d.Year() < 2024:
				acct = "つみたてNISA"
			}
			fmt.Fprintf(&buys, "\"%s\",\"%s\",\"ベンチマーク・ファンド\",\"-\",\"%s\",\"買付\",\"積立\",\"%d\",\"%d\",\"0\",\"-\",\"-\",\"30,000\",\"円\"\n",
				d.Format("2006/01/02"), d.AddDate(0, 0, 3).Format("2006/01/02"), acct, units, p)
		}
	}
	for name, s := range map[string]string{"nav.csv": nav.String(), "buys.csv": buys.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
