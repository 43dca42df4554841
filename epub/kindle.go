package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // a cover's size
	_ "image/png"
	"path"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/lazyre"
)

// What check can test on an EPUB of the rules in KDP's Kindle Publishing
// Guidelines for Japanese books and of the limits of the stores' readers —
// an offline Kindle-compatibility check, as Kindle Previewer does not run on
// Linux. Each is a warning: the book opens, but reads worse.
//
//   - toc-numbers (§11.3.2.5): half-width digits in a vertical book's
//     table of contents are set 縦中横, never on their side;
//   - bold-headings (§11.3.2.6): headings are not bold — bold kanji fill in
//     on e-ink;
//   - text-defaults (§10.3.x, "normal text"): the body text keeps the
//     reading system's line height and justification;
//   - page-breaks: a rule whose break-before: column replaces its own
//     page-break-before, with no @media amzn-kf8 rules giving Kindle a page
//     break back, loses the break on Kindle, which paginates by pages;
//   - cover-size: a cover under 625×1000 pixels, or over 10,000 on a side;
//   - image-size: an image over 5 MB (KDP's limit), or a picture shown in
//     the book over 2 million pixels (Apple Books scales it down) — the
//     cover page's too: it should show a smaller copy of the cover-image.

var (
	tcySpan     = lazyre.New(`<span class="tcy">[^<]*</span>`)
	tagRe       = lazyre.New(`<[^>]*>`)
	navRe       = lazyre.New(`(?s)<nav\b[^>]*>.*?</nav>`)
	cssRuleRe   = lazyre.New(`(?s)([^{}]+)\{([^{}]*)\}`)
	headingSel  = lazyre.New(`(?i)(^|[\s,])h[1-6]\b`)
	boldDecl    = lazyre.New(`(?i)font-weight\s*:\s*(bold|[6-9]00)`)
	bodySel     = lazyre.New(`(?i)^\s*(html|body|p)\s*$`)
	textDefault = lazyre.New(`(?i)line-height\s*:|text-align\s*:\s*justify`)
	digitLine   = lazyre.New(`(?m)^.*[0-9].*$`)
	kindleMedia = lazyre.New(`(?m)^\s*@media[^{]*amzn-kf8[^{]*\{`) // a rule, not a comment's mention
)

func kindleJapanese(manifest []opfItem, spine []opfItemref, byName map[string]*zip.File, dir string, vertical bool) []Finding {
	var fs []Finding
	add := func(sev, rule, format string, args ...any) {
		fs = append(fs, Finding{sev, rule, i18n.M(format, args...)})
	}
	inSpine := map[string]bool{}
	for _, r := range spine {
		inSpine[r.IDRef] = true
	}
	kindleBreaks := false
	var breakFiles []string
	var big []string // cover-images over 2 million pixels, as "href (w×h)"
	var docs [][2]string
	for _, it := range manifest {
		f := byName[path.Join(dir, it.Href)]
		if f == nil {
			continue
		}
		if it.MediaType == "application/xhtml+xml" && inSpine[it.ID] {
			if body, err := readZip(f); err == nil {
				docs = append(docs, [2]string{it.Href, string(body)})
			}
		}
		switch {
		case it.MediaType == "application/xhtml+xml" && inSpine[it.ID] && vertical:
			body, err := readZip(f)
			if err != nil {
				continue
			}
			// the table of contents a reader turns to
			for _, nav := range navRe().FindAll(body, -1) {
				text := tagRe().ReplaceAll(tcySpan().ReplaceAll(nav, nil), []byte("\n"))
				if n := len(digitLine().FindAll(text, -1)); n > 0 {
					add("warning", "toc-numbers", "%s: %d entries of the table of contents hold half-width numbers set on their side: KDP asks for 縦中横 there (hanmoto build sets it)", it.Href, n)
				}
			}
		case it.MediaType == "text/css":
			css, err := readZip(f)
			if err != nil {
				continue
			}
			if kindleMedia().Match(css) {
				kindleBreaks = true
			}
			for _, m := range cssRuleRe().FindAllSubmatch(css, -1) {
				sel, decl := string(m[1]), m[2]
				if i := strings.LastIndex(sel, "*/"); i >= 0 {
					sel = sel[i+2:]
				}
				if headingSel().MatchString(sel) && boldDecl().Match(decl) {
					add("warning", "bold-headings", "%s: headings are bold (%s): KDP's guidelines advise against bold kanji, which fill in on e-ink", it.Href, strings.TrimSpace(sel))
				}
				if bodySel().MatchString(sel) && textDefault().Match(decl) {
					add("warning", "text-defaults", "%s: %s sets the line height or justification of the text: KDP asks body text to keep the reader's defaults", it.Href, strings.TrimSpace(sel))
				}
				if bytes.Contains(decl, []byte("page-break-before")) && bytes.Contains(decl, []byte("break-before: column")) {
					breakFiles = append(breakFiles, it.Href)
				}
			}
		case strings.HasPrefix(it.MediaType, "image/"):
			if f.UncompressedSize64 > 5<<20 {
				add("warning", "image-size", "%s is %d MB: KDP takes images up to 5 MB", it.Href, f.UncompressedSize64>>20)
			}
			data, err := readZip(f)
			if err != nil {
				continue
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				continue
			}
			if strings.Contains(it.Properties, "cover-image") {
				if cfg.Width < 625 || cfg.Height < 1000 {
					add("warning", "cover-size", "the cover is %d×%d (width×height): KDP's minimum is 625×1000 (1600×2560 recommended)", cfg.Width, cfg.Height)
				}
				if cfg.Width > 10000 || cfg.Height > 10000 {
					add("warning", "cover-size", "the cover is %d×%d (width×height): KDP takes at most 10,000 pixels on a side", cfg.Width, cfg.Height)
				}
				if cfg.Width*cfg.Height > 2_000_000 {
					big = append(big, it.Href, fmt.Sprintf("%d×%d", cfg.Width, cfg.Height))
				}
			} else if cfg.Width*cfg.Height > 2_000_000 {
				add("warning", "image-size", "%s is %d×%d, over 2 million pixels: Apple Books shows it scaled down", it.Href, cfg.Width, cfg.Height)
			}
		}
	}
	// the cover-image may be large (the stores make thumbnails of it), but
	// a page that shows it shows it scaled down in Apple Books
	for i := 0; i+1 < len(big); i += 2 {
		name := path.Base(big[i])
		for _, d := range docs {
			if strings.Contains(d[1], "/"+name+`"`) || strings.Contains(d[1], `"`+name+`"`) {
				add("warning", "image-size", "%s shows the cover image %s, %s, over 2 million pixels: Apple Books shows it scaled down; show a copy of at most 2 million pixels there (hanmoto build does)", d[0], big[i], big[i+1])
			}
		}
	}
	if !kindleBreaks {
		for _, h := range breakFiles {
			add("warning", "page-breaks", "%s: a rule's break-before: column replaces its page-break-before, and no @media amzn-kf8 rules give Kindle its page breaks back: Kindle, which paginates by pages, loses them", h)
			break
		}
	}
	return fs
}
