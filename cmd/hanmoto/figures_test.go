package main

import (
	"archive/zip"
	"bytes"
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

// samefig FILE REGEXP FILE REGEXP [FILE REGEXP…] checks that one figure
// is the same wherever a person reads it: each REGEXP's first group,
// matched in its FILE (saved output: cp stdout FILE), read as a number —
// separators and the marks ≈ ≥ put aside — must be present and equal.
// With `+` between pairs, the figures of the left side add up to the
// right: samefig a RE1 + a RE2 = b RE3 — within the rounding of whole
// units that printing each figure allows (half a unit a figure).
func cmdSameFig(ts *testscript.TestScript, neg bool, args []string) {
	figure := func(file, expr string) decimal.Decimal {
		re, err := regexp.Compile("(?m)" + expr)
		ts.Check(err)
		m := re.FindStringSubmatch(ts.ReadFile(file))
		if len(m) < 2 {
			ts.Fatalf("%s: no match for %s", file, expr)
		}
		s := strings.NewReplacer(",", "", "≈", "", "≥", "", " ", "").Replace(m[1])
		d, err := decimal.NewFromString(s)
		if err != nil {
			ts.Fatalf("%s: %q (from %s) is not a figure", file, m[1], expr)
		}
		return d
	}
	var sides [][]decimal.Decimal
	cur := []decimal.Decimal{}
	for i := 0; i < len(args); {
		switch args[i] {
		case "+":
			i++
			continue
		case "=":
			sides = append(sides, cur)
			cur = nil
			i++
			continue
		}
		if i+1 >= len(args) {
			ts.Fatalf("usage: samefig FILE REGEXP FILE REGEXP…")
		}
		cur = append(cur, figure(args[i], args[i+1]))
		i += 2
	}
	sides = append(sides, cur)
	if len(sides) == 1 {
		// no "=": every figure is one side of its own
		var each [][]decimal.Decimal
		for _, d := range sides[0] {
			each = append(each, []decimal.Decimal{d})
		}
		sides = each
	}
	var sums []decimal.Decimal
	for _, s := range sides {
		sum := decimal.Zero
		for _, d := range s {
			sum = sum.Add(d)
		}
		sums = append(sums, sum)
	}
	// each printed figure is its exact value rounded, within half a unit
	// of its last digit: a sum of n of them may stray by n halves
	terms := 0
	for _, s := range sides {
		if len(s) > 1 {
			terms += len(s)
		}
	}
	if terms > 0 {
		terms += len(sides) - 1
	}
	tolerance := decimal.New(5, -1).Mul(decimal.NewFromInt(int64(terms)))
	same := true
	for _, s := range sums[1:] {
		if s.Sub(sums[0]).Abs().GreaterThan(tolerance) {
			same = false
		}
	}
	if same == neg {
		ts.Fatalf("figures %v: same=%v", sums, same)
	}
}

// payinyen SRC DST writes the Payments report SRC as a Japanese bank
// account receives it: every payment paid out in yen, at KDP's FX rate
// (a fixed rate per currency here), its payout the net at that rate,
// rounded to the yen; the lines of Amazon.co.jp need no rate.
func cmdPayInYen(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: payinyen SRC DST")
	}
	rates := map[string]string{"USD": "148.2", "EUR": "162.5", "GBP": "191.4", "CAD": "106.3",
		"AUD": "95.8", "BRL": "26.4", "MXN": "7.9", "INR": "1.72"}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	ts.Check(err)
	col := map[string]int{}
	for i, h := range rows[0] {
		if _, seen := col[h]; seen {
			h = "Payout " + h // the second Currency: the payout's
		}
		col[h] = i
	}
	for _, h := range []string{"Payment Number", "Currency", "Net Earnings", "FX Rate", "Payout Currency", "Payout Amount"} {
		if _, ok := col[h]; !ok {
			ts.Fatalf("payinyen: no column %q in %s", h, args[0])
		}
	}
	cell := func(c, r int) string {
		name, err := excelize.CoordinatesToCellName(c+1, r+1)
		ts.Check(err)
		return name
	}
	for r, row := range rows[1:] {
		r++
		get := func(h string) string {
			if col[h] < len(row) {
				return row[col[h]]
			}
			return ""
		}
		if get("Payment Number") == "" {
			continue
		}
		net, err := decimal.NewFromString(get("Net Earnings"))
		ts.Check(err)
		payout := net
		if cur := get("Currency"); cur != "JPY" {
			rate, ok := rates[cur]
			if !ok {
				ts.Fatalf("payinyen: no rate for %s", cur)
			}
			fx := decimal.RequireFromString(rate)
			payout = net.Mul(fx).Round(0)
			v, _ := fx.Float64()
			ts.Check(f.SetCellFloat(sheet, cell(col["FX Rate"], r), v, -1, 64))
		} else {
			ts.Check(f.SetCellStr(sheet, cell(col["FX Rate"], r), ""))
		}
		ts.Check(f.SetCellStr(sheet, cell(col["Payout Currency"], r), "JPY"))
		v, _ := payout.Float64()
		ts.Check(f.SetCellFloat(sheet, cell(col["Payout Amount"], r), v, -1, 64))
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}

// sjis SRC DST writes SRC in Shift_JIS, as Japanese banks publish CSV.
func cmdSJIS(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sjis SRC DST")
	}
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(ts.ReadFile(args[0])))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o644))
}

// zipone ZIP NAME SRC writes a zip holding SRC as NAME, as the ECB ships
// eurofxref-hist.csv.
func cmdZipOne(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: zipone ZIP NAME SRC")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(args[1])
	ts.Check(err)
	_, err = w.Write([]byte(ts.ReadFile(args[2])))
	ts.Check(err)
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
}

// nowords FILE fails on an English word in FILE, a command's saved output
// under a Japanese locale, as TestJapaneseReplay judges them.
func cmdNoWordsIn(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: nowords FILE")
	}
	allowed := allowedSet()
	if bad := englishIn(ts.ReadFile(args[0]), allowed); len(bad) > 0 {
		ts.Fatalf("%s: English under ja_JP: %s", args[0], strings.Join(bad, ", "))
	}
}
