package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"sync"
	"time"
)

// entry is one file of the EPUB container.
type entry struct {
	name string
	data []byte
}

// writeZip writes the container: mimetype first and stored, as OCF demands,
// then every other entry in the given order. Entries are deflated on all
// cores first, then written with CreateRaw, so the result does not depend on
// scheduling. Timestamps are the legacy MS-DOS fields only: the extended
// timestamp field would be an extra field on mimetype, which epubcheck refuses.
func writeZip(w io.Writer, entries []entry, mod time.Time) error {
	comp := make([][]byte, len(entries))
	sums := make([]uint32, len(entries))
	var wg sync.WaitGroup
	next := make(chan int)
	var firstErr error
	var mu sync.Mutex
	for k := 0; k < runtime.GOMAXPROCS(0); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			fw, _ := flate.NewWriter(&buf, flate.DefaultCompression)
			for i := range next {
				sums[i] = crc32.ChecksumIEEE(entries[i].data)
				if entries[i].name == "mimetype" {
					continue
				}
				buf.Reset()
				fw.Reset(&buf)
				_, err := fw.Write(entries[i].data)
				if err == nil {
					err = fw.Close()
				}
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
				comp[i] = bytes.Clone(buf.Bytes())
			}
		}()
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	date, tm := msDosTime(mod)
	zw := zip.NewWriter(w)
	for i, e := range entries {
		h := &zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			CRC32:              sums[i],
			UncompressedSize64: uint64(len(e.data)),
			ModifiedDate:       date,
			ModifiedTime:       tm,
		}
		data := comp[i]
		if e.name == "mimetype" {
			h.Method = zip.Store
			data = e.data
		}
		h.CompressedSize64 = uint64(len(data))
		fw, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func msDosTime(t time.Time) (date, tm uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return
}
