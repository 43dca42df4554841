package epub_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// placeReport is place.js's answer: where the cover, each illustration and
// the 奥付 are drawn, in a plain browser and in foliate-js.
type placeReport struct {
	Results []struct {
		Engine    string  `json:"engine"`
		Width     float64 `json:"width"`
		Height    float64 `json:"height"`
		What      string  `json:"what"`
		Href      string  `json:"href"`
		Page, Box struct {
			Left, Top, Right, Bottom float64
		}
	} `json:"results"`
	Errors []string `json:"errors"`
}

// The cover, a full-page illustration and the 奥付 are placed on their
// page by any renderer, not only by epub.js, which sizes the body itself:
// each document opened alone in Chromium at 600×800 and 1200×800, and the
// book in foliate-js (a second reading engine, which paginates its own
// way). A picture is centred both ways and fills its page one way; the
// 奥付 of a vertical book is at the page's end, its left, and of a
// horizontal one at its foot. Before the documents that are one page took
// the viewport, the cover stood 100 px from the left and 0 from the right
// in Chromium at 600×800, and the 奥付 at the right (its start).
func TestPlacedInAnyRenderer(t *testing.T) {
	t.Parallel()
	script := filepath.Join(filepath.Dir(walker(t)), "place.js")
	if _, err := os.Stat(filepath.Join(filepath.Dir(script), "node_modules", "foliate-js", "view.js")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must place the pages in foliate-js: npm ci in internal/tools/epubwalk")
		}
		t.Skip("no foliate-js here: npm ci in internal/tools/epubwalk")
	}
	horizontal := filepath.Join(t.TempDir(), "yoko")
	if err := os.CopyFS(horizontal, os.DirFS("../examples/tsukiyo")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(horizontal, "dist"))
	cfg, _ := os.ReadFile(filepath.Join(horizontal, "book.yaml"))
	os.WriteFile(filepath.Join(horizontal, "book.yaml"), bytes.Replace(cfg, []byte("writing-mode: vertical"), []byte("writing-mode: horizontal"), 1), 0o644)
	for _, c := range []struct {
		name     string
		dir      string
		vertical bool
	}{{"vertical", "../examples/tsukiyo", true}, {"horizontal", horizontal, false}} {
		file := filepath.Join(t.TempDir(), c.name+".epub")
		if err := os.WriteFile(file, build(t, c.dir), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		cmd := exec.Command("node", script, file)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("place.js: %v\n%s%s", err, stdout.String(), stderr.String())
		}
		var r placeReport
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatalf("place.js said %q: %v", stdout.String(), err)
		}
		seen := map[string]int{}
		for _, p := range r.Results {
			where := c.name + " " + p.Engine + " " + p.What + " " + filepath.Base(p.Href)
			if p.Engine == "plain" {
				where += " at " + strings.TrimSuffix(strings.TrimSuffix(jsonNum(p.Width), ".0"), ".00")
			}
			seen[p.Engine+" "+p.What]++
			l, r, top, b := p.Box.Left-p.Page.Left, p.Page.Right-p.Box.Right, p.Box.Top-p.Page.Top, p.Page.Bottom-p.Box.Bottom
			pw, ph := p.Page.Right-p.Page.Left, p.Page.Bottom-p.Page.Top
			switch p.What {
			case "cover", "illustration":
				if math.Abs(l-r) > 2 || math.Abs(top-b) > 2 || min(l, r, top, b) < -1 {
					t.Errorf("%s: off its page's middle: %.0f px of white left, %.0f right, %.0f above, %.0f below", where, l, r, top, b)
				}
				if min(l, r) > 0.1*pw && min(top, b) > 0.1*ph {
					t.Errorf("%s: fills its page neither way: %.0f × %.0f of %.0f × %.0f", where, pw-l-r, ph-top-b, pw, ph)
				}
				if p.Engine == "plain" && (math.Abs(pw-p.Width) > 1 || math.Abs(ph-p.Height) > 1) {
					t.Errorf("%s: its page is %.0f × %.0f in a %.0f × %.0f window", where, pw, ph, p.Width, p.Height)
				}
			case "colophon":
				if c.vertical && (l > 0.05*pw || r < pw/2) {
					t.Errorf("%s: not at the page's end (left): %.0f px from the left, %.0f from the right", where, l, r)
				}
				if !c.vertical && (b > 0.3*ph || top < ph/3) {
					t.Errorf("%s: not low on the page: %.0f px from the top, %.0f from the foot", where, top, b)
				}
			}
		}
		for _, k := range []string{"plain cover", "plain illustration", "plain colophon", "foliate cover", "foliate illustration", "foliate colophon"} {
			if seen[k] == 0 {
				t.Errorf("%s: no %s measured", c.name, k)
			}
		}
		if len(r.Errors) > 0 {
			t.Errorf("%s: the pages' scripts failed: %v", c.name, r.Errors)
		}
	}
}

func jsonNum(f float64) string { b, _ := json.Marshal(f); return string(b) }
