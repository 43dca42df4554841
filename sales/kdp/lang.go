package kdp

import (
	"strconv"
	"strings"
	"sync"

	"github.com/hanmoto/hanmoto/internal/lazyre"
)

// language is how one KDP interface language writes the reports: its sheet
// names, its column headers, its month names. Each language is one complete
// table, and a workbook's language is detected before any column is mapped,
// so that two languages can never collide in one merged alias map.
//
// English (2017–2020 and 2023–2025), Spanish and Portuguese are confirmed
// against real downloads; the others, Japanese among them, are KDP's
// wording as far as it could be checked (docs/sales.md says which). No
// column is mapped by these words alone: KDP writes the same columns in the
// same order in every language, marketplace names and currency codes are
// never translated, and a sheet is read by that structure (workbook.go's
// classify). The words choose between layouts the cells fit alike, name
// columns in messages, and read a language's "n/a" and month names.
type language struct {
	code      string
	confirmed bool
	sheets    map[sheetKind][]string
	headers   map[Field][]string
	months    [12]string // lower case
	period    []string   // the statement's "Sales Period" label
	na        []string   // how a missing value is written, besides N/A
	free      []string   // transaction types of free promotions
}

// sheetKind is what a sheet holds, whatever it is called.
type sheetKind string

const (
	sheetEbook      sheetKind = "ebook"
	sheetKENP       sheetKind = "kenp"
	sheetPaperback  sheetKind = "paperback"
	sheetHardcover  sheetKind = "hardcover"
	sheetTotal      sheetKind = "total"
	sheetSummary    sheetKind = "summary"
	sheetCombined   sheetKind = "combined"
	sheetOrders     sheetKind = "orders"
	sheetOrdersEb   sheetKind = "orders-ebook"
	sheetDefinition sheetKind = "definitions"
	sheetPayments   sheetKind = "payments"
)

// common headers no interface translates.
var common = map[Field][]string{
	FASIN:       {"ASIN"},
	FISBN:       {"ISBN"},
	FASINOrISBN: {"ASIN/ISBN"},
}

var english = &language{
	code: "en", confirmed: true,
	sheets: map[sheetKind][]string{
		sheetEbook: {"eBook Royalty"}, sheetKENP: {"KENP Read", "KENPC Read"}, sheetPaperback: {"Paperback Royalty"},
		sheetHardcover: {"Hardcover Royalty"}, sheetTotal: {"Total Earnings", "Total Royalty"}, sheetSummary: {"Summary"},
		sheetCombined: {"Combined Sales"}, sheetOrders: {"Orders Processed", "Orders"}, sheetOrdersEb: {"eBook Orders Placed"},
		sheetDefinition: {"Report Definitions"}, sheetPayments: {"Payments"},
	},
	headers: map[Field][]string{
		FTitle: {"Title"}, FAuthor: {"Author", "Author Name"}, FMarketplace: {"Marketplace"},
		FUnitsSold: {"Units Sold"}, FUnitsRefunded: {"Units Refunded"}, FUnitsNet: {"Net Units Sold"},
		FRoyaltyType: {"Royalty Type"}, FTransactionType: {"Transaction Type"}, FCurrency: {"Currency"},
		FListPrice: {"Avg. List Price without tax"}, FOfferPrice: {"Avg. Offer Price without tax"},
		FFileSize: {"Avg. File Size (MB)"}, FDeliveryCost: {"Avg. Delivery Cost"}, FManufacturing: {"Avg. Manufacturing Cost"},
		FDeliveryOrManuf: {"Avg. Delivery/Manufacturing cost"}, FRoyalty: {"Royalty"}, FEarnings: {"Earnings"},
		FKENP: {"Kindle Edition Normalized Page (KENP) Read", "Kindle Edition Normalized Pages (KENP) Read",
			"Kindle Edition Normalized Pages (KENP) Read from KU and KOLL"},
		FNetOrKENP:  {"Net Units Sold or KENP Read**", "Net Units Sold or KENP Read"},
		FPayoutPlan: {"Payout Plan"}, FRoyaltyDate: {"Royalty Date"}, FOrderDate: {"Order Date"}, FDate: {"Date"},
		FPeriodStart: {"Sales Period - Start Date"}, FPeriodEnd: {"Sales Period - End Date"}, FPaymentNumber: {"Payment Number"},
		FDetail: {"Detail"}, FPaymentMethod: {"Payment Method"}, FAccrued: {"Accrued Royalty"}, FWithholding: {"Tax Withholding"},
		FAdjustments: {"Adjustments"}, FNetEarnings: {"Net Earnings"}, FSource: {"Source"}, FFXRate: {"FX Rate"},
		FPayoutAmount: {"Payout Amount"}, FPaymentStatus: {"Payment Status"},
		FPaidUnits: {"Paid Units"}, FFreeUnits: {"Free Units"},
	},
	months: [12]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	period: []string{"Sales Period"},
	free:   []string{"Free - Promotion", "Free Promotion"},
}

