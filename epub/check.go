package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hanmoto/hanmoto/internal/lazyre"
	"github.com/hanmoto/hanmoto/templates"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
)

// KDP's limits on a reflowable EPUB (KDP Help: "eBook Manuscript Formatting
// Guide"): fewer than 300 HTML files, none of 30 MB or more, a package under
// 650 MB.
const (
	MaxHTMLFiles = 300
	MaxHTMLSize  = 30 << 20
	MaxBookSize  = 650 << 20
)

// Finding is one thing a check found.
type Finding struct {
	Severity string // "error" or "warning"
	Rule     string
	Msg      i18n.Msg
}

func (f Finding) String() string { return f.Localize(i18n.Printer{}) }

// Localize renders the finding in p's language; the rule stays as it is.
func (f Finding) Localize(p i18n.Printer) string {
	return fmt.Sprintf("%s: %s: %s", p.T(f.Severity), f.Rule, p.Msg(f.Msg))
}

// Check reads an EPUB and applies KDP's rules: file count and sizes, a
// cover, the metadata Kindle needs, both tables of contents.
func Check(file string) ([]Finding, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, i18n.Errorf("%s: not an EPUB (zip): %v", file, err)
	}
	defer zr.Close()
	var fs []Finding
	add := func(sev, rule, format string, args ...any) {
		fs = append(fs, Finding{sev, rule, i18n.M(format, args...)})
	}
	if fi.Size() >= MaxBookSize {
		add("error", "book-size", "the EPUB is %d MB; KDP takes less than 650 MB", fi.Size()>>20)
	}
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" {
		add("error", "mimetype", "the first entry must be mimetype")
	}
	opfPath, err := rootfile(byName)
	if err != nil {
		add("error", "container", "%v", err)
		return fs, nil
	}
	opfData, err := readZip(byName[opfPath])
	if err != nil {
		add("error", "opf", "%s: %v", opfPath, err)
		return fs, nil
	}
	var opf struct {
		Metadata struct {
			Title      []string `xml:"title"`
			Creator    []string `xml:"creator"`
			Language   []string `xml:"language"`
			Identifier []string `xml:"identifier"`
			Meta       []struct {
				Name     string `xml:"name,attr"`
				Content  string `xml:"content,attr"`
				Property string `xml:"property,attr"`
				Value    string `xml:",chardata"`
			} `xml:"meta"`
		} `xml:"metadata"`
		Manifest []opfItem `xml:"manifest>item"`
		Spine    struct {
			PPD      string       `xml:"page-progression-direction,attr"`
			Toc      string       `xml:"toc,attr"`
			ItemRefs []opfItemref `xml:"itemref"`
		} `xml:"spine"`
	}
	if err := xml.Unmarshal(opfData, &opf); err != nil {
		add("error", "opf", "%s: %v", opfPath, err)
		return fs, nil
	}
	md := opf.Metadata
	if len(md.Title) == 0 || strings.TrimSpace(md.Title[0]) == "" {
		add("error", "metadata", "no dc:title")
	}
	if len(md.Language) == 0 {
		add("error", "metadata", "no dc:language")
	}
	if len(md.Identifier) == 0 {
		add("error", "metadata", "no dc:identifier")
	}
	// what hanmoto init wrote, left as it was: not a book to publish yet
	if len(md.Title) > 0 && manuscript.IsPlaceholderTitle(md.Title[0]) {
		add("error", "placeholder", "the title is still %q, as hanmoto init wrote it: set title in book.yaml", strings.TrimSpace(md.Title[0]))
	}
	for _, c := range md.Creator {
		if manuscript.IsPlaceholderAuthor(c) {
			add("error", "placeholder", "the author is still %q, as hanmoto init wrote it: set author in book.yaml", strings.TrimSpace(c))
		}
	}
	for _, id := range md.Identifier {
		if manuscript.IsPlaceholderIdentifier(id) {
			add("error", "placeholder", "the identifier %q is an example: use the one hanmoto init wrote (urn:uuid:…)", id)
		}
	}
	meta := map[string]string{}
	for _, m := range md.Meta {
		if m.Name != "" {
			meta[m.Name] = m.Content
		}
		if m.Property != "" {
			meta[m.Property] = strings.TrimSpace(m.Value)
		}
	}
	if meta["dcterms:modified"] == "" {
		add("error", "metadata", "no dcterms:modified")
	}
	vertical := false
	if opf.Spine.PPD == "rtl" {
		if meta["primary-writing-mode"] == "" {
			add("warning", "writing-mode", "pages turn right to left but there is no <meta name=\"primary-writing-mode\">: Kindle shows the book horizontally")
		} else {
			vertical = strings.HasPrefix(meta["primary-writing-mode"], "vertical")
		}
	}
	dir := path.Dir(opfPath)
	fs = append(fs, kindleJapanese(opf.Manifest, opf.Spine.ItemRefs, byName, dir, vertical)...)
	html, cover, nav := 0, false, false
	for _, it := range opf.Manifest {
		name := path.Join(dir, it.Href)
		f := byName[name]
		if f == nil {
			add("error", "manifest", "%s is in the manifest but not in the EPUB", it.Href)
			continue
		}
		if it.MediaType == "application/xhtml+xml" || it.MediaType == "text/html" {
			html++
			if f.UncompressedSize64 >= MaxHTMLSize {
				add("error", "html-size", "%s is %d MB; KDP takes HTML files under 30 MB", it.Href, f.UncompressedSize64>>20)
			} else if body, err := readZip(f); err == nil {
				if err := templates.CheckPage(templates.Policy{Name: it.Href}, body); err != nil {
					add("error", "active-content", "%v: Kindle books run nothing and load nothing from outside the book; rebuild it with hanmoto build", err)
				}
			}
		}
		for _, prop := range strings.Fields(it.Properties) {
			switch prop {
			case "cover-image":
				cover = true
			case "nav":
				nav = true
			}
		}
	}
	if html >= MaxHTMLFiles {
		add("error", "html-count", "%d HTML files; KDP refuses books of %d or more", html, MaxHTMLFiles)
	}
	if !cover {
		add("warning", "cover", "no cover image: Kindle shows a blank cover in the library. Set cover: in book.yaml (a JPEG or PNG, 1600×2560 width×height) and build again")
	}
	if !nav {
		add("error", "nav", "no navigation document (properties=\"nav\")")
	}
	if opf.Spine.Toc == "" {
		add("warning", "ncx", "no toc.ncx: older Kindles show no table of contents")
	}
	return fs, nil
}

