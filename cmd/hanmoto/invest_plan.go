// invest plan: where each payment went and what is still to reinvest.

package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/sales/ledger"

	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/sales/invest"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

func investPlanCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "where each royalty payment went, and what is still to reinvest",
		Description: `Royalties received (KDP payments, in yen) less the money invested
(every purchase's amount and fee), cumulative: what is still to reinvest.
Each purchase is paid for first by the payments it names (invest buy
--payment), then by the oldest payments received on or before its day
that have yen left; the rest was other money. One row per month with yen
left (--all: every month): its payments, what they brought in yen, what
purchases took of them and what is left. --payments: one row per payment
instead, with the purchases it funded as #id:yen.
A payment KDP made in another currency needs a rate into yen (hanmoto
sales home JPY, hanmoto rates import) and is marked until it has one.`,
		Flags: []cli.Flag{newMonthFlag("month", "only payments made in `YYYY-MM`"), &cli.BoolFlag{Name: "all", Usage: "every month (or payment), also those fully invested"},
			&cli.BoolFlag{Name: "payments", Usage: "one row per payment, not per month"},
			newFormatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error {
			format := e.format(c)
			l, p, err := openPortfolio(e, c)
			if err != nil {
				return err
			}
			defer l.Close()
			pl := p.Plan(c.String("month"))
			var shown []invest.PaymentUse
			for _, u := range pl.Payments {
				if c.Bool("all") || u.Left == nil || u.Left.IsPositive() {
					shown = append(shown, u)
				}
			}
			if format == "json" {
				return writePlanJSON(e, pl, shown)
			}
			if !c.Bool("payments") {
				if err := e.planMonths(pl, c.Bool("all"), format); err != nil || format != "table" {
					return err
				}
				return e.planTotals(pl, homeOf(l))
			}
			t := &textable.Table{Header: []string{"date", "payment", "marketplace", "received", "basis", "invested", "left", "purchases"},
				Numeric: map[string]bool{"received": true, "invested": true, "left": true}, Label: e.p.T}
			// separators for people, plain for scripts
			amt := yen
			if format == "csv" {
				amt = yenPlain
			}
			for _, u := range shown {
				received, left := "?", "?"
				if format == "csv" {
					received, left = "", "" // unknown, as the other CSV exports say it
				}
				if u.JPY != nil {
					// whole yen that add up as printed: received − invested
					received, left = amt(*u.JPY), amt(u.JPY.Round(0).Sub(u.Invested.Round(0)))
				}
				var funded []string
				for _, f := range u.Funded {
					funded = append(funded, fmt.Sprintf("#%d:%s", f.Trade, amt(f.Amount)))
				}
				t.Add(u.Date, u.Number, u.Marketplace, received, u.Basis, amt(u.Invested), left, strings.Join(funded, " "))
			}
			if err := e.table(e.words(t), format); err != nil || format != "table" {
				return err
			}
			return e.planTotals(pl, homeOf(l))
		},
	}
}

// planMonths is the plan one month a row: what a person reinvests from.
func (e *env) planMonths(pl invest.Plan, all bool, format string) error {
	t := &textable.Table{Header: []string{"month", "payments", "received", "invested", "left"},
		Numeric: map[string]bool{"payments": true, "received": true, "invested": true, "left": true}, Label: e.p.T}
	for _, m := range pl.Months() {
		if !all && m.Unconverted == 0 && !m.Left.IsPositive() {
			continue
		}
		received, left := yen(m.Received), yen(m.Left)
		switch {
		case format == "csv" && m.Unconverted > 0:
			received, left = "", "" // unknown, as the other CSV exports say it
		case format == "csv":
			received, left = yenPlain(m.Received), yenPlain(m.Left)
		case m.Unconverted == m.Payments:
			received, left = "?", "?"
		case m.Unconverted > 0:
			received, left = "≥"+received, "≥"+left
		}
		invested := yen(m.Invested)
		if format == "csv" {
			invested = yenPlain(m.Invested)
		}
		t.Add(m.Month, strconv.Itoa(m.Payments), received, invested, left)
	}
	return e.table(t, format)
}

