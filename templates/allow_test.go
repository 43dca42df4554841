package templates

import (
	"bytes"
	"strings"
	"testing"
)

// TestHostilePages: every way an attack round brought a file, a script or
// the network into a book, as a template's output, is refused with its
// place; the built-in templates' own outputs pass.
func TestHostilePages(t *testing.T) {
	p := Policy{Name: "templates/colophon.xhtml", Strict: true}
	for _, page := range []string{
		`<iframe src="/etc/passwd"></iframe>`,
		`<object data="/etc/passwd"></object>`,
		`<embed src="file:///etc/passwd"/>`,
		`<script>fetch("/state")</script>`,
		`<SCRIPT>x</SCRIPT>`,
		`<img src="/abs/x.png" alt=""/>`,
		`<img src="file:///etc/passwd" alt=""/>`,
		`<img src="../../etc/passwd" alt=""/>`,
		`<img src="..%2f..%2fetc/passwd" alt=""/>`,
		`<img src="https://example.com/x.png" alt=""/>`,
		`<img src="//example.com/x.png" alt=""/>`,
		`<img src="a.png" srcset="https://example.com/x.png 2x" alt=""/>`,
		`<link rel="stylesheet" href="/abs/x.css"/>`,
		`<a href="jav&#x61;script:alert(1)">x</a>`,
		`<a href=" javascript:alert(1)">x</a>`,
		"<a href=\"java\tscript:alert(1)\">x</a>",
		`<a href="data:text/html,x">x</a>`,
		`<a href="vbscript:x">x</a>`,
		`<p onclick="x()">x</p>`,
		`<table background="https://example.com/x.png"><tr><td>x</td></tr></table>`,
		`<form action="https://example.com/"><p>x</p></form>`,
		`<p style="background: url(/etc/passwd)">x</p>`,
		`<p style="background: url(htt\70 ://example.com/x.png)">x</p>`,
		`<p style="background: image-set('a.png' 1x)">x</p>`,
		`<style>@\69mport "/x.css";</style>`,
		`<style>p { content: url(/x.svg) }</style>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="/etc/passwd"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#x"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://example.com/#g)"/></svg>`,
		`<marquee>x</marquee>`,
		`<p xml:base="https://example.com/">x</p>`,
	} {
		if err := CheckPage(p, []byte(page)); err == nil {
			t.Errorf("passed: %s", page)
		} else if !strings.HasPrefix(err.Error(), "templates/colophon.xhtml:1:") {
			t.Errorf("%s: %v (no place)", page, err)
		}
	}
	for _, page := range []string{
		`<div class="colophon"><p>著者　<a href="https://example.com/">サイト</a></p></div>`,
		`<a href="mailto:a@example.com">a</a>`,
		`<a href="#toc">目次</a>`,
		`<a href="../xhtml/ep-1.xhtml#x">一</a>`,
		`<img src="../images/one.png" alt="挿絵"/>`,
		`<div class="cover"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="100%" height="100%" viewBox="0 0 1 1" preserveAspectRatio="xMidYMid meet"><title>t</title><image width="1" height="1" xlink:href="../images/cover.jpg"/></svg></div>`,
		`<p style="color: red; background: url('../images/bg.png')">x</p>`,
		`<section class="part" id="p1" epub:type="part" xmlns:epub="http://www.idpf.org/2007/ops"><h1>第一部</h1></section>`,
	} {
		if err := CheckPage(p, []byte(page)); err != nil {
			t.Errorf("refused: %s: %v", page, err)
		}
	}
}

// TestHostileStylesheets: @import and loads from outside the book in every
// spelling CSS allows; the built-in stylesheets pass.
func TestHostileStylesheets(t *testing.T) {
	p := Policy{Name: "templates/print.css"}
	for _, css := range []string{
		`@import "/x.css";`,
		`@IMPORT url(x.css);`,
		`@\69mport "/x.css";`,
		`@im\port "x.css";`,
		`p { background: url(/etc/passwd) }`,
		`p { background: url( "file:///etc/passwd" ) }`,
		`p { background: url(htt\70 ://example.com/x.png) }`,
		`p { background: u\72l(https://example.com/x.png) }`,
		`p { background: image-set("a.png" 1x) }`,
		`p { background: -webkit-image-set("a.png" 1x) }`,
		`@font-face { font-family: x; src: url(/usr/share/fonts/x.ttf) }`,
		`p { content: url(/x.svg) }`,
		`p { background: url(//example.com/x.png) }`,
		`p { background: url(../../x.png) }`,
	} {
		if err := CheckCSS(p, []byte("/* a comment */\n"+css)); err == nil {
			t.Errorf("passed: %s", css)
		} else if !strings.HasPrefix(err.Error(), "templates/print.css:2:") {
			t.Errorf("%s: %v (not at line 2)", css, err)
		}
	}
	for _, name := range Names {
		if !strings.HasSuffix(name, ".css") {
			continue
		}
		src, _ := builtin.ReadFile(name)
		if err := CheckCSS(Policy{Name: name}, src); err != nil {
			t.Errorf("the built-in %s: %v", name, err)
		}
	}
	if err := CheckCSS(p, []byte(`p { background: url("../images/bg.png") } @im/**/port "x.css";`)); err != nil {
		t.Errorf("a relative image and a split at-keyword (which imports nothing): %v", err)
	}
}

// A stylesheet's @charset counts only as its very first bytes: after a
// comment it is an error that converters (calibre) warn of on every book.
func TestCharsetFirst(t *testing.T) {
	for _, name := range []string{"vertical.css", "horizontal.css", "print.css"} {
		data, err := builtin.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("@charset \"UTF-8\";\n")) {
			t.Errorf("%s does not begin with @charset \"UTF-8\";", name)
		}
	}
}
