package manuscript

import (
	"fmt"
	"html"
	"strings"

	"github.com/hanmoto/hanmoto/internal/lazyre"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// The raw HTML a manuscript may hold: inline phrasing that Markdown and the
// novel syntax cannot say, nothing that runs or restructures the page.
var allowedTags = map[string][]string{ // tag → allowed attributes
	"ruby": nil, "rt": nil, "rp": nil, "rb": nil,
	"span": {"class"}, "em": {"class"}, "strong": {"class"},
	"br":  nil,
	"img": {"src", "alt"},
}

var voidTags = map[string]bool{"br": true, "img": true}

var (
	tagRe  = lazyre.New(`^<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*)\s*(/?)>$`)
	attrRe = lazyre.New(`([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
)

// htmlTag is one parsed raw tag.
type htmlTag struct {
	name    string
	closing bool
	attrs   [][2]string // in source order
}

func isComment(s string) bool {
	return strings.HasPrefix(s, "<!--") && strings.HasSuffix(s, "-->")
}

// parseTag reads one tag and checks it against the allow-list.
func parseTag(s string) (htmlTag, error) {
	m := tagRe().FindStringSubmatch(s)
	if m == nil {
		return htmlTag{}, i18n.Errorf("raw HTML %q is not a well-formed tag", s)
	}
	t := htmlTag{name: strings.ToLower(m[2]), closing: m[1] == "/"}
	allowed, ok := allowedTags[t.name]
	if !ok {
		if t.name == "script" {
			return t, i18n.Errorf("<script> is never allowed: EPUBs for Kindle run no scripts")
		}
		return t, i18n.Errorf("<%s> is not allowed in a manuscript; use Markdown, or one of ruby, rt, rp, span, em, strong, br, img", t.name)
	}
	for _, a := range attrRe().FindAllStringSubmatch(m[3], -1) {
		name := strings.ToLower(a[1])
		if !contains(allowed, name) {
			return t, i18n.Errorf("<%s %s=…>: the attribute %q is not allowed (allowed: %s)", t.name, name, name, orNone(allowed))
		}
		t.attrs = append(t.attrs, [2]string{name, html.UnescapeString(a[2] + a[3] + a[4])})
	}
	if t.closing && (len(t.attrs) > 0 || m[4] == "/") {
		return t, i18n.Errorf("raw HTML %q is not a well-formed closing tag", s)
	}
	return t, nil
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// xhtml writes the tag back in well-formed XHTML.
func (t htmlTag) xhtml() string {
	var b strings.Builder
	b.WriteByte('<')
	if t.closing {
		b.WriteByte('/')
	}
	b.WriteString(t.name)
	for _, a := range t.attrs {
		fmt.Fprintf(&b, ` %s="%s"`, a[0], xmlEscape(a[1]))
	}
	if voidTags[t.name] {
		b.WriteByte('/')
	}
	b.WriteByte('>')
	return b.String()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
