package manuscript_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
)

// A serial of 60 episodes in three volumes: each volume is a book of its
// own episodes, numbered from 1, with the series' title and 第N巻, its own
// identifier, and the modification time of its own files.
func TestVolumes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 60, PerPart: 15}); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yaml = append(yaml, []byte(`volumes:
  - episodes: 1-20
    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-000000000001
  - episodes: 21-40
    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-000000000002
    isbn: "9784000000002"
  - episodes: ４１－
    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-000000000003
    title: 月夜の郵便局　完結編
`)...)
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	// the volumes' files a day apart: volume 1's are the oldest
	all, _ := filepath.Glob(filepath.Join(dir, "chapters", "*", "*.md"))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, f := range all {
		os.Chtimes(f, base.Add(time.Duration(i)*time.Hour), base.Add(time.Duration(i)*time.Hour))
	}
	b, err := manuscript.Load(dir, manuscript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Volumes() != 3 {
		t.Fatalf("%d volumes", b.Volumes())
	}
	series := b.Config.Title
	for n, want := range map[int]struct {
		first, count int
		title        string
	}{1: {1, 20, series + "　第1巻"}, 2: {21, 20, series + "　第2巻"}, 3: {41, 20, "月夜の郵便局　完結編"}} {
		v, err := b.Volume(n)
		if err != nil {
			t.Fatal(err)
		}
		eps := v.Episodes()
		if len(eps) != want.count || eps[0].File != b.Episodes()[want.first-1].File || eps[0].Index != 1 || eps[len(eps)-1].Index != want.count {
			t.Errorf("volume %d: %d episodes from %s (index %d)", n, len(eps), eps[0].File, eps[0].Index)
		}
		c := v.Config
		if c.Title != want.title || c.Series != series || c.Volume != n || c.Identifier != b.Config.Volumes[n-1].Identifier || len(c.Volumes) != 0 {
			t.Errorf("volume %d: %q of %q, volume %d, %s", n, c.Title, c.Series, c.Volume, c.Identifier)
		}
		if last := all[want.first+want.count-2]; !v.Modified.Equal(base.Add(time.Duration(want.first+want.count-2) * time.Hour)) {
			t.Errorf("volume %d modified %v: its newest file is %s", n, v.Modified, last)
		}
	}
	if v, _ := b.Volume(2); v.Config.ISBN != "9784000000002" || b.Config.ISBN == v.Config.ISBN {
		t.Errorf("volume 2's ISBN: %q", v.Config.ISBN)
	}
	if _, err := b.Volume(4); err == nil {
		t.Error("volume 4 of 3")
	}
	// the series' own episodes are untouched by the volumes
	if b.Episodes()[20].Index != 21 {
		t.Errorf("the serial's episode 21 is numbered %d", b.Episodes()[20].Index)
	}
}

// A volume's episodes may be named: part folders (by folder or title),
// episode files, lists and ranges of them. Names that are not the
// manuscript's, and named volumes with a gap, are refused at load with
// what to write.
func TestVolumesByName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 60, PerPart: 15}); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	id := func(n string) string {
		return "    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-00000000000" + n + "\n"
	}
	load := func(vols string) (*manuscript.Book, error) {
		os.WriteFile(filepath.Join(dir, "book.yaml"), append(append([]byte(nil), orig...), "volumes:\n"+vols...), 0o644)
		return manuscript.Load(dir, manuscript.Options{NoRender: true})
	}
	b, err := load("  - episodes: 01_第1部, 第2部\n" + id("1") +
		"  - episodes: 0031.md〜0045.md\n" + id("2") +
		"  - episodes: chapters/04_第4部\n" + id("3"))
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int][2]int{1: {1, 30}, 2: {31, 45}, 3: {46, 60}} {
		v, err := b.Volume(n)
		if err != nil {
			t.Fatal(err)
		}
		eps := v.Episodes()
		if len(eps) != want[1]-want[0]+1 || eps[0].File != b.Episodes()[want[0]-1].File {
			t.Errorf("volume %d: %d episodes from %s, want %d-%d", n, len(eps), eps[0].File, want[0], want[1])
		}
	}
	for _, c := range []struct{ vols, want string }{
		{"  - episodes: 一から十\n" + id("1"), "is no part folder, part title or episode file"},
		{"  - episodes: 第1部\n" + id("1") + "  - episodes: 第3部\n" + id("2"), "start at 31"},
		{"  - episodes: 第2部\n" + id("1"), "start at 16"},
	} {
		if _, err := load(c.vols); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.vols, err, c.want)
		}
	}
}

