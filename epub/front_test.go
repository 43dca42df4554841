package epub_test

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/internal/novelgen"
)

// The pages a reader meets first are set as the text is: in the example
// and in a 150-episode novel with parts (第100話 … 第150話), no ASCII digit
// lies on its side in 目次, 扉, 奥付 or a part's title — up to three digits
// stand as 縦中横, longer numbers are 漢数字 — the 奥付 prints no heading,
// a company is 発行所 and the © line is there; headings are normal weight
// and body text keeps the reader's line height and justification.
func TestFrontPagesUpright(t *testing.T) {
	novel := filepath.Join(t.TempDir(), "novel")
	if err := novelgen.Write(novel, novelgen.Options{Episodes: 150, PerPart: 50}); err != nil {
		t.Fatal(err)
	}
	tcy := regexp.MustCompile(`<span class="tcy">[0-9]{1,3}</span>`)
	sideways := regexp.MustCompile(`[^\n]*[0-9!?][^\n]*`)
	for _, dir := range []string{"../examples/tsukiyo", novel} {
		files := unzipAll(t, build(t, dir))
		checked := 0
		for name, data := range files {
			page := string(data)
			front := strings.HasSuffix(name, "toc.xhtml") || strings.HasSuffix(name, "titlepage.xhtml") || strings.HasSuffix(name, "colophon.xhtml")
			var texts []string
			if front {
				body := page[strings.Index(page, "<body"):]
				texts = append(texts, body)
			}
			// a part's title page inside a text file
			texts = append(texts, regexp.MustCompile(`(?s)<section class="part"[^>]*>.*?</section>`).FindAllString(page, -1)...)
			for _, text := range texts {
				text = tcy.ReplaceAllString(text, "")
				text = regexp.MustCompile(`<p>ISBN　[0-9-]+</p>`).ReplaceAllString(text, "") // an ISBN is a code, set as printed
				// the text between tags, a line each
				text = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(text, "\n")
				if m := sideways.FindString(text); m != "" {
					t.Errorf("%s %s: a sideways character in %q", dir, name, m)
				}
				checked++
			}
			if strings.HasSuffix(name, "colophon.xhtml") {
				if strings.Contains(page, "<h2>") || strings.Contains(page, "<h1>") {
					t.Errorf("%s: the 奥付 prints a heading", dir)
				}
				if !strings.Contains(page, "©") {
					t.Errorf("%s: no © line", dir)
				}
				if dir == "../examples/tsukiyo" && (!strings.Contains(page, "発行所　版元工房") || !strings.Contains(page, "二〇二六年十一月一日")) {
					t.Errorf("%s: the house and the date:\n%s", dir, page)
				}
			}
			if strings.HasSuffix(name, ".css") {
				css := string(data)
				if strings.Contains(css, "font-weight: bold") || strings.Contains(css, "text-align: justify") || strings.Contains(css, "line-height: 1.75") {
					t.Errorf("%s %s: bold headings or fixed text defaults", dir, name)
				}
				if !strings.Contains(css, "@media amzn-kf8") {
					t.Errorf("%s %s: no page breaks for Kindle", dir, name)
				}
			}
		}
		if checked < 4 {
			t.Errorf("%s: only %d front pages checked", dir, checked)
		}
	}
}

func unzipAll(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
	}
	return out
}
