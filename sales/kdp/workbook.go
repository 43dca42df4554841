package kdp

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/lazyre"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// sheet is one worksheet's raw cells and where its header is.
type sheet struct {
	index    int
	name     string
	kind     sheetKind // what its name says in the workbook's language; "" when unknown
	rows     [][]string
	header   int           // index into rows, -1 when none
	complete bool          // rows holds the whole sheet, not just its top
	cols     map[Field]int // field → column index
	headers  []string      // as written
	layout   string        // the layout its columns were mapped by, when the headers were not known
}

type workbook struct {
	name    string
	f       *excelize.File
	lang    *language
	sheets  []*sheet
	created string // docProps/core.xml's dcterms:created
}

// topRows is how much of each sheet is read to find its header: a
// dashboard export holds sheets (Combined Sales, Orders) that are never
// imported, and reading cells is what costs.
const topRows = 6

// load reads the top of every sheet, detects the interface language, and
// finds each sheet's header in it.
func (wb *workbook) load() error {
	for i, name := range wb.f.GetSheetList() {
		rows, err := wb.readRows(name, topRows)
		if err != nil {
			return err
		}
		wb.sheets = append(wb.sheets, &sheet{index: i, name: name, rows: rows, header: -1})
	}
	if props, err := wb.f.GetDocProps(); err == nil && props != nil {
		wb.created = props.Created
	}
	wb.lang = wb.detectLanguage()
	for _, s := range wb.sheets {
		s.kind, _ = wb.lang.sheetKindOf(s.name)
		wb.findHeader(s)
	}
	wb.mapByLayout()
	return nil
}

// detectLanguage scores each language by the sheet names and headers it
// knows in this workbook; English wins a tie.
func (wb *workbook) detectLanguage() *language {
	best, bestScore := english, -1
	for _, l := range languages {
		score := 0
		for _, s := range wb.sheets {
			if _, ok := l.sheetKindOf(s.name); ok {
				score += 3
			}
			top := 0
			for _, row := range s.rows {
				n := 0
				for _, h := range row {
					if f, ok := l.headerField(h); ok && common[f] == nil {
						n++
					}
				}
				top = max(top, n)
			}
			score += top
			if len(s.rows) > 0 && len(s.rows[0]) > 0 {
				for _, p := range l.period {
					if fold(p) == fold(s.rows[0][0]) {
						score += 3
					}
				}
			}
		}
		if score > bestScore {
			best, bestScore = l, score
		}
	}
	return best
}

// findHeader takes the first of the top rows that names three fields or
// more in the workbook's language.
func (wb *workbook) findHeader(s *sheet) {
	for i, row := range s.rows {
		cols, known := map[Field]int{}, 0
		for j, h := range row {
			f, ok := wb.lang.headerField(h)
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
			s.header, s.cols, s.headers = i, cols, row
			return
		}
	}
}

// layout is the columns of one kind of sheet, in the order KDP writes them
// in every interface language.
type layout struct {
	name      string
	statement bool // below a "Sales Period | month" row
	fields    []Field
}

var layouts = []layout{
	{"dashboard-ebook", false, []Field{FRoyaltyDate, FTitle, FAuthor, FASIN, FMarketplace, FRoyaltyType, FTransactionType, FUnitsSold,
		FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FFileSize, FDeliveryCost, FRoyalty, FCurrency}},
	{"dashboard-print", false, []Field{FRoyaltyDate, FOrderDate, FTitle, FAuthor, FISBN, FMarketplace, FRoyaltyType, FTransactionType,
		FUnitsSold, FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FManufacturing, FRoyalty, FCurrency, FASIN}},
	{"dashboard-combined", false, []Field{FRoyaltyDate, FTitle, FAuthor, FASINOrISBN, FMarketplace, FRoyaltyType, FTransactionType,
		FUnitsSold, FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FDeliveryOrManuf, FRoyalty, FCurrency}},
	{"dashboard-kenp", false, []Field{FDate, FTitle, FAuthor, FASIN, FMarketplace, FKENP}},
	{"dashboard-orders", false, []Field{FDate, FTitle, FAuthor, FASIN, FMarketplace, FPaidUnits, FFreeUnits}},
	{"payments", false, []Field{FPeriodStart, FPeriodEnd, FMarketplace, FPaymentNumber, FDetail, FDate, FPaymentMethod, FCurrency,
		FAccrued, FWithholding, FAdjustments, FNetEarnings, FSource, FFXRate, FPayoutCurrency, FPayoutAmount, FPaymentStatus}},
	{"statement-ebook", true, []Field{FTitle, FAuthor, FASIN, FMarketplace, FUnitsSold, FUnitsRefunded, FUnitsNet, FRoyaltyType,
		FTransactionType, FCurrency, FListPrice, FOfferPrice, FFileSize, FDeliveryCost, FRoyalty}},
	{"statement-kenp", true, []Field{FTitle, FAuthor, FASIN, FMarketplace, FKENP, FRoyalty, FCurrency}},
	{"statement-print", true, []Field{FTitle, FAuthor, FISBN, FMarketplace, FUnitsSold, FUnitsRefunded, FRoyaltyType, FListPrice,
		FOfferPrice, FManufacturing, FRoyalty, FCurrency, FASIN}},
	{"statement-total", true, []Field{FTitle, FAuthor, FASINOrISBN, FMarketplace, FUnitsSold, FUnitsRefunded, FNetOrKENP, FRoyaltyType,
		FPayoutPlan, FCurrency, FListPrice, FOfferPrice, FFileSize, FDeliveryOrManuf, FEarnings}},
}

