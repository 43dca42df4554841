package money

import (
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestFormat(t *testing.T) {
	for _, c := range []struct{ in, cur, want string }{
		{"14.7817224", "INR", "14.78"}, {"1234567.891", "EUR", "1,234,567.89"}, {"17651.74", "JPY", "17,652"},
		{"-1234.5", "JPY", "-1,235"}, {"0.005", "USD", "0.01"}, {"999", "USD", "999.00"},
	} {
		if got := Format(d(c.in), c.cur); got != c.want {
			t.Errorf("Format(%s %s) = %s, want %s", c.cur, c.in, got, c.want)
		}
	}
}

func TestAllocate(t *testing.T) {
	// three thirds of 1.00 round to 0.33 each: one of them takes the cent
	parts := []decimal.Decimal{d("1").Div(d("3")), d("1").Div(d("3")), d("1").Div(d("3"))}
	got := Allocate(parts, "EUR")
	sum := decimal.Zero
	for _, g := range got {
		sum = sum.Add(g)
	}
	if !sum.Equal(d("1")) || !got[0].Equal(d("0.34")) || !got[2].Equal(d("0.33")) {
		t.Errorf("Allocate = %v (sum %s)", got, sum)
	}
	got = Allocate([]decimal.Decimal{d("2.5"), d("1.4"), d("1.1")}, "JPY")
	if !got[0].Equal(d("3")) || !got[1].Equal(d("1")) || !got[2].Equal(d("1")) {
		t.Errorf("Allocate yen = %v", got)
	}
}
