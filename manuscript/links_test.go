package manuscript_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

// TestNoLinkRunsAScript: every way of writing a javascript: (or vbscript:,
// data:, file:) link — entities, percent escapes, case, spaces, reference
// definitions, headings, autolinks — is refused with its place, or at the
// very least never reaches the book as such a link. Seven of these became
// <a href="javascript:…"> once: the scheme was checked before entities
// were decoded.
func TestNoLinkRunsAScript(t *testing.T) {
	cfg, err := manuscript.ParseConfig([]byte("title: t\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n"))
	if err != nil {
		t.Fatal(err)
	}
	hrefs := regexp.MustCompile(`(?i)(?:href|src)="([^"]*)"`)
	for _, src := range []string{
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](jav&#x61;script:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](&#x6A;&#x61;vascript:alert(1))",
		"[x](javascript&colon;alert(1))",
		"[x](jav&Tab;ascript:alert(1))",
		"[x](jav&#x09;ascript:alert(1))",
		"[x](java%73cript:alert(1))",
		"[x](%6Aavascript:alert(1))",
		"[x](<javascript:alert(1)>)",
		"[x]( javascript:alert(1) )",
		"[x][r]\n\n[r]: jav&#x61;script:alert(1)",
		"[x][r]\n\n[r]: <javascript:alert(1)>",
		"# [x](jav&#x61;script:alert(1))",
		"<javascript:alert(1)>",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x](file:///etc/passwd)",
	} {
		out, err := manuscript.RenderEpisode(cfg, t.TempDir(), "chapters/1.md", []byte("# 第1話\n\n"+src+"\n"), manuscript.Options{})
		if err != nil {
			if !strings.Contains(err.Error(), "chapters/1.md:") {
				t.Errorf("%q: an error without its place: %v", src, err)
			}
			continue
		}
		for _, m := range hrefs.FindAllStringSubmatch(string(out), -1) {
			u := strings.ToLower(html.UnescapeString(m[1]))
			u = strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, u)
			for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
				if strings.HasPrefix(u, bad) {
					t.Errorf("%q became a %s link: %s", src, bad, out)
				}
			}
		}
	}
}
