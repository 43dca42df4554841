package manuscript_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

// FuzzRender: any input gives well-formed XHTML or positioned errors, never
// a panic. `make fuzz` runs it; `go test` runs the seeds.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"|漢字《かんじ》", "｜《》", "漢字《《傍点》》", "{漢字|かん|じ}", "12!!?!^123^", "===\n［＃改ページ］",
		"<ruby>a<rt>b</rt></ruby>", "<span class='a'>x", "![a](../x.png)", "---\ntitle: x\n---\n本文",
		"# 見出し\n\n\n「台詞」\n* * *\n", "`code《》`", "&hellip;&#0;&#xD800;", "《《》》《《a", "漢字（かんじ）",
		"袁※［＃「にんべん＋參」、第4水準2-1-79］《えんさん》", "｜※［＃a、1-88-81］略《かく》※［＃b、135-7］", "学［＃（ビテ）］而時［＃二］習之［＃一］",
	} {
		f.Add([]byte(s))
	}
	cfgs := []*manuscript.Config{}
	for _, y := range []string{
		"title: t\nidentifier: x\nparen-ruby: true\n",
		"title: t\nidentifier: x\nline-mode: markdown\nwriting-mode: horizontal\n",
	} {
		c, err := manuscript.ParseConfig([]byte(y))
		if err != nil {
			f.Fatal(err)
		}
		cfgs = append(cfgs, c)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, c := range cfgs {
			out, err := manuscript.RenderEpisode(c, t.TempDir(), "chapters/1.md", src, manuscript.Options{ImagePrefix: "../images/"})
			if err != nil {
				var es manuscript.Errors
				if !errors.As(err, &es) {
					t.Fatalf("error is not positioned: %v", err)
				}
				for _, e := range es {
					if e.File == "" {
						t.Fatalf("error without a file: %v", e)
					}
				}
				continue
			}
			d := xml.NewDecoder(io.MultiReader(strings.NewReader("<body>"), bytes.NewReader(out), strings.NewReader("</body>")))
			d.Strict = true
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed: %v\n%s", err, out)
				}
			}
		}
	})
}
