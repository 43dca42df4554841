package ledger

import (
	"context"
	"database/sql"

	"github.com/shopspring/decimal"
)

// FundSummary is a fund with what the ledger holds of it: its prices'
// first and last days, the last price, and the units bought.
type FundSummary struct {
	Fund
	Days        int
	First, Last string // "" when no price is held
	LastNAV     *decimal.Decimal
	Trades      int
	Units       int64
}

// FundSummaries lists every fund by code.
func (l *Ledger) FundSummaries(ctx context.Context) ([]FundSummary, error) {
	rows, err := l.db.QueryContext(ctx, `
		SELECT f.code, f.name,
			(SELECT COUNT(*) FROM navs n WHERE n.fund = f.code),
			(SELECT MIN(date) FROM navs n WHERE n.fund = f.code),
			(SELECT MAX(date) FROM navs n WHERE n.fund = f.code),
			(SELECT nav FROM navs n WHERE n.fund = f.code ORDER BY date DESC LIMIT 1),
			(SELECT COUNT(*) FROM trades t WHERE t.fund = f.code),
			(SELECT COALESCE(SUM(units), 0) FROM trades t WHERE t.fund = f.code)
		FROM funds f ORDER BY f.code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FundSummary
	for rows.Next() {
		var s FundSummary
		var first, last, nav sql.NullString
		if err := rows.Scan(&s.Code, &s.Name, &s.Days, &first, &last, &nav, &s.Trades, &s.Units); err != nil {
			return nil, err
		}
		s.First, s.Last = first.String, last.String
		if nav.Valid {
			d, err := decimal.NewFromString(nav.String)
			if err != nil {
				return nil, err
			}
			s.LastNAV = &d
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ImportRecord is one file the ledger took in.
type ImportRecord struct {
	File, Kind, Period, ImportedAt, SHA256 string
	Lines                                  int
	// when KDP made the download, and where that was read
	// (royalty.DownloadTime): "" for files that carry no time
	Created, CreatedFrom string
}

// Imports lists the imported files, oldest first.
func (l *Ledger) Imports(ctx context.Context) ([]ImportRecord, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT file, kind, period, lines, imported_at, sha256, created, created_from FROM imports ORDER BY imported_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ImportRecord
	for rows.Next() {
		var r ImportRecord
		if err := rows.Scan(&r.File, &r.Kind, &r.Period, &r.Lines, &r.ImportedAt, &r.SHA256, &r.Created, &r.CreatedFrom); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
