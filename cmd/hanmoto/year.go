package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/money"
	"github.com/hanmoto/hanmoto/sales/report"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

func reportYearCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "year",
		Usage: "a year's royalty income as received, in yen: an aid for 確定申告",
		Description: `The KDP payments made in --year (default: last year), by marketplace:
gross (accrued), tax withheld and net, in the marketplace's currency and in
yen: Amazon.co.jp's own figures; elsewhere at each payment's own rate — its
payout when KDP paid yen, else the imported rate of its day (hanmoto sales
home JPY, hanmoto rates import).
A row whose yen can't be computed is marked ?, never 0.
Then the year's fund sales (解約) and distributions (分配金) by account:
特定 and 一般 (taxable), NISA apart (tax-free) — proceeds, 取得費 by the
moving average brokers use, gain, tax withheld (--investments gives them
as the table or CSV). An aid for 確定申告, not tax advice.`,
		Flags: []cli.Flag{&cli.StringFlag{Name: "year", Usage: "the calendar `YYYY`"},
			&cli.BoolFlag{Name: "investments", Usage: "the table or CSV of fund sales and distributions instead of the payments"},
			&cli.BoolFlag{Name: "payments", Usage: "each payment with the exchange rate that made its yen and that rate's day"},
			newFormatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Action: readAction(e, e.reportYear),
	}
}

func (e *env) reportYear(c *cli.Context, l *ledger.Ledger, format string) error {
	year := time.Now().Year() - 1
	if c.IsSet("year") {
		y, err := jinput.Whole(strings.TrimSuffix(strings.TrimSpace(c.String("year")), "年"))
		if err != nil || y < 2000 || y > 2100 {
			return usage(e.p.Errorf("--year %q is not a year such as 2025", c.String("year")))
		}
		year = int(y)
	}
	y, err := report.TaxYear(ctxb, l, year)
	if err != nil {
		return fail(err)
	}
	// amounts to their currency's minor unit: with separators for
	// people, plain in CSV; JSON keeps them exact
	amount := func(d decimal.Decimal, cur string) string {
		if format == "csv" {
			return money.Plain(d, cur)
		}
		return money.Format(d, cur)
	}
	jpy := func(d *decimal.Decimal) string {
		switch {
		case d != nil:
			return amount(*d, "JPY")
		case format == "csv":
			return ""
		}
		return "?"
	}
	if format == "json" {
		return writeYearJSON(e, y)
	}
	if c.Bool("investments") {
		return writeYearInvest(e, y, format)
	}
	if c.Bool("payments") {
		return writeYearPayments(e, y, format, amount, jpy)
	}
	t := &textable.Table{Header: []string{"marketplace", "currency", "payments", "gross", "withheld", "net", "gross_jpy", "withheld_jpy", "net_jpy"},
		Numeric: map[string]bool{"payments": true, "gross": true, "withheld": true, "net": true, "gross_jpy": true, "withheld_jpy": true, "net_jpy": true}, Label: e.p.T}
	for _, r := range y.Rows {
		t.Add(r.Marketplace, r.Currency, strconv.Itoa(r.Payments), amount(r.Gross, r.Currency), amount(r.Withholding, r.Currency), amount(r.Net, r.Currency),
			jpy(r.GrossJPY), jpy(r.WithholdingJPY), jpy(r.NetJPY))
	}
	if err := e.table(t, format); err != nil || format != "table" {
		return err
	}
	if len(y.Rows) > 0 {
		e.printf(e.stdout, "each payment with the exchange rate that made its yen and the day of that rate: hanmoto report year --year %d --payments\n", year)
	}
	if len(y.Rows) == 0 {
		e.printf(e.stdout, "no KDP payment was made in %d\n", year)
	} else {
		e.yearTotals(y, homeOf(l))
	}
	if len(y.Invest) == 0 {
		e.printf(e.stdout, "no fund was sold and no distribution paid in %d\n", year)
	} else {
		fmt.Fprintln(e.stdout)
		if err := writeYearInvest(e, y, "table"); err != nil {
			return err
		}
		for _, v := range y.Invest {
			if v.TaxFree {
				e.printf(e.stdout, "NISA: %s yen of gains and %s yen of distributions, tax-free: nothing to declare\n", yen(v.Gain), yen(v.Distributed))
			}
		}
	}
	e.printf(e.stdout, "an aid for 確定申告, not tax advice: check each figure against your payment advices and your broker's 年間取引報告書, and ask a tax accountant (税理士) when unsure\n")
	return nil
}

// writeYearPayments lists the year's payments one by one: what each paid,
// its yen, and the rate and the day of the rate that made them.
func writeYearPayments(e *env, y *report.Year, format string, amount func(decimal.Decimal, string) string, jpy func(*decimal.Decimal) string) error {
	t := &textable.Table{Header: []string{"date", "payment", "marketplace", "currency", "gross", "withheld", "net", "payout", "rate", "rate_date", "rate_basis", "net_jpy"},
		Numeric: map[string]bool{"gross": true, "withheld": true, "net": true, "payout": true, "rate": true, "net_jpy": true}, Label: e.p.T}
	for _, p := range y.Payments {
		rate := ""
		if p.Rate != nil {
			rate = p.Rate.String()
		}
		t.Add(p.Date, p.Number, p.Marketplace, p.Currency, amount(p.Gross, p.Currency), amount(p.Withholding, p.Currency), amount(p.Net, p.Currency),
			p.PayoutCurrency+" "+amount(p.Payout, p.PayoutCurrency), rate, p.RateDate, e.p.T(yearBasis[p.Basis]), jpy(p.Yen))
	}
	return e.table(t, format)
}

// yearBasis says how a payment became yen, for people.
var yearBasis = map[string]string{
	"own":     "earned in yen",
	"payment": "KDP's rate",
	"rate":    "imported rate",
	"none":    "no rate",
}

// yearTotals prints the year's royalty totals in yen.
func (e *env) yearTotals(y *report.Year, home string) {
	atLeast := ""
	if y.Unconverted > 0 {
		atLeast = "≥ "
	}
	jpy := func(d decimal.Decimal) string { return money.Format(d, "JPY") }
	e.printf(e.stdout, "%d in yen: gross %s%s, withheld %s%s, net %s%s\n", y.Year, atLeast, jpy(y.Gross), atLeast, jpy(y.Withholding), atLeast, jpy(y.Net))
	if y.Unconverted > 0 {
		e.printf(e.stdout, "%d payments were made in another currency and have no rate into JPY: %s\n", y.Unconverted, e.p.Msg(ledger.RatesAdvice(home, "JPY", nil, true)))
	}
}

// writeYearInvest writes the year's sales and distributions by account.
func writeYearInvest(e *env, y *report.Year, format string) error {
	t := &textable.Table{Header: []string{"account", "sales", "proceeds", "cost", "gain", "sale_tax", "distributions", "distributed", "distribution_tax", "tax_free"},
		Numeric: map[string]bool{"sales": true, "proceeds": true, "cost": true, "gain": true, "sale_tax": true, "distributions": true, "distributed": true, "distribution_tax": true}, Label: e.p.T}
	for _, v := range y.Invest {
		free := "no"
		if v.TaxFree {
			free = "yes"
		}
		t.Add(v.Account, strconv.Itoa(v.Sales), v.Proceeds.String(), v.Cost.String(), v.Gain.String(), v.SaleTax.String(),
			strconv.Itoa(v.Distributions), v.Distributed.String(), v.DistributionTax.String(), e.p.T(free))
	}
	return e.table(e.words(t), format)
}
