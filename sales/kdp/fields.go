package kdp

import (
	"strings"
	"unicode"

	"github.com/hanmoto/hanmoto/sales/royalty"
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
	// orders
	FPaidUnits Field = "paid_units"
	FFreeUnits Field = "free_units"
)

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

// normWidth makes full-width forms half-width (NFKC).
func normWidth(s string) string { return norm.NFKC.String(s) }

// marketplaceName finds the canonical spelling of a marketplace.
func marketplaceName(s string) (string, bool) {
	f := fold(s)
	for m := range royalty.Marketplaces {
		if fold(m) == f {
			return m, true
		}
	}
	return "", false
}