var japanese = &language{
	code: "ja",
	sheets: map[sheetKind][]string{
		sheetEbook: {"電子書籍のロイヤリティ", "電子書籍ロイヤリティ"}, sheetKENP: {"既読 KENPC", "既読 KENP"},
		sheetPaperback: {"ペーパーバックのロイヤリティ", "ペーパーバックロイヤリティ"}, sheetHardcover: {"ハードカバーのロイヤリティ", "ハードカバーロイヤリティ"},
		sheetTotal: {"合計収益", "収益合計"}, sheetSummary: {"概要", "サマリー"}, sheetCombined: {"販売合計", "販売の合計"},
		sheetOrders: {"処理済みの注文", "確定済み注文"}, sheetOrdersEb: {"電子書籍の注文"}, sheetDefinition: {"レポートの定義"}, sheetPayments: {"支払い"},
	},
	headers: map[Field][]string{
		FTitle: {"タイトル"}, FAuthor: {"著者", "著者名"}, FMarketplace: {"マーケットプレイス"},
		FUnitsSold: {"注文数", "販売数"}, FUnitsRefunded: {"払い戻し数", "返金数"}, FUnitsNet: {"実質注文数", "純販売数", "実質販売数"},
		FRoyaltyType: {"ロイヤリティの種類", "ロイヤリティタイプ"}, FTransactionType: {"コンテンツ区分", "取引の種類"}, FCurrency: {"通貨"},
		FListPrice: {"平均希望小売価格 (税別)"}, FOfferPrice: {"平均販売価格 (税別)"}, FFileSize: {"平均ファイルサイズ（MB）"},
		FDeliveryCost: {"平均配信コスト"}, FManufacturing: {"平均印刷コスト"}, FDeliveryOrManuf: {"平均配信/印刷コスト"},
		FRoyalty: {"ロイヤリティ"}, FEarnings: {"収益"},
		FKENP:       {"既読 KENP (Kindle Edition Normalized Pages)", "既読 KENP"},
		FNetOrKENP:  {"実質注文数または既読 KENP**", "実質注文数または既読 KENP"},
		FPayoutPlan: {"支払いプラン"}, FRoyaltyDate: {"ロイヤリティ発生日"}, FOrderDate: {"注文日"}, FDate: {"日付"},
		FPeriodStart: {"販売期間 - 開始日"}, FPeriodEnd: {"販売期間 - 終了日"}, FPaymentNumber: {"支払い番号"}, FDetail: {"詳細"},
		FPaymentMethod: {"支払い方法"}, FAccrued: {"発生したロイヤリティ"}, FWithholding: {"源泉徴収税"}, FAdjustments: {"調整額"},
		FNetEarnings: {"純収益"}, FSource: {"ソース"}, FFXRate: {"為替レート"}, FPayoutAmount: {"支払い金額"}, FPaymentStatus: {"支払いステータス"},
		FPaidUnits: {"有料注文数", "有料ダウンロード数"}, FFreeUnits: {"無料注文数", "無料ダウンロード数"},
	},
	months: [12]string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
	period: []string{"販売期間"},
	na:     []string{"該当なし"},
	free:   []string{"無料 - キャンペーン", "無料キャンペーン"},
}

