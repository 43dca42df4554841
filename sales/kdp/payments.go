package kdp

import (
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/shopspring/decimal"
)

func (wb *workbook) paymentsSheet() *sheet {
	for _, s := range wb.sheets {
		if s.role == rolePayments && s.has(FPaymentNumber) && s.has(FPayoutAmount) {
			return s
		}
	}
	return nil
}

func (wb *workbook) isPayments() bool { return wb.paymentsSheet() != nil }

// readPayments reads a Payments report: a parent row per payment, then its
// detail rows (columns A–D empty, Detail = YYYY-MM).
func (wb *workbook) readPayments(r *royalty.Report) error {
	s := wb.paymentsSheet()
	s.used = true
	if err := wb.requireColumns(s, FMarketplace, FPaymentNumber, FCurrency, FAccrued, FNetEarnings, FPayoutAmount); err != nil {
		return err
	}
	if err := wb.full(s); err != nil {
		return err
	}
	var cur *royalty.Payment
	for i := s.header + 1; i < len(s.rows); i++ {
		row := s.rows[i]
		if rowEmpty(row) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: row, n: i + 1}
		if num, _ := c.raw(FPaymentNumber); num == "" {
			if cur == nil {
				return &inputerr.Error{File: wb.name, Sheet: s.name, Row: i + 1, Msg: i18n.M("a detail row before any payment")}
			}
			ps := royalty.PaymentSource{Row: i + 1}
			ps.Month = month(c.date(FDetail))
			ps.Source = c.text(FSource)
			ps.Currency = c.currency(FCurrency)
			ps.Accrued = c.money(FAccrued)
			ps.Withholding = c.money(FWithholding)
			ps.Net = c.money(FNetEarnings)
			if c.err != nil {
				return c.err
			}
			cur.Sources = append(cur.Sources, ps)
			continue
		}
		p := royalty.Payment{Row: i + 1}
		p.Marketplace = c.marketplace()
		p.PeriodStart = c.date(FPeriodStart)
		p.PeriodEnd = c.date(FPeriodEnd)
		if n := c.integer(FPaymentNumber, false); n != nil {
			p.Number = strconv.FormatInt(*n, 10)
		}
		p.Date = c.date(FDate)
		p.Method = c.text(FPaymentMethod)
		p.Currency = c.currency(FCurrency)
		p.Accrued = c.money(FAccrued)
		p.Withholding = c.money(FWithholding)
		p.Adjustments = c.money(FAdjustments)
		p.Net = c.money(FNetEarnings)
		if v := c.text(FFXRate); v != "" {
			p.FXRate = c.decimal(FFXRate, true)
		}
		p.PayoutCurrency = strings.ToUpper(c.text(FPayoutCurrency))
		if p.PayoutCurrency != "" && !royalty.Currencies[p.PayoutCurrency] {
			c.fail(FPayoutCurrency, "unknown currency %q", p.PayoutCurrency)
		}
		p.PayoutAmount = c.money(FPayoutAmount)
		p.Status = c.text(FPaymentStatus)
		if c.err != nil {
			return c.err
		}
		r.Payments = append(r.Payments, p)
		cur = &r.Payments[len(r.Payments)-1]
	}
	// a payment's details add up to its net earnings
	for _, p := range r.Payments {
		sum := decimal.Zero
		for _, s := range p.Sources {
			sum = sum.Add(s.Net)
		}
		if len(p.Sources) > 0 && !sum.Equal(p.Net.Sub(p.Adjustments)) && !sum.Equal(p.Net) {
			return &inputerr.Error{File: wb.name, Sheet: s.name, Row: p.Row, Msg: i18n.M("payment %s: its detail rows add up to %s %s, not the net earnings %s", p.Number, sum, p.Currency, p.Net)}
		}
	}
	return nil
}
