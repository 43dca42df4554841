package download

import (
	"math/rand"
	"slices"
	"testing"
)

// The rules of docs/sales.md, "Which download counts", each on a small
// month, and in every order the downloads and lines can come in.
func TestChoose(t *testing.T) {
	g := Group{"B00X", "Amazon.co.jp", "JPY", "ebook"}
	h := Group{"B00Y", "Amazon.com", "USD", "ebook"}
	dash := func(id int64, created string, first, last int, daily bool) Download {
		return Download{ID: id, Created: created, CreatedFrom: "workbook", Rank: id, Cover: Span(first, last), Daily: daily}
	}
	for _, c := range []struct {
		name      string
		downloads []Download
		lines     []Line
		want      []int64
	}{{
		name: "the newest statement alone counts",
		downloads: []Download{
			{ID: 1, Created: "2025-02-15T00:00:00Z", Statement: true},
			{ID: 2, Created: "2025-03-15T00:00:00Z", Statement: true},
			dash(3, "2025-04-01T00:00:00Z", 1, 31, false),
		},
		lines: []Line{{10, 1, g, 0}, {20, 2, g, 0}, {21, 2, h, 0}, {30, 3, g, 0}},
		want:  []int64{20, 21},
	}, {
		name: "a download covering fewer days never replaces a wider one",
		downloads: []Download{
			dash(1, "2025-02-01T00:00:00Z", 1, 31, false),
			dash(2, "2025-02-10T00:00:00Z", 10, 20, false),
		},
		lines: []Line{{10, 1, g, 0}, {20, 2, g, 0}},
		want:  []int64{10},
	}, {
		name: "the newest of those covering every day supplies the group",
		downloads: []Download{
			dash(1, "2025-02-01T00:00:00Z", 1, 31, false),
			dash(2, "2025-02-05T00:00:00Z", 1, 31, false),
		},
		lines: []Line{{10, 1, g, 0}, {20, 2, g, 0}, {11, 1, h, 0}},
		want:  []int64{11, 20}, // h is only in 1: a filtered export changes nothing of it
	}, {
		name: "days the base does not cover come from the newest daily export",
		downloads: []Download{
			dash(1, "2025-01-20T00:00:00Z", 1, 20, false),
			dash(2, "2025-01-25T00:00:00Z", 15, 25, true),
			dash(3, "2025-01-28T00:00:00Z", 21, 22, true),
		},
		lines: []Line{{10, 1, g, 0}, {21, 2, g, 21}, {22, 2, g, 22}, {23, 2, g, 23}, {31, 3, g, 21}, {32, 3, g, 22}},
		want:  []int64{10, 23, 31, 32},
	}} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewSource(1))
			for try := 0; try < 20; try++ {
				ds := slices.Clone(c.downloads)
				ls := slices.Clone(c.lines)
				rng.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
				rng.Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
				got := Choose("2025-01", ds, ls)
				slices.Sort(got)
				if !slices.Equal(got, c.want) {
					t.Fatalf("order %d: %v, want %v", try, got, c.want)
				}
			}
		})
	}
}

// Two downloads dated by their rows alone, of the same day, are ordered
// by their content, never by which was imported first.
func TestChooseFromRowsIgnoresImportOrder(t *testing.T) {
	g := Group{"B00X", "Amazon.co.jp", "JPY", "ebook"}
	a := Download{ID: 1, Created: "2025-01-31T00:00:00Z", CreatedFrom: "rows", SHA256: "bb", Rank: 1, Cover: Span(1, 31)}
	b := Download{ID: 2, Created: "2025-01-31T00:00:00Z", CreatedFrom: "rows", SHA256: "aa", Rank: 2, Cover: Span(1, 31)}
	lines := []Line{{10, 1, g, 0}, {20, 2, g, 0}}
	one := Choose("2025-01", []Download{a, b}, lines)
	a.Rank, b.Rank = 2, 1
	two := Choose("2025-01", []Download{a, b}, lines)
	if !slices.Equal(one, two) || !slices.Equal(one, []int64{10}) {
		t.Errorf("imported one way %v, the other %v; want the larger SHA-256's line, 10", one, two)
	}
}
