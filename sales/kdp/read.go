package kdp

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/sales/royalty"
	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// Limits against zip bombs: a real KDP report is well under a megabyte.
// A real KDP report unpacks to well under 10 MB; the bounds leave room and
// keep a hostile file's memory in check (docs/limits.md).
const (
	maxUnzipped    = 64 << 20
	maxUnzippedXML = 64 << 20
	maxFileSize    = 16 << 20
)

// Read reads one report workbook: a regular file of at most 16 MB, by its
// size and by what is read (a pipe or a device is refused unopened).
func Read(path string) (*royalty.Report, error) {
	data, err := inputfile.Read(path, maxFileSize)
	if err != nil {
		return nil, err
	}
	return ReadBytes(filepath.Base(path), data)
}

// File is one workbook of an import, read on a worker.
type File struct {
	Path   string
	SHA256 string
	Known  bool            // the ledger holds it already: not parsed
	Report *royalty.Report // nil when Known or Err
	Err    error
	done   chan struct{}
}

// Wait blocks until the file is read.
func (f *File) Wait() *File { <-f.done; return f }

// ReadAll reads and parses the files on all cores while the caller takes
// them one by one, in the order given (File.Wait). Each is read once by
// Read's rules and hashed once; one that known says the ledger holds (by
// SHA-256) is not parsed at all.
func ReadAll(paths []string, known func(sha256 string) bool) []*File {
	files := make([]*File, len(paths))
	queue := make(chan *File, len(paths))
	for i, p := range paths {
		files[i] = &File{Path: p, done: make(chan struct{})}
		queue <- files[i]
	}
	close(queue)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(paths)); w++ {
		go func() {
			for f := range queue {
				f.read(known)
				close(f.done)
			}
		}()
	}
	return files
}

func (f *File) read(known func(string) bool) {
	data, err := inputfile.Read(f.Path, maxFileSize)
	if err != nil {
		f.Err = err
		return
	}
	sum := sha256.Sum256(data)
	f.SHA256 = hex.EncodeToString(sum[:])
	if known != nil && known(f.SHA256) {
		f.Known = true
		return
	}
	f.Report, f.Err = readBytes(filepath.Base(f.Path), data, f.SHA256)
}

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oldExcel: a compound file holding a BIFF workbook stream (an .xls), not
// an encrypted .xlsx (whose streams are EncryptionInfo and EncryptedPackage).
// No maintained Go reader of BIFF8 exists, so such a file is refused with
// what is read instead.
func oldExcel(data []byte) bool {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return false
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		if e.Name == "Workbook" || e.Name == "Book" {
			return true
		}
	}
	return false
}

// damaged reads the whole workbook once before anything of it is used:
// every entry's checksum, every XML part well formed, and the unpacked size
// within bounds. excelize reads sheets lazily and stops quietly at a broken
// byte, which would import the rows before it: a damaged download is
// refused whole instead.
func damaged(data []byte) (i18n.Msg, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return i18n.M("cannot open the workbook (%v): is the download complete?", err), false
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzipped {
			return i18n.M("expands to more than %d MB: no KDP report is that large (a zip bomb?)", maxUnzipped>>20), false
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return i18n.M("the workbook's part %s is damaged (%v): download the report again", f.Name, err), false
		}
		r := io.LimitReader(rc, maxUnzipped)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			err = boundedXML(f.Name, r)
		} else {
			_, err = io.Copy(io.Discard, r)
		}
		rc.Close()
		if err != nil {
			return i18n.M("the workbook's part %s is damaged (%v): download the report again", f.Name, err), false
		}
	}
	return i18n.Msg{}, true
}

// Bounds on a workbook's XML, enforced while it streams: a real KDP report
// nests a dozen deep and holds tens of thousands of elements; a 73 KB file
// of 9 million nested elements took 2.1 GB, 3.5 million shared strings
// 1.7 GB, in excelize, before any of this (docs/limits.md).
const (
	maxXMLDepth      = 64
	maxXMLElements   = 4_000_000
	maxSharedStrings = 1_000_000
)