// spanish is verbatim from real downloads of the Spanish interface
// (including the hardcover sheet's name, cut at Excel's 31 characters).
var spanish = &language{
	code: "es", confirmed: true,
	sheets: map[sheetKind][]string{
		sheetEbook: {"Regalías de eBooks"}, sheetKENP: {"KENP leídas"}, sheetPaperback: {"Regalías de libros impresos"},
		sheetHardcover: {"Regalías de los libros de tapa ", "Regalías de los libros de tapa dura"}, sheetTotal: {"Ganancias totales"},
		sheetSummary: {"Resumen"}, sheetCombined: {"Ventas combinadas"}, sheetOrders: {"Pedidos procesados"},
		sheetOrdersEb: {"Pedidos completados de eBooks"}, sheetDefinition: {"Definiciones del informe"}, sheetPayments: {"Pagos"},
	},
	headers: map[Field][]string{
		FRoyaltyDate: {"Fecha de las regalías"}, FTitle: {"Título"}, FAuthor: {"Nombre del autor", "Autor"}, FMarketplace: {"Tienda"},
		FRoyaltyType: {"Tipo de regalía"}, FTransactionType: {"Tipo de transacción"}, FUnitsSold: {"Unidades vendidas"},
		FUnitsRefunded: {"Unidades devueltas"}, FUnitsNet: {"Unidades netas vendidas"},
		FListPrice: {"Precio de lista medio sin impuestos"}, FOfferPrice: {"Precio de oferta medio sin impuestos"},
		FFileSize: {"Tamaño medio del archivo (MB)"}, FDeliveryCost: {"Gasto medio de envío"}, FManufacturing: {"Gasto de producción medio"},
		FDeliveryOrManuf: {"Gasto medio de entrega/producción"}, FRoyalty: {"Regalías"}, FCurrency: {"Moneda"},
		FOrderDate: {"Fecha de pedido"}, FDate: {"Fecha"}, FKENP: {"Páginas KENP leídas"},
		FPaidUnits: {"Unidades pagadas"}, FFreeUnits: {"Unidades gratuitas"},
	},
	months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	period: []string{"Período de ventas", "Periodo de ventas"},
	free:   []string{"Promoción gratuita"},
}

