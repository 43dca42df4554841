package kdp

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/lazyre"
	"github.com/hanmoto/hanmoto/sales/royalty"

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
	role     role          // what it holds, by its structure (or, for a layout KDP never wrote, by its headers)
	layout   string        // the layout its columns were mapped by; "" when mapped by their headers
	readings []string      // the layouts its cells fit equally well, when more than one
	used     bool          // a reader took it: its lines, or as a check of them
}

type workbook struct {
	name    string
	f       *excelize.File
	lang    *language
	sheets  []*sheet
	created string // docProps/core.xml's dcterms:created
	notes   []i18n.Msg
	// date1904: the workbook counts its serial dates from 1904, as Excel
	// for Mac once did; read from 1900 they land four years early
	date1904 bool
}

// topRows is how much of each sheet is read to find its header and to
// tell its layout by what its cells hold: a dashboard export holds sheets
// (Combined Sales, Orders) that are read whole only to check the others,
// and reading cells is what costs.
const topRows = 12

// load reads the top of every sheet, detects the interface language, and
// maps each sheet's columns: by structure first — the column count and
// order of KDP's layouts, confirmed by what the cells hold — and by the
// headers' words only where the structure leaves two readings or fits no
// layout KDP writes.
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
	if props, err := wb.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	wb.lang = wb.detectLanguage()
	for _, s := range wb.sheets {
		s.kind, _ = wb.lang.sheetKindOf(s.name)
		if s.kind == "" {
			s.kind = anyLanguageKind(s.name)
		}
		wb.classify(s)
	}
	wb.resolveTotals()
	return nil
}

// anyLanguageKind is what a sheet's name says in any language's table.
func anyLanguageKind(name string) sheetKind {
	for _, l := range languages {
		if k, ok := l.sheetKindOf(name); ok {
			return k
		}
	}
	return ""
}

// detectLanguage scores each language by the sheet names and headers it
// knows in this workbook; English wins a tie. The language only names
// things in messages and reads its "n/a" word: no column is mapped by it.
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