// boundedXML reads one XML part through, strictly (Token, not RawToken:
// every end tag must match its start — excelize reads a sheet with a
// mismatched tag (<row r="100"></c>) up to it and keeps going, and 96 of
// 1,504 lines were lost without a word), within the bounds above.
func boundedXML(name string, r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = true
	depth, elements, strings := 0, 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			elements++
			if t.Name.Local == "si" {
				strings++
			}
			switch {
			case depth > maxXMLDepth:
				return i18n.Errorf("elements nested more than %d deep", maxXMLDepth)
			case elements > maxXMLElements:
				return i18n.Errorf("more than %d elements", maxXMLElements)
			case strings > maxSharedStrings:
				return i18n.Errorf("more than %d shared strings", maxSharedStrings)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// kind is one kind of report: how to recognise it, how to read it. The
// kinds are tried in order; the first that recognises the workbook reads it.
type kind struct {
	kind     royalty.Kind
	identify func(*workbook) bool
	read     func(*workbook, *royalty.Report) error
}

var kinds = []kind{
	{royalty.Payments, (*workbook).isPayments, (*workbook).readPayments},
	{royalty.Statement, (*workbook).isStatement, (*workbook).readStatement},
	{royalty.Dashboard, (*workbook).isDashboard, (*workbook).readDashboard},
}

// ReadBytes reads a workbook held in memory; name is used in messages.
func ReadBytes(name string, data []byte) (*royalty.Report, error) {
	sum := sha256.Sum256(data)
	return readBytes(name, data, hex.EncodeToString(sum[:]))
}

func readBytes(name string, data []byte, sha string) (*royalty.Report, error) {
	fail := func(msg i18n.Msg) error { return &inputerr.Error{File: name, Msg: msg} }
	switch {
	case len(data) == 0:
		return nil, fail(i18n.M("the file is empty"))
	case len(data) > maxFileSize:
		return nil, fail(i18n.M("%d MB is far larger than any KDP report", len(data)>>20))
	case bytes.HasPrefix(data, cfbMagic) && oldExcel(data):
		return nil, fail(i18n.M("an Excel 97–2003 workbook (.xls), as KDP wrote its reports before about 2016: hanmoto reads the .xlsx reports KDP writes now (statements, dashboard exports, Payments); months that KDP offers only as .xls cannot be imported"))
	case bytes.HasPrefix(data, cfbMagic):
		return nil, fail(i18n.M("a password-protected workbook: save it again without a password, or download the report again from KDP"))
	case !bytes.HasPrefix(data, []byte("PK")):
		return nil, fail(i18n.M("not an .xlsx workbook (not a zip file): download the report from KDP again"))
	}
	if msg, ok := damaged(data); !ok {
		return nil, fail(msg)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		// (damaged has refused a workbook that expands past the limits)
		return nil, fail(i18n.M("cannot open the workbook (%v): is the download complete?", err))
	}
	defer f.Close()
	r := &royalty.Report{File: name, SHA256: sha}
	wb := &workbook{name: name, f: f}
	if err := wb.load(); err != nil {
		return nil, err
	}
	r.Language = wb.lang.code
	r.Created, r.CreatedFrom = royalty.DownloadTime(wb.created, name)
	wb.created = r.Created
	var k *kind
	for i := range kinds {
		if kinds[i].identify(wb) {
			k = &kinds[i]
			break
		}
	}
	if k == nil {
		return nil, fail(i18n.M("not a KDP report. Expected a statement (Prior Months' Royalties: sheets such as \"eBook Royalty\" with \"Sales Period\" in row 1), "+
			"a Payments report (headers \"Payment Number\", \"Payout Amount\") or a reports-dashboard export (sheets with \"Royalty Date\"); found %s", wb.describe()))
	}
	r.Kind = k.kind
	if err := k.read(wb, r); err != nil {
		return nil, err
	}
	if err := wb.unread(); err != nil {
		return nil, err
	}
	wb.unmapped()
	r.Notes = wb.notes
	if r.Created == "" && r.Kind != royalty.Payments {
		// neither the workbook nor its name says when: the latest dated
		// row, and the ledger orders such downloads by content after it
		r.Created, r.CreatedFrom = royalty.LatestRow(r.Lines), royalty.FromRows
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
