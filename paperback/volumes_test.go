package paperback_test

import (
	"path/filepath"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
)

// A target far past what KDP prints: the plan makes more volumes, each
// estimated within the page limit on the smallest trim and cream paper.
func TestPlanVolumesKeepsThePageLimit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "serial")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 400, Web: true}); err != nil {
		t.Fatal(err)
	}
	b, err := manuscript.Load(dir, manuscript.Options{NoRender: true})
	if err != nil {
		t.Fatal(err)
	}
	shinsho, _ := paperback.FindTrim("shinsho")
	plan, pages := paperback.PlanVolumes(b, 1_000_000, shinsho, paperback.Cream, 0)
	if len(plan) < 2 {
		t.Fatalf("%d volumes for a target of a million characters on 新書", len(plan))
	}
	for i, n := range pages {
		if n > paperback.MaxPagesOn(paperback.Cream) {
			t.Errorf("volume %d: %d pages estimated, KDP prints %d", i+1, n, paperback.MaxPagesOn(paperback.Cream))
		}
	}
	t.Logf("%d volumes, pages %v", len(plan), pages)
	// an author's own limit (--max-pages) is kept the same way, with more
	// volumes
	thin, thinPages := paperback.PlanVolumes(b, 1_000_000, shinsho, paperback.Cream, 300)
	if len(thin) <= len(plan) {
		t.Errorf("at most 300 pages: %d volumes, at KDP's limit %d", len(thin), len(plan))
	}
	for i, n := range thinPages {
		if n > 300 {
			t.Errorf("at most 300 pages: volume %d estimated at %d", i+1, n)
		}
	}
}
