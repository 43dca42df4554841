package kdp_test

import (
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

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return decimal.RequireFromString(strconv.FormatFloat(x, 'g', 15, 64))
}

// TestStatement2020: the February 2020 statement, with its Total Royalty
// sheet and a 12-column paperback sheet, reads to its own totals — those
// SOURCES.md states and those its Total Royalty sheet adds up to.
func TestStatement2020(t *testing.T) {
	path := kdptest.Fixture(t, "kdp-2020/KDP Prior Month Royalties-2020-02-1588369217647-7dd028cf56beb6ca87540992f841db8a.xlsx")
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != royalty.Statement || r.Period() != "2020-02" {
		t.Fatalf("read as %s %s", r.Kind, r.Period())
	}
	if r.CreatedFrom != "file name" || r.Created != "2020-05-01T21:40:17Z" {
		t.Errorf("made %s from %s; want 2020-05-01T21:40:17Z from the file name (the workbook holds KDP's template time)", r.Created, r.CreatedFrom)
	}
	units := map[royalty.Format]int64{}
	got := map[string]decimal.Decimal{}
	for _, l := range r.Lines {
		units[l.Format] += *l.UnitsNet
		got[l.Currency] = got[l.Currency].Add(*l.Royalty)
	}
	if units[royalty.Ebook] != 44 || units[royalty.Paperback] != 77 {
		t.Errorf("units: %d eBook, %d paperback; the statement holds 44 and 77", units[royalty.Ebook], units[royalty.Paperback])
	}
	sameTotals(t, "SOURCES.md", got, map[string]decimal.Decimal{
		"USD": decimal.RequireFromString("325.02"), "GBP": decimal.RequireFromString("143.94"), "INR": decimal.RequireFromString("116.67"),
		"CAD": decimal.RequireFromString("45.87"), "EUR": decimal.RequireFromString("3.51"), "AUD": decimal.RequireFromString("5.05"),
	})
	// the Total Royalty sheet, read by hand: its last column per currency
	want := map[string]decimal.Decimal{}
	var netUnits int64
	for _, row := range rawRows(t, path, "Total Royalty")[2:] {
		want[row[9]] = want[row[9]].Add(dec(t, row[14]))
		n, _ := strconv.ParseFloat(row[6], 64)
		netUnits += int64(n)
	}
	sameTotals(t, "Total Royalty", got, want)
	if netUnits != 121 {
		t.Errorf("Total Royalty counts %d units; SOURCES.md says 121", netUnits)
	}
}

