package kdp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Limits against zip bombs: a real KDP report is well under a megabyte.
const (
	maxUnzipped    = 256 << 20
	maxUnzippedXML = 64 << 20
	maxFileSize    = 64 << 20
)

// Read reads one report workbook.
func Read(path string) (*Report, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: name, Msg: i18n.M("%v", err)}
	}
	if fi.Size() > maxFileSize {
		return nil, &Error{File: name, Msg: i18n.M("%d MB is far larger than any KDP report", fi.Size()>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: name, Msg: i18n.M("%v", err)}
	}
	return ReadBytes(name, data)
}

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ReadBytes reads a workbook held in memory; name is used in messages.
func ReadBytes(name string, data []byte) (*Report, error) {
	fail := func(msg i18n.Msg) error { return &Error{File: name, Msg: msg} }
	switch {
	case len(data) == 0:
		return nil, fail(i18n.M("the file is empty"))
	case bytes.HasPrefix(data, cfbMagic):
		return nil, fail(i18n.M("a password-protected workbook or an old .xls file: download the report again from KDP as .xlsx, without a password"))
	case !bytes.HasPrefix(data, []byte("PK")):
		return nil, fail(i18n.M("not an .xlsx workbook (not a zip file): download the report from KDP again"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		if strings.Contains(err.Error(), "size exceeds") {
			return nil, fail(i18n.M("expands to more than %d MB: no KDP report is that large (a zip bomb?)", maxUnzipped>>20))
		}
		return nil, fail(i18n.M("cannot open the workbook (%v): is the download complete?", err))
	}
	defer f.Close()
	sum := sha256.Sum256(data)
	r := &Report{File: name, SHA256: hex.EncodeToString(sum[:])}
	wb := &workbook{name: name, f: f}
	if err := wb.load(); err != nil {
		return nil, err
	}
	switch {
	case wb.isPayments():
		r.Kind = Payments
		err = wb.readPayments(r)
	case wb.isStatement():
		r.Kind = Statement
		err = wb.readStatement(r)
	case wb.isDashboard():
		r.Kind = Dashboard
		err = wb.readDashboard(r)
	default:
		return nil, fail(i18n.M("not a KDP report. Expected a statement (Prior Months' Royalties: sheets such as \"eBook Royalty\" with \"Sales Period\" in row 1), "+
			"a Payments report (headers \"Payment Number\", \"Payout Amount\") or a reports-dashboard export (sheets with \"Royalty Date\"); found %s", wb.describe()))
	}
	if err != nil {
		return nil, err
	}
	if len(r.Lines) == 0 && len(r.Payments) == 0 {
		return nil, fail(i18n.M("this %s holds no lines: nothing to import", r.Kind))
	}
	months := map[string]bool{}
	for _, l := range r.Lines {
		months[l.Month] = true
	}
	for _, p := range r.Payments {
		for _, s := range p.Sources {
			months[s.Month] = true
		}
	}
	for m := range months {
		r.Months = append(r.Months, m)
	}
	sort.Strings(r.Months)
	return r, nil
}

// sheet is one worksheet's raw cells and where its header is.
type sheet struct {
	name     string
	rows     [][]string
	header   int           // index into rows, -1 when none
	complete bool          // rows holds the whole sheet, not just its top
	cols     map[Field]int // field → column index
	headers  []string      // as written
}

type workbook struct {
	name   string
	f      *excelize.File
	sheets []*sheet
}

// load reads the first rows of every sheet, enough to find its header:
// a dashboard export holds sheets (Combined Sales, Orders) that are never
// imported, and reading cells is what costs.
func (wb *workbook) load() error {
	for _, name := range wb.f.GetSheetList() {
		rows, err := wb.readRows(name, 5)
		if err != nil {
			return err
		}
		s := &sheet{name: name, rows: rows, header: -1}
		for i := 0; i < len(rows); i++ {
			cols, known := map[Field]int{}, 0
			for j, h := range rows[i] {
				f, ok := headerIndex[fold(h)]
				if !ok {
					continue
				}
				if _, dup := cols[f]; dup {
					if f == FCurrency {
						// Payments: the marketplace's currency, then the payout's
						f = FPayoutCurrency
					} else {
						continue
					}
				}
				cols[f] = j
				known++
			}
			if known >= 3 {
				s.header, s.cols, s.headers = i, cols, rows[i]
				break
			}
		}
		wb.sheets = append(wb.sheets, s)
	}
	return nil
}

// readRows reads up to max rows of a sheet (all when max < 0). Raw values:
// formatted strings turn 29 into "29.00" and dates into whatever the
// sheet's number format says.
func (wb *workbook) readRows(name string, max int) ([][]string, error) {
	it, err := wb.f.Rows(name)
	if err != nil {
		return nil, &Error{File: wb.name, Sheet: name, Msg: i18n.M("%v", err)}
	}
	defer it.Close()
	var rows [][]string
	for it.Next() && (max < 0 || len(rows) < max) {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &Error{File: wb.name, Sheet: name, Row: len(rows) + 1, Msg: i18n.M("%v", err)}
		}
		rows = append(rows, cols)
	}
	return rows, it.Error()
}

// full makes sure every row of the sheet is read.
func (wb *workbook) full(s *sheet) error {
	if s.complete {
		return nil
	}
	rows, err := wb.readRows(s.name, -1)
	if err != nil {
		return err
	}
	s.rows, s.complete = rows, true
	return nil
}

func (wb *workbook) describe() string {
	var parts []string
	for _, s := range wb.sheets {
		var hdr []string
		if len(s.rows) > 0 {
			hdr = s.rows[0]
			if len(hdr) > 6 {
				hdr = append(hdr[:6:6], "…")
			}
		}
		parts = append(parts, fmt.Sprintf("sheet %q with row 1 %q", s.name, strings.Join(hdr, ", ")))
	}
	if len(parts) == 0 {
		return "no sheets"
	}
	return strings.Join(parts, "; ")
}

func (wb *workbook) isPayments() bool {
	for _, s := range wb.sheets {
		if s.has(FPaymentNumber) && s.has(FPayoutAmount) {
			return true
		}
	}
	return false
}

func (wb *workbook) isStatement() bool {
	for _, s := range wb.sheets {
		if len(s.rows) > 0 && len(s.rows[0]) > 0 && isOneOf(s.rows[0][0], salesPeriodLabels) {
			return true
		}
	}
	return false
}

func (wb *workbook) isDashboard() bool {
	for _, s := range wb.sheets {
		if _, ok := s.format(); ok && (s.has(FRoyaltyDate) || s.has(FDate)) {
			return true
		}
	}
	return false
}

func (s *sheet) has(f Field) bool { _, ok := s.cols[f]; return ok }

// format says which royalties a sheet holds: by its name, else its headers.
func (s *sheet) format() (Format, bool) {
	if s.header < 0 {
		return "", false
	}
	if f, ok := sheetFormat(s.name); ok {
		return f, true
	}
	switch {
	case s.has(FKENP) && !s.has(FUnitsSold):
		return KENP, true
	case s.has(FFileSize) || s.has(FDeliveryCost):
		return Ebook, true
	case s.has(FManufacturing):
		return Paperback, true
	}
	return "", false
}

// cellReader reads typed values out of one row, with errors that point at
// the cell.
type cellReader struct {
	wb  *workbook
	s   *sheet
	row []string
	n   int // 1-based row number
	err error
}

func (c *cellReader) fail(f Field, format string, args ...any) {
	if c.err == nil {
		col := string(f)
		if i, ok := c.s.cols[f]; ok && i < len(c.s.headers) {
			col = c.s.headers[i]
		}
		c.err = &Error{File: c.wb.name, Sheet: c.s.name, Row: c.n, Column: col, Msg: i18n.M(format, args...)}
	}
}

func (c *cellReader) raw(f Field) (string, bool) {
	i, ok := c.s.cols[f]
	if !ok {
		return "", false
	}
	if i >= len(c.row) {
		return "", true
	}
	return strings.TrimSpace(c.row[i]), true
}

func (c *cellReader) text(f Field) string {
	v, _ := c.raw(f)
	if notAvailable(v) {
		return ""
	}
	return v
}

func (c *cellReader) required(f Field) string {
	v, ok := c.raw(f)
	if !ok {
		return ""
	}
	if notAvailable(v) {
		c.fail(f, "is empty")
	}
	return v
}

// parseNumber parses a cell as an exact decimal. Cells hold what KDP wrote
// ("6.31"), but a value that went through binary floating point on KDP's
// side is stored as 30.489999999999995. Excel shows numbers to 15
// significant digits, and so does this: that is the number KDP meant and
// the one its own totals use.
func parseNumber(v string) (decimal.Decimal, bool) {
	v = strings.ReplaceAll(v, ",", "")
	d, err := decimal.NewFromString(v)
	if err != nil {
		return decimal.Decimal{}, false
	}
	if n := d.NumDigits(); n > 15 {
		places := -d.Exponent() - int32(n-15)
		d = d.Round(places)
	}
	return d, true
}

func (c *cellReader) decimal(f Field, optional bool) *decimal.Decimal {
	v, ok := c.raw(f)
	if !ok {
		if !optional {
			c.fail(f, "the column is missing")
		}
		return nil
	}
	if notAvailable(v) {
		if !optional {
			c.fail(f, "is empty")
		}
		return nil
	}
	d, ok := parseNumber(v)
	if !ok {
		c.fail(f, "%q is not a number", v)
		return nil
	}
	return &d
}

func (c *cellReader) money(f Field) decimal.Decimal {
	d := c.decimal(f, true)
	if d == nil {
		return decimal.Zero
	}
	return *d
}

func (c *cellReader) integer(f Field, optional bool) *int64 {
	d := c.decimal(f, optional)
	if d == nil {
		return nil
	}
	if !d.IsInteger() {
		c.fail(f, "%s is not a whole number", d)
		return nil
	}
	n := d.IntPart()
	return &n
}

func (c *cellReader) currency(f Field) string {
	v := strings.ToUpper(c.required(f))
	if v != "" && !Currencies[v] {
		c.fail(f, "unknown currency %q", v)
	}
	return v
}

func (c *cellReader) marketplace() string {
	v := c.required(FMarketplace)
	if v == "" {
		return ""
	}
	m, ok := marketplaceName(v)
	if !ok {
		c.fail(FMarketplace, "unknown marketplace %q", v)
	}
	return m
}

var (
	isoMonth = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-\d{2})?$`)
	serial   = regexp.MustCompile(`^\d{4,6}(\.\d+)?$`)
)

// date reads a date cell, text ("2025-07", "2025-07-29") or an Excel serial.
func (c *cellReader) date(f Field) string {
	v := c.required(f)
	if v == "" {
		return ""
	}
	if isoMonth.MatchString(v) {
		return v
	}
	if serial.MatchString(v) {
		x, _ := strconv.ParseFloat(v, 64)
		if t, err := excelize.ExcelDateToTime(x, false); err == nil {
			return t.Format("2006-01-02")
		}
	}
	for _, l := range [][2]string{{"2006/01/02", "2006-01-02"}, {"2006/1/2", "2006-01-02"}, {"2006年1月2日", "2006-01-02"},
		{"20060102", "2006-01-02"}, {"2006/01", "2006-01"}, {"2006年1月", "2006-01"}} {
		if t, err := time.Parse(l[0], v); err == nil {
			return t.Format(l[1])
		}
	}
	c.fail(f, "%q is not a date (YYYY-MM or YYYY-MM-DD)", v)
	return ""
}

func month(date string) string {
	if len(date) >= 7 {
		return date[:7]
	}
	return date
}

var englishMonths = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

var (
	enPeriod = regexp.MustCompile(`^([a-z]+)(\d{4})$`)    // "january2025" (folded)
	jaPeriod = regexp.MustCompile(`^(\d{1,2})月(\d{4})$`)  // "8月2026"
	jaYM     = regexp.MustCompile(`^(\d{4})年(\d{1,2})月$`) // "2026年8月"
)

// salesPeriod reads a statement's "Sales Period | January 2025" (or
// "販売期間 | 8月 2026") into "2025-01".
func salesPeriod(s string) (string, bool) {
	f := fold(s)
	if m := enPeriod.FindStringSubmatch(f); m != nil {
		if mo, ok := englishMonths[m[1]]; ok {
			return fmt.Sprintf("%s-%02d", m[2], mo), true
		}
	}
	if m := jaPeriod.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d", m[2], mo), true
		}
	}
	if m := jaYM.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d", m[1], mo), true
		}
	}
	if isoMonth.MatchString(f) {
		return f[:7], true
	}
	return "", false
}

func rowEmpty(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// requireColumns checks a sheet has what a format needs.
func (wb *workbook) requireColumns(s *sheet, fields ...Field) error {
	for _, f := range fields {
		if !s.has(f) {
			return &Error{File: wb.name, Sheet: s.name, Row: s.header + 1, Msg: i18n.M("the column %q is missing (headers found: %s)", aliases[f][0], strings.Join(s.headers, ", "))}
		}
	}
	return nil
}

// readLines reads a royalty sheet; monthOf gives each row's month.
func (wb *workbook) readLines(s *sheet, format Format, monthOf func(c *cellReader) string, estimate bool) ([]Line, error) {
	if err := wb.full(s); err != nil {
		return nil, err
	}
	var lines []Line
	for i := s.header + 1; i < len(s.rows); i++ {
		row := s.rows[i]
		if rowEmpty(row) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: row, n: i + 1}
		l := Line{Format: format, Sheet: s.name, Row: i + 1}
		l.Month = monthOf(c)
		l.Title = c.text(FTitle)
		l.Author = c.text(FAuthor)
		l.Marketplace = c.marketplace()
		l.Currency = c.currency(FCurrency)
		l.ASIN = c.text(FASIN)
		l.ISBN = c.text(FISBN)
		if v := c.text(FASINOrISBN); v != "" {
			if strings.HasPrefix(strings.ToUpper(v), "B0") || len(v) == 10 && !isDigits(v) {
				l.ASIN = v
			} else {
				l.ISBN = v
			}
		}
		l.RoyaltyType = c.text(FRoyaltyType)
		l.TransactionType = c.text(FTransactionType)
		if format == KENP {
			l.KENPPages = c.integer(FKENP, false)
			if !estimate {
				l.Royalty = c.decimal(FRoyalty, false)
			}
		} else {
			l.UnitsSold = c.integer(FUnitsSold, false)
			l.UnitsRefunded = c.integer(FUnitsRefunded, false)
			l.UnitsNet = c.integer(FUnitsNet, true)
			if l.UnitsNet == nil && l.UnitsSold != nil && l.UnitsRefunded != nil {
				// Statements' print sheets leave the net out: it is sold − refunded.
				n := *l.UnitsSold - *l.UnitsRefunded
				l.UnitsNet = &n
			}
			l.ListPrice = c.decimal(FListPrice, true)
			l.OfferPrice = c.decimal(FOfferPrice, true)
			l.FileSizeMB = c.decimal(FFileSize, true)
			if format == Ebook {
				l.DeliveryCost = c.decimal(FDeliveryCost, true)
			} else {
				l.DeliveryCost = c.decimal(FManufacturing, true)
			}
			l.Royalty = c.decimal(FRoyalty, false)
		}
		if c.err != nil {
			return nil, c.err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

var required = map[Format][]Field{
	Ebook:     {FMarketplace, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty},
	KENP:      {FMarketplace, FCurrency, FKENP, FRoyalty},
	Paperback: {FMarketplace, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty},
	Hardcover: {FMarketplace, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty},
}

// readStatement reads the format sheets of a Prior Months' Royalties
// statement and checks them against its Total Earnings sheet, which repeats
// them: the lines come from one, never both.
func (wb *workbook) readStatement(r *Report) error {
	var period string
	var total *sheet
	for _, s := range wb.sheets {
		if len(s.rows) == 0 || len(s.rows[0]) < 2 || !isOneOf(s.rows[0][0], salesPeriodLabels) {
			continue
		}
		p, ok := salesPeriod(s.rows[0][1])
		if !ok {
			return &Error{File: wb.name, Sheet: s.name, Row: 1, Column: "B", Msg: i18n.M("%q is not a sales period such as \"January 2025\" or \"8月 2026\"", s.rows[0][1])}
		}
		if period != "" && p != period {
			return &Error{File: wb.name, Sheet: s.name, Row: 1, Msg: i18n.M("sales period %s, but other sheets say %s", p, period)}
		}
		period = p
		if isOneOf(s.name, totalEarningsSheets) || (s.has(FEarnings) && s.has(FNetOrKENP)) {
			total = s
			continue
		}
		format, ok := s.format()
		if !ok {
			return &Error{File: wb.name, Sheet: s.name, Msg: i18n.M("a sheet of the statement that is neither eBook, KENP, paperback nor hardcover royalties")}
		}
		if err := wb.requireColumns(s, required[format]...); err != nil {
			return err
		}
		lines, err := wb.readLines(s, format, func(*cellReader) string { return period }, false)
		if err != nil {
			return err
		}
		r.Lines = append(r.Lines, lines...)
	}
	if period == "" {
		return &Error{File: wb.name, Msg: i18n.M("no sheet says its sales period in row 1")}
	}
	if total != nil {
		return wb.crossCheck(total, r.Lines)
	}
	return nil
}

// crossCheck compares the Total Earnings sheet with the lines read, per
// currency, to the last cent.
func (wb *workbook) crossCheck(s *sheet, lines []Line) error {
	if !s.has(FEarnings) || !s.has(FCurrency) {
		return nil
	}
	if err := wb.full(s); err != nil {
		return err
	}
	want := map[string]decimal.Decimal{}
	for i := s.header + 1; i < len(s.rows); i++ {
		if rowEmpty(s.rows[i]) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: s.rows[i], n: i + 1}
		cur := c.currency(FCurrency)
		e := c.money(FEarnings)
		if c.err != nil {
			return c.err
		}
		want[cur] = want[cur].Add(e)
	}
	got := map[string]decimal.Decimal{}
	for _, l := range lines {
		if l.Royalty != nil {
			got[l.Currency] = got[l.Currency].Add(*l.Royalty)
		}
	}
	for _, cur := range unionKeys(want, got) {
		if !want[cur].Equal(got[cur]) {
			return &Error{File: wb.name, Sheet: s.name, Msg: i18n.M("Total Earnings says %s %s but the royalty sheets add up to %s %s: the workbook contradicts itself; download it again", want[cur], cur, got[cur], cur)}
		}
	}
	return nil
}

func unionKeys(a, b map[string]decimal.Decimal) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]decimal.Decimal{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// readDashboard reads the estimate sheets of a reports-dashboard export.
// "Combined Sales" repeats the eBook, paperback and hardcover sheets and
// "Summary" adds them up: both are skipped.
func (wb *workbook) readDashboard(r *Report) error {
	for _, s := range wb.sheets {
		format, ok := s.format()
		if !ok || !(s.has(FRoyaltyDate) || s.has(FDate)) {
			continue
		}
		dateField := FRoyaltyDate
		if !s.has(FRoyaltyDate) {
			dateField = FDate
		}
		need := []Field{FMarketplace, dateField}
		if format != KENP {
			need = append(need, FCurrency, FUnitsSold, FUnitsRefunded, FRoyalty)
		} else {
			need = append(need, FKENP)
		}
		if err := wb.requireColumns(s, need...); err != nil {
			return err
		}
		lines, err := wb.readLines(s, format, func(c *cellReader) string { return month(c.date(dateField)) }, true)
		if err != nil {
			return err
		}
		if format == KENP {
			for i := range lines {
				// the dashboard's KENP sheet has no currency: the marketplace's
				if lines[i].Currency == "" {
					lines[i].Currency = Marketplaces[lines[i].Marketplace]
				}
			}
		}
		r.Lines = append(r.Lines, lines...)
	}
	return nil
}

// readPayments reads a Payments report: a parent row per payment, then its
// detail rows (columns A–D empty, Detail = YYYY-MM).
func (wb *workbook) readPayments(r *Report) error {
	var s *sheet
	for _, sh := range wb.sheets {
		if sh.has(FPaymentNumber) && sh.has(FPayoutAmount) {
			s = sh
			break
		}
	}
	if err := wb.requireColumns(s, FMarketplace, FPaymentNumber, FCurrency, FAccrued, FNetEarnings, FPayoutAmount); err != nil {
		return err
	}
	if err := wb.full(s); err != nil {
		return err
	}
	var cur *Payment
	for i := s.header + 1; i < len(s.rows); i++ {
		row := s.rows[i]
		if rowEmpty(row) {
			continue
		}
		c := &cellReader{wb: wb, s: s, row: row, n: i + 1}
		if num, _ := c.raw(FPaymentNumber); num == "" {
			if cur == nil {
				return &Error{File: wb.name, Sheet: s.name, Row: i + 1, Msg: i18n.M("a detail row before any payment")}
			}
			ps := PaymentSource{Row: i + 1}
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
		p := Payment{Row: i + 1}
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
		if p.PayoutCurrency != "" && !Currencies[p.PayoutCurrency] {
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
			return &Error{File: wb.name, Sheet: s.name, Row: p.Row, Msg: i18n.M("payment %s: its detail rows add up to %s %s, not the net earnings %s", p.Number, sum, p.Currency, p.Net)}
		}
	}
	return nil
}
