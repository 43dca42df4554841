package kdp

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hanmoto/hanmoto/sales/royalty"
)

// words makes the sheet names and headers of a workbook random letters,
// seeded: a language no table knows, a different one for every seed.
func words(seed uint64) (func(*language, sheetKind) string, func(*language, []Field) []any) {
	rng := rand.New(rand.NewPCG(seed, seed>>32|1))
	word := func() string {
		b := make([]byte, 3+rng.IntN(12))
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		if rng.IntN(3) == 0 {
			b[rng.IntN(len(b))] = ' '
		}
		return string(b)
	}
	names := map[sheetKind]string{}
	sheet := func(_ *language, k sheetKind) string {
		if names[k] == "" {
			names[k] = fmt.Sprintf("%s %d", word(), len(names))
		}
		return names[k]
	}
	hdr := func(_ *language, fields []Field) []any {
		out := make([]any, len(fields))
		for i := range fields {
			out[i] = word()
		}
		return out
	}
	return sheet, hdr
}

// FuzzScrambledWords: a dashboard of every layout (eBook, print, KENP,
// orders, Summary), a statement (eBook, KENP, print, total), in the 2021–
// and the 2017–2020 shapes, and a Payments report, written in random
// words, read into what the English ones read: the structure decides,
// never a word.
func FuzzScrambledWords(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 42, 2026} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		names, hdr := words(seed)
		want, err := ReadBytes("en.xlsx", dashboardFor(t, english, sheetName, headersOf))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadBytes("x.xlsx", dashboardFor(t, english, names, hdr))
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if a, b := linesOf(got), linesOf(want); a != b {
			t.Fatalf("seed %d: the dashboard reads differently:\n%s\nwant\n%s", seed, a, b)
		}
		// the Payments report: 17 columns, parent and detail rows
		_, phdr := words(seed + 2)
		payments := func(hdr []any) []byte {
			return workbookBytes(t, [][2]any{{"Payments", [][]any{hdr,
				{"2025-05-01", "2025-05-31", "Amazon.co.jp", 341291304.0, "", "2025-07-29", "EFT", "JPY", 2365, 0, 0, 2365, "", "0.0058", "EUR", 13.65, "Paid"},
				{"", "", "", "", "2025-05", "", "", "JPY", 2296, 0, "", 2296, "Paperback Sales"},
				{"", "", "", "", "2025-05", "", "", "JPY", 69, 0, "", 69, "KENP Royalties"},
			}}})
		}
		var lay []Field
		for _, l := range layouts {
			if l.name == "payments" {
				lay = l.fields
			}
		}
		enHdr := make([]any, len(lay))
		for i, f := range lay {
			enHdr[i] = "Currency" // the payout's currency: a second Currency
			if f != FPayoutCurrency {
				enHdr[i] = label(english, f)
			}
		}
		wantP, err := ReadBytes("en.xlsx", payments(enHdr))
		if err != nil {
			t.Fatal(err)
		}
		gotP, err := ReadBytes("x.xlsx", payments(phdr(english, lay)))
		if err != nil {
			t.Fatalf("seed %d payments: %v", seed, err)
		}
		if a, b := fmt.Sprintf("%+v", gotP.Payments), fmt.Sprintf("%+v", wantP.Payments); a != b {
			t.Fatalf("seed %d: the payments read differently:\n%s\nwant\n%s", seed, a, b)
		}
		for _, era := range []string{"", "-2020"} {
			names, hdr := words(seed + 1)
			want, err := ReadBytes("en.xlsx", statementFor(t, english, sheetName, headersOf, era))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ReadBytes("x.xlsx", statementFor(t, english, names, hdr, era))
			if err != nil {
				t.Fatalf("seed %d%s: %v", seed, era, err)
			}
			if a, b := linesOf(got), linesOf(want); a != b {
				t.Fatalf("seed %d%s: the statement reads differently:\n%s\nwant\n%s", seed, era, a, b)
			}
		}
	})
}

func linesOf(r *royalty.Report) string {
	s := fmt.Sprintf("%s %s\n", r.Kind, r.Period())
	for _, l := range r.Lines {
		s += fmt.Sprintf("%s %d %s %s %s %s %s %v %v %v %v %v %v\n", l.Month, l.Day, l.Format, l.Marketplace, l.Currency, l.ASIN, l.ISBN,
			deref(l.UnitsNet), deref(l.UnitsFree), deref(l.KENPPages), l.Royalty, l.OfferPrice, l.Pending)
	}
	return s
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// statementFor is a statement in a language's words: eBook, KENP, a
// paperback sale, an empty hardcover sheet and the total sheet; era
// "-2020" writes the print sheets without their ASIN column, as KDP did
// until 2020.
func statementFor(t *testing.T, l *language, names func(*language, sheetKind) string, hdr func(*language, []Field) []any, era string) []byte {
	lay := func(name string) []Field {
		for _, x := range layouts {
			if x.name == name {
				return x.fields
			}
		}
		panic(name)
	}
	row1 := []any{"Sales Period", "January 2025"}
	print := []any{"T2", "A", "9798000000001", "Amazon.com", 1, 0, "60%", 12, 12, 3, 4.2, "USD", "B0T2"}
	if era != "" {
		print = print[:12]
	}
	return workbookBytes(t, [][2]any{
		{names(l, sheetEbook), [][]any{row1, hdr(l, lay("statement-ebook")),
			{"T1", "A", "B0T1", "Amazon.de", 2, 0, 2, "70%", "Standard", "EUR", 4.99, 4.99, 0.5, 0.04, 6.9}}},
		{names(l, sheetKENP), [][]any{row1, hdr(l, lay("statement-kenp")), {"T1", "A", "B0T1", "Amazon.de", 300, 0.93, "EUR"}}},
		{names(l, sheetPaperback), [][]any{row1, hdr(l, lay("statement-print"+era)), print}},
		{names(l, sheetHardcover), [][]any{row1, hdr(l, lay("statement-print"+era))}},
		{names(l, sheetTotal), [][]any{row1, hdr(l, lay("statement-total")),
			{"T2", "A", "9798000000001", "Amazon.com", 1, 0, 1, "60%", "Standard - Paperback", "USD", 12, 12, "N/A", 3, 4.2},
			{"T1", "A", "B0T1", "Amazon.de", 2, 0, 2, "70%", "Standard", "EUR", 4.99, 4.99, 0.5, 0.04, 6.9},
			{"T1", "A", "B0T1", "Amazon.de", 0, 0, 300, "", "KENP", "EUR", "N/A", "N/A", "N/A", "N/A", 0.93}}},
	})
}
