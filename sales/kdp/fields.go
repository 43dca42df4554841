package kdp

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Field is a column KDP writes, by what it means rather than what it is
// called: the same field has different headers across report kinds, years
// and interface languages.
type Field string

const (
	FTitle           Field = "title"
	FAuthor          Field = "author"
	FASIN            Field = "asin"
	FISBN            Field = "isbn"
	FASINOrISBN      Field = "asin_or_isbn"
	FMarketplace     Field = "marketplace"
	FUnitsSold       Field = "units_sold"
	FUnitsRefunded   Field = "units_refunded"
	FUnitsNet        Field = "units_net"
	FRoyaltyType     Field = "royalty_type"
	FTransactionType Field = "transaction_type"
	FCurrency        Field = "currency"
	FListPrice       Field = "list_price"
	FOfferPrice      Field = "offer_price"
	FFileSize        Field = "file_size"
	FDeliveryCost    Field = "delivery_cost"
	FManufacturing   Field = "manufacturing_cost"
	FDeliveryOrManuf Field = "delivery_or_manufacturing_cost"
	FRoyalty         Field = "royalty"
	FEarnings        Field = "earnings"
	FKENP            Field = "kenp_pages"
	FNetOrKENP       Field = "net_units_or_kenp"
	FPayoutPlan      Field = "payout_plan"
	FRoyaltyDate     Field = "royalty_date"
	FOrderDate       Field = "order_date"
	FDate            Field = "date"
	// payments
	FPeriodStart    Field = "period_start"
	FPeriodEnd      Field = "period_end"
	FPaymentNumber  Field = "payment_number"
	FDetail         Field = "detail"
	FPaymentMethod  Field = "payment_method"
	FAccrued        Field = "accrued"
	FWithholding    Field = "withholding"
	FAdjustments    Field = "adjustments"
	FNetEarnings    Field = "net_earnings"
	FSource         Field = "source"
	FFXRate         Field = "fx_rate"
	FPayoutAmount   Field = "payout_amount"
	FPaymentStatus  Field = "payment_status"
	FPayoutCurrency Field = "payout_currency" // the second "Currency" of a Payments sheet
)

// aliases maps each field to the headers KDP has used for it, English and
// Japanese. Headers are compared folded (fold): width, case and white space
// do not matter.
var aliases = map[Field][]string{
	FTitle:           {"Title", "タイトル"},
	FAuthor:          {"Author", "Author Name", "著者", "著者名"},
	FASIN:            {"ASIN"},
	FISBN:            {"ISBN"},
	FASINOrISBN:      {"ASIN/ISBN", "ASIN/ISBN"},
	FMarketplace:     {"Marketplace", "マーケットプレイス"},
	FUnitsSold:       {"Units Sold", "注文数", "販売数"},
	FUnitsRefunded:   {"Units Refunded", "払い戻し数", "返金数"},
	FUnitsNet:        {"Net Units Sold", "実質注文数", "純販売数"},
	FRoyaltyType:     {"Royalty Type", "ロイヤリティの種類", "ロイヤリティタイプ"},
	FTransactionType: {"Transaction Type", "コンテンツ区分", "取引の種類"},
	FCurrency:        {"Currency", "通貨"},
	FListPrice:       {"Avg. List Price without tax", "平均希望小売価格 (税別)"},
	FOfferPrice:      {"Avg. Offer Price without tax", "平均販売価格 (税別)"},
	FFileSize:        {"Avg. File Size (MB)", "平均ファイルサイズ（MB）"},
	FDeliveryCost:    {"Avg. Delivery Cost", "平均配信コスト"},
	FManufacturing:   {"Avg. Manufacturing Cost", "平均印刷コスト"},
	FDeliveryOrManuf: {"Avg. Delivery/Manufacturing cost", "平均配信/印刷コスト"},
	FRoyalty:         {"Royalty", "ロイヤリティ"},
	FEarnings:        {"Earnings", "収益"},
	FKENP:            {"Kindle Edition Normalized Page (KENP) Read", "既読 KENP (Kindle Edition Normalized Pages)", "Kindle Edition Normalized Pages (KENP) Read", "既読 KENP"},
	FNetOrKENP:       {"Net Units Sold or KENP Read**", "Net Units Sold or KENP Read", "実質注文数または既読 KENP**", "実質注文数または既読 KENP"},
	FPayoutPlan:      {"Payout Plan", "支払いプラン"},
	FRoyaltyDate:     {"Royalty Date", "ロイヤリティ発生日"},
	FOrderDate:       {"Order Date", "注文日"},
	FDate:            {"Date", "日付"},
	FPeriodStart:     {"Sales Period - Start Date", "販売期間 - 開始日"},
	FPeriodEnd:       {"Sales Period - End Date", "販売期間 - 終了日"},
	FPaymentNumber:   {"Payment Number", "支払い番号"},
	FDetail:          {"Detail", "詳細"},
	FPaymentMethod:   {"Payment Method", "支払い方法"},
	FAccrued:         {"Accrued Royalty", "発生したロイヤリティ"},
	FWithholding:     {"Tax Withholding", "源泉徴収税"},
	FAdjustments:     {"Adjustments", "調整額"},
	FNetEarnings:     {"Net Earnings", "純収益"},
	FSource:          {"Source", "ソース"},
	FFXRate:          {"FX Rate", "為替レート"},
	FPayoutAmount:    {"Payout Amount", "支払い金額"},
	FPaymentStatus:   {"Payment Status", "支払いステータス"},
}