// findHeader maps a sheet by its headers' words, for a sheet whose columns
// fit none of KDP's layouts: the first of the top rows that names three
// fields or more in any language's table, and only if the cells below
// agree with what those fields hold.
func (wb *workbook) findHeader(s *sheet) bool {
	for i, row := range s.rows {
		cols, known := map[Field]int{}, 0
		for j, h := range row {
			f, ok := wb.lang.headerField(h)
			if !ok {
				f, ok = anyHeaderField(h)
			}
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
		if known >= 3 && wb.cellsAgree(s, i, cols) {
			s.header, s.cols, s.headers = i, cols, row
			s.role = roleByFields(s)
			return true
		}
	}
	return false
}

// role is what a sheet holds, whatever it is called.
type role string

const (
	roleEbook      role = "ebook"
	roleKENP       role = "kenp"
	rolePrint      role = "print" // paperback or hardcover: see printFormats
	rolePaperback  role = "paperback"
	roleHardcover  role = "hardcover"
	roleCombined   role = "combined" // repeats the eBook and print sheets
	roleOrders     role = "orders"   // units by order date: no money
	roleTotal      role = "total"    // a statement's sheet repeating the others
	rolePayments   role = "payments"
	roleSummary    role = "summary"
	roleDefinition role = "definitions"
)

// roleByFields is what a sheet mapped by its headers holds.
func roleByFields(s *sheet) role {
	switch {
	case s.has(FPaymentNumber):
		return rolePayments
	case s.has(FPaidUnits):
		return roleOrders
	case s.has(FEarnings) || s.has(FNetOrKENP):
		return roleTotal
	case s.has(FASINOrISBN):
		return roleCombined
	case s.has(FKENP) && !s.has(FUnitsSold):
		return roleKENP
	case s.has(FFileSize) || s.has(FDeliveryCost):
		return roleEbook
	case s.has(FManufacturing):
		return rolePrint
	}
	return ""
}

// roleOfKind is the role a sheet's name says it has.
var roleOfKind = map[sheetKind]role{
	sheetEbook: roleEbook, sheetKENP: roleKENP, sheetPaperback: rolePrint, sheetHardcover: rolePrint,
	sheetTotal: roleTotal, sheetSummary: roleSummary, sheetCombined: roleCombined, sheetOrders: roleOrders,
	sheetOrdersEb: roleOrders, sheetDefinition: roleDefinition, sheetPayments: rolePayments,
}

// layout is the columns of one kind of sheet, in the order KDP writes them
// in every interface language.
type layout struct {
	name      string
	role      role
	statement bool // below a "Sales Period | month" row
	fields    []Field
}

var layouts = []layout{
	{"dashboard-ebook", roleEbook, false, []Field{FRoyaltyDate, FTitle, FAuthor, FASIN, FMarketplace, FRoyaltyType, FTransactionType, FUnitsSold,
		FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FFileSize, FDeliveryCost, FRoyalty, FCurrency}},
	{"dashboard-print", rolePrint, false, []Field{FRoyaltyDate, FOrderDate, FTitle, FAuthor, FISBN, FMarketplace, FRoyaltyType, FTransactionType,
		FUnitsSold, FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FManufacturing, FRoyalty, FCurrency, FASIN}},
	// 2017–2020: the print sheet had no ASIN column
	{"dashboard-print-2020", rolePrint, false, []Field{FRoyaltyDate, FOrderDate, FTitle, FAuthor, FISBN, FMarketplace, FRoyaltyType, FTransactionType,
		FUnitsSold, FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FManufacturing, FRoyalty, FCurrency}},
	{"dashboard-combined", roleCombined, false, []Field{FRoyaltyDate, FTitle, FAuthor, FASINOrISBN, FMarketplace, FRoyaltyType, FTransactionType,
		FUnitsSold, FUnitsRefunded, FUnitsNet, FListPrice, FOfferPrice, FDeliveryOrManuf, FRoyalty, FCurrency}},
	{"dashboard-kenp", roleKENP, false, []Field{FDate, FTitle, FAuthor, FASIN, FMarketplace, FKENP}},
	{"dashboard-orders", roleOrders, false, []Field{FDate, FTitle, FAuthor, FASIN, FMarketplace, FPaidUnits, FFreeUnits}},
	{"payments", rolePayments, false, []Field{FPeriodStart, FPeriodEnd, FMarketplace, FPaymentNumber, FDetail, FDate, FPaymentMethod, FCurrency,
		FAccrued, FWithholding, FAdjustments, FNetEarnings, FSource, FFXRate, FPayoutCurrency, FPayoutAmount, FPaymentStatus}},
	{"statement-ebook", roleEbook, true, []Field{FTitle, FAuthor, FASIN, FMarketplace, FUnitsSold, FUnitsRefunded, FUnitsNet, FRoyaltyType,
		FTransactionType, FCurrency, FListPrice, FOfferPrice, FFileSize, FDeliveryCost, FRoyalty}},
	{"statement-kenp", roleKENP, true, []Field{FTitle, FAuthor, FASIN, FMarketplace, FKENP, FRoyalty, FCurrency}},
	{"statement-print", rolePrint, true, []Field{FTitle, FAuthor, FISBN, FMarketplace, FUnitsSold, FUnitsRefunded, FRoyaltyType, FListPrice,
		FOfferPrice, FManufacturing, FRoyalty, FCurrency, FASIN}},
	// 2017–2020: no ASIN column
	{"statement-print-2020", rolePrint, true, []Field{FTitle, FAuthor, FISBN, FMarketplace, FUnitsSold, FUnitsRefunded, FRoyaltyType, FListPrice,
		FOfferPrice, FManufacturing, FRoyalty, FCurrency}},
	// Total Earnings (before 2021: Total Royalty, its last column Royalty)
	{"statement-total", roleTotal, true, []Field{FTitle, FAuthor, FASINOrISBN, FMarketplace, FUnitsSold, FUnitsRefunded, FNetOrKENP, FRoyaltyType,
		FPayoutPlan, FCurrency, FListPrice, FOfferPrice, FFileSize, FDeliveryOrManuf, FEarnings}},
}

// classify maps a sheet's columns. The candidates are KDP's layouts of
// the sheet's width whose every column agrees with the cells below the
// header; the headers' words (in any language) only choose among
// candidates, and the sheet's name only then. A sheet that fits no layout
// is mapped by its headers' words if the cells agree with them, else left
// unmapped — and refused later if it holds figures.
func (wb *workbook) classify(s *sheet) {
	if wb.isSummary(s) {
		s.role = roleSummary
		return
	}
	periodRow := len(s.rows) > 0 && isPeriodLabelRow(s.rows[0])
	h := 0
	if periodRow {
		h = 1
	}
	if h >= len(s.rows) {
		return
	}
	width := len(s.rows[h])
	for width > 0 && strings.TrimSpace(s.rows[h][width-1]) == "" {
		width--
	}
	// the layouts of this width whose cells disagree least: none, where
	// the file is sound; a few, where a cell is bad — then the sheet is
	// read by that layout, and the reader names the bad cell
	var fits []layout
	least := -1
	for _, l := range layouts {
		if l.statement != periodRow || width != len(l.fields) || nonEmpty(s.rows[h]) != width {
			continue
		}
		bad, ok := wb.disagreements(s, h, positions(l.fields))
		switch {
		case !ok:
		case least < 0 || bad < least:
			fits, least = []layout{l}, bad
		case bad == least:
			fits = append(fits, l)
		}
	}
	if least > 0 && least > len(s.rows)-h-1 {
		fits = nil
	}
	if len(fits) > 1 {
		fits = wb.byWords(s, h, fits)
	}
	switch len(fits) {
	case 0:
		if !wb.findHeader(s) && width == 2 && !hasFigures(s.rows[h:]) {
			s.role = roleDefinition
		}
	case 1:
		s.header, s.cols, s.headers, s.layout, s.role = h, positions(fits[0].fields), s.rows[h], fits[0].name, fits[0].role
	default:
		s.header, s.headers = h, s.rows[h]
		for _, l := range fits {
			s.readings = append(s.readings, l.name)
		}
	}
}

func positions(fields []Field) map[Field]int {
	cols := make(map[Field]int, len(fields))
	for i, f := range fields {
		cols[f] = i
	}
	return cols
}

// byWords keeps the layouts whose fields the headers' words (in any
// language) and the sheet's name agree with best.
func (wb *workbook) byWords(s *sheet, h int, fits []layout) []layout {
	best, score := []layout{}, -1
	for _, l := range fits {
		n := 0
		for i, f := range l.fields {
			if g, ok := anyHeaderField(s.rows[h][i]); ok && g == f {
				n++
			}
		}
		if s.kind != "" && roleOfKind[s.kind] == l.role {
			n += 3
		}
		switch {
		case n > score:
			best, score = []layout{l}, n
		case n == score:
			best = append(best, l)
		}
	}
	return best
}

// resolveTotals settles the one pair of layouts whose cells can agree
// alike, a statement's eBook sheet and its total sheet (the same 15 kinds
// of column), where the words did not: KDP writes the total last.
func (wb *workbook) resolveTotals() {
	var tied []*sheet
	for _, s := range wb.sheets {
		if len(s.readings) == 2 && s.readings[0] == "statement-ebook" && s.readings[1] == "statement-total" {
			tied = append(tied, s)
		}
	}
	for i, s := range tied {
		name := "statement-ebook"
		if i == len(tied)-1 && s == wb.lastPeriodSheet() && len(tied) > 1 {
			name = "statement-total"
		}
		for _, l := range layouts {
			if l.name == name {
				s.cols, s.layout, s.role, s.readings = positions(l.fields), l.name, l.role, nil
			}
		}
	}
}

func (wb *workbook) lastPeriodSheet() *sheet {
	var last *sheet
	for _, s := range wb.sheets {
		if len(s.rows) > 0 && isPeriodLabelRow(s.rows[0]) {
			last = s
		}
	}
	return last
}

// hasFigures says whether rows hold a number in any cell.
func hasFigures(rows [][]string) bool {
	for _, row := range rows {
		for _, c := range row {
			if _, ok := parseNumber(strings.TrimSpace(c)); ok {
				return true
			}
		}
	}
	return false
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

// what a column holds, for telling layouts apart by their cells
type cellType int

const (
	anyText  cellType = iota
	dateCell          // YYYY-MM, YYYY-MM-DD or a serial
	monthCell
	marketCell
	currencyCell
	countCell  // a whole number, never a word
	amountCell // a number, or the language's n/a
	optionalAmount
	asinCell
	isbnCell
	asinOrISBNCell
)

var fieldTypes = map[Field]cellType{
	FRoyaltyDate: dateCell, FOrderDate: dateCell, FDate: dateCell, FPeriodStart: dateCell, FPeriodEnd: dateCell,
	FDetail: monthCell, FMarketplace: marketCell, FCurrency: currencyCell, FPayoutCurrency: currencyCell,
	FUnitsSold: countCell, FUnitsRefunded: countCell, FUnitsNet: countCell, FKENP: countCell, FNetOrKENP: countCell,
	FPaidUnits: countCell, FFreeUnits: countCell, FPaymentNumber: amountCell,
	FRoyalty: amountCell, FEarnings: amountCell, FAccrued: amountCell, FWithholding: amountCell, FAdjustments: amountCell,
	FNetEarnings: amountCell, FPayoutAmount: amountCell, FFXRate: optionalAmount,
	FListPrice: optionalAmount, FOfferPrice: optionalAmount, FFileSize: optionalAmount, FDeliveryCost: optionalAmount,
	FManufacturing: optionalAmount, FDeliveryOrManuf: optionalAmount,
	FASIN: asinCell, FISBN: isbnCell, FASINOrISBN: asinOrISBNCell,
}

var (
	asinRe = lazyre.New(`^(?i:B0[0-9A-Z]{0,8}|[0-9]{9}[0-9X])$`)
	isbnRe = lazyre.New(`^(?i:[0-9][0-9-]{8,15}[0-9X])$`)
)

// fits says whether a cell can hold what a column of type t holds.
func (wb *workbook) fits(t cellType, v string) bool {
	if v == "" {
		return true
	}
	switch t {
	case dateCell:
		return isDate(v)
	case monthCell:
		return isoMonth().MatchString(v) || serial().MatchString(v)
	case marketCell:
		_, ok := marketplaceName(v)
		return ok
	case currencyCell:
		return royalty.Currencies[strings.ToUpper(v)]
	case countCell:
		d, ok := parseNumber(v)
		return (ok && d.IsInteger()) || wb.lang.isNA(v)
	case amountCell:
		_, ok := parseNumber(v)
		return ok || wb.lang.isNA(v)
	case optionalAmount:
		// a word where an average goes is some language's "n/a"
		_, ok := parseNumber(v)
		return ok || !digitsRe().MatchString(v)
	case asinCell:
		return asinRe().MatchString(v) || wb.lang.isNA(v)
	case isbnCell:
		return isbnRe().MatchString(v) || wb.lang.isNA(v)
	case asinOrISBNCell:
		return asinRe().MatchString(v) || isbnRe().MatchString(v) || wb.lang.isNA(v)
	}
	return true
}

// isDate: the forms a KDP date cell takes.
func isDate(v string) bool {
	if isoMonth().MatchString(v) || serial().MatchString(v) {
		return true
	}
	for _, l := range dateLayouts {
		if _, err := time.Parse(l[0], v); err == nil {
			return true
		}
	}
	return false
}

var dateLayouts = [][2]string{{"2006/01/02", "2006-01-02"}, {"2006/1/2", "2006-01-02"}, {"2006年1月2日", "2006-01-02"},
	{"20060102", "2006-01-02"}, {"2006/01", "2006-01"}, {"2006年1月", "2006-01"}}

// cellsAgree checks the rows below a header against what its columns
// hold. A sheet with a header alone agrees with every layout of its width:
// it holds no line to misread.
func (wb *workbook) cellsAgree(s *sheet, h int, cols map[Field]int) bool {
	bad, ok := wb.disagreements(s, h, cols)
	return ok && bad == 0
}

// disagreements counts the cells below a header that cannot hold what
// their column does. An identifier where none can stand (an ASIN or ISBN
// column) rules the mapping out: the readers would not notice it; a bad
// date, marketplace, currency or number they refuse with its position.
func (wb *workbook) disagreements(s *sheet, h int, cols map[Field]int) (int, bool) {
	bad := 0
	for _, row := range s.rows[h+1:] {
		if rowEmpty(row) {
			continue
		}
		for f, i := range cols {
			v := ""
			if i < len(row) {
				v = strings.TrimSpace(row[i])
			}
			if t := fieldTypes[f]; !wb.fits(t, v) {
				if t == asinCell || t == isbnCell || t == asinOrISBNCell {
					return 0, false
				}
				bad++
			}
		}
	}
	return bad, true
}

// readRows reads up to max rows of a sheet (all when max < 0). Raw values:
// formatted strings turn 29 into "29.00" and dates into whatever the
// sheet's number format says.
func (wb *workbook) readRows(name string, max int) ([][]string, error) {
	it, err := wb.f.Rows(name)
	if err != nil {
		return nil, &inputerr.Error{File: wb.name, Sheet: name, Msg: i18n.M("%v", err)}
	}
	defer it.Close()
	var rows [][]string
	for it.Next() && (max < 0 || len(rows) < max) {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &inputerr.Error{File: wb.name, Sheet: name, Row: len(rows) + 1, Msg: i18n.M("%v", err)}
		}
		rows = append(rows, cols)
	}
	if err := it.Error(); err != nil {
		return nil, &inputerr.Error{File: wb.name, Sheet: name, Msg: i18n.M("%v", err)}
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

// format says which royalties a sheet holds, by its role.
func (s *sheet) format() (royalty.Format, bool) {
	switch s.role {
	case roleEbook:
		return royalty.Ebook, true
	case roleKENP:
		return royalty.KENP, true
	case rolePaperback:
		return royalty.Paperback, true
	case roleHardcover:
		return royalty.Hardcover, true
	}
	return "", false
}

// printFormats tells paperback from hardcover among the print sheets: by
// a name any language's table knows, else by order — KDP writes the
// paperback sheet first, the hardcover sheet after it.
func (wb *workbook) printFormats() {
	seen := false
	for _, s := range wb.sheets {
		if s.role != rolePrint {
			continue
		}
		switch {
		case s.kind == sheetHardcover:
			s.role = roleHardcover
		case s.kind == sheetPaperback || !seen:
			s.role = rolePaperback
		default:
			s.role = roleHardcover
		}
		seen = true
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
		c.err = &inputerr.Error{File: c.wb.name, Sheet: c.s.name, Row: c.n, Column: col, Msg: i18n.M(format, args...)}
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
	if v != "" && !royalty.Currencies[v] {
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
		if t, err := excelize.ExcelDateToTime(x, c.wb.date1904); err == nil && plausible(t.Year(), int(t.Month())) {
			return t.Format("2006-01-02")
		}
	default:
		for _, l := range dateLayouts {
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
			return &inputerr.Error{File: wb.name, Sheet: s.name, Row: s.header + 1, Msg: i18n.M("the column %q is missing (headers found: %s)", name, strings.Join(s.headers, ", "))}
		}
	}
	return nil
}