// TestDashboards2020: each 2017–2020 dashboard export (no Summary sheet,
// daily rows) equals its own Combined Sales sheet per month and currency,
// royalty and units, its KENP Read sheet page for page, its Orders sheet's
// free units; the KENP pages are pending (no download of that era prices
// them), and each is dated by its file name.
func TestDashboards2020(t *testing.T) {
	dir := kdptest.Fixture(t, "kdp-2020")
	paths, _ := filepath.Glob(filepath.Join(dir, "KDP Sales Dashboard-*.xlsx"))
	if len(paths) != 5 {
		t.Fatalf("%d dashboards, want 5", len(paths))
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r, err := kdp.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Kind != royalty.Dashboard || r.CreatedFrom != "file name" || !strings.HasPrefix(r.Created, "2020-05-") {
				t.Errorf("read as %s made %s from %s", r.Kind, r.Created, r.CreatedFrom)
			}
			type key struct{ month, cur string }
			wantRoyalty, gotRoyalty := map[key]decimal.Decimal{}, map[key]decimal.Decimal{}
			wantUnits, gotUnits := map[key]int64{}, map[key]int64{}
			for _, row := range rawRows(t, path, "Combined Sales")[1:] {
				k := key{row[0][:7], row[14]}
				wantRoyalty[k] = wantRoyalty[k].Add(dec(t, row[13]))
				n, _ := strconv.ParseFloat(row[9], 64)
				wantUnits[k] += int64(n)
			}
			var pages, pending, free int64
			for _, l := range r.Lines {
				if l.Format == royalty.KENP {
					pages += *l.KENPPages
					if !l.Pending || l.Royalty != nil {
						t.Errorf("KENP %s %d: pending %v royalty %v; no download of 2020 prices KENP", l.Month, l.Day, l.Pending, l.Royalty)
					}
					pending += *l.KENPPages
					continue
				}
				k := key{l.Month, l.Currency}
				gotRoyalty[k] = gotRoyalty[k].Add(*l.Royalty)
				gotUnits[k] += *l.UnitsNet
				if l.UnitsFree != nil {
					gotUnits[k] += *l.UnitsFree
					free += *l.UnitsFree
				}
			}
			if len(wantRoyalty) == 0 {
				t.Fatal("Combined Sales is empty")
			}
			for k, w := range wantRoyalty {
				if !gotRoyalty[k].Equal(w) || gotUnits[k] != wantUnits[k] {
					t.Errorf("%s %s: %s and %d units; Combined Sales %s and %d", k.month, k.cur, gotRoyalty[k], gotUnits[k], w, wantUnits[k])
				}
			}
			if len(gotRoyalty) != len(wantRoyalty) {
				t.Errorf("%d months and currencies, Combined Sales %d", len(gotRoyalty), len(wantRoyalty))
			}
			var wantPages, wantFree int64
			for _, row := range rawRows(t, path, "KENP Read")[1:] {
				n, _ := strconv.ParseFloat(row[5], 64)
				wantPages += int64(n)
			}
			for _, row := range rawRows(t, path, "Orders")[1:] {
				n, _ := strconv.ParseFloat(row[6], 64)
				wantFree += int64(n)
			}
			if pages != wantPages || free != wantFree {
				t.Errorf("KENP pages %d, free units %d; the sheets hold %d and %d", pages, free, wantPages, wantFree)
			}
		})
	}
}

