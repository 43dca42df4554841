package kdp

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// label is a field's header in a language, or its English one where the
// language's table has none (KDP leaves some untranslated).
func label(l *language, f Field) string {
	if list := l.headers[f]; len(list) > 0 {
		return list[0]
	}
	if list := common[f]; len(list) > 0 {
		return list[0]
	}
	return english.headers[f][0]
}

func sheetName(l *language, k sheetKind) string {
	if list := l.sheets[k]; len(list) > 0 {
		return excelName(list[0])
	}
	return english.sheets[k][0]
}

// workbookBytes writes sheets (name, rows) into an .xlsx in memory.
func workbookBytes(t *testing.T, sheets [][2]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		name := s[0].(string)
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s[1].([][]any) {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func headersOf(l *language, fields []Field) []any {
	out := make([]any, len(fields))
	for i, f := range fields {
		out[i] = label(l, f)
	}
	return out
}

// dashboardFor is a reports-dashboard export as the language writes it:
// two months, eBook (one free promotion), paperback, an empty hardcover
// sheet, KENP pages, and a Summary whose royalty is 1.23 EUR and 25 JPY
// more than the sheets': the KENP royalty.
func dashboardFor(t *testing.T, l *language, names func(*language, sheetKind) string, hdr func(*language, []Field) []any) []byte {
	lay := func(name string) []Field {
		for _, x := range layouts {
			if x.name == name {
				return x.fields
			}
		}
		panic(name)
	}
	free := "Free - Promotion"
	if len(l.free) > 0 {
		free = l.free[0]
	}
	month := func(m int) string {
		if l == japanese {
			return fmt.Sprintf("%d月 2025", m)
		}
		return l.months[m-1] + " 2025"
	}
	summaryHdr := []any{label(l, FDate), "a (eBook)", "b (eBook)", "c", "d", "KOLL", "KENP", "x (EUR)", "x (JPY)", "x (USD)"}
	ebook := [][]any{hdr(l, lay("dashboard-ebook")),
		{"2025-09", "T1", "A", "B0T1", "Amazon.de", "70%", "Standard", 2, 0, 2, 4.99, 4.99, 0.5, 0.04, 6.9, "EUR"},
		{"2025-09", "T1", "A", "B0T1", "Amazon.co.jp", "70%", "Standard", 1, 0, 1, 500, 500, 0.5, "N/A", 350, "JPY"},
		{"2025-10", "T1", "A", "B0T1", "Amazon.com", "70%", free, 7, 0, 7, 4.99, 0, 0.5, 0.04, 0, "USD"},
		{"2025-10", "T1", "A", "B0T1", "Amazon.fr", "70%", "Standard", 1, 0, 1, 4.99, 4.99, 0.5, 0.04, 3.45, "EUR"},
	}
	print := [][]any{hdr(l, lay("dashboard-print")),
		{"2025-10", "2025-10", "T2", "A", "9798000000001", "Amazon.de", "60%", "Standard - Paperback", 1, 0, 1, 12, 12, 3, 4.2, "EUR", "B0T2"},
	}
	kenp := [][]any{hdr(l, lay("dashboard-kenp")),
		{"2025-09-01", "T1", "A", "B0T1", "Amazon.de", 100},
		{"2025-09-02", "T1", "A", "B0T1", "Amazon.it", 200},
		{"2025-09-03", "T1", "A", "B0T1", "Amazon.co.jp", 50},
		{"2025-10-01", "T1", "A", "B0T1", "Amazon.es", 3},
	}
	summary := [][]any{summaryHdr,
		{month(10), 1, 7, 1, 0, "N/A", 3, 3.45 + 4.2 + 0.01, 0, 0},
		{month(9), 3, 0, 0, 0, "N/A", 350, 6.9 + 1.23, 350 + 25, 0},
	}
	return workbookBytes(t, [][2]any{
		{names(l, sheetDefinition), [][]any{{"x", "y"}}},
		{names(l, sheetSummary), summary},
		{names(l, sheetEbook), ebook},
		{names(l, sheetPaperback), print},
		{names(l, sheetHardcover), [][]any{hdr(l, lay("dashboard-print"))}},
		{names(l, sheetOrders), [][]any{hdr(l, lay("dashboard-orders")), {"2025-10", "T1", "A", "B0T1", "Amazon.fr", 1, 0}}},
		{names(l, sheetKENP), kenp},
	})
}

func checkDashboard(t *testing.T, r *royalty.Report) {
	t.Helper()
	if r.Kind != royalty.Dashboard || r.Period() != "2025-09..2025-10" {
		t.Fatalf("read as %s %s", r.Kind, r.Period())
	}
	sum := map[string]map[string]decimal.Decimal{}
	var paid, free, kenp int64
	for _, ln := range r.Lines {
		if sum[ln.Month] == nil {
			sum[ln.Month] = map[string]decimal.Decimal{}
		}
		if ln.Royalty != nil {
			sum[ln.Month][ln.Currency] = sum[ln.Month][ln.Currency].Add(*ln.Royalty)
		}
		if ln.Format == royalty.Ebook {
			paid += *ln.UnitsNet
			if ln.UnitsFree != nil {
				free += *ln.UnitsFree
			}
		}
		if ln.Format == royalty.KENP && ln.KENPPages != nil {
			kenp += *ln.KENPPages
		}
	}
	for _, c := range []struct{ month, cur, want string }{
		{"2025-09", "EUR", "8.13"}, {"2025-09", "JPY", "375"}, {"2025-10", "EUR", "7.66"},
	} {
		if got := sum[c.month][c.cur]; !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("%s %s: %s, the Summary says %s", c.month, c.cur, got, c.want)
		}
	}
	if paid != 4 || free != 7 || kenp != 353 {
		t.Errorf("paid %d, free %d, KENP %d; want 4, 7, 353", paid, free, kenp)
	}
	// 1.23 EUR over 100 and 200 pages: 0.41 and 0.82
	for _, ln := range r.Lines {
		if ln.Format == royalty.KENP && ln.Month == "2025-09" && ln.Marketplace == "Amazon.it" && !ln.Royalty.Equal(decimal.RequireFromString("0.82")) {
			t.Errorf("Amazon.it KENP: %s, want 0.82", ln.Royalty)
		}
	}
}

// TestEveryLanguage: a dashboard written with each language's table reads
// as that language and agrees with its Summary.
func TestEveryLanguage(t *testing.T) {
	for _, l := range languages {
		t.Run(l.code, func(t *testing.T) {
			data := dashboardFor(t, l, sheetName, headersOf)
			r, err := ReadBytes("dash-"+l.code+".xlsx", data)
			if err != nil {
				t.Fatal(err)
			}
			if r.Language != l.code {
				t.Errorf("detected %s", r.Language)
			}
			checkDashboard(t, r)
		})
	}
}

// TestUnknownLanguage: headers and sheet names in no table still read, by
// KDP's column order and what the cells hold.
func TestUnknownLanguage(t *testing.T) {
	names := func(_ *language, k sheetKind) string { return "Arkusz " + string(k) }
	hdr := func(_ *language, fields []Field) []any {
		out := make([]any, len(fields))
		for i := range fields {
			out[i] = fmt.Sprintf("Kolumna %d", i+1)
		}
		return out
	}
	r, err := ReadBytes("dash-xx.xlsx", dashboardFor(t, english, names, hdr))
	if err != nil {
		t.Fatal(err)
	}
	checkDashboard(t, r)
}

// TestSpanishVerbatim: the sheet names and headers of a real
// Spanish-interface download, as the issue quotes them.
func TestSpanishVerbatim(t *testing.T) {
	ebook := []any{"Fecha de las regalías", "Título", "Nombre del autor", "ASIN", "Tienda", "Tipo de regalía", "Tipo de transacción",
		"Unidades vendidas", "Unidades devueltas", "Unidades netas vendidas", "Precio de lista medio sin impuestos",
		"Precio de oferta medio sin impuestos", "Tamaño medio del archivo (MB)", "Gasto medio de envío", "Regalías", "Moneda"}
	print := []any{"Fecha de las regalías", "Fecha de pedido", "Título", "Nombre del autor", "ISBN", "Tienda", "Tipo de regalía",
		"Tipo de transacción", "Unidades vendidas", "Unidades devueltas", "Unidades netas vendidas", "Precio de lista medio sin impuestos",
		"Precio de oferta medio sin impuestos", "Gasto de producción medio", "Regalías", "Moneda", "ASIN"}
	data := workbookBytes(t, [][2]any{
		{"Definiciones del informe", [][]any{{"Informe", "Definición"}}},
		{"Resumen", [][]any{{"Fecha", "Unidades netas vendidas (eBook)", "Unidades gratuitas vendidas (eBook)", "Unidades netas vendidas (Tapa blanda)",
			"Unidades netas vendidas (tapa dura)", "Préstamos de KOLL", "Páginas KENP leídas", "Regalías (USD)", "Regalías (EUR)"},
			{"octubre 2025", 1, 2, 1, 0, "N/A", 40, 0, 9.49}}},
		{"Ventas combinadas", [][]any{{"Fecha de las regalías", "Título"}}},
		{"Regalías de eBooks", [][]any{ebook,
			{"2025-10", "Éxito", "Autora", "B0ES000001", "Amazon.es", "70%", "Estándar", 1, 0, 1, 4.99, 4.99, 0.4, 0.02, 3.47, "EUR"},
			{"2025-10", "Éxito", "Autora", "B0ES000001", "Amazon.es", "70%", "Promoción gratuita", 2, 0, 2, 4.99, 0, 0.4, 0.02, 0, "EUR"}}},
		{"Regalías de libros impresos", [][]any{print,
			{"2025-10", "2025-10", "Éxito", "Autora", "9798184523026", "Amazon.es", "60%", "Estándar - Tapa blanda", 1, 0, 1, 15, 15, 3.1, 5.9, "EUR", "B0ES000002"}}},
		{"Regalías de los libros de tapa ", [][]any{print}},
		{"Pedidos procesados", [][]any{{"Fecha", "Título", "Nombre del autor", "ASIN", "Tienda", "Unidades pagadas", "Unidades gratuitas"}}},
		{"Pedidos completados de eBooks", [][]any{{"Fecha", "Título", "Nombre del autor", "ASIN", "Tienda", "Unidades pagadas", "Unidades gratuitas"}}},
		{"KENP leídas", [][]any{{"Fecha", "Título", "Nombre del autor", "ASIN", "Tienda", "Páginas KENP leídas"},
			{"2025-10-03", "Éxito", "Autora", "B0ES000001", "Amazon.es", 40}}},
	})
	r, err := ReadBytes("es.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if r.Language != "es" || r.Kind != royalty.Dashboard {
		t.Fatalf("read as %s %s", r.Language, r.Kind)
	}
	var kenp decimal.Decimal
	units, free := int64(0), int64(0)
	for _, l := range r.Lines {
		if l.Format == royalty.KENP {
			kenp = *l.Royalty
		}
		if l.Format == royalty.Ebook {
			units += *l.UnitsNet
			if l.UnitsFree != nil {
				free += *l.UnitsFree
			}
		}
	}
	if !kenp.Equal(decimal.RequireFromString("0.12")) || units != 1 || free != 2 {
		t.Errorf("KENP royalty %s (want 0.12), paid %d (want 1), free %d (want 2)", kenp, units, free)
	}
}

func TestMonthYear(t *testing.T) {
	for in, want := range map[string]string{"January 2025": "2025-01", "octubre 2025": "2025-10", "8月 2026": "2026-08",
		"2026年8月": "2026-08", "März 2024": "2024-03", "août 2024": "2024-08", "2025-01": "2025-01", "Oktober 2025": "2025-10"} {
		if got, ok := monthYear(in); !ok || got != want {
			t.Errorf("monthYear(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Smarch 2025", "2025", "13月 2025"} {
		if got, ok := monthYear(in); ok {
			t.Errorf("monthYear(%q) = %q", in, got)
		}
	}
}

// TestStatementEveryLanguage: a statement in each language's words, and one
// in words no table knows, reads the same lines.
func TestStatementEveryLanguage(t *testing.T) {
	lay := func(name string) []Field {
		for _, x := range layouts {
			if x.name == name {
				return x.fields
			}
		}
		panic(name)
	}
	build := func(l *language, names func(*language, sheetKind) string, hdr func(*language, []Field) []any, period string) []byte {
		m := l.months[0] + " 2025"
		if l == japanese {
			m = "1月 2025"
		}
		row1 := []any{period, m}
		return workbookBytes(t, [][2]any{
			{names(l, sheetEbook), [][]any{row1, hdr(l, lay("statement-ebook")),
				{"T1", "A", "B0T1", "Amazon.de", 2, 0, 2, "70%", "Standard", "EUR", 4.99, 4.99, 0.5, 0.04, 6.9}}},
			{names(l, sheetKENP), [][]any{row1, hdr(l, lay("statement-kenp")), {"T1", "A", "B0T1", "Amazon.de", 300, 1.23, "EUR"}}},
			{names(l, sheetPaperback), [][]any{row1, hdr(l, lay("statement-print")),
				{"T2", "A", "9798000000001", "Amazon.com", 1, 0, "60%", 12, 12, 3, 4.2, "USD", "B0T2"}}},
			{names(l, sheetHardcover), [][]any{row1, hdr(l, lay("statement-print"))}},
		})
	}
	check := func(t *testing.T, data []byte) {
		r, err := ReadBytes("s.xlsx", data)
		if err != nil {
			t.Fatal(err)
		}
		if r.Kind != royalty.Statement || r.Period() != "2025-01" || len(r.Lines) != 3 {
			t.Fatalf("read as %s %s with %d lines", r.Kind, r.Period(), len(r.Lines))
		}
		if r.Lines[1].Format != royalty.KENP || !r.Lines[1].Royalty.Equal(decimal.RequireFromString("1.23")) || r.Lines[2].Format != royalty.Paperback {
			t.Errorf("lines %+v", r.Lines)
		}
	}
	for _, l := range languages {
		t.Run(l.code, func(t *testing.T) { check(t, build(l, sheetName, headersOf, l.period[0])) })
	}
	t.Run("unknown", func(t *testing.T) {
		names := func(_ *language, k sheetKind) string { return "Blad " + string(k) }
		hdr := func(_ *language, fields []Field) []any {
			out := make([]any, len(fields))
			for i := range fields {
				out[i] = fmt.Sprintf("Kolom %d", i+1)
			}
			return out
		}
		check(t, build(english, names, hdr, "Verkoopperiode?"))
	})
}

// TestPaymentsUnknownLanguage: a Payments report whose headers no table
// knows reads by its column order.
func TestPaymentsUnknownLanguage(t *testing.T) {
	hdr := make([]any, 17)
	for i := range hdr {
		hdr[i] = fmt.Sprintf("Kolumna %d", i+1)
	}
	data := workbookBytes(t, [][2]any{{"Płatności", [][]any{hdr,
		{"2025-05-01", "2025-05-31", "Amazon.co.jp", 341291304.0, "", "2025-07-29", "EFT", "JPY", 2365, 0, 0, 2365, "", "0.0058", "EUR", 13.65, "Paid"},
		{"", "", "", "", "2025-05", "", "", "JPY", 2296, 0, "", 2296, "Paperback Sales"},
		{"", "", "", "", "2025-05", "", "", "JPY", 69, 0, "", 69, "KENP Royalties"},
	}}})
	r, err := ReadBytes("p.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != royalty.Payments || len(r.Payments) != 1 || len(r.Payments[0].Sources) != 2 || r.Payments[0].Number != "341291304" ||
		!r.Payments[0].PayoutAmount.Equal(decimal.RequireFromString("13.65")) {
		t.Fatalf("read %+v", r)
	}
}

// Dates no KDP report holds are refused with their cell: a 13th month, a
// year 0000, 202507 read as an Excel serial (the year 2454).
func TestImplausibleDates(t *testing.T) {
	hdr := headersOf(english, layouts[0].fields)
	for _, date := range []any{"2025-13", "0000-01", 202507, "2099-01"} {
		data := workbookBytes(t, [][2]any{{"eBook Royalty", [][]any{hdr,
			{date, "T1", "A", "B0T1", "Amazon.de", "70%", "Standard", 2, 0, 2, 4.99, 4.99, 0.5, 0.04, 6.9, "EUR"}}}})
		_, err := ReadBytes("d.xlsx", data)
		if err == nil || !strings.Contains(err.Error(), `row 2 column "Royalty Date"`) || !strings.Contains(err.Error(), "is not a date of a KDP report") {
			t.Errorf("%v: %v", date, err)
		}
	}
}

// TestJapaneseDashboardWording: the Japanese interface's dashboard as
// public code and KDP's help pages word it — the orders sheet 確定済み注文
// with 有料ダウンロード数 / 無料ダウンロード数, and a 既読 KENPC sheet with a
// 販売期間 banner above its header — still reads as a dashboard that agrees
// with its Summary, not as a statement.
func TestJapaneseDashboardWording(t *testing.T) {
	data := dashboardFor(t, japanese, sheetName, headersOf)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	kenp := sheetName(japanese, sheetKENP)
	if err := f.InsertRows(kenp, 1, 1); err != nil {
		t.Fatal(err)
	}
	f.SetSheetRow(kenp, "A1", &[]any{"販売期間", "9月 2025 - 10月 2025"})
	orders := sheetName(japanese, sheetOrders)
	f.SetSheetName(orders, "確定済み注文")
	f.SetSheetRow("確定済み注文", "A1", &[]any{"日付", "タイトル", "著者名", "ASIN", "マーケットプレイス", "有料ダウンロード数", "無料ダウンロード数"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := ReadBytes("dash-ja.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	checkDashboard(t, r)
}
