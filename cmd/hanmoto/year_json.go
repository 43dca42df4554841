// report year --format json: the shapes scripts read.

package main

import (
	"encoding/json"

	"github.com/hanmoto/hanmoto/sales/report"
	"github.com/shopspring/decimal"
)

type yearRowJSON struct {
	Marketplace    string       `json:"marketplace"`
	Currency       string       `json:"currency"`
	Payments       int          `json:"payments"`
	Gross          json.Number  `json:"gross"`
	Withholding    json.Number  `json:"withheld"`
	Net            json.Number  `json:"net"`
	GrossJPY       *json.Number `json:"gross_jpy"`
	WithholdingJPY *json.Number `json:"withheld_jpy"`
	NetJPY         *json.Number `json:"net_jpy"`
}

// rate is yen per unit of the payout currency, rate_date its day,
// rate_basis own (earned in yen), payment (KDP's), rate (imported), none
type yearPayJSON struct {
	Date           string       `json:"date"`
	Number         string       `json:"payment"`
	Marketplace    string       `json:"marketplace"`
	Currency       string       `json:"currency"`
	Gross          json.Number  `json:"gross"`
	Withholding    json.Number  `json:"withheld"`
	Net            json.Number  `json:"net"`
	PayoutCurrency string       `json:"payout_currency"`
	Payout         json.Number  `json:"payout"`
	Rate           *json.Number `json:"rate"`
	RateDate       string       `json:"rate_date"`
	Basis          string       `json:"rate_basis"`
	NetJPY         *json.Number `json:"net_jpy"`
}

type yearInvestJSON struct {
	Account         string      `json:"account"`
	TaxFree         bool        `json:"tax_free"`
	Sales           int         `json:"sales"`
	Proceeds        json.Number `json:"proceeds"`
	Cost            json.Number `json:"cost"`
	Gain            json.Number `json:"gain"`
	SaleTax         json.Number `json:"sale_tax"`
	Distributions   int         `json:"distributions"`
	Distributed     json.Number `json:"distributed"`
	DistributionTax json.Number `json:"distribution_tax"`
}

// writeYearJSON: a yen figure that can't be computed is null.
func writeYearJSON(e *env, y *report.Year) error {
	num := func(d *decimal.Decimal) *json.Number {
		if d == nil {
			return nil
		}
		n := json.Number(d.Round(0).String())
		return &n
	}
	out := struct {
		Year        int              `json:"year"`
		Complete    bool             `json:"complete"`
		Unconverted int              `json:"unconverted_payments"`
		GrossJPY    *json.Number     `json:"gross_jpy"`
		WithheldJPY *json.Number     `json:"withheld_jpy"`
		NetJPY      *json.Number     `json:"net_jpy"`
		Rows        []yearRowJSON    `json:"marketplaces"`
		Invest      []yearInvestJSON `json:"investments"`
		Payments    []yearPayJSON    `json:"payments"`
		Note        string           `json:"note"`
	}{Year: y.Year, Complete: y.Unconverted == 0, Unconverted: y.Unconverted, Rows: []yearRowJSON{}, Invest: []yearInvestJSON{}, Payments: []yearPayJSON{},
		Note: "an aid for 確定申告, not tax advice"}
	for _, p := range y.Payments {
		x := yearPayJSON{Date: p.Date, Number: p.Number, Marketplace: p.Marketplace, Currency: p.Currency, Gross: json.Number(p.Gross.String()),
			Withholding: json.Number(p.Withholding.String()), Net: json.Number(p.Net.String()), PayoutCurrency: p.PayoutCurrency,
			Payout: json.Number(p.Payout.String()), RateDate: p.RateDate, Basis: p.Basis, NetJPY: num(p.Yen)}
		if p.Rate != nil {
			r := json.Number(p.Rate.String())
			x.Rate = &r
		}
		out.Payments = append(out.Payments, x)
	}
	for _, v := range y.Invest {
		n := func(d decimal.Decimal) json.Number { return json.Number(d.String()) }
		out.Invest = append(out.Invest, yearInvestJSON{v.Account, v.TaxFree, v.Sales, n(v.Proceeds), n(v.Cost), n(v.Gain), n(v.SaleTax), v.Distributions, n(v.Distributed), n(v.DistributionTax)})
	}
	if y.Unconverted == 0 {
		out.GrossJPY, out.WithheldJPY, out.NetJPY = num(&y.Gross), num(&y.Withholding), num(&y.Net)
	}
	for _, r := range y.Rows {
		out.Rows = append(out.Rows, yearRowJSON{r.Marketplace, r.Currency, r.Payments, json.Number(r.Gross.String()), json.Number(r.Withholding.String()),
			json.Number(r.Net.String()), num(r.GrossJPY), num(r.WithholdingJPY), num(r.NetJPY)})
	}
	return e.writeJSON(out)
}