// portuguese is a dashboard in the words of a real Portuguese-interface
// download (sheet names cut at 31 characters by KDP, headers, transaction
// types, months): January 2026, eBook sales and a free promotion, a
// paperback and an expanded-distribution sale, a hardcover, KENP pages.
func portuguese() []kdptest.Sheet {
	ebookH := []any{"Data dos royalties", "Título", "Nome do autor", "ASIN", "Loja", "Tipo de royalty", "Tipo de transação",
		"Unidades vendidas", "Unidades reembolsadas", "Número líquido de unidades vendidas", "Preço sugerido médio sem impostos",
		"Preço de oferta médio sem impostos", "Tamanho médio do arquivo (MB)", "Taxa méd. de entrega", "Royalties", "Moeda"}
	printH := []any{"Data dos royalties", "Data do pedido", "Título", "Nome do autor", "ISBN", "Loja", "Tipo de royalty", "Tipo de transação",
		"Unidades vendidas", "Unidades reembolsadas", "Número líquido de unidades vendidas", "Preço sugerido médio sem impostos",
		"Preço de oferta médio sem impostos", "Média Custo de fabricação", "Royalties", "Moeda", "ASIN"}
	combinedH := []any{"Data dos royalties", "Título", "Nome do autor", "Código ASIN/ISBN", "Loja", "Tipo de royalty", "Tipo de transação",
		"Unidades vendidas", "Unidades reembolsadas", "Número líquido de unidades vendidas", "Preço sugerido médio sem impostos",
		"Preço de oferta médio sem impostos", "Custo médio de entrega/fabricação", "Royalties", "Moeda"}
	ordersH := []any{"Data do pedido", "Título", "Nome do autor", "ASIN", "Loja", "Unidades pagas", "Unidades gratuitas"}
	ebook := [][]any{
		{"2026-01", "Livro", "Autora", "B0PT000001", "Amazon.com.br", "70%", "Padrão", 3, 0, 3, 19.9, 19.9, 0.8, 0.02, 41.76, "BRL"},
		{"2026-01", "Livro", "Autora", "B0PT000001", "Amazon.com", "70%", "Padrão", 2, 1, 1, 4.99, 4.99, 0.8, 0.12, 3.41, "USD"},
		{"2026-01", "Livro", "Autora", "B0PT000001", "Amazon.com.br", "70%", "Gratuito - Promoção", 40, 0, 40, 19.9, 0, 0.8, 0.02, 0, "BRL"},
	}
	paperback := [][]any{
		{"2026-01", "2026-01", "Livro", "Autora", "9786500000001", "Amazon.com", "60%", "Padrão - Livro com capa comum", 2, 0, 2, 14.99, 14.99, 3.15, 11.68, "USD", "B0PT000002"},
		{"2026-01", "2026-01", "Livro", "Autora", "9786500000001", "Amazon.com", "40%", "Canais de Expanded Distribution", 1, 0, 1, 14.99, 14.99, 3.15, 2.85, "USD", "B0PT000002"},
	}
	hardcover := [][]any{
		{"2026-01", "2026-01", "Livro", "Autora", "9786500000002", "Amazon.com", "60%", "Padrão - Capa dura", 1, 0, 1, 24.99, 24.99, 7.9, 7.09, "USD", "B0PT000003"},
	}
	var combined [][]any
	for _, r := range ebook {
		combined = append(combined, []any{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[13], r[14], r[15]})
	}
	for _, r := range append(append([][]any{}, paperback...), hardcover...) {
		combined = append(combined, []any{r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]})
	}
	with := func(h []any, rows [][]any) [][]any { return append([][]any{h}, rows...) }
	return []kdptest.Sheet{
		{Name: "Definições do relatório", Rows: [][]any{{"Relatório", "Definição"}, {"Resumo", "Os pedidos totais, KENP lidas e royalties estimados"}}},
		{Name: "Resumo", Rows: [][]any{
			{"Data", "Unidades líquidas vendidas (eBook)", "Unidades gratuitas vendidas (eBook)", "Unidades líquidas vendidas (livro com capa comum)",
				"Número líquido de unidades vendidas (capa dura)", "Empréstimos do KOLL", "Kindle Edition Normalized Pages (KENP) lidas", "Royalties (USD)", "Royalties (BRL)"},
			// USD: 3.41 + 11.68 + 2.85 + 7.09 = 25.03, and 0.97 of KENP for
			// 220 pages; BRL: 41.76 and 1.17 for 150 pages
			{"janeiro 2026", 4, 40, 3, 1, "N/A", 370, 26.00, 42.93}}},
		{Name: "Vendas combinadas", Rows: with(combinedH, combined)},
		{Name: "Royalties de eBooks", Rows: with(ebookH, ebook)},
		{Name: "Royalties de livros com capa co", Rows: with(printH, paperback)},
		{Name: "Royalties de livros de capa dur", Rows: with(printH, hardcover)},
		{Name: "Pedidos processados", Rows: with(ordersH, [][]any{{"2026-01", "Livro", "Autora", "B0PT000001", "Amazon.com.br", 3, 40}})},
		{Name: "Pedidos de eBooks realizados", Rows: with(ordersH, [][]any{{"2026-01-12", "Livro", "Autora", "B0PT000001", "Amazon.com.br", 3, 40}})},
		{Name: "KENP lidas", Rows: [][]any{{"Data", "Título", "Nome do autor", "ASIN", "Loja", "Kindle Edition Normalized Pages (KENP) lidas"},
			{"2026-01-05", "Livro", "Autora", "B0PT000001", "Amazon.com", 120},
			{"2026-01-20", "Livro", "Autora", "B0PT000001", "Amazon.com", 100},
			{"2026-01-21", "Livro", "Autora", "B0PT000001", "Amazon.com.br", 150}}},
	}
}

