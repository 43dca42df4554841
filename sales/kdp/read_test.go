package kdp_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/kdptest"
	"github.com/hanmoto/hanmoto/sales/kdp"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// independent reads a sheet's raw rows and sums a column per currency,
// the way a careful person with a spreadsheet would: every value as Excel
// shows it (15 significant digits), no code shared with the importer.
func independent(t *testing.T, path, sheet, amountHeader string, headerRow int) (map[string]decimal.Decimal, int) {
	t.Helper()
	rows := rawRows(t, path, sheet)
	hdr := rows[headerRow-1]
	amount, cur := -1, -1
	for i, h := range hdr {
		switch h {
		case amountHeader:
			amount = i
		case "Currency":
			if cur < 0 {
				cur = i
			}
		}
	}
	sums := map[string]decimal.Decimal{}
	n := 0
	for _, r := range rows[headerRow:] {
		if len(r) <= amount || r[amount] == "" {
			continue
		}
		x, err := strconv.ParseFloat(r[amount], 64)
		if err != nil {
			t.Fatalf("%s row: %v", sheet, err)
		}
		d := decimal.RequireFromString(strconv.FormatFloat(x, 'g', 15, 64))
		sums[r[cur]] = sums[r[cur]].Add(d)
		n++
	}
	return sums, n
}

func lineTotals(lines []royalty.Line, format royalty.Format) (map[string]decimal.Decimal, int) {
	sums := map[string]decimal.Decimal{}
	n := 0
	for _, l := range lines {
		if l.Format != format {
			continue
		}
		n++
		if l.Royalty != nil {
			sums[l.Currency] = sums[l.Currency].Add(*l.Royalty)
		}
	}
	return sums, n
}

func sameTotals(t *testing.T, what string, got, want map[string]decimal.Decimal) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: currencies %v, want %v", what, got, want)
	}
	for cur, w := range want {
		if !got[cur].Equal(w) {
			t.Errorf("%s: %s %s, want %s", what, cur, got[cur], w)
		}
	}
}

func TestStatementFixture(t *testing.T) {
	path := kdptest.Fixture(t, "kdp/prior-month-royalties-2025-01.xlsx")
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != royalty.Statement || r.Period() != "2025-01" {
		t.Fatalf("read as %s %s", r.Kind, r.Period())
	}
	for _, c := range []struct {
		sheet  string
		format royalty.Format
	}{{"eBook Royalty", royalty.Ebook}, {"KENP Read", royalty.KENP}, {"Paperback Royalty", royalty.Paperback}, {"Hardcover Royalty", royalty.Hardcover}} {
		want, wantN := independent(t, path, c.sheet, "Royalty", 2)
		got, n := lineTotals(r.Lines, c.format)
		if n != wantN {
			t.Errorf("%s: %d lines, want %d", c.sheet, n, wantN)
		}
		sameTotals(t, c.sheet, got, want)
	}
	// Total Earnings repeats the format sheets: it is not imported as well
	total, totalN := independent(t, path, "Total Earnings", "Earnings", 2)
	if len(r.Lines) != totalN {
		t.Errorf("%d lines, but Total Earnings has %d: lines counted twice or lost", len(r.Lines), totalN)
	}
	all := map[string]decimal.Decimal{}
	for _, l := range r.Lines {
		all[l.Currency] = all[l.Currency].Add(*l.Royalty)
	}
	sameTotals(t, "all sheets vs Total Earnings", all, total)
	// one line read in full
	l := r.Lines[0]
	if l.Title != "Title 01" || l.ASIN != "B0ANON0001" || l.Marketplace != "Amazon.it" || *l.UnitsSold != 1 ||
		l.ListPrice.String() != "8.11" || l.DeliveryCost.String() != "0.04" || l.Royalty.String() != "5.65" || l.Sheet != "eBook Royalty" || l.Row != 3 {
		t.Errorf("first line %+v", l)
	}
}

