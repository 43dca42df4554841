package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// skiaLike writes a PDF laid out as Chromium's Skia writes one: objects
// in a row, a page tree two levels deep, link annotations, named
// destinations, a structure tree pointing at the links, an outline.
func skiaLike() []byte {
	objs := map[int]string{
		1:  "<</Title (x)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261207001251+00'00')>>",
		2:  "<</Type /Page\n/Resources <</Font <</F4 4 0 R /F5 5 0 R>>>>\n/MediaBox [0 0 420 594.95996]\n/Annots [10 0 R]\n/Contents 7 0 R\n/StructParents 0\n/Tabs /S\n/Parent 17 0 R>>",
		3:  "<</Type /Page\n/Contents 8 0 R\n/Parent 13 0 R>>",
		4:  "<</Type /Font /Subtype /Type0 /BaseFont /AAAAAA+IPAexMincho /DescendantFonts [6 0 R]>>",
		5:  "<</Type /Font /Subtype /Type3 /FontBBox [0 0 1 1]>>",
		6:  "<</Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+IPAexMincho /FontDescriptor 9 0 R>>",
		7:  "<</Filter /FlateDecode\n/Length 5>> stream\nabcde\nendstream",
		8:  "<</Length 11 0 R>> stream\nq Q endstream-ish\nendstream",
		9:  "<</Type /FontDescriptor /FontFile2 12 0 R>>",
		10: "<</Type /Annot /Subtype /Link /Rect [1 2 3 4] /Dest /ep0002>>",
		11: "18",
		12: "<</Length 3>> stream\n\x00\x01\x02\nendstream",
		13: "<</Type /Pages /Kids [3 0 R] /Count 1 /Parent 17 0 R /MediaBox [0 0 100 200]>>",
		17: "<</Type /Pages /Count 2 /Kids [2 0 R 13 0 R]>>",
		18: "<</ep0001 [2 0 R /XYZ 1 2 0]\n/ep0002 [3 0 R /XYZ 1 2 0]>>",
		19: "<</Type /Catalog /Pages 17 0 R /Dests 18 0 R /Outlines 20 0 R /StructTreeRoot 21 0 R /Lang (ja)>>",
		20: "<</Type /Outlines /Count 0>>",
		21: "<</Type /StructTreeRoot /K [<</Type /OBJR /Obj 10 0 R>>]>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	for n := 1; n <= 21; n++ {
		if o, ok := objs[n]; ok {
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o)
		}
	}
	b.WriteString("xref\n0 22\n0000000000 65535 f \ntrailer\n<</Size 22 /Root 19 0 R /Info 1 0 R>>\nstartxref\n1234\n%%EOF\n")
	return b.Bytes()
}

func TestReadsWhatChromiumWrites(t *testing.T) {
	f, err := Parse(skiaLike())
	if err != nil {
		t.Fatal(err)
	}
	if pages := f.Pages(); len(pages) != 2 || pages[0].Num != 2 || pages[1].Num != 3 {
		t.Fatalf("pages = %v", pages)
	}
	if d := f.Dests(); d["ep0001"] != 1 || d["ep0002"] != 2 || len(d) != 2 {
		t.Errorf("dests = %v", d)
	}
	fonts := f.Fonts()
	if len(fonts) != 2 || fonts[0] != (Font{"AAAAAA+IPAexMincho", "Type0", true}) || fonts[1].Subtype != "Type3" {
		t.Errorf("fonts = %+v", fonts)
	}
	// the second page inherits its box from its parent
	if mb, _ := f.MediaBox(1); mb != (Box{0, 0, 100, 200}) {
		t.Errorf("inherited media box = %v", mb)
	}
	if s := f.Objects[8].(*Stream); string(s.Data) != "q Q endstream-ish" {
		t.Errorf("indirect-length stream = %q", s.Data)
	}
}

func TestRewriteLeavesWhatAPrinterWants(t *testing.T) {
	f, err := Parse(skiaLike())
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.Rewrite(Finish{
		Boxes: func(i int) Boxes {
			b := Box{0.236, -0.16, 419.764, 595.116}
			return Boxes{Media: b, Trim: b, Bleed: b}
		},
		Info:        map[string]string{"Title": "月夜の郵便局"},
		RightToLeft: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"/Annots", "/Outlines", "/Dests", "/StructTreeRoot", "/StructParents", "Skia", "CreationDate", "/Link"} {
		if bytes.Contains(out, []byte(gone)) {
			t.Errorf("rewritten file still has %s", gone)
		}
	}
	for _, want := range []string{"/MediaBox [0.236 -0.16 419.764 595.116]", "/TrimBox [0.236", "/Direction /R2L", "/Lang (ja)", "<FEFF6708591C306E90F54FBF5C40>", "\x00\x01\x02"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("rewritten file lacks %q", want)
		}
	}
	// it reads back, its cross-reference table pointing at each object
	g, err := Parse(out)
	if err != nil {
		t.Fatalf("rewritten file: %v", err)
	}
	if len(g.Pages()) != 2 || len(g.Fonts()) != 2 {
		t.Errorf("rewritten: %d pages, %d fonts", len(g.Pages()), len(g.Fonts()))
	}
	xref := bytes.Index(out, []byte("\nxref\n")) + 1
	lines := strings.Split(string(out[xref:]), "\n")
	for i, l := range lines[3:] {
		if !strings.HasSuffix(l, " n ") {
			break
		}
		var off int
		fmt.Sscanf(l, "%d", &off)
		if !bytes.HasPrefix(out[off:], []byte(fmt.Sprintf("%d 0 obj", i+1))) {
			t.Errorf("xref entry %d points at %q", i+1, out[off:off+10])
		}
	}
	// the same input gives the same bytes
	again, _ := f.Rewrite(Finish{Boxes: func(int) Boxes {
		b := Box{0.236, -0.16, 419.764, 595.116}
		return Boxes{Media: b, Trim: b, Bleed: b}
	}, Info: map[string]string{"Title": "月夜の郵便局"}, RightToLeft: true})
	if !bytes.Equal(out, again) {
		t.Error("two rewrites differ")
	}
}

func TestRefusesOtherPDFs(t *testing.T) {
	for name, src := range map[string]string{
		"not a PDF":      "PK\x03\x04",
		"xref stream":    "%PDF-1.5\n1 0 obj\n<</Type /XRef /Length 0>> stream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n",
		"broken object":  "%PDF-1.4\n1 0 obj\n<</A [1 2>>\nendobj\n",
		"no endobj":      "%PDF-1.4\n1 0 obj\n<</A 1>>\n2 0 obj\n",
		"unterminated (": "%PDF-1.4\n1 0 obj\n(abc\n",
	} {
		if _, err := Parse([]byte(src)); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
