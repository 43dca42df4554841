// Package invest answers "what did the book's money become?": the funds the
// royalties bought, valued at their daily NAV, with money- and time-weighted
// returns. docs/invest.md has the formulas.
package invest

import (
	"errors"
	"math"
	"time"
)

// Flow is a cash flow: negative into the investment, positive out of it
// (the final value counts as taken out on the valuation date).
type Flow struct {
	Date   time.Time
	Amount float64
}

// ErrNoRate means the flows have no internal rate of return (all one sign,
// or no root where one was looked for).
var ErrNoRate = errors.New("no rate of return: the cash flows never change sign")

// npv is Σ CFᵢ / (1+r)^(dᵢ/365) and its derivative in r.
func npv(flows []Flow, r float64) (v, dv float64) {
	t0 := flows[0].Date
	for _, f := range flows {
		t := f.Date.Sub(t0).Hours() / 24 / 365
		d := math.Pow(1+r, t)
		v += f.Amount / d
		dv -= t * f.Amount / (d * (1 + r))
	}
	return v, dv
}

// XIRR is the money-weighted return, annualised: the r with
// Σ CFᵢ / (1+r)^(dᵢ/365) = 0, dᵢ the days since the first flow. Newton's
// method from 10 %, and bisection when Newton leaves the domain or stalls.
func XIRR(flows []Flow) (float64, error) {
	if len(flows) < 2 {
		return 0, ErrNoRate
	}
	pos, neg := false, false
	for _, f := range flows {
		pos = pos || f.Amount > 0
		neg = neg || f.Amount < 0
	}
	if !pos || !neg {
		return 0, ErrNoRate
	}
	r := 0.1
	for i := 0; i < 50; i++ {
		v, dv := npv(flows, r)
		if math.Abs(v) < 1e-7 {
			return r, nil
		}
		if dv == 0 || math.IsNaN(dv) {
			break
		}
		next := r - v/dv
		if next <= -0.999999 || math.IsNaN(next) || math.IsInf(next, 0) {
			break
		}
		if math.Abs(next-r) < 1e-12 {
			return next, nil
		}
		r = next
	}
	// bisection on [-0.999999, hi], widening hi until the sign changes
	lo, hi := -0.999999, 1.0
	vlo, _ := npv(flows, lo)
	vhi, _ := npv(flows, hi)
	for k := 0; vlo*vhi > 0 && k < 60; k++ {
		hi *= 2
		vhi, _ = npv(flows, hi)
	}
	if vlo*vhi > 0 {
		return 0, ErrNoRate
	}
	for i := 0; i < 200; i++ {
		mid := (lo + hi) / 2
		vm, _ := npv(flows, mid)
		if vm == 0 || (hi-lo)/2 < 1e-12 {
			return mid, nil
		}
		if vm*vlo < 0 {
			hi = mid
		} else {
			lo, vlo = mid, vm
		}
	}
	return (lo + hi) / 2, nil
}

// TWR chains daily returns: Π (V_t − CF_t) / V_{t−1} − 1, where V_t is the
// value at the end of day t and CF_t the money put in that day. It measures
// the fund's performance whatever the timing of the purchases.
func TWR(values, flows []float64) (float64, bool) {
	growth, started := 1.0, false
	for t := 1; t < len(values); t++ {
		if values[t-1] <= 0 {
			continue
		}
		growth *= (values[t] - flows[t]) / values[t-1]
		started = true
	}
	return growth - 1, started
}
