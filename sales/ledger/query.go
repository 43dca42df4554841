package ledger

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/shopspring/decimal"
)

// Royalty is a royalty line as the ledger holds it.
type Royalty struct {
	Month, Source, Format        string
	Marketplace, Currency        string
	ASIN, ISBN, Title, Author    string
	RoyaltyType, TransactionType string
	UnitsSold, UnitsRefunded     *int64
	UnitsNet, UnitsFree          *int64
	KENPPages                    *int64
	ListPrice, OfferPrice        *decimal.Decimal
	FileSizeMB, DeliveryCost     *decimal.Decimal
	Royalty                      *decimal.Decimal
	Home                         *decimal.Decimal // in the home currency; nil when no rate is known
	HomeBasis                    string           // home, payment, payment+rate, rate, none, or pending
	// Pending: KENP pages KDP has not priced yet; Royalty is nil.
	Pending bool
}

// Filter narrows Royalties. Empty fields do not filter.
type Filter struct {
	Month       string // YYYY-MM
	From, To    string // YYYY-MM, inclusive
	Title       string // substring, case-insensitive
	Marketplace string
}

// Royalties lists royalty lines in month, marketplace, format, title order,
// each with its amount in the home currency.
func (l *Ledger) Royalties(ctx context.Context, f Filter) ([]Royalty, error) {
	// a book shows the title of the newest download that lists it
	q := `SELECT month, source, format, marketplace, currency, asin, isbn, COALESCE((SELECT t.title FROM titles t WHERE t.book = r.book), r.title) AS shown,
		author, royalty_type, transaction_type, units_sold, units_refunded, units_net, units_free, kenp_pages, list_price, offer_price,
		file_size_mb, delivery_cost, royalty, pending
		FROM royalties r WHERE active = 1`
	var args []any
	if f.Month != "" {
		q += ` AND month = ?`
		args = append(args, f.Month)
	}
	if f.From != "" {
		q += ` AND month >= ?`
		args = append(args, f.From)
	}
	if f.To != "" {
		q += ` AND month <= ?`
		args = append(args, f.To)
	}
	if f.Marketplace != "" {
		q += ` AND lower(marketplace) = lower(?)`
		args = append(args, f.Marketplace)
	}
	if f.Title != "" {
		q += ` AND instr(lower(shown), lower(?)) > 0`
		args = append(args, f.Title)
	}
	// by what the lines are, never by when they were imported: any order
	// of the same imports lists the same lines the same way
	q += ` ORDER BY month, marketplace, format, shown, asin, isbn, royalty_type, transaction_type, currency, day, seq, author`
	// before the query: the ledger has one connection, held by open rows
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := l.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Royalty
	for rows.Next() {
		var r Royalty
		var sold, refunded, net, free, kenp sql.NullInt64
		var list, offer, size, cost, roy sql.NullString
		if err := rows.Scan(&r.Month, &r.Source, &r.Format, &r.Marketplace, &r.Currency, &r.ASIN, &r.ISBN, &r.Title, &r.Author,
			&r.RoyaltyType, &r.TransactionType, &sold, &refunded, &net, &free, &kenp, &list, &offer, &size, &cost, &roy, &r.Pending); err != nil {
			return nil, err
		}
		if r.Pending {
			r.HomeBasis = "pending"
		}
		r.UnitsSold, r.UnitsRefunded, r.UnitsNet, r.UnitsFree, r.KENPPages = nullInt(sold), nullInt(refunded), nullInt(net), nullInt(free), nullInt(kenp)
		r.ListPrice, r.OfferPrice, r.FileSizeMB, r.DeliveryCost, r.Royalty = nullDec(list), nullDec(offer), nullDec(size), nullDec(cost), nullDec(roy)
		if r.Royalty != nil {
			r.Home, r.HomeBasis = conv.ToHome(*r.Royalty, r.Currency, r.Marketplace, r.Month, r.Format)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func nullDec(s sql.NullString) *decimal.Decimal {
	if !s.Valid {
		return nil
	}
	d, err := decimal.NewFromString(s.String)
	if err != nil {
		return nil
	}
	return &d
}

// PaymentRow is a payment as the ledger holds it.
type PaymentRow struct {
	Number, Marketplace    string
	PeriodStart, PeriodEnd string
	Date, Method, Status   string
	Currency               string
	Accrued, Withholding   decimal.Decimal
	Adjustments, Net       decimal.Decimal
	FXRate                 *decimal.Decimal
	PayoutCurrency         string
	PayoutAmount           decimal.Decimal
	Months                 []string // the sales months it pays
}

// Payments lists payments by date, then number.
func (l *Ledger) Payments(ctx context.Context) ([]PaymentRow, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT p.number, p.marketplace, p.period_start, p.period_end, p.date, p.method, p.status,
		p.currency, p.accrued, p.withholding, p.adjustments, p.net, p.fx_rate, p.payout_currency, p.payout_amount,
		COALESCE((SELECT group_concat(DISTINCT month) FROM (SELECT month FROM payment_sources s WHERE s.payment_id = p.id ORDER BY month)), '')
		FROM payments p ORDER BY p.date, p.period_start, p.marketplace, p.number`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PaymentRow
	for rows.Next() {
		var p PaymentRow
		var accrued, with, adj, net, payout, months string
		var fx sql.NullString
		if err := rows.Scan(&p.Number, &p.Marketplace, &p.PeriodStart, &p.PeriodEnd, &p.Date, &p.Method, &p.Status, &p.Currency,
			&accrued, &with, &adj, &net, &fx, &p.PayoutCurrency, &payout, &months); err != nil {
			return nil, err
		}
		p.Accrued, p.Withholding = decimal.RequireFromString(accrued), decimal.RequireFromString(with)
		p.Adjustments, p.Net = decimal.RequireFromString(adj), decimal.RequireFromString(net)
		p.PayoutAmount = decimal.RequireFromString(payout)
		p.FXRate = nullDec(fx)
		if months != "" {
			p.Months = strings.Split(months, ",")
			sort.Strings(p.Months)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Line is royalty lines summed for reports: one per month, marketplace,
// currency, source and format (MonthSums) or title (TitleLines).
type Line struct {
	Month, Title, Marketplace, Format, Source, Currency string
	UnitsNet, UnitsFree, KENPPages                      int64
	Lines                                               int // royalty lines summed
	Pending                                             int // KENP lines KDP has not priced yet
	PendingPages                                        int64
	Royalty                                             *decimal.Decimal
	Home                                                *decimal.Decimal
	HomeBasis                                           string
}

// eachLine calls fn for every royalty line between from and to with the
// fields reports need. SQLite joins the lines into one string — one row
// crosses the driver instead of tens of thousands — and it is split here.
func (l *Ledger) eachLine(ctx context.Context, from, to string, fn func(f []string, royalty *decimal.Decimal)) error {
	const us, rs = "\x1f", "\x1e" // unit and record separators: never in a title
	q := `SELECT COALESCE(group_concat(COALESCE((SELECT t.title FROM titles t WHERE t.book = r.book), r.title) || char(31) || month || char(31) ||
		marketplace || char(31) || currency || char(31) || source || char(31) || COALESCE(units_net, 0) || char(31) || COALESCE(kenp_pages, 0) ||
		char(31) || COALESCE(royalty, '') || char(31) || format || char(31) || COALESCE(units_free, 0) || char(31) || pending, char(30)), '')
		FROM royalties r WHERE active = 1`
	q, args := monthRange(q, nil, from, to)
	var all string
	if err := l.db.QueryRowContext(ctx, q, args...).Scan(&all); err != nil {
		return err
	}
	for len(all) > 0 {
		rec := all
		if i := strings.Index(all, rs); i >= 0 {
			rec, all = all[:i], all[i+len(rs):]
		} else {
			all = ""
		}
		f := strings.Split(rec, us)
		if len(f) != 11 {
			return i18n.Errorf("a royalty line the ledger cannot split: %q", rec)
		}
		var roy *decimal.Decimal
		if f[7] != "" {
			d, err := decimal.NewFromString(f[7])
			if err != nil {
				return i18n.Errorf("royalty %q in the ledger: %v", f[7], err)
			}
			roy = &d
		}
		fn(f, roy)
	}
	return nil
}

// TitleLines adds up the royalty lines between from and to (YYYY-MM, either
// empty) by title, month, marketplace, currency and source, each sum in the
// home currency too. month_sums does not keep titles: every line is read.
func (l *Ledger) TitleLines(ctx context.Context, from, to string) ([]Line, error) {
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	type key struct{ title, month, marketplace, currency, source, format string }
	sums := map[key]*Line{}
	var keys []key
	err = l.eachLine(ctx, from, to, func(f []string, roy *decimal.Decimal) {
		k := key{f[0], f[1], f[2], f[3], f[4], f[8]}
		x := sums[k]
		if x == nil {
			x = &Line{Title: k.title, Month: k.month, Marketplace: k.marketplace, Currency: k.currency, Source: k.source, Format: k.format}
			sums[k] = x
			keys = append(keys, k)
		}
		units, _ := strconv.ParseInt(f[5], 10, 64)
		kenp, _ := strconv.ParseInt(f[6], 10, 64)
		free, _ := strconv.ParseInt(f[9], 10, 64)
		x.UnitsNet += units
		x.UnitsFree += free
		x.KENPPages += kenp
		if roy != nil && !roy.IsZero() {
			x.Lines++
		}
		if f[10] == "1" {
			x.Pending++
			x.PendingPages += kenp
		}
		if roy != nil {
			if x.Royalty == nil {
				x.Royalty = &decimal.Decimal{}
			}
			*x.Royalty = x.Royalty.Add(*roy)
		}
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.month != b.month {
			return a.month < b.month
		}
		if a.marketplace != b.marketplace {
			return a.marketplace < b.marketplace
		}
		if a.currency != b.currency {
			return a.currency < b.currency
		}
		if a.source != b.source {
			return a.source < b.source
		}
		if a.format != b.format {
			return a.format < b.format
		}
		return a.title < b.title
	})
	out := make([]Line, 0, len(keys))
	for _, k := range keys {
		x := sums[k]
		if x.Royalty != nil {
			// conversion is linear: the converted sum is the sum converted
			x.Home, x.HomeBasis = conv.ToHome(*x.Royalty, x.Currency, x.Marketplace, x.Month, x.Format)
		}
		out = append(out, *x)
	}
	return out, nil
}

// TitleTotal is a title's all-time figures.
type TitleTotal struct {
	Title       string
	UnitsNet    int64
	UnitsFree   int64
	KENPPages   int64
	Home        decimal.Decimal // lines with no rate into the home currency are left out
	Unconverted int             // how many lines those are
	Missing     Totals          // their amounts, per currency
	Pending     int             // KENP lines KDP has not priced yet
}

// TitleTotals sums every line per title, in the home currency, largest
// first: each line is converted at its (marketplace, month, currency)
// factor, found once and kept.
func (l *Ledger) TitleTotals(ctx context.Context) ([]TitleTotal, error) {
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	type fkey struct{ month, marketplace, currency, format string }
	type factor struct {
		f  *decimal.Decimal
		ok bool
	}
	factors := map[fkey]factor{}
	one := decimal.NewFromInt(1)
	totals := map[string]*TitleTotal{}
	err = l.eachLine(ctx, "", "", func(f []string, roy *decimal.Decimal) {
		t := totals[f[0]]
		if t == nil {
			t = &TitleTotal{Title: f[0], Missing: Totals{}}
			totals[f[0]] = t
		}
		units, _ := strconv.ParseInt(f[5], 10, 64)
		kenp, _ := strconv.ParseInt(f[6], 10, 64)
		free, _ := strconv.ParseInt(f[9], 10, 64)
		t.UnitsNet += units
		t.UnitsFree += free
		t.KENPPages += kenp
		if f[10] == "1" {
			t.Pending++
		}
		if roy == nil || roy.IsZero() {
			return
		}
		k := fkey{f[1], f[2], f[3], f[8]}
		fa, seen := factors[k]
		if !seen {
			v, basis := conv.ToHome(one, k.currency, k.marketplace, k.month, k.format)
			fa = factor{v, basis != "none"}
			factors[k] = fa
		}
		if !fa.ok {
			t.Unconverted++
			t.Missing.add(k.currency, *roy)
			return
		}
		t.Home = t.Home.Add(roy.Mul(*fa.f))
	})
	if err != nil {
		return nil, err
	}
	out := make([]TitleTotal, 0, len(totals))
	for _, t := range totals {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Home.Cmp(out[j].Home); c != 0 {
			return c > 0
		}
		return out[i].Title < out[j].Title
	})
	return out, nil
}

// Unconverted is what cannot be converted into the home currency: how many
// royalty lines, in which currencies, and the currencies KDP paid out in.
type Unconverted struct {
	Lines      int
	Currencies []string
	Payouts    []string
	Home       string
}

// Advice says exactly what to run so that the lines get a rate.
func (u *Unconverted) Advice() i18n.Msg {
	return RatesAdvice(u.Home, u.Home, u.Currencies, len(u.Payouts) > 0)
}

// RatesAdvice is the one advice every command gives for amounts without a
// rate into target (the home currency, or the yen of 確定申告): where rates
// come from, and — when target is not the home currency, into which rates
// files are read — to make it the home first. payments says the Payments
// report is imported already; else it is named too, as its payouts
// convert at KDP's own rate.
func RatesAdvice(home, target string, currencies []string, payments bool) i18n.Msg {
	from := i18n.M("give rates into %s with hanmoto rates import FILE — the ECB's eurofxref-hist.csv, a Japanese bank's TTM history (みずほ銀行's quote.csv) or a CSV of date,currency,rate", target)
	if len(currencies) > 0 {
		from = i18n.M("give rates into %s for %s with hanmoto rates import FILE — the ECB's eurofxref-hist.csv, a Japanese bank's TTM history (みずほ銀行's quote.csv) or a CSV of date,currency,rate", target, i18n.List(currencies))
	}
	if !payments {
		from = i18n.M("%s; or import the Payments report (hanmoto sales import payments.xlsx): each payment converts at KDP's own rate", from)
	}
	if target != home {
		return i18n.M("the home currency is %s: make it %s (hanmoto sales home %s), then %s", home, target, target, from)
	}
	return from
}

// Unconverted counts the lines no payment or imported rate converts.
func (l *Ledger) Unconverted(ctx context.Context) (*Unconverted, error) {
	conv, err := l.Converter(ctx)
	if err != nil {
		return nil, err
	}
	u := &Unconverted{Home: conv.Home}
	curs := map[string]bool{}
	type fkey struct{ month, marketplace, currency, format string }
	seen := map[fkey]bool{}
	one := decimal.NewFromInt(1)
	err = l.eachLine(ctx, "", "", func(f []string, roy *decimal.Decimal) {
		if roy == nil || roy.IsZero() {
			return
		}
		k := fkey{f[1], f[2], f[3], f[8]}
		ok, known := seen[k]
		if !known {
			_, basis := conv.ToHome(one, k.currency, k.marketplace, k.month, k.format)
			ok = basis != "none"
			seen[k] = ok
		}
		if !ok {
			u.Lines++
			curs[k.currency] = true
		}
	})
	if err != nil {
		return nil, err
	}
	for c := range curs {
		u.Currencies = append(u.Currencies, c)
	}
	sort.Strings(u.Currencies)
	u.Payouts, err = l.PayoutCurrencies(ctx)
	return u, err
}

// PayoutCurrencies are the currencies KDP paid out in.
func (l *Ledger) PayoutCurrencies(ctx context.Context) ([]string, error) {
	return columnOf[string](ctx, l.db, `SELECT DISTINCT payout_currency FROM payments WHERE payout_currency != '' ORDER BY 1`)
}

// monthRange narrows a query on month to from..to (YYYY-MM, either empty).
func monthRange(q string, args []any, from, to string) (string, []any) {
	if from != "" {
		q += ` AND month >= ?`
		args = append(args, from)
	}
	if to != "" {
		q += ` AND month <= ?`
		args = append(args, to)
	}
	return q, args
}