func TestPaymentsFixture(t *testing.T) {
	path := kdptest.Fixture(t, "kdp/payments.xlsx")
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != royalty.Payments || len(r.Payments) != 151 {
		t.Fatalf("read as %s with %d payments, want payments with 151", r.Kind, len(r.Payments))
	}
	markets := map[string]bool{}
	for _, p := range r.Payments {
		markets[p.Marketplace] = true
		if strings.ContainsAny(p.Number, ".eE") {
			t.Errorf("payment number %q is not an integer string", p.Number)
		}
	}
	if len(markets) != 13 {
		t.Errorf("%d marketplaces, want 13", len(markets))
	}
	p := r.Payments[0]
	if p.Number != "341291304" || p.Marketplace != "Amazon.co.jp" || p.Currency != "JPY" || p.Net.String() != "2365" ||
		p.FXRate == nil || p.FXRate.String() != "0.0058" || p.PayoutCurrency != "EUR" || p.PayoutAmount.String() != "13.65" ||
		p.Date != "2025-07-29" || p.PeriodStart != "2025-05-01" || len(p.Sources) != 2 || p.Sources[1].Source != "KENP Royalties" {
		t.Errorf("first payment %+v", p)
	}
	// payouts add up as the sheet's parent rows say
	want, _ := independent(t, path, "Payments", "Net Earnings", 1)
	got := map[string]decimal.Decimal{}
	for _, p := range r.Payments {
		got[p.Currency] = got[p.Currency].Add(p.Net)
		for _, s := range p.Sources {
			got[s.Currency] = got[s.Currency].Add(s.Net)
		}
	}
	sameTotals(t, "net earnings (parents and details)", got, want)
}

func TestDashboardFixture(t *testing.T) {
	path := kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx")
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != royalty.Dashboard || r.Period() != "2023-08..2025-08" {
		t.Fatalf("read as %s %s", r.Kind, r.Period())
	}
	for _, c := range []struct {
		sheet  string
		format royalty.Format
	}{{"eBook Royalty", royalty.Ebook}, {"Paperback Royalty", royalty.Paperback}, {"Hardcover Royalty", royalty.Hardcover}} {
		want, wantN := independent(t, path, c.sheet, "Royalty", 1)
		got, n := lineTotals(r.Lines, c.format)
		if n != wantN {
			t.Errorf("%s: %d lines, want %d", c.sheet, n, wantN)
		}
		sameTotals(t, c.sheet, got, want)
	}
	// KENP pages, each line with its share of the Summary's KENP royalty —
	// but August 2025, the running month when the file was made (2 August),
	// and July, whose KENP rate KDP announces in mid-August: their Summary
	// rows count 170 and 1,385 pages and no KENP royalty in any currency,
	// so they are pending, never 0
	pages, pending := int64(0), int64(0)
	for _, l := range r.Lines {
		if l.Format == royalty.KENP {
			switch {
			case l.Month >= "2025-07":
				if !l.Pending || l.Royalty != nil {
					t.Errorf("%s KENP line %s: pending %v, royalty %v; want pending, no royalty", l.Month, l.Title, l.Pending, l.Royalty)
				}
				pending += *l.KENPPages
			case l.Royalty == nil || l.Pending:
				t.Fatalf("a dashboard KENP line of %s has no royalty", l.Month)
			}
			if l.KENPPages != nil {
				pages += *l.KENPPages
			}
		}
	}
	reconcile(t, path, "Summary", r)
	f, _ := excelize.OpenFile(path)
	rows, _ := f.GetRows("KENP Read", excelize.Options{RawCellValue: true})
	want := int64(0)
	for _, row := range rows[1:] {
		x, _ := strconv.ParseFloat(row[5], 64)
		want += int64(x)
	}
	if pages != want {
		t.Errorf("KENP pages %d, want %d", pages, want)
	}
	if pending != 170+1385 {
		t.Errorf("pending KENP pages %d, want the Summary's 170 + 1,385 for August and July 2025", pending)
	}
}

func TestJapaneseStatement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "statement-ja.xlsx")
	kdptest.Write(t, path, kdptest.JapaneseStatement()...)
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != royalty.Statement || r.Period() != "2026-08" || len(r.Lines) != 4 {
		t.Fatalf("read as %s %s with %d lines", r.Kind, r.Period(), len(r.Lines))
	}
	got, _ := lineTotals(r.Lines, royalty.Ebook)
	sameTotals(t, "電子書籍", got, map[string]decimal.Decimal{"JPY": decimal.NewFromInt(3769), "USD": decimal.RequireFromString("6.86")})
	if r.Lines[2].DeliveryCost != nil {
		t.Errorf("該当なし should be no value, got %v", r.Lines[2].DeliveryCost)
	}
	k := r.Lines[3]
	if k.Format != royalty.KENP || *k.KENPPages != 4210 || k.Royalty.String() != "2021.3" {
		t.Errorf("KENP line %+v", k)
	}
}

