package epub

import (
	"bytes"
	"sync"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

// Books built at once through one MediaCache are the bytes each is alone:
// the cache hands out go-epub's entries, never other ones, and a book
// with media the cache has not seen (another cover) gets its own.
func TestMediaCacheSameBytes(t *testing.T) {
	b, err := manuscript.Load("../examples/tsukiyo", manuscript.Options{ImagePrefix: ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	// the same book with another cover: the map as its cover
	other := *b
	other.Cover = "images/map.png"
	books := []*manuscript.Book{b, &other, b, &other}
	alone := make([][]byte, len(books))
	for i, bk := range books {
		var out bytes.Buffer
		if _, err := Write(bk, &out, Options{}); err != nil {
			t.Fatal(err)
		}
		alone[i] = out.Bytes()
	}
	if bytes.Equal(alone[0], alone[1]) {
		t.Fatal("the two covers make the same book: the test tests nothing")
	}
	cache := &MediaCache{}
	var wg sync.WaitGroup
	shared := make([][]byte, len(books))
	for i, bk := range books {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out bytes.Buffer
			if _, err := Write(bk, &out, Options{Media: cache}); err != nil {
				t.Error(err)
			}
			shared[i] = out.Bytes()
		}()
	}
	wg.Wait()
	for i := range books {
		if !bytes.Equal(alone[i], shared[i]) {
			t.Errorf("book %d: %d bytes through the cache, %d alone", i, len(shared[i]), len(alone[i]))
		}
	}
}