var headerIndex = func() map[string]Field {
	m := map[string]Field{}
	for f, list := range aliases {
		for _, a := range list {
			m[fold(a)] = f
		}
	}
	return m
}()

// fold makes headers and labels comparable: NFKC (full-width → half-width),
// lower case, no white space.
func fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// notAvailable is how KDP writes a missing value, per interface language.
func notAvailable(s string) bool {
	switch fold(s) {
	case "n/a", "該当なし", "":
		return true
	}
	return false
}

// Sheet names, per kind, in every language we know. A sheet whose name is
// unknown is still recognised by its headers.
var sheetAliases = map[Format][]string{
	Ebook:     {"eBook Royalty", "電子書籍のロイヤリティ", "電子書籍ロイヤリティ"},
	KENP:      {"KENP Read", "既読 KENPC", "既読 KENP", "KENPC Read"},
	Paperback: {"Paperback Royalty", "ペーパーバックのロイヤリティ", "ペーパーバックロイヤリティ"},
	Hardcover: {"Hardcover Royalty", "ハードカバーのロイヤリティ", "ハードカバーロイヤリティ"},
}

var totalEarningsSheets = []string{"Total Earnings", "合計収益", "収益合計"}
var salesPeriodLabels = []string{"Sales Period", "販売期間"}

func sheetFormat(name string) (Format, bool) {
	f := fold(name)
	for format, list := range sheetAliases {
		for _, a := range list {
			if fold(a) == f {
				return format, true
			}
		}
	}
	return "", false
}

func isOneOf(s string, list []string) bool {
	f := fold(s)
	for _, a := range list {
		if fold(a) == f {
			return true
		}
	}
	return false
}

// Marketplaces KDP pays from, with their currencies.
var Marketplaces = map[string]string{
	"Amazon.com": "USD", "Amazon.co.uk": "GBP", "Amazon.de": "EUR", "Amazon.fr": "EUR", "Amazon.es": "EUR",
	"Amazon.it": "EUR", "Amazon.nl": "EUR", "Amazon.co.jp": "JPY", "Amazon.in": "INR", "Amazon.ca": "CAD",
	"Amazon.com.br": "BRL", "Amazon.com.mx": "MXN", "Amazon.com.au": "AUD", "Amazon.pl": "PLN",
	"Amazon.se": "SEK", "Amazon.com.be": "EUR", "Amazon.ie": "EUR", "Amazon.sg": "SGD", "Amazon.ae": "AED",
	"Amazon.sa": "SAR", "Amazon.com.tr": "TRY", "Amazon.eg": "EGP",
}

// Currencies are the ISO codes KDP reports in or pays out in.
var Currencies = map[string]bool{
	"USD": true, "GBP": true, "EUR": true, "JPY": true, "INR": true, "CAD": true, "BRL": true, "MXN": true,
	"AUD": true, "PLN": true, "SEK": true, "SGD": true, "AED": true, "SAR": true, "TRY": true, "EGP": true,
	"CHF": true, "NOK": true, "DKK": true, "CZK": true, "HUF": true, "NZD": true, "ZAR": true,
}

// marketplaceName finds the canonical spelling of a marketplace.
func marketplaceName(s string) (string, bool) {
	f := fold(s)
	for m := range Marketplaces {
		if fold(m) == f {
			return m, true
		}
	}
	return "", false
}