// Each bad input is refused with one line that names the place.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	header := []any{"Title", "Author", "ASIN", "Marketplace", "Units Sold", "Units Refunded", "Net Units Sold", "Royalty Type",
		"Transaction Type", "Currency", "Avg. List Price without tax", "Avg. Offer Price without tax", "Avg. File Size (MB)", "Avg. Delivery Cost", "Royalty"}
	good := []any{"T", "A", "B0X", "Amazon.de", 1, 0, 1, "70%", "Standard", "EUR", 9.08, 9.08, 0.5, 0.06, 6.31}
	statement := func(name string, mutate func(row []any) []any, hdr []any) string {
		row := append([]any(nil), good...)
		if mutate != nil {
			row = mutate(row)
		}
		p := filepath.Join(dir, name)
		kdptest.Write(t, p, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Sales Period", "January 2025"}, hdr, row}})
		return p
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	good1 := statement("good.xlsx", nil, header)
	goodData, _ := os.ReadFile(good1)
	missing := header[:14]
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(bytes.Repeat([]byte("<row>"), 60<<20)) // 300 MB of XML in 450 KB
	zw.Close()
	cases := []struct {
		name, path, want string
	}{
		{"not a zip", write("notzip.xlsx", []byte("hello, world")), "notzip.xlsx: not an .xlsx workbook (not a zip file)"},
		{"empty file", write("empty.xlsx", nil), "empty.xlsx: the file is empty"},
		{"truncated", write("truncated.xlsx", goodData[:len(goodData)/2]), "truncated.xlsx: cannot open the workbook"},
		{"password", write("password.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)), "password.xlsx: a password-protected workbook"},
		{"zip bomb", write("bomb.xlsx", bomb.Bytes()), "bomb.xlsx: expands to more than 64 MB"},
		{"unrelated", func() string {
			p := filepath.Join(dir, "budget.xlsx")
			kdptest.Write(t, p, kdptest.Sheet{Name: "Budget", Rows: [][]any{{"Item", "Cost"}, {"Rent", 800}}})
			return p
		}(), `budget.xlsx: not a KDP report. Expected a statement`},
		{"missing column", statement("missing.xlsx", func(r []any) []any { return r[:14] }, missing), `missing.xlsx: sheet "eBook Royalty" row 2: the column "Royalty" is missing`},
		{"text for a number", statement("text.xlsx", func(r []any) []any { r[14] = "six"; return r }, header), `text.xlsx: sheet "eBook Royalty" row 3 column "Royalty": "six" is not a number`},
		{"fractional units", statement("units.xlsx", func(r []any) []any { r[4] = 1.5; return r }, header), `units.xlsx: sheet "eBook Royalty" row 3 column "Units Sold": 1.5 is not a whole number`},
		{"unknown currency", statement("cur.xlsx", func(r []any) []any { r[9] = "XYZ"; return r }, header), `cur.xlsx: sheet "eBook Royalty" row 3 column "Currency": unknown currency "XYZ"`},
		{"unknown marketplace", statement("mkt.xlsx", func(r []any) []any { r[3] = "Amazon.moon"; return r }, header), `mkt.xlsx: sheet "eBook Royalty" row 3 column "Marketplace": unknown marketplace "Amazon.moon"`},
		{"empty report", func() string {
			p := filepath.Join(dir, "nothing.xlsx")
			kdptest.Write(t, p, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Sales Period", "January 2025"}, header}})
			return p
		}(), "nothing.xlsx: this statement holds no lines: nothing to import"},
		{"decimal comma", statement("comma.xlsx", func(r []any) []any { r[14] = "6,31"; return r }, header), `comma.xlsx: sheet "eBook Royalty" row 3 column "Royalty": "6,31" is not a number`},
		{"huge units", statement("huge.xlsx", func(r []any) []any { r[4] = "1E30"; return r }, header), `huge.xlsx: sheet "eBook Royalty" row 3 column "Units Sold": 1000000000000000000000000000000 is not a number any report holds`},
		{"negative units", statement("neg.xlsx", func(r []any) []any { r[4] = -3; r[6] = -3; return r }, header), `neg.xlsx: sheet "eBook Royalty" row 3 column "Units Sold": -3 units sold: a count is never negative`},
		{"net contradicts", statement("net.xlsx", func(r []any) []any { r[6] = 5; return r }, header), `net.xlsx: sheet "eBook Royalty" row 3 column "Net Units Sold": 5 net units, but 1 sold less 0 refunded is 1`},
		{"period in 2099", func() string {
			p := filepath.Join(dir, "future.xlsx")
			kdptest.Write(t, p, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Sales Period", "January 2099"}, header, good}})
			return p
		}(), `future.xlsx: sheet "eBook Royalty" row 1 column "B": "January 2099" is not a sales period`},
		{"sheet without its period", func() string {
			p := filepath.Join(dir, "noperiod.xlsx")
			kdptest.Write(t, p,
				kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"garbled", 1, 2}, header, good}},
				kdptest.Sheet{Name: "Total Earnings", Rows: [][]any{{"Sales Period", "January 2025"}, {"Marketplace", "Royalty Date", "Currency", "eBook Royalty", "Total Earnings"}, {"Amazon.de", "2025-03-28", "EUR", 6.31, 6.31}}})
			return p
		}(), `noperiod.xlsx: sheet "eBook Royalty" row 1: this royalty sheet does not start with its sales period`},
		{"bad period", func() string {
			p := filepath.Join(dir, "period.xlsx")
			kdptest.Write(t, p, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{{"Sales Period", "Smarch 2025"}, header, good}})
			return p
		}(), `period.xlsx: sheet "eBook Royalty" row 1 column "B": "Smarch 2025" is not a sales period`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := kdp.Read(c.path)
			if err == nil {
				t.Fatal("read without error")
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error\n %s\nwant it to start with\n %s", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("not one line: %q", err)
			}
		})
	}
	if _, err := kdp.Read(good1); err != nil {
		t.Errorf("the good statement: %v", err)
	}
}

