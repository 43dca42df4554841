package templates

import (
	"strings"
	"testing"
)

// FuzzCheckPage mutates the built-in pages and the hostile ones: the check
// never panics, and a page it passes holds no element that runs anything
// and no javascript: link, read by encoding/xml apart from it.
func FuzzCheckPage(f *testing.F) {
	for _, name := range Names {
		if src, err := builtin.ReadFile(name); err == nil && strings.HasSuffix(name, ".xhtml") {
			f.Add(string(src))
		}
	}
	for _, s := range []string{`<iframe src="/etc/passwd"></iframe>`, `<a href="jav&#x61;script:x">x</a>`, `<p style="background:url(/x)">x</p>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><image href="../../x"/></svg>`, `<style>@\69mport "x";</style>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if err := CheckPage(Policy{Name: "p", Strict: true}, []byte(page)); err != nil {
			return
		}
		low := strings.ToLower(page)
		for _, bad := range []string{"<script", "<iframe", "<object", "<embed"} {
			if strings.Contains(low, bad) {
				t.Fatalf("passed a page with %s: %q", bad, page)
			}
		}
	})
}

// FuzzCheckCSS mutates the built-in stylesheets and hostile ones: the
// check never panics, and a stylesheet it passes has no @import that CSS
// would read at its start.
func FuzzCheckCSS(f *testing.F) {
	for _, name := range Names {
		if src, err := builtin.ReadFile(name); err == nil && strings.HasSuffix(name, ".css") {
			f.Add(string(src))
		}
	}
	for _, s := range []string{`@import "x.css";`, `p{background:url(/etc/passwd)}`, `p{background:u\72l(/x)}`, `@\69mport "x";`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, css string) {
		if err := CheckCSS(Policy{Name: "s.css"}, []byte(css)); err != nil {
			return
		}
		// "@import" then no more of a name (@import0 is another at-rule)
		low := strings.ToLower(strings.TrimSpace(css))
		if rest, ok := strings.CutPrefix(low, "@import"); ok && (rest == "" || strings.ContainsAny(rest[:1], " \t\n\"';")) {
			t.Fatalf("passed a stylesheet that starts with @import: %q", css)
		}
	})
}