var german = &language{
	code: "de",
	sheets: map[sheetKind][]string{
		sheetEbook: {"eBook-Tantiemen"}, sheetKENP: {"Gelesene KENP", "KENP gelesen"}, sheetPaperback: {"Taschenbuch-Tantiemen"},
		sheetHardcover: {"Tantiemen für gebundene Ausgaben", "Hardcover-Tantiemen", "Gebundene Ausgabe", "Tantiemen Gebundene Ausgabe"},
		sheetTotal:     {"Gesamteinnahmen", "Tantiemen insgesamt"},
		sheetSummary:   {"Zusammenfassung"}, sheetCombined: {"Kombinierte Verkäufe"}, sheetOrders: {"Bearbeitete Bestellungen"},
		sheetOrdersEb: {"Aufgegebene eBook-Bestellungen"}, sheetDefinition: {"Berichtsdefinitionen"}, sheetPayments: {"Zahlungen"},
	},
	headers: map[Field][]string{
		FRoyaltyDate: {"Tantiemendatum"}, FTitle: {"Titel"}, FAuthor: {"Name des Autors", "Autor"}, FMarketplace: {"Marketplace", "Marktplatz"},
		FRoyaltyType: {"Tantiemensatz", "Tantiementyp"}, FTransactionType: {"Transaktionstyp"}, FUnitsSold: {"Verkaufte Einheiten"},
		FUnitsRefunded: {"Erstattete Einheiten"}, FUnitsNet: {"Verkaufte Einheiten netto", "Netto verkaufte Einheiten"},
		FRoyalty: {"Tantiemen"}, FCurrency: {"Währung"}, FDate: {"Datum"}, FOrderDate: {"Bestelldatum"},
		FKENP: {"Gelesene KENP-Seiten", "Gelesene Seiten (KENP)"}, FPaidUnits: {"Bezahlte Einheiten"}, FFreeUnits: {"Kostenlose Einheiten"},
		FEarnings: {"Einnahmen"}, FPayoutPlan: {"Zahlungsplan"},
	},
	months: [12]string{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
	period: []string{"Verkaufszeitraum"},
	na:     []string{"k. A.", "k.A."},
	free:   []string{"Kostenlos - Aktion", "Gratisaktion"},
}

var french = &language{
	code: "fr",
	sheets: map[sheetKind][]string{
		sheetEbook: {"Redevances eBook", "Redevances des eBooks"}, sheetKENP: {"Pages KENP lues"}, sheetPaperback: {"Redevances brochés", "Redevances des livres brochés"},
		sheetHardcover: {"Redevances reliés", "Redevances des livres reliés"}, sheetTotal: {"Revenus totaux"}, sheetSummary: {"Résumé"},
		sheetCombined: {"Ventes combinées"}, sheetOrders: {"Commandes traitées"}, sheetOrdersEb: {"Commandes eBook passées"},
		sheetDefinition: {"Définitions du rapport"}, sheetPayments: {"Paiements"},
	},
	headers: map[Field][]string{
		FRoyaltyDate: {"Date des redevances"}, FTitle: {"Titre"}, FAuthor: {"Nom de l'auteur", "Auteur"}, FMarketplace: {"Marketplace", "Boutique", "Site de vente"},
		FRoyaltyType: {"Type de redevance"}, FTransactionType: {"Type de transaction"}, FUnitsSold: {"Unités vendues"},
		FUnitsRefunded: {"Unités remboursées"}, FUnitsNet: {"Unités nettes vendues"}, FRoyalty: {"Redevances", "Redevance"},
		FCurrency: {"Devise"}, FDate: {"Date"}, FOrderDate: {"Date de commande"}, FKENP: {"Pages KENP lues"},
		FPaidUnits: {"Unités payées"}, FFreeUnits: {"Unités gratuites"},
		FPaymentNumber: {"Numéro du paiement"}, FNetEarnings: {"Bénéfice net"}, FFXRate: {"Taux de change"},
	},
	months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	period: []string{"Période de vente"},
	free:   []string{"Promotion gratuite"},
}

var italian = &language{
	code: "it",
	sheets: map[sheetKind][]string{
		sheetEbook: {"Royalty eBook"}, sheetKENP: {"Pagine KENP lette"}, sheetPaperback: {"Royalty libri in brossura", "Royalty copertina flessibile"},
		sheetHardcover: {"Royalty copertina rigida"}, sheetTotal: {"Guadagni totali"}, sheetSummary: {"Riepilogo"},
		sheetCombined: {"Vendite combinate"}, sheetOrders: {"Ordini elaborati"}, sheetOrdersEb: {"Ordini eBook effettuati"},
		sheetDefinition: {"Definizioni del report"}, sheetPayments: {"Pagamenti"},
	},
	headers: map[Field][]string{
		FRoyaltyDate: {"Data royalty"}, FTitle: {"Titolo"}, FAuthor: {"Nome dell'autore", "Autore"}, FMarketplace: {"Marketplace"},
		FRoyaltyType: {"Tipo di royalty"}, FTransactionType: {"Tipo di transazione"}, FUnitsSold: {"Unità vendute"},
		FUnitsRefunded: {"Unità rimborsate"}, FUnitsNet: {"Unità nette vendute"}, FRoyalty: {"Royalty"}, FCurrency: {"Valuta"},
		FDate: {"Data"}, FOrderDate: {"Data dell'ordine"}, FKENP: {"Pagine KENP lette"}, FPaidUnits: {"Unità a pagamento"}, FFreeUnits: {"Unità gratuite"},
	},
	months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
	period: []string{"Periodo di vendita"},
	free:   []string{"Promozione gratuita"},
}

// portuguese is verbatim from real downloads of the Portuguese interface
// (2023–2026), KDP's cuts of long sheet names at 31 characters included.
var portuguese = &language{
	code: "pt", confirmed: true,
	sheets: map[sheetKind][]string{
		sheetEbook: {"Royalties de eBooks"}, sheetKENP: {"KENP lidas", "Páginas KENP lidas"},
		sheetPaperback: {"Royalties de livros com capa comum", "Royalties de livros impressos", "Royalties de brochura"},
		sheetHardcover: {"Royalties de livros de capa dura", "Royalties de capa dura"}, sheetTotal: {"Ganhos totais"}, sheetSummary: {"Resumo"},
		sheetCombined: {"Vendas combinadas"}, sheetOrders: {"Pedidos processados"}, sheetOrdersEb: {"Pedidos de eBooks realizados", "Pedidos de eBooks feitos"},
		sheetDefinition: {"Definições do relatório"}, sheetPayments: {"Pagamentos"},
	},
	headers: map[Field][]string{
		FRoyaltyDate: {"Data dos royalties"}, FTitle: {"Título"}, FAuthor: {"Nome do autor", "Autor"}, FMarketplace: {"Loja", "Marketplace"},
		FASINOrISBN:  {"Código ASIN/ISBN"},
		FRoyaltyType: {"Tipo de royalty"}, FTransactionType: {"Tipo de transação"}, FUnitsSold: {"Unidades vendidas"},
		FUnitsRefunded: {"Unidades reembolsadas", "Unidades devolvidas"},
		FUnitsNet:      {"Número líquido de unidades vendidas", "Unidades líquidas vendidas"}, FRoyalty: {"Royalties"},
		FListPrice: {"Preço sugerido médio sem impostos"}, FOfferPrice: {"Preço de oferta médio sem impostos"},
		FFileSize: {"Tamanho médio do arquivo (MB)"}, FDeliveryCost: {"Taxa méd. de entrega"}, FManufacturing: {"Média Custo de fabricação"},
		FDeliveryOrManuf: {"Custo médio de entrega/fabricação"},
		FCurrency:        {"Moeda"}, FDate: {"Data"}, FOrderDate: {"Data do pedido"},
		FKENP:      {"Kindle Edition Normalized Pages (KENP) lidas", "Páginas KENP lidas"},
		FPaidUnits: {"Unidades pagas"}, FFreeUnits: {"Unidades gratuitas"},
	},
	months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	period: []string{"Período de vendas"},
	free:   []string{"Gratuito - Promoção", "Promoção gratuita"},
}

var dutch = &language{
	code: "nl",
	sheets: map[sheetKind][]string{
		sheetEbook: {"eBook-royalty's", "Royalty's e-boeken"}, sheetKENP: {"Gelezen KENP"}, sheetPaperback: {"Paperback-royalty's"},
		sheetHardcover: {"Hardcover-royalty's"}, sheetTotal: {"Totale inkomsten"}, sheetSummary: {"Samenvatting"},
		sheetCombined: {"Gecombineerde verkopen"}, sheetOrders: {"Verwerkte bestellingen"}, sheetOrdersEb: {"Geplaatste eBook-bestellingen", "Geplaatste bestellingen van e-books"},
		sheetDefinition: {"Rapportdefinities"}, sheetPayments: {"Betalingen"},
	},
	headers: map[Field][]string{
		FRoyaltyDate: {"Royaltydatum"}, FTitle: {"Titel"}, FAuthor: {"Naam auteur", "Auteur"}, FMarketplace: {"Marktplaats", "Marketplace"},
		FRoyaltyType: {"Royaltytype"}, FTransactionType: {"Transactietype"}, FUnitsSold: {"Verkochte exemplaren", "Verkochte eenheden"},
		FUnitsRefunded: {"Terugbetaalde exemplaren", "Terugbetaalde eenheden"}, FUnitsNet: {"Netto verkochte exemplaren", "Netto verkochte eenheden"},
		FRoyalty: {"Royalty"}, FCurrency: {"Valuta"}, FDate: {"Datum"}, FOrderDate: {"Besteldatum"}, FKENP: {"Gelezen KENP-pagina's"},
		FPaidUnits: {"Betaalde exemplaren", "Betaalde eenheden"}, FFreeUnits: {"Gratis exemplaren", "Gratis eenheden"},
	},
	months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	period: []string{"Verkoopperiode"},
	free:   []string{"Gratis promotie"},
}

// languages, in the order a tie is broken.
var languages = []*language{english, japanese, spanish, german, french, italian, portuguese, dutch}

// headerField finds the field a header names in this language.
func (l *language) headerField(h string) (Field, bool) {
	f, ok := folded().headers[l][fold(h)]
	return f, ok
}

// sheetKindOf finds what a sheet holds by its name in this language. Excel
// cuts sheet names at 31 characters, and KDP's longer names arrive cut.
func (l *language) sheetKindOf(name string) (sheetKind, bool) {
	k, ok := folded().sheets[l][fold(name)]
	return k, ok
}

// anyHeaderField finds the field a header names in any language's table,
// the first in languages' order.
func anyHeaderField(h string) (Field, bool) {
	f, ok := folded().anyHeader[fold(h)]
	return f, ok
}

// folded is every table's words folded once, for lookups by a folded
// header or sheet name: folding each alias at every lookup was a third of
// an import's time.
var folded = sync.OnceValue(func() *foldedTables {
	t := &foldedTables{headers: map[*language]map[string]Field{}, sheets: map[*language]map[string]sheetKind{}, anyHeader: map[string]Field{}}
	for _, l := range languages {
		hs := map[string]Field{}
		for _, m := range []map[Field][]string{common, l.headers} {
			for field, list := range m {
				for _, a := range list {
					hs[fold(a)] = field
				}
			}
		}
		t.headers[l] = hs
		ss := map[string]sheetKind{}
		for kind, list := range l.sheets {
			for _, a := range list {
				ss[fold(a)] = kind
				ss[fold(excelName(a))] = kind
			}
		}
		t.sheets[l] = ss
	}
	for i := len(languages) - 1; i >= 0; i-- { // the first language wins
		for k, f := range t.headers[languages[i]] {
			t.anyHeader[k] = f
		}
	}
	return t
})

type foldedTables struct {
	headers   map[*language]map[string]Field
	sheets    map[*language]map[string]sheetKind
	anyHeader map[string]Field
}

// excelName is a sheet name as Excel keeps it: 31 characters at most.
func excelName(s string) string {
	r := []rune(s)
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}

func (l *language) isNA(s string) bool {
	switch fold(s) {
	case "", "n/a", "-", "—":
		return true
	}
	for _, a := range l.na {
		if fold(a) == fold(s) {
			return true
		}
	}
	return false
}

func (l *language) isFree(transactionType string) bool {
	for _, a := range l.free {
		if fold(a) == fold(transactionType) {
			return true
		}
	}
	return false
}

var (
	digitsRe  = lazyre.New(`\d+`)
	lettersRe = lazyre.New(`[^\d\s.,/\-年月]+`)
)

// monthYear reads a month as any interface writes it — "January 2025",
// "octubre 2025", "8月 2026", "2026年8月", "2025-01" — into "2025-01".
// Month names are those of every language: a name means the same month in
// each language that has it.
func monthYear(s string) (string, bool) {
	f := strings.ToLower(strings.TrimSpace(normWidth(s)))
	if m := isoMonth().FindStringSubmatch(f); m != nil {
		return m[1] + "-" + m[2], true
	}
	nums := digitsRe().FindAllString(f, -1)
	var year, mon int
	for _, n := range nums {
		v, _ := strconv.Atoi(n)
		switch {
		case len(n) == 4 && year == 0:
			year = v
		case len(n) <= 2 && mon == 0 && strings.Contains(f, n+"月"):
			mon = v
		}
	}
	if mon == 0 {
		word := strings.Trim(lettersRe().FindString(f), " .")
		for _, l := range languages {
			for i, name := range l.months {
				if word != "" && word == name {
					mon = i + 1
				}
			}
		}
	}
	if year < 1990 || mon < 1 || mon > 12 {
		return "", false
	}
	return strconv.Itoa(year) + "-" + twoDigits(mon), true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
