package source_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/sales/fx"
	"github.com/hanmoto/hanmoto/sales/nav"
	"github.com/hanmoto/hanmoto/sales/source"
)

const navFile = "../../../shared/fixtures/nav/mufg_emaxis_slim_allcountry_253425.csv"

// A real fund's price history opens as its reader reads it, named by its
// base name and known by the SHA-256 of its bytes, computed here apart.
func TestOpenReadsWithTheKindsReader(t *testing.T) {
	data, err := os.ReadFile(navFile)
	if err != nil {
		t.Skipf("the shared fixtures are not beside the repository: %v", err)
	}
	f, err := source.Prices.Open(navFile)
	if err != nil {
		t.Fatal(err)
	}
	want, err := nav.Parse(filepath.Base(navFile), data)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if f.Name != filepath.Base(navFile) || f.SHA256 != hex.EncodeToString(sum[:]) || len(f.Value.Days) != len(want.Days) || len(want.Days) < 1000 {
		t.Errorf("opened %s, sha %s, %d days; want %s, %x, %d days", f.Name, f.SHA256, len(f.Value.Days), filepath.Base(navFile), sum, len(want.Days))
	}
}

// What is no file, or too large, is refused unread, with inputfile's
// errors; what the reader finds wrong is its positioned error, naming the
// file and the line.
func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	var nr *inputfile.NotRegularError
	if _, err := source.Trades.Open(dir); !errors.As(err, &nr) {
		t.Errorf("a folder: %v", err)
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, make([]byte, fx.MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	var tl *inputfile.TooLargeError
	if _, err := source.Rates("JPY").Open(big); !errors.As(err, &tl) {
		t.Errorf("a file over the limit: %v", err)
	}
	bad := filepath.Join(dir, "rates.csv")
	if err := os.WriteFile(bad, []byte("date,currency,rate\n2025-01-31,EUR,162.35\nyesterday,EUR,160\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pe *inputerr.Error
	if _, err := source.Rates("JPY").Open(bad); !errors.As(err, &pe) || pe.File != "rates.csv" || pe.Line != 3 {
		t.Errorf("a bad date on line 3: %v", err)
	}
	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte("date,currency,rate\n2025/1/31,EUR,162.35\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := source.Rates("JPY").Open(good); err != nil || len(f.Value.Rates) != 1 || f.Value.Form != fx.Plain {
		t.Errorf("a plain table: %+v, %v", f, err)
	}
}
