// Package source opens the files people download for the books — a
// broker's trade history, a fund's price history, a table of exchange
// rates — and hands each to the reader of its kind, so that every kind is
// opened, bounded and named the same way and no command opens an import
// file itself. KDP's report workbooks have a reader of their own that
// opens many at once (kdp.ReadAll).
//
// A Reader is one kind of download: the domain type it reads into, the
// largest file it takes, and the function that reads it. Which of the
// forms of a kind a file is (楽天証券's or SBI証券's CSV, an asset manager's
// NAV layout, the ECB's table or a bank's TTM) each reader tells from the
// file's own headers, never from its name.
package source

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/sales/broker"
	"github.com/hanmoto/hanmoto/sales/fx"
	"github.com/hanmoto/hanmoto/sales/nav"
	"github.com/hanmoto/hanmoto/sales/price"
	"github.com/hanmoto/hanmoto/sales/trade"
)

// Reader reads one kind of download into T.
type Reader[T any] struct {
	// MaxSize is the largest file of the kind read: past it, the file is
	// refused before it is read (inputfile.TooLargeError).
	MaxSize int64
	// Read reads a file's bytes; name (the file's base name) is for
	// messages, which name the line or cell.
	Read func(name string, data []byte) (T, error)
}

// File is a download as read.
type File[T any] struct {
	Name   string // the path's base name, as messages and the ledger name it
	SHA256 string // of the bytes, in hex: the ledger knows a file again by it
	Value  T
}

// Open reads the file at path with r. A path that is no regular file, or
// a file over r.MaxSize, is refused unread (inputfile's errors); what the
// reader finds wrong is its own positioned error.
func (r Reader[T]) Open(path string) (*File[T], error) {
	data, err := inputfile.Read(path, r.MaxSize)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	v, err := r.Read(name, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &File[T]{Name: name, SHA256: hex.EncodeToString(sum[:]), Value: v}, nil
}

// Trades reads a broker's trade history (broker).
var Trades = Reader[*trade.History]{MaxSize: broker.MaxFileSize, Read: broker.Parse}

// Prices reads a fund's price history, its 基準価額 by day (nav).
var Prices = Reader[*price.History]{MaxSize: nav.MaxFileSize, Read: nav.Parse}

// RateTable is a rates file as read: the rates into the home currency, and
// which form the file had.
type RateTable struct {
	Rates []price.Rate
	Form  fx.Form
}

// Rates reads a table of exchange rates into home (fx).
func Rates(home string) Reader[RateTable] {
	return Reader[RateTable]{MaxSize: fx.MaxFileSize, Read: func(name string, data []byte) (RateTable, error) {
		rates, form, err := fx.Parse(name, data, home)
		return RateTable{rates, form}, err
	}}
}