// A value that went through a double on KDP's side (payments.xlsx holds
// 30.489999999999995) reads as what Excel shows and KDP meant. Written here
// as text: excelize rounds floats it writes, KDP's writer does not.
func TestFloatNoise(t *testing.T) {
	p := filepath.Join(t.TempDir(), "noise.xlsx")
	kdptest.Write(t, p, kdptest.Sheet{Name: "eBook Royalty", Rows: [][]any{
		{"Sales Period", "January 2025"},
		{"Title", "ASIN", "Marketplace", "Units Sold", "Units Refunded", "Currency", "Avg. Delivery Cost", "Royalty"},
		{"T", "B0X", "Amazon.com", 1, 0, "USD", 0.1, "30.489999999999995"},
	}})
	r, err := kdp.Read(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Lines[0].Royalty.String(); got != "30.49" {
		t.Errorf("royalty %s, want 30.49", got)
	}
}

// reconcile checks a dashboard read against its own Summary sheet, read
// here by position with nothing shared with the importer: per month, paid
// and free eBook units, paperback and hardcover units, KENP pages, and the
// royalty in each currency to the cent.
func reconcile(t *testing.T, path, sheet string, r *royalty.Report) {
	t.Helper()
	rows := rawRows(t, path, sheet)
	type got struct {
		paid, free, paperback, hardcover, pages int64
		royalty                                 map[string]decimal.Decimal
	}
	byMonth := map[string]*got{}
	for _, l := range r.Lines {
		g := byMonth[l.Month]
		if g == nil {
			g = &got{royalty: map[string]decimal.Decimal{}}
			byMonth[l.Month] = g
		}
		n := func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		}
		switch l.Format {
		case royalty.Ebook:
			g.paid += n(l.UnitsNet)
			g.free += n(l.UnitsFree)
		case royalty.Paperback:
			g.paperback += n(l.UnitsNet)
		case royalty.Hardcover:
			g.hardcover += n(l.UnitsNet)
		case royalty.KENP:
			g.pages += n(l.KENPPages)
		}
		if l.Royalty != nil {
			g.royalty[l.Currency] = g.royalty[l.Currency].Add(*l.Royalty)
		}
	}
	header := rows[0]
	months := 0
	for _, row := range rows[1:] {
		if len(row) == 0 || row[0] == "" {
			continue
		}
		m := ""
		for _, mr := range r.Summary {
			if mr.Row > 0 && rows[mr.Row-1][0] == row[0] {
				m = mr.Month
			}
		}
		if m == "" {
			t.Fatalf("Summary row %q was not read", row[0])
		}
		months++
		g := byMonth[m]
		if g == nil {
			g = &got{royalty: map[string]decimal.Decimal{}}
		}
		num := func(i int) int64 {
			x, _ := strconv.ParseFloat(row[i], 64)
			return int64(x)
		}
		for _, c := range []struct {
			what      string
			got, want int64
		}{{"paid eBook units", g.paid, num(1)}, {"free eBook units", g.free, num(2)}, {"paperback units", g.paperback, num(3)},
			{"hardcover units", g.hardcover, num(4)}, {"KENP pages", g.pages, num(6)}} {
			if c.got != c.want {
				t.Errorf("%s %s: %d, the Summary says %d", m, c.what, c.got, c.want)
			}
		}
		for i := 7; i < len(header) && i < len(row); i++ {
			open := strings.LastIndex(header[i], "(")
			cur := strings.TrimSuffix(header[i][open+1:], ")")
			x, _ := strconv.ParseFloat(row[i], 64)
			want := decimal.RequireFromString(strconv.FormatFloat(x, 'g', 15, 64))
			if !g.royalty[cur].Equal(want) {
				t.Errorf("%s %s: royalty %s, the Summary says %s", m, cur, g.royalty[cur], want)
			}
		}
	}
	if months == 0 || months != len(r.Summary) {
		t.Errorf("%d Summary months, %d read", months, len(r.Summary))
	}
}

