package templates

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/lazyre"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// What a book may reach is decided on what a reader's engine will parse —
// a template's output, a stylesheet as a CSS tokenizer reads it, escapes
// and entities decoded — never on a template's source: html/template drops
// {{/* */}} comments, so <if{{/**/}}rame src="/etc/passwd"> passed a check
// of the source and printed the password file into the PDF.
//
// Two kinds of reference are told apart. A resource the book loads (an
// image, a stylesheet, a font) must be a file of the book: a relative path
// that stays inside it — never an absolute path, file:, another scheme, a
// host. A link a reader clicks may also leave the book for the web
// (http:, https:, mailto:), but never run anything (javascript:, data:,
// vbscript:).

// Policy says how strictly a page is read.
type Policy struct {
	// Name names the page or stylesheet in messages: "templates/colophon.xhtml".
	Name string
	// Strict holds a page to an allow-list of elements and attributes, as
	// a manuscript's own templates are; without it only what runs or
	// reaches out is refused (epub's check on any EPUB).
	Strict bool
}

// CheckCSS refuses a stylesheet that imports anything or loads a file
// from outside the book: @import, image-set(), url() and src() with an
// absolute path, a scheme or a host, in any spelling CSS allows (escapes,
// comments between tokens, quotes or none).
func CheckCSS(p Policy, src []byte) error {
	off, msg := cssProblem(src)
	if msg.IsZero() {
		return nil
	}
	line, col := position(src, off)
	return &inputerr.Error{File: p.Name, Line: line, Col: col, Msg: msg}
}

// cssProblem is the first thing a stylesheet must not do, and where.
func cssProblem(src []byte) (int, i18n.Msg) {
	l := css.NewLexer(parse.NewInputBytes(append(append([]byte(nil), src...), 0)[:len(src)]))
	off := 0
	for {
		tt, data := l.Next()
		at := off
		off += len(data)
		switch tt {
		case css.ErrorToken:
			return 0, i18n.Msg{}
		case css.AtKeywordToken:
			if name := strings.ToLower(cssUnescape(string(data[1:]))); name == "import" {
				return at, i18n.M("@import loads another stylesheet: put its rules in this one")
			}
		case css.FunctionToken:
			name := strings.ToLower(cssUnescape(strings.TrimSuffix(string(data), "(")))
			switch name {
			case "url", "src":
				// url( spelt with an escape (u\72l) is a URL token to a
				// browser, the tokenizer's a function: take what stands
				// up to the closing parenthesis, a string or bare
				var arg strings.Builder
				str := ""
				for {
					tt2, d2 := l.Next()
					off += len(d2)
					if tt2 == css.ErrorToken || tt2 == css.RightParenthesisToken {
						break
					}
					if tt2 == css.StringToken && str == "" && strings.TrimSpace(arg.String()) == "" {
						str = cssUnescape(unquote(string(d2)))
						continue
					}
					arg.Write(d2)
				}
				u := str
				if u == "" {
					u = cssUnescape(strings.TrimSpace(arg.String()))
				}
				if m := resourceProblem(u); !m.IsZero() {
					return at, m
				}
				continue
			case "image-set", "-webkit-image-set", "image", "cross-fade", "element", "-moz-element", "expression":
				return at, i18n.M("%s() chooses or loads images by rules of its own: use url() with a file of the book", name)
			}
		case css.URLToken:
			u := string(data)
			u = strings.TrimSuffix(u[strings.IndexByte(u, '(')+1:], ")") // a url( at the end has none
			u = unquote(strings.Trim(u, " \t\n\r\f"))
			if m := resourceProblem(cssUnescape(u)); !m.IsZero() {
				return at, m
			}
		case css.BadURLToken:
			return at, i18n.M("a url() CSS can't read: write url(\"images/name.png\")")
		}
	}
}

// unquote takes a CSS string's quotes off, the closing one absent at the
// stylesheet's end.
func unquote(s string) string {
	if s == "" || (s[0] != '"' && s[0] != '\'') {
		return s
	}
	if len(s) >= 2 && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s[1:]
}

// cssUnescape decodes CSS escapes: \69mport is import, \70 p.
func cssUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		j := i
		for j < len(s) && j-i < 6 && isHex(s[j]) {
			j++
		}
		if j == i {
			if s[i] != '\n' { // a newline escaped in a string continues it
				r, n := utf8.DecodeRuneInString(s[i:])
				b.WriteRune(r)
				i += n - 1
			}
			continue
		}
		cp, _ := strconv.ParseUint(s[i:j], 16, 32)
		if cp == 0 || cp > utf8.MaxRune || (cp >= 0xD800 && cp <= 0xDFFF) {
			cp = utf8.RuneError
		}
		b.WriteRune(rune(cp))
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++
		}
		i = j - 1
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

var schemeRe = lazyre.New(`^[a-zA-Z][a-zA-Z0-9+.\-]*:`)

// cleanURL is a URL as a browser reads it: leading and trailing controls
// and spaces dropped, tabs and newlines inside removed (WHATWG URL).
func cleanURL(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
}