// TestPortugueseDashboard: every sheet of the Portuguese dashboard is read
// — both cut print sheet names, the free promotion counted free with its
// prices kept — and equals its Resumo, format by format.
func TestPortugueseDashboard(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pt.xlsx")
	kdptest.Write(t, path, portuguese()...)
	r, err := kdp.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Language != "pt" || r.Kind != royalty.Dashboard || r.Period() != "2026-01" {
		t.Fatalf("read as %s %s %s", r.Language, r.Kind, r.Period())
	}
	reconcile(t, path, "Resumo", r)
	var free int64
	formats := map[royalty.Format]int{}
	for _, l := range r.Lines {
		formats[l.Format]++
		if l.UnitsFree != nil {
			free += *l.UnitsFree
			if l.OfferPrice == nil || l.ListPrice == nil || !l.OfferPrice.IsZero() {
				t.Errorf("the free promotion's prices: list %v, offer %v", l.ListPrice, l.OfferPrice)
			}
		}
		if l.Format == royalty.Ebook && l.DeliveryCost == nil && l.Currency == "USD" {
			t.Errorf("the delivery cost was not read")
		}
	}
	if free != 40 || formats[royalty.Paperback] != 2 || formats[royalty.Hardcover] != 1 || formats[royalty.KENP] != 3 {
		t.Errorf("free %d, formats %v; want 40 free, 2 paperback, 1 hardcover, 3 KENP", free, formats)
	}
}

