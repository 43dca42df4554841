package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// Box is a page box in points: lower-left and upper-right corners.
type Box struct{ LLX, LLY, URX, URY float64 }

// Width is the box's width.
func (b Box) Width() float64 { return b.URX - b.LLX }

// Height is the box's height.
func (b Box) Height() float64 { return b.URY - b.LLY }

func (b Box) array() Array {
	return Array{num(b.LLX), num(b.LLY), num(b.URX), num(b.URY)}
}

func num(f float64) Raw {
	s := strconv.FormatFloat(f, 'f', 3, 64)
	s = trimZeros(s)
	return Raw(s)
}

func trimZeros(s string) string {
	if !bytes.ContainsRune([]byte(s), '.') {
		return s
	}
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// MediaBox is page i's (0-based) media box as the file has it.
func (f *File) MediaBox(i int) (Box, error) {
	pages := f.Pages()
	if i < 0 || i >= len(pages) {
		return Box{}, fmt.Errorf("no page %d", i+1)
	}
	// a page inherits its box from the tree above it
	d := f.DictOf(pages[i])
	for depth := 0; d != nil && depth < 64; depth++ {
		if a, ok := f.Resolve(d.Get("MediaBox")).(Array); ok && len(a) == 4 {
			var v [4]float64
			for j, x := range a {
				r, _ := f.Resolve(x).(Raw)
				v[j], _ = strconv.ParseFloat(string(r), 64)
			}
			return Box{v[0], v[1], v[2], v[3]}, nil
		}
		d = f.DictOf(d.Get("Parent"))
	}
	return Box{}, fmt.Errorf("page %d has no media box", i+1)
}

// Boxes are what a printer reads of a page: the sheet (media), where it is
// cut (trim) and how far the art runs past the cut (bleed).
type Boxes struct{ Media, Trim, Bleed Box }

// Finish says how Rewrite makes a printer's file.
type Finish struct {
	// Boxes gives page i's (0-based) boxes, in the coordinates of the
	// page as printed.
	Boxes func(i int) Boxes
	// Info is the document information (Title, Author, …); Chromium's
	// (with its print date) is dropped, so the file depends on its
	// input alone.
	Info map[string]string
	// RightToLeft makes viewers turn its pages right to left, as a
	// right-bound book turns.
	RightToLeft bool
}

// Rewrite writes the file again as a printer wants it: each page with
// the boxes opt gives, and nothing a print file must not have — no link
// annotations, no outline, no named destinations, no structure tree (it
// points at the links), no browser's metadata. Objects are numbered
// afresh in the order they are reached, so the same input gives the same
// bytes.
func (f *File) Rewrite(opt Finish) ([]byte, error) {
	cat := f.Catalog()
	if cat == nil {
		return nil, fmt.Errorf("%w: no catalog", ErrUnsupported)
	}
	pages := f.Pages()
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrUnsupported)
	}
	// the pages, changed in copies: the parsed file stays as read
	changed := map[int]Value{}
	for i, r := range pages {
		d := f.DictOf(r)
		nd := NewDict()
		for _, k := range d.Keys {
			switch k {
			case "Annots", "StructParents", "Tabs", "MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox":
				continue
			}
			nd.Set(k, d.Vals[k])
		}
		if opt.Boxes != nil {
			b := opt.Boxes(i)
			nd.Set("MediaBox", b.Media.array())
			nd.Set("BleedBox", b.Bleed.array())
			nd.Set("TrimBox", b.Trim.array())
		} else if mb, err := f.MediaBox(i); err == nil {
			nd.Set("MediaBox", mb.array())
		}
		changed[r.Num] = nd
	}
	root := NewDict()
	root.Set("Type", Name("Catalog"))
	root.Set("Pages", cat.Get("Pages"))
	if l := cat.Get("Lang"); l != nil {
		root.Set("Lang", l)
	}
	if opt.RightToLeft {
		vp := NewDict()
		vp.Set("Direction", Name("R2L"))
		root.Set("ViewerPreferences", vp)
	}
	info := NewDict()
	keys := make([]string, 0, len(opt.Info))
	for k := range opt.Info {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		info.Set(Name(k), Raw(textString(opt.Info[k])))
	}

	w := &writer{f: f, changed: changed, newNum: map[int]int{}}
	w.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	rootNum := w.add(root)
	infoNum := w.add(info)
	for len(w.queue) > 0 {
		n := w.queue[0]
		w.queue = w.queue[1:]
		w.emit(n)
	}
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets)+1, rootNum, infoNum, xref)
	return w.buf.Bytes(), nil
}

// textString is a PDF text string: UTF-16BE with its byte order mark,
// as hex, so that any title survives.
func textString(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

type writer struct {
	f       *File
	changed map[int]Value
	buf     bytes.Buffer
	offsets []int
	newNum  map[int]int // old object number → new
	queue   []int       // old numbers waiting to be written
}

// add gives a new object (not from the file) a number and writes it.
func (w *writer) add(v Value) int {
	w.offsets = append(w.offsets, 0)
	n := len(w.offsets)
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n", n)
	w.value(v)
	w.buf.WriteString("\nendobj\n")
	return n
}

// ref numbers an object of the file the first time it is reached.
func (w *writer) ref(old int) int {
	if n, ok := w.newNum[old]; ok {
		return n
	}
	w.offsets = append(w.offsets, -1)
	n := len(w.offsets)
	w.newNum[old] = n
	w.queue = append(w.queue, old)
	return n
}

func (w *writer) emit(old int) {
	n := w.newNum[old]
	v, ok := w.changed[old]
	if !ok {
		v = w.f.Objects[old]
	}
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n", n)
	if v == nil {
		w.buf.WriteString("null")
	} else {
		w.value(v)
	}
	w.buf.WriteString("\nendobj\n")
}

func (w *writer) value(v Value) {
	switch x := v.(type) {
	case Name:
		w.buf.WriteString("/" + string(x))
	case Raw:
		w.buf.Write(x)
	case Ref:
		if _, ok := w.f.Objects[x.Num]; !ok {
			w.buf.WriteString("null")
			return
		}
		fmt.Fprintf(&w.buf, "%d 0 R", w.ref(x.Num))
	case Array:
		w.buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.buf.WriteByte(' ')
			}
			w.value(e)
		}
		w.buf.WriteByte(']')
	case *Dict:
		w.buf.WriteString("<<")
		for i, k := range x.Keys {
			if i > 0 {
				w.buf.WriteByte('\n')
			}
			w.buf.WriteString("/" + string(k) + " ")
			w.value(x.Vals[k])
		}
		w.buf.WriteString(">>")
	case *Stream:
		w.value(x.Dict)
		w.buf.WriteString(" stream\n")
		w.buf.Write(x.Data)
		w.buf.WriteString("\nendstream")
	default:
		w.buf.WriteString("null")
	}
}
