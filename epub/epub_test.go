package epub_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/booktest"
	"github.com/hanmoto/hanmoto/internal/novelgen"
	"github.com/hanmoto/hanmoto/manuscript"
)

func build(t testing.TB, dir string) []byte {
	t.Helper()
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: epub.ImagePrefix})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	var buf bytes.Buffer
	if _, err := epub.Write(b, &buf, epub.Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// epubcheck runs the validator and wants 0 fatals, 0 errors, 0 warnings.
// Without Java it skips locally and fails in CI, where it must run.
func epubcheck(t *testing.T, name string, data []byte) {
	t.Helper()
	if _, _, ok := epub.EpubcheckJar(); !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must run epubcheck: apt-get install epubcheck (and Java)")
		}
		t.Skip("epubcheck skipped: no Java or /usr/share/java/epubcheck.jar here (apt-get install epubcheck)")
	}
	file := filepath.Join(t.TempDir(), name+".epub")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, _, err := epub.Epubcheck(file)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fatals+res.Errors+res.Warnings > 0 {
		t.Fatalf("epubcheck on %s: %d fatals, %d errors, %d warnings\n%s", name, res.Fatals, res.Errors, res.Warnings, res.Output)
	}
	t.Logf("epubcheck on %s: 0 fatals, 0 errors, 0 warnings", name)
}

func TestEpubcheckExample(t *testing.T) {
	t.Parallel()
	epubcheck(t, "example", build(t, "../examples/tsukiyo"))
}

// Every rendering fixture that builds becomes one episode of a single book,
// so one epubcheck run covers every syntax case.
func TestEpubcheckFixtures(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"vertical", "horizontal"} {
		epubcheck(t, "fixtures-"+mode, build(t, booktest.Fixtures(t, mode)))
	}
}

func TestEpubcheckLongNovel(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 episodes")
	}
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{}); err != nil {
		t.Fatal(err)
	}
	data := build(t, dir)
	checkKDP(t, data)
	epubcheck(t, "novel1000", data)
}

// checkKDP counts what KDP counts.
func checkKDP(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	html := 0
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".xhtml") {
			html++
			if f.UncompressedSize64 >= epub.MaxHTMLSize {
				t.Errorf("%s is %d bytes", f.Name, f.UncompressedSize64)
			}
		}
	}
	if html >= epub.MaxHTMLFiles {
		t.Errorf("%d XHTML files; KDP refuses %d or more", html, epub.MaxHTMLFiles)
	}
	t.Logf("%d XHTML files", html)
	nav := readEntry(t, zr, "EPUB/nav.xhtml")
	// 1,000 episodes in ten parts; a link points at a file's start or
	// at an episode inside a file
	if got := strings.Count(nav, `<li><a href="xhtml/p`); got != 1010 {
		t.Errorf("nav links %d episodes and parts, want 1,010", got)
	}
}

func readEntry(t *testing.T, zr *zip.Reader, name string) string {
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			return b.String()
		}
	}
	t.Fatalf("no %s", name)
	return ""
}

func TestDeterministic(t *testing.T) {
	one := build(t, "../examples/tsukiyo")
	two := build(t, "../examples/tsukiyo")
	if !bytes.Equal(one, two) {
		t.Fatal("two builds of the example differ")
	}
}

// The first entry is mimetype, stored, with no extra field (OCF).
func TestMimetypeFirst(t *testing.T) {
	data := build(t, "../examples/tsukiyo")
	if !bytes.HasPrefix(data[30:], []byte("mimetypeapplication/epub+zip")) {
		t.Fatalf("the container does not start with a stored mimetype: %q", data[:60])
	}
}