// TestUnreadSheetRefuses: a sheet of royalty rows that no reader takes —
// here a print sheet with one column KDP never wrote — refuses the whole
// file, naming the sheet; it no longer vanishes while its money is booked
// as KENP.
func TestUnreadSheetRefuses(t *testing.T) {
	sheets := portuguese()
	for i := range sheets {
		if sheets[i].Name == "Royalties de livros com capa co" {
			for j := range sheets[i].Rows {
				sheets[i].Rows[j] = append(sheets[i].Rows[j], "extra")
			}
			sheets[i].Rows[1][len(sheets[i].Rows[1])-1] = 12.5
			// and headers no table knows: neither structure nor words read it
			for j := range sheets[i].Rows[0] {
				sheets[i].Rows[0][j] = "Coluna " + strconv.Itoa(j)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "pt-new-column.xlsx")
	kdptest.Write(t, path, sheets...)
	_, err := kdp.Read(path)
	if err == nil || !strings.Contains(err.Error(), `sheet "Royalties de livros com capa co"`) {
		t.Fatalf("a sheet no reader takes: %v", err)
	}
}

// TestImplausibleKENPRefuses: a Summary that leaves far more for the KENP
// pages than KDP pays a page — another format's money, whose sheet was not
// read — refuses the file with the figures.
func TestImplausibleKENPRefuses(t *testing.T) {
	data, err := os.ReadFile(kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	// December 2024's Summary: EUR 471.73, of which 0.59 for 207 pages;
	// 76.72 more would be 0.37 a page, where KDP pays about 0.003
	f.SetCellValue("Summary", "J10", 471.73+76.72)
	var b bytes.Buffer
	f.Write(&b)
	_, err = kdp.ReadBytes("more-kenp.xlsx", b.Bytes())
	if err == nil || !strings.Contains(err.Error(), "2024-12 EUR: the Summary leaves") || !strings.Contains(err.Error(), "KENP pages") {
		t.Fatalf("an implausible KENP rate: %v", err)
	}
	t.Log(err)
}

// compoundFile is a minimal OLE compound file holding one stream of 4,096
// bytes named name: "Workbook" is what an Excel 97–2003 .xls holds,
// "EncryptedPackage" a password-protected .xlsx.
func compoundFile(name string) []byte {
	le := func(b []byte, off int, v uint32) {
		b[off], b[off+1], b[off+2], b[off+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	const end, free, fatSect, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
	out := make([]byte, 512*11)
	h := out[:512]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	h[24], h[26], h[28], h[29], h[30], h[32] = 0x3E, 3, 0xFE, 0xFF, 9, 6
	le(h, 44, 1)    // FAT sectors
	le(h, 48, 1)    // the directory's first sector
	le(h, 56, 4096) // mini stream cutoff
	le(h, 60, end)
	le(h, 68, end)
	le(h, 76, 0) // DIFAT[0]: the FAT is sector 0
	for i := 80; i < 512; i += 4 {
		le(h, i, free)
	}
	fat := out[512 : 2*512]
	for i := 0; i < 128; i++ {
		le(fat, i*4, free)
	}
	le(fat, 0, fatSect)
	le(fat, 4, end)
	for s := 2; s < 9; s++ {
		le(fat, s*4, uint32(s+1))
	}
	le(fat, 9*4, end)
	dir := out[2*512 : 3*512]
	entry := func(i int, n string, typ byte, child, start, size uint32) {
		e := dir[i*128 : (i+1)*128]
		for j, r := range n {
			e[2*j] = byte(r)
		}
		e[64] = byte(2 * (len(n) + 1))
		e[66], e[67] = typ, 1
		le(e, 68, none)
		le(e, 72, none)
		le(e, 76, child)
		le(e, 116, start)
		le(e, 120, size)
	}
	entry(0, "Root Entry", 5, 1, end, 0)
	entry(1, name, 2, none, 2, 4096)
	for i := 2; i < 4; i++ {
		le(dir[i*128:], 68, none)
		le(dir[i*128:], 72, none)
		le(dir[i*128:], 76, none)
	}
	return out
}

// TestOldExcelSaysWhatIsRead: an .xls of before 2016 and a password-
// protected workbook are told apart, and neither message promises that
// another download would read.
func TestOldExcelSaysWhatIsRead(t *testing.T) {
	_, err := kdp.ReadBytes("2014.xls", compoundFile("Workbook"))
	if err == nil || !strings.Contains(err.Error(), "an Excel 97–2003 workbook (.xls)") || !strings.Contains(err.Error(), "cannot be imported") {
		t.Errorf(".xls: %v", err)
	}
	_, err = kdp.ReadBytes("locked.xlsx", compoundFile("EncryptedPackage"))
	if err == nil || !strings.Contains(err.Error(), "a password-protected workbook: save it again without a password") {
		t.Errorf("password: %v", err)
	}
}

// TestSummaryByFormat: a dashboard whose paperback sheet counts a unit
// more than its Summary (and with no Combined Sales to see it first) is
// refused with the month and both figures.
func TestSummaryByFormat(t *testing.T) {
	data, err := os.ReadFile(kdptest.Fixture(t, "kdp/dashboard-2023-08-to-2025-08.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	f.DeleteSheet("Combined Sales")
	f.SetCellValue("Paperback Royalty", "I2", 2)
	f.SetCellValue("Paperback Royalty", "K2", 2)
	var b bytes.Buffer
	f.Write(&b)
	_, err = kdp.ReadBytes("units.xlsx", b.Bytes())
	if err == nil || !strings.Contains(err.Error(), `sheet "Summary" row 3: 2025-07: the Summary and the royalty sheets disagree (paperback units 8, the sheets 9)`) {
		t.Fatalf("a paperback unit more than the Summary: %v", err)
	}
}

// TestDate1904: a workbook that counts its serial dates from 1904 (as
// Excel for Mac did) reads its dates where they are, not four years and a
// day early (2023-08 read as 2019-07).
func TestDate1904(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	f.SetSheetName("Sheet1", "KENP Read")
	f.SetSheetRow("KENP Read", "A1", &[]any{"Date", "Title", "Author Name", "ASIN", "Marketplace", "Kindle Edition Normalized Page (KENP) Read"})
	// serial 43691 is 2023-08-15 counted from 1904-01-01, 2019-08-14 from 1900
	f.SetSheetRow("KENP Read", "A2", &[]any{43691, "T", "A", "B0T1", "Amazon.de", 100})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := kdp.ReadBytes("1904.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if r.Lines[0].Month != "2023-08" || r.Lines[0].Day != 15 {
		t.Errorf("read as %s-%02d, want 2023-08-15", r.Lines[0].Month, r.Lines[0].Day)
	}
}