// A damaged download is refused whole: three flipped bytes anywhere in the
// real Payments report never import the payments before them.
func TestDamagedRefusedWhole(t *testing.T) {
	good, err := os.ReadFile(kdptest.Fixture(t, "kdp/payments.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for seed := 0; seed < 40; seed++ {
		data := append([]byte(nil), good...)
		x := uint64(seed)*2654435761 + 12345
		for k := 0; k < 3; k++ {
			x = x*6364136223846793005 + 1442695040888963407
			i := 100 + int(x>>33)%(len(data)-200)
			data[i] ^= 0xff
		}
		r, err := kdp.ReadBytes("bad.xlsx", data)
		if err == nil {
			// the flipped bytes fell where nothing is read (zip padding,
			// a comment): then every payment must be there
			if len(r.Payments) != 151 {
				t.Errorf("seed %d: read %d of 151 payments without an error", seed, len(r.Payments))
			}
			continue
		}
		refused++
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("seed %d: not one line: %q", seed, err)
		}
	}
	if refused < 30 {
		t.Errorf("only %d of 40 damaged copies refused", refused)
	}
}

// rawRows is a sheet's cells as stored, read by excelize alone.
func rawRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestMismatchedTagIsDamage: a sheet whose XML closes a row with </c> was
// read up to the tag and on, and the import kept 1,408 of 1,504 lines with
// exit 0. A tag that closes what it did not open is damage: the workbook is
// refused whole, naming the part.
func TestMismatchedTagIsDamage(t *testing.T) {
	data, err := os.ReadFile(kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		body := b.Bytes()
		if f.Name == "xl/worksheets/sheet4.xml" {
			i := bytes.Index(body, []byte(`<row r="100"`))
			j := bytes.Index(body[i:], []byte(`</row>`))
			body = append(append(append([]byte(nil), body[:i+j]...), []byte(`</c>`)...), body[i+j+len(`</row>`):]...)
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	r, err := kdp.ReadBytes("damaged.xlsx", out.Bytes())
	if err == nil {
		t.Fatalf("read %d lines of a sheet closed by a mismatched tag", len(r.Lines))
	}
	if !strings.Contains(err.Error(), "xl/worksheets/sheet4.xml is damaged") {
		t.Errorf("%v", err)
	}
}