// TestEpubcheckAnyNameAnyLocale: under a C locale Java cannot open a
// Japanese file name, and epubcheck said "File not found" with no errors
// counted — a broken book passed `check`. The example, named by its title,
// passes for what it is, and a broken EPUB with a Japanese name fails.
func TestEpubcheckAnyNameAnyLocale(t *testing.T) {
	if _, _, ok := epub.EpubcheckJar(); !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must run epubcheck: apt-get install epubcheck (and Java)")
		}
		t.Skip("no epubcheck here")
	}
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		t.Setenv(k, "C")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "月夜の郵便局.epub")
	if err := os.WriteFile(good, build(t, "../examples/tsukiyo"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, _, err := epub.Epubcheck(good)
	if err != nil || res.Fatals+res.Errors+res.Warnings > 0 {
		t.Fatalf("the example under its title: %v %+v", err, res)
	}
	broken := filepath.Join(dir, "壊れた星.epub")
	if err := os.WriteFile(broken, []byte("PK\x03\x04 not a real zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, _, err = epub.Epubcheck(broken)
	if err == nil && res.Fatals+res.Errors == 0 {
		t.Fatalf("a broken EPUB named 壊れた星.epub passed epubcheck:\n%s", res.Output)
	}
	if strings.Contains(res.Output, "book.epub") {
		t.Errorf("the output names the copy, not the file: %s", res.Output)
	}
}

// TestPackageIsTheWrittenStructure: the structure a build hands its caller
// is the package document it wrote — the same manifest and the same spine
// in the same order — read back here independently.
func TestPackageIsTheWrittenStructure(t *testing.T) {
	b, err := manuscript.Load("../examples/tsukiyo", manuscript.Options{ImagePrefix: epub.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var pkg epub.Package
	if _, err := epub.Write(b, io.Discard, epub.Options{Files: files, Package: &pkg}); err != nil {
		t.Fatal(err)
	}
	var opf struct {
		Items []struct {
			ID   string `xml:"id,attr"`
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
		Refs []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(files["EPUB/package.opf"], &opf); err != nil {
		t.Fatal(err)
	}
	href := map[string]string{}
	for _, it := range opf.Items {
		href[it.ID] = "EPUB/" + it.Href
	}
	var spine []string
	for _, r := range opf.Refs {
		spine = append(spine, href[r.IDRef])
	}
	if strings.Join(spine, " ") != strings.Join(pkg.Spine, " ") || len(spine) < 5 {
		t.Errorf("spine\n got  %v\n want %v", pkg.Spine, spine)
	}
	if len(pkg.Manifest) != len(opf.Items) {
		t.Errorf("%d manifest items, the package document has %d", len(pkg.Manifest), len(opf.Items))
	}
	for _, it := range pkg.Manifest {
		if files[it.Path] == nil {
			t.Errorf("%s is in the manifest but not in the book", it.Path)
		}
	}
}

// The table of contents points at a file's start wherever what it names
// starts a file (Kobo's Japanese production guide asks it of vertical
// books): in a book of a file per episode, at no fragment; in a packed
// one, at a fragment only for an episode that shares a file with what
// comes before it.
func TestTOCLinksFileStarts(t *testing.T) {
	hrefs := func(data []byte) (files map[string]string, links []string) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		files = map[string]string{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[f.Name] = string(b)
		}
		nav := files["EPUB/nav.xhtml"]
		nav = nav[:strings.Index(nav, `epub:type="landmarks"`)]
		for _, m := range regexp.MustCompile(`href="(xhtml/[^"]+)"`).FindAllStringSubmatch(nav, -1) {
			links = append(links, m[1])
		}
		return files, links
	}
	_, links := hrefs(build(t, "../examples/tsukiyo"))
	for _, l := range links {
		if strings.Contains(l, "#") {
			t.Errorf("the example's 目次 points inside a file: %s", l)
		}
	}
	dir := filepath.Join(t.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 300, PerPart: 100}); err != nil {
		t.Fatal(err)
	}
	files, links := hrefs(build(t, dir))
	inside := 0
	for _, l := range links {
		file, frag, ok := strings.Cut(l, "#")
		body := files["EPUB/"+file]
		if !ok {
			continue
		}
		inside++
		// a fragment only where something comes before it in the file
		if i := strings.Index(body, `id="`+frag+`"`); i < 0 || !strings.Contains(body[:i], `</section>`) {
			t.Errorf("%s points at a fragment that starts its file", l)
		}
	}
	if inside == 0 || inside == len(links) {
		t.Errorf("a packed book: %d of %d links point inside a file", inside, len(links))
	}
}

// An EPUB 2 guide stands beside the nav's landmarks, pointing where they
// do: converters that read only the guide keep the book's own 目次.
func TestGuideBesideLandmarks(t *testing.T) {
	data := build(t, filepath.Join("..", "examples", "tsukiyo"))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Refs []struct {
			Type string `xml:"type,attr"`
			Href string `xml:"href,attr"`
		} `xml:"guide>reference"`
	}
	if err := xml.Unmarshal([]byte(readEntry(t, zr, "EPUB/package.opf")), &pkg); err != nil {
		t.Fatal(err)
	}
	nav := readEntry(t, zr, "EPUB/nav.xhtml")
	got := map[string]string{}
	for _, r := range pkg.Refs {
		got[r.Type] = r.Href
	}
	for typ, landmark := range map[string]string{"cover": "cover", "toc": "toc", "text": "bodymatter"} {
		href := got[typ]
		if href == "" {
			t.Errorf("no guide reference of type %s", typ)
			continue
		}
		if !strings.Contains(nav, `epub:type="`+landmark+`" href="`+href+`"`) {
			t.Errorf("guide %s → %s, but the landmarks say otherwise", typ, href)
		}
	}
}

// Books are built in parallel — tests, a preview beside a build — and
// share nothing: four builds at once of the example, with its cover and
// illustration, give the bytes of one built alone.
func TestBuildsInParallel(t *testing.T) {
	want := build(t, "../examples/tsukiyo")
	got := make([][]byte, 4)
	done := make(chan int)
	for i := range got {
		go func() {
			defer func() { done <- i }()
			b, err := manuscript.Load("../examples/tsukiyo", manuscript.Options{ImagePrefix: epub.ImagePrefix})
			if err != nil {
				t.Error(err)
				return
			}
			var buf bytes.Buffer
			if _, err := epub.Write(b, &buf, epub.Options{Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Error(err)
			}
			got[i] = buf.Bytes()
		}()
	}
	for range got {
		<-done
	}
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Errorf("build %d of 4 at once differs from a build alone (%d bytes, want %d)", i+1, len(g), len(want))
		}
	}
}

// The episodes a previewer shows one at a time are where the model says,
// read back here from the documents by an XML decoder: each section opens
// with the episode's own element (or its part's heading), closes at the
// end of that element, and every episode of the book is in one, in order.
func TestSectionsAreTheEpisodes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "novel")
	if err := novelgen.Write(dir, novelgen.Options{Episodes: 300, PerPart: 100}); err != nil {
		t.Fatal(err)
	}
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: epub.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var pkg epub.Package
	if _, err := epub.Write(b, nil, epub.Options{Files: files, Package: &pkg}); err != nil {
		t.Fatal(err)
	}
	var order []string
	shared, headed := 0, 0
	for _, doc := range pkg.Spine {
		data := files[doc]
		if len(pkg.Sections[doc]) > 1 {
			shared++
		}
		// the document's own top-level sections, by the decoder
		type span struct {
			id, class  string
			start, end int
		}
		var top []span
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict, d.Entity = true, xml.HTMLEntity
		depth, start := 0, 0
		var cur span
		for {
			off := int(d.InputOffset())
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				depth++
				if depth == 3 && tok.Name.Local == "section" { // html > body > section
					start, cur = off, span{}
					for _, a := range tok.Attr {
						switch a.Name.Local {
						case "id":
							cur.id = a.Value
						case "class":
							cur.class = a.Value
						}
					}
				}
			case xml.EndElement:
				if depth == 3 && tok.Name.Local == "section" {
					cur.start, cur.end = start, int(d.InputOffset())
					top = append(top, cur)
				}
				depth--
			}
		}
		secs := pkg.Sections[doc]
		var eps []span
		for _, s := range top {
			if s.class == "episode" {
				eps = append(eps, s)
			}
		}
		if len(secs) != len(eps) {
			t.Fatalf("%s: the model says %d episodes, the document holds %d", doc, len(secs), len(eps))
		}
		for i, s := range secs {
			e := eps[i]
			order = append(order, s.ID)
			if s.ID != e.id || s.End != e.end+1 || data[s.End-1] != '\n' {
				t.Errorf("%s: section %s is %d–%d, the episode %s ends at %d", doc, s.ID, s.Start, s.End, e.id, e.end)
			}
			// it starts at the episode, or at the part heading just before it
			if s.Start != e.start {
				headed++
				if !bytes.HasPrefix(data[s.Start:], []byte(`<section class="part"`)) {
					t.Errorf("%s: section %s starts at %q", doc, s.ID, data[s.Start:min(s.Start+40, len(data))])
				}
			}
		}
	}
	if shared == 0 || headed == 0 {
		t.Errorf("a packed book of parts: %d documents share episodes, %d sections open with a part heading", shared, headed)
	}
	var want []string
	for _, ep := range b.Episodes() {
		want = append(want, ep.ID())
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("the sections hold %d episodes, the book %d, or not in its order", len(order), len(want))
	}
}