func rootfile(byName map[string]*zip.File) (string, error) {
	f := byName["META-INF/container.xml"]
	if f == nil {
		return "", i18n.Errorf("no META-INF/container.xml")
	}
	data, err := readZip(f)
	if err != nil {
		return "", err
	}
	var c struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(data, &c); err != nil || len(c.Rootfiles) == 0 {
		return "", i18n.Errorf("META-INF/container.xml names no package document")
	}
	if byName[c.Rootfiles[0].FullPath] == nil {
		return "", i18n.Errorf("the package document %s is missing", c.Rootfiles[0].FullPath)
	}
	return c.Rootfiles[0].FullPath, nil
}

func readZip(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(rc)
	return b.Bytes(), err
}

// EpubcheckResult is what epubcheck said.
type EpubcheckResult struct {
	Fatals, Errors, Warnings int
	Output                   string
}

// EpubcheckJar is where Debian's epubcheck package puts the jar; the
// environment variable EPUBCHECK_JAR names another.
func EpubcheckJar() (jar, java string, ok bool) {
	jar = os.Getenv("EPUBCHECK_JAR")
	if jar == "" {
		jar = "/usr/share/java/epubcheck.jar"
	}
	if _, err := os.Stat(jar); err != nil {
		return jar, "", false
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return jar, "", false
	}
	return jar, java, true
}

var epubcheckCounts = lazyre.New(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// Epubcheck runs the W3C validator on file. ok is false when Java or the
// jar is missing.
func Epubcheck(file string) (res EpubcheckResult, ok bool, err error) {
	jar, java, ok := EpubcheckJar()
	if !ok {
		return res, false, nil
	}
	// Java opens a file name in the locale's encoding: under C or POSIX a
	// Japanese name is "File not found". epubcheck is given a copy with a
	// plain name, so a title never decides whether the book is checked.
	dir, err := os.MkdirTemp("", "hanmoto-epubcheck-")
	if err != nil {
		return res, true, err
	}
	defer os.RemoveAll(dir)
	plain := filepath.Join(dir, "book.epub")
	if err := copyFile(file, plain); err != nil {
		return res, true, err
	}
	cmd := exec.Command(java, "-jar", jar, plain)
	out, runErr := cmd.CombinedOutput()
	res.Output = strings.ReplaceAll(string(out), plain, file)
	m := epubcheckCounts().FindStringSubmatch(res.Output)
	if m != nil {
		res.Fatals, _ = strconv.Atoi(m[1])
		res.Errors, _ = strconv.Atoi(m[2])
		res.Warnings, _ = strconv.Atoi(m[3])
	}
	// a check that could not run never passes: epubcheck's exit status
	// counts even where its counts say nothing
	if runErr != nil && res.Fatals+res.Errors == 0 {
		return res, true, i18n.Errorf("epubcheck could not check %s (%v): %s", file, runErr, strings.TrimSpace(res.Output))
	}
	return res, true, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// opfItem is a manifest item of an EPUB being checked, as its package
// document says.
type opfItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

// opfItemref is a spine entry of an EPUB being checked.
type opfItemref struct {
	IDRef string `xml:"idref,attr"`
}