// Volumes that leave a gap, overlap, run to the end before another, or
// share an identifier are refused, each with what to write.
func TestVolumesRefused(t *testing.T) {
	head := "title: 連載\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\nvolumes:\n"
	id := func(n string) string {
		return "    identifier: urn:uuid:7d3f8f52-8a1e-5c1b-9d1f-00000000000" + n + "\n"
	}
	for _, c := range []struct{ yaml, want string }{
		{"  - episodes: 1-20\n" + id("1") + "  - episodes: 22-40\n" + id("2"), "start at 22"},
		{"  - episodes: 1-20\n" + id("1") + "  - episodes: 20-40\n" + id("2"), "start at 20"},
		{"  - episodes: 2-20\n" + id("1"), "start at 2"},
		{"  - episodes: 1-\n" + id("1") + "  - episodes: 21-\n" + id("2"), "run to the end"},
		{"  - episodes: \"\"\n" + id("1"), "give the first and last"},
		{"  - episodes: 1-20\n", "no identifier"},
		{"  - episodes: 1-20\n" + id("1") + "  - episodes: 21-\n" + id("1"), "also the series'"},
		{"  - episodes: 1-20\n    asin: B0\n    isbm: 1\n" + id("1"), "unknown key \"isbm\""},
		{"  episodes: 1-20\n", "volumes is a list"},
	} {
		_, err := manuscript.ParseConfig([]byte(head + c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.yaml, err, c.want)
		}
	}
}

// A generated web serial of 1,000 episodes of uneven lengths is planned
// into volumes within 15 % of the target, each whole episodes in order,
// none over the cap.
func TestPlanVolumes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 1000, Web: true}); err != nil {
		t.Fatal(err)
	}
	b, err := manuscript.Load(dir, manuscript.Options{NoRender: true})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, ep := range b.Episodes() {
		total += manuscript.Characters(ep.Source)
	}
	for _, target := range []int{80000, 120000, 150000} {
		plan := b.Plan(target, 200000)
		next, sum := 1, 0
		for i, v := range plan {
			if v.First != next || v.Last < v.First {
				t.Errorf("target %d: volume %d is episodes %d-%d after %d", target, i+1, v.First, v.Last, next-1)
			}
			if d := float64(v.Chars-target) / float64(target); d > 0.15 || d < -0.15 {
				t.Errorf("target %d: volume %d has %d characters (%+.0f %%)", target, i+1, v.Chars, d*100)
			}
			next, sum = v.Last+1, sum+v.Chars
		}
		if next != 1001 || sum != total {
			t.Errorf("target %d: the plan covers episodes to %d and %d of %d characters", target, next-1, sum, total)
		}
		t.Logf("target %d: %d volumes of %d characters", target, len(plan), total)
	}
	// a cap below the target: more volumes, none over it
	for _, v := range b.Plan(300000, 100000) {
		if v.Chars > 100000 {
			t.Errorf("a volume of %d characters over a cap of 100000", v.Chars)
		}
	}
	if got := manuscript.Characters([]byte("｜灯里《あかり》は　［＃「は」に傍点］坂を\n登った。")); got != 9 {
		t.Errorf("Characters = %d, want 9", got)
	}
}

// A volume as people name it: 2, ２, 第2巻; all (全巻) where asked.
func TestVolumeNumbers(t *testing.T) {
	b := &manuscript.Book{Config: &manuscript.Config{Volumes: make([]manuscript.VolumeConfig, 3)}}
	for in, want := range map[string]int{"2": 1, "２": 1, "第2巻": 1, "all": 3, "全巻": 3} {
		if ns, err := b.VolumeNumbers(in, true); err != nil || len(ns) != want {
			t.Errorf("%q: %v, %v", in, ns, err)
		}
	}
	for _, in := range []string{"4", "0", "x", "all"} {
		if _, err := b.VolumeNumbers(in, false); err == nil {
			t.Errorf("%q accepted where one volume is asked", in)
		}
	}
}