// A pasted 青空文庫 work's 大見出し and 中見出し are in the 目次 — nav,
// NCX and the 目次 page — under their episode, 中 under the 大 before it;
// 小見出し are not. Each entry points at its heading, read back here from
// the document by its id.
func TestTOCListsMidashi(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book.yaml", "title: 見出し\nauthor: 試し\nidentifier: urn:uuid:0c6f3f1e-6a52-4c7e-9d47-3b0b8f2a9e13\n")
	write("chapters/01.md", "# 全文\n\n［＃大見出し］上［＃大見出し終わり］\n一［＃「一」は中見出し］\n　本文。\n［＃ここから小見出し］\nその一\n［＃ここで小見出し終わり］\n二［＃「二」は中見出し］\n　本文。\n")
	write("chapters/02.md", "# 後書き\n\n　終わり。\n")
	b, err := manuscript.Load(dir, manuscript.Options{ImagePrefix: epub.ImagePrefix})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	if _, err := epub.Write(b, nil, epub.Options{Files: files}); err != nil {
		t.Fatal(err)
	}
	nav := string(files["EPUB/nav.xhtml"])
	want := `<li><a href="xhtml/p0001.xhtml">全文</a>
<ol>
<li><a href="xhtml/p0001.xhtml#ep0001-m1">上</a>
<ol>
<li><a href="xhtml/p0001.xhtml#ep0001-m2">一</a></li>
<li><a href="xhtml/p0001.xhtml#ep0001-m3">二</a></li>
</ol>
</li>
</ol>
</li>`
	if !strings.Contains(nav, want) || strings.Contains(nav, "その一") {
		t.Errorf("nav:\n%s", nav)
	}
	for id, title := range map[string]string{"ep0001-m1": "上", "ep0001-m2": "一", "ep0001-m3": "二"} {
		if doc := string(files["EPUB/xhtml/p0001.xhtml"]); !regexp.MustCompile(`<h2 class="(o|naka)-midashi" id="` + id + `">` + title + `</h2>`).MatchString(doc) {
			t.Errorf("no heading %s with id %s in the document", title, id)
		}
	}
	if ncx := string(files["EPUB/toc.ncx"]); !strings.Contains(ncx, `<meta name="dtb:depth" content="3"/>`) || !strings.Contains(ncx, `<text>一</text></navLabel><content src="xhtml/p0001.xhtml#ep0001-m2"/>`) {
		t.Errorf("toc.ncx:\n%s", ncx)
	}
	if page := string(files["EPUB/xhtml/toc.xhtml"]); !strings.Contains(page, `<a href="p0001.xhtml#ep0001-m3">二</a>`) || strings.Contains(page, "その一") {
		t.Errorf("the 目次 page:\n%s", page)
	}
}