// planTotals says what came in, what went in, and what is still to
// reinvest, under the table.
func (e *env) planTotals(pl invest.Plan, home string) error {
	last := pl.LastPurchase
	if last == "" {
		last = e.p.T("none yet")
	}
	atLeast := ""
	if pl.Unconverted > 0 {
		atLeast = "≥ "
	}
	e.printf(e.stdout, "received %s%s JPY, invested %s JPY (last purchase: %s)\n", atLeast, yen(pl.Received), yen(pl.Invested), last)
	switch {
	case pl.ToReinvest.IsNegative() && pl.Unconverted == 0:
		e.printf(e.stdout, "to reinvest: 0 JPY — %s JPY more was invested than the royalties brought in\n", yen(pl.ToReinvest.Neg()))
	case pl.ToReinvest.IsNegative():
		e.printf(e.stdout, "to reinvest: ? JPY — %s JPY more was invested than the payments with a rate brought in\n", yen(pl.ToReinvest.Neg()))
	default:
		e.printf(e.stdout, "to reinvest: %s%s JPY\n", atLeast, yen(pl.ToReinvest))
	}
	if pl.Unconverted > 0 {
		e.printf(e.stdout, "%d payments were made in another currency and have no rate into JPY: %s\n", pl.Unconverted, e.p.Msg(ledger.RatesAdvice(home, "JPY", nil, true)))
	}
	return nil
}

// writePlanJSON: an amount that can't be computed is null, never 0.
func writePlanJSON(e *env, pl invest.Plan, shown []invest.PaymentUse) error {
	type fundingJSON struct {
		Trade  int64       `json:"trade"`
		Date   string      `json:"date"`
		Amount json.Number `json:"amount"`
		Linked bool        `json:"linked"`
	}
	type paymentJSON struct {
		Date        string        `json:"date"`
		Number      string        `json:"payment"`
		Marketplace string        `json:"marketplace"`
		Received    *json.Number  `json:"received"`
		Basis       string        `json:"basis"`
		Invested    json.Number   `json:"invested"`
		Left        *json.Number  `json:"left"`
		Purchases   []fundingJSON `json:"purchases"`
	}
	// a month with a payment not in yen has no known total: null
	type monthJSON struct {
		Month    string       `json:"month"`
		Payments int          `json:"payments"`
		Received *json.Number `json:"received"`
		Invested json.Number  `json:"invested"`
		Left     *json.Number `json:"left"`
	}
	num := func(d *decimal.Decimal) *json.Number {
		if d == nil {
			return nil
		}
		n := json.Number(d.String())
		return &n
	}
	out := struct {
		Currency     string        `json:"currency"`
		Received     json.Number   `json:"received"`
		Complete     bool          `json:"complete"`
		Unconverted  int           `json:"unconverted_payments"`
		Invested     json.Number   `json:"invested"`
		ToReinvest   *json.Number  `json:"to_reinvest"`
		LastPurchase *string       `json:"last_purchase"`
		Months       []monthJSON   `json:"months"`
		Payments     []paymentJSON `json:"payments"`
	}{Months: []monthJSON{}, Currency: "JPY", Received: json.Number(pl.Received.String()), Complete: pl.Unconverted == 0, Unconverted: pl.Unconverted,
		Invested: json.Number(pl.Invested.String()), Payments: []paymentJSON{}}
	if pl.Unconverted == 0 {
		out.ToReinvest = num(&pl.ToReinvest)
	}
	if pl.LastPurchase != "" {
		out.LastPurchase = &pl.LastPurchase
	}
	for _, m := range pl.Months() {
		mj := monthJSON{Month: m.Month, Payments: m.Payments, Invested: json.Number(m.Invested.String())}
		if m.Unconverted == 0 {
			mj.Received, mj.Left = num(&m.Received), num(&m.Left)
		}
		out.Months = append(out.Months, mj)
	}
	for _, u := range shown {
		pj := paymentJSON{Date: u.Date, Number: u.Number, Marketplace: u.Marketplace, Received: num(u.JPY), Basis: u.Basis,
			Invested: json.Number(u.Invested.String()), Left: num(u.Left), Purchases: []fundingJSON{}}
		for _, f := range u.Funded {
			pj.Purchases = append(pj.Purchases, fundingJSON{f.Trade, f.Date, json.Number(f.Amount.String()), f.Linked})
		}
		out.Payments = append(out.Payments, pj)
	}
	return e.writeJSON(out)
}