// mapByLayout maps the columns of sheets whose headers the language table
// does not know, by KDP's column order, when the cells agree: marketplaces
// where the marketplace goes, currency codes where the currency goes,
// numbers where numbers go. A language not in the tables reads this way.
func (wb *workbook) mapByLayout() {
	for _, s := range wb.sheets {
		if s.header >= 0 {
			continue
		}
		periodRow := len(s.rows) > 0 && isPeriodLabelRow(s.rows[0])
		for _, l := range layouts {
			if l.statement != periodRow {
				continue
			}
			h := 0
			if periodRow {
				h = 1
			}
			if h >= len(s.rows) || nonEmpty(s.rows[h]) != len(l.fields) {
				continue
			}
			cols := map[Field]int{}
			for i, f := range l.fields {
				cols[f] = i
			}
			if wb.cellsAgree(s, h, cols) {
				s.header, s.cols, s.headers, s.layout = h, cols, s.rows[h], l.name
				break
			}
		}
	}
}

func nonEmpty(row []string) int {
	n := 0
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// cellsAgree checks the rows below a header against what its columns hold;
// at least one row must name a marketplace. A sheet with a header alone
// agrees with the first layout of its width: it holds no line to misread.
func (wb *workbook) cellsAgree(s *sheet, h int, cols map[Field]int) bool {
	seen := true
	for _, row := range s.rows[h+1:] {
		if !rowEmpty(row) {
			seen = false
		}
	}
	for _, row := range s.rows[h+1:] {
		cell := func(f Field) (string, bool) {
			i, ok := cols[f]
			if !ok {
				return "", false
			}
			if i >= len(row) {
				return "", true
			}
			return strings.TrimSpace(row[i]), true
		}
		if v, ok := cell(FMarketplace); ok && v != "" {
			if _, known := marketplaceName(v); !known {
				return false
			}
			seen = true
		}
		for _, f := range []Field{FCurrency, FPayoutCurrency} {
			if v, ok := cell(f); ok && v != "" && !Currencies[strings.ToUpper(v)] {
				return false
			}
		}
		for _, f := range []Field{FRoyaltyDate, FDate, FPeriodStart} {
			if v, ok := cell(f); ok && v != "" && !isoMonth().MatchString(v) && !serial().MatchString(v) {
				return false
			}
		}
		for _, f := range []Field{FUnitsSold, FRoyalty, FKENP, FEarnings, FNetEarnings, FPayoutAmount} {
			if v, ok := cell(f); ok && v != "" && !wb.lang.isNA(v) {
				if _, num := parseNumber(v); !num {
					return false
				}
			}
		}
	}
	return seen
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
	if err := it.Error(); err != nil {
		return nil, &Error{File: wb.name, Sheet: name, Msg: i18n.M("%v", err)}
	}
	return rows, nil
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

func (s *sheet) has(f Field) bool { _, ok := s.cols[f]; return ok }

// format says which royalties a sheet holds: by its name, else by its
// layout or headers.
func (s *sheet) format() (Format, bool) {
	if s.header < 0 {
		return "", false
	}
	switch s.kind {
	case sheetEbook:
		return Ebook, true
	case sheetKENP:
		return KENP, true
	case sheetPaperback:
		return Paperback, true
	case sheetHardcover:
		return Hardcover, true
	case sheetTotal, sheetSummary, sheetCombined, sheetOrders, sheetOrdersEb, sheetDefinition, sheetPayments:
		return "", false
	}
	switch {
	case s.has(FPaidUnits) || s.has(FASINOrISBN) || s.has(FPaymentNumber) || s.has(FEarnings):
		return "", false
	case s.has(FKENP) && !s.has(FUnitsSold):
		return KENP, true
	case s.has(FFileSize) || s.has(FDeliveryCost):
		return Ebook, true
	case s.has(FManufacturing):
		return Paperback, true // hardcover sheets are told apart by their order: see printFormats
	}
	return "", false
}

// printFormats tells paperback from hardcover sheets that their names do
// not: KDP writes the paperback sheet first.
func (wb *workbook) printFormats() {
	seen := false
	for _, s := range wb.sheets {
		if s.kind == "" && s.header >= 0 && s.has(FManufacturing) && !s.has(FPaymentNumber) {
			if seen {
				s.kind = sheetHardcover
			} else {
				s.kind = sheetPaperback
			}
			seen = true
		}
		if s.kind == sheetPaperback || s.kind == sheetHardcover {
			seen = true
		}
	}
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
	if c.wb.lang.isNA(v) {
		return ""
	}
	return v
}

func (c *cellReader) required(f Field) string {
	v, ok := c.raw(f)
	if !ok {
		return ""
	}
	if c.wb.lang.isNA(v) {
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
	if c.wb.lang.isNA(v) {
		if !optional {
			c.fail(f, "is empty")
		}
		return nil
	}
	d, ok := parseNumber(v)
	if !ok {
		// a word where an optional average goes is some language's "n/a"
		if optional && !digitsRe().MatchString(v) {
			return nil
		}
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
	if d.Abs().GreaterThan(decimal.New(1, 18)) {
		c.fail(f, "%s is not a number any report holds", d)
		return nil
	}
	n := d.IntPart()
	return &n
}

// count is a whole number of units or pages, within what a report can hold.
func (c *cellReader) count(f Field, optional bool) *int64 {
	n := c.integer(f, optional)
	if n != nil && (*n > maxCount || *n < -maxCount) {
		c.fail(f, "%d is not a count any report holds", *n)
		return nil
	}
	return n
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
	isoMonth = lazyre.New(`^(\d{4})-(\d{2})(?:-\d{2})?$`)
	serial   = lazyre.New(`^\d{4,6}(\.\d+)?$`)
)

// maxCount is the largest count (units, pages) a report may hold: 1E30
// units is a broken cell, not a best-seller.
const maxCount = 1_000_000_000

// plausible says whether a month can be in a KDP report: from November 2007,
// when KDP opened, to next month (dashboards run to today).
func plausible(year, month int) bool {
	if month < 1 || month > 12 || year < 2007 {
		return false
	}
	next := time.Now().AddDate(0, 1, 0)
	return year < next.Year() || (year == next.Year() && month <= int(next.Month()))
}

// date reads a date cell, text ("2025-07", "2025-07-29") or an Excel serial.
func (c *cellReader) date(f Field) string {
	v := c.required(f)
	if v == "" {
		return ""
	}
	switch {
	case isoMonth().MatchString(v):
		m := isoMonth().FindStringSubmatch(v)
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if plausible(y, mo) {
			return v
		}
	case serial().MatchString(v):
		x, _ := strconv.ParseFloat(v, 64)
		if t, err := excelize.ExcelDateToTime(x, false); err == nil && plausible(t.Year(), int(t.Month())) {
			return t.Format("2006-01-02")
		}
	default:
		for _, l := range [][2]string{{"2006/01/02", "2006-01-02"}, {"2006/1/2", "2006-01-02"}, {"2006年1月2日", "2006-01-02"},
			{"20060102", "2006-01-02"}, {"2006/01", "2006-01"}, {"2006年1月", "2006-01"}} {
			if t, err := time.Parse(l[0], v); err == nil && plausible(t.Year(), int(t.Month())) {
				return t.Format(l[1])
			}
		}
	}
	c.fail(f, "%q is not a date of a KDP report (YYYY-MM or YYYY-MM-DD, from 2007 to this month)", v)
	return ""
}

func month(date string) string {
	if len(date) >= 7 {
		return date[:7]
	}
	return date
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
			name := string(f)
			if list := english.headers[f]; len(list) > 0 {
				name = list[0]
			}
			if list := wb.lang.headers[f]; len(list) > 0 {
				name = list[0]
			}
			return &Error{File: wb.name, Sheet: s.name, Row: s.header + 1, Msg: i18n.M("the column %q is missing (headers found: %s)", name, strings.Join(s.headers, ", "))}
		}
	}
	return nil
}