// resourceProblem says why u can't be a resource the book loads: it must
// be a fragment or a relative path that stays inside the book (a page or
// stylesheet sits one folder below the book's root).
func resourceProblem(raw string) i18n.Msg {
	u := cleanURL(raw)
	switch {
	case u == "" || strings.HasPrefix(u, "#"):
		return i18n.Msg{}
	case schemeRe().MatchString(u):
		return i18n.M("%q is loaded from outside the book: a book's images, stylesheets and fonts are its own files (images/name.png)", raw)
	case strings.HasPrefix(u, "/") || strings.HasPrefix(u, `\`):
		return i18n.M("%q is an absolute path, outside the book: name the book's own file (images/name.png)", raw)
	}
	path := u
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	depth := 1
	for _, seg := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '\\' }) {
		switch seg {
		case "..":
			depth--
		case ".":
		default:
			depth++
		}
		if depth < 0 {
			return i18n.M("%q climbs out of the book: name the book's own file (images/name.png)", raw)
		}
	}
	if strings.Contains(path, `\`) {
		return i18n.M("%q: write a path with / (images/name.png)", raw)
	}
	return i18n.Msg{}
}

// linkProblem says why u can't be a link a reader clicks: a place in the
// book, or a page on the web or an address to write to.
func linkProblem(raw string) i18n.Msg {
	u := cleanURL(raw)
	if m := schemeRe().FindString(u); m != "" {
		switch strings.ToLower(m) {
		case "http:", "https:", "mailto:":
			return i18n.Msg{}
		}
		return i18n.M("%q is a link no book may hold: a link goes to a place in the book, a web page (https:) or an address (mailto:)", raw)
	}
	return resourceProblem(raw)
}

// what each attribute is: a resource loaded, a link followed, CSS, or text
type attrKind int

const (
	textAttr attrKind = iota
	resourceAttr
	linkAttr
	styleAttr
	refusedAttr // never: srcset, background, action, formaction, …
)

// elements are what a template may write, with their own attributes;
// every element also takes globalAttrs, and SVG's its presentation.
var elements = map[string]map[string]attrKind{
	"html": {"xmlns": textAttr}, "head": {}, "title": {}, "body": {}, "style": {"type": textAttr, "media": textAttr},
	"meta":    {"charset": textAttr, "name": textAttr, "content": textAttr},
	"link":    {"rel": textAttr, "href": resourceAttr, "type": textAttr, "media": textAttr},
	"a":       {"href": linkAttr, "rel": textAttr, "hreflang": textAttr, "type": textAttr},
	"img":     {"src": resourceAttr, "alt": textAttr, "width": textAttr, "height": textAttr},
	"section": {}, "nav": {}, "article": {}, "aside": {}, "header": {}, "footer": {}, "main": {}, "div": {}, "span": {}, "p": {},
	"h1": {}, "h2": {}, "h3": {}, "h4": {}, "h5": {}, "h6": {}, "hgroup": {}, "hr": {}, "br": {}, "wbr": {},
	"ol": {"start": textAttr, "reversed": textAttr, "type": textAttr}, "ul": {}, "li": {"value": textAttr},
	"dl": {}, "dt": {}, "dd": {}, "figure": {}, "figcaption": {}, "blockquote": {"cite": linkAttr}, "q": {"cite": linkAttr},
	"pre": {}, "code": {}, "kbd": {}, "samp": {}, "var": {}, "em": {}, "strong": {}, "b": {}, "i": {}, "u": {}, "s": {},
	"small": {}, "sub": {}, "sup": {}, "mark": {}, "abbr": {}, "dfn": {}, "cite": {}, "bdi": {}, "bdo": {}, "address": {},
	"time": {"datetime": textAttr}, "del": {"cite": linkAttr, "datetime": textAttr}, "ins": {"cite": linkAttr, "datetime": textAttr},
	"ruby": {}, "rb": {}, "rt": {}, "rp": {}, "rtc": {},
	"table": {}, "caption": {}, "thead": {}, "tbody": {}, "tfoot": {}, "tr": {}, "colgroup": {"span": textAttr}, "col": {"span": textAttr},
	"td": {"colspan": textAttr, "rowspan": textAttr, "headers": textAttr}, "th": {"colspan": textAttr, "rowspan": textAttr, "headers": textAttr, "scope": textAttr},
	// SVG
	"svg": {}, "g": {}, "defs": {}, "symbol": {}, "desc": {}, "image": {"href": resourceAttr}, "use": {"href": resourceAttr},
	"rect": {}, "circle": {}, "ellipse": {}, "line": {}, "polyline": {}, "polygon": {}, "path": {}, "text": {}, "tspan": {},
	"linearGradient": {}, "radialGradient": {}, "stop": {}, "clipPath": {}, "pattern": {},
}

var svgElements = map[string]bool{"svg": true, "g": true, "defs": true, "symbol": true, "desc": true, "image": true, "use": true,
	"rect": true, "circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true, "path": true, "text": true,
	"tspan": true, "linearGradient": true, "radialGradient": true, "stop": true, "clipPath": true, "pattern": true, "title": true}

var globalAttrs = map[string]attrKind{"id": textAttr, "class": textAttr, "lang": textAttr, "dir": textAttr, "title": textAttr,
	"style": styleAttr, "role": textAttr, "type": textAttr, "hidden": textAttr}

// never, whatever the element: they load or send what no book should
var refusedAttrs = map[string]bool{"srcset": true, "background": true, "action": true, "formaction": true, "poster": true,
	"data": true, "codebase": true, "archive": true, "manifest": true, "ping": true, "lowsrc": true, "dynsrc": true,
	"longdesc": true, "usemap": true, "profile": true, "classid": true, "xml:base": true, "base": true}

// refusedElements run something, frame another page or send a form: named
// as such, in any mode
var refusedElements = map[string]bool{"script": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "form": true, "input": true, "button": true, "textarea": true, "select": true,
	"base": true, "portal": true, "audio": true, "video": true, "source": true, "track": true, "foreignObject": true,
	"animate": true, "set": true, "animateTransform": true, "animateMotion": true, "handler": true, "listener": true}

// CheckPage refuses an XHTML page that would run something or load
// anything from outside the book, and, under Policy.Strict, any element or
// attribute a book's page has no use for. The error names the place in
// the page (line and column of what the template made).
func CheckPage(p Policy, page []byte) error {
	src := page
	if !bytes.Contains(page, []byte("<html")) {
		src = append(append([]byte("<fragment>"), page...), "</fragment>"...)
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	fail := func(msg i18n.Msg) error {
		line, col := d.InputPos()
		if !bytes.Equal(src, page) && line == 1 {
			col -= len("<fragment>")
		}
		return &inputerr.Error{File: p.Name, Line: line, Col: max(col, 1), Msg: msg}
	}
	inStyle := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fail(i18n.M("not well-formed XHTML (%v): check the tags", err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if name == "fragment" && t.Name.Space == "" && !bytes.Equal(src, page) {
				continue
			}
			if refusedElements[name] || refusedElements[strings.ToLower(name)] {
				return fail(i18n.M("<%s> runs something or sends what a book never does: a book is read, and runs nothing", name))
			}
			own, known := elements[name]
			if !known && p.Strict {
				return fail(i18n.M("<%s> is no element of a book's page", name))
			}
			inStyle = name == "style"
			for _, a := range t.Attr {
				if msg := attrProblem(p, name, own, a); !msg.IsZero() {
					return fail(msg)
				}
			}
		case xml.EndElement:
			inStyle = false
		case xml.CharData:
			if inStyle {
				if _, msg := cssProblem(t); !msg.IsZero() {
					return fail(msg)
				}
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return fail(i18n.M("<?%s?> has no place in a book's page", t.Target))
			}
		}
	}
}

// attrProblem says why an attribute may not stand on an element.
func attrProblem(p Policy, el string, own map[string]attrKind, a xml.Attr) i18n.Msg {
	name, space := a.Name.Local, a.Name.Space
	lname := strings.ToLower(name)
	full := name
	if space != "" && space != "xmlns" {
		full = space + ":" + name
	}
	switch {
	case strings.HasPrefix(lname, "on"):
		return i18n.M("%s= runs a script when the reader acts: a book runs nothing", full)
	case refusedAttrs[lname]:
		return i18n.M("%s= loads or sends what a book never does", full)
	case space == "xmlns" || name == "xmlns" || space == "http://www.w3.org/XML/1998/namespace":
		return i18n.Msg{} // namespace declarations, xml:lang
	}
	kind, ok := own[name]
	if !ok {
		kind, ok = globalAttrs[name]
	}
	if name == "href" && (space == "http://www.w3.org/1999/xlink" || space == "xlink") {
		kind, ok = own["href"]
	}
	if !ok && (strings.HasPrefix(name, "aria-") || strings.HasPrefix(name, "data-") || space == "http://www.idpf.org/2007/ops" || space == "epub") {
		kind, ok = textAttr, true
	}
	if !ok && svgElements[el] && name != "href" {
		kind, ok = textAttr, true // SVG's presentation: fill, d, viewBox… (url() is read below)
	}
	if !ok {
		if name == "href" || name == "src" {
			return i18n.M("%s= on <%s> loads a file: no book's page does that there", full, el)
		}
		if p.Strict {
			return i18n.M("%s= on <%s> has no use in a book's page", full, el)
		}
		return i18n.Msg{}
	}
	switch kind {
	case resourceAttr:
		if el == "use" && !strings.HasPrefix(cleanURL(a.Value), "#") {
			return i18n.M("<use> may only show a shape of its own page (#id): %q", a.Value)
		}
		return resourceProblem(a.Value)
	case linkAttr:
		return linkProblem(a.Value)
	case styleAttr:
		_, m := cssProblem([]byte("x{" + a.Value + "}"))
		return m
	}
	if strings.Contains(strings.ToLower(a.Value), "url(") {
		_, m := cssProblem([]byte("x{p:" + a.Value + "}"))
		return m
	}
	return i18n.Msg{}
}

// position is the 1-based line and column (in characters) of a byte offset.
func position(src []byte, off int) (int, int) {
	off = min(off, len(src))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, utf8.RuneCount(src[start:off]) + 1
}
