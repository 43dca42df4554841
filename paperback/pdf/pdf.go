// Package pdf reads the PDFs a browser prints and rewrites them as a
// printer wants them. It is not a general PDF library: it reads files made
// the way Chromium's Skia makes them (objects one after another, no object
// streams, no encryption) and refuses any other with an error saying so.
//
// What it is for: a paperback printed by Chromium needs its page boxes
// exact (Chromium rounds A5 to 420 × 594.96 pt), no link annotations and
// no outline (KDP refuses both), and the printed position of each heading
// (its named destination) to number the table of contents.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// Value is a PDF object: Dict, Array, Name, Ref, *Stream, or Raw for the
// others (numbers, strings, booleans, null), kept as written.
type Value any

// Name is a PDF name, without its slash.
type Name string

// Ref is an indirect reference.
type Ref struct{ Num, Gen int }

// Raw is a number, string, boolean or null as it stood in the file.
type Raw []byte

// Array is a PDF array.
type Array []Value

// Dict is a PDF dictionary, its keys in the file's order (so that a
// rewritten file is the same bytes for the same input).
type Dict struct {
	Keys []Name
	Vals map[Name]Value
}

// Get is the value of key k, nil when absent.
func (d *Dict) Get(k Name) Value {
	if d == nil {
		return nil
	}
	return d.Vals[k]
}

// Set sets key k, keeping its place if present.
func (d *Dict) Set(k Name, v Value) {
	if _, ok := d.Vals[k]; !ok {
		d.Keys = append(d.Keys, k)
	}
	d.Vals[k] = v
}

// Delete removes key k.
func (d *Dict) Delete(k Name) {
	if _, ok := d.Vals[k]; !ok {
		return
	}
	delete(d.Vals, k)
	for i, key := range d.Keys {
		if key == k {
			d.Keys = append(d.Keys[:i], d.Keys[i+1:]...)
			break
		}
	}
}

// NewDict makes an empty dictionary.
func NewDict() *Dict { return &Dict{Vals: map[Name]Value{}} }

// Stream is a stream object: its dictionary and its bytes as stored
// (still compressed).
type Stream struct {
	Dict *Dict
	Data []byte
}

// File is a parsed PDF.
type File struct {
	Objects map[int]Value
	Trailer *Dict
}

// ErrUnsupported is returned for a file this package does not read.
var ErrUnsupported = errors.New("not a PDF as Chromium writes it")

// Parse reads a whole PDF.
func Parse(data []byte) (*File, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: no %%PDF header", ErrUnsupported)
	}
	f := &File{Objects: map[int]Value{}}
	p := &parser{data: data}
	p.pos = bytes.IndexByte(data, '\n') + 1
	for {
		p.skipSpace()
		if p.pos >= len(data) {
			break
		}
		switch {
		case p.hasWord("xref"):
			// the table is rebuilt on writing; skip to the trailer
			i := bytes.Index(data[p.pos:], []byte("trailer"))
			if i < 0 {
				return nil, fmt.Errorf("%w: xref without trailer", ErrUnsupported)
			}
			p.pos += i
		case p.hasWord("trailer"):
			p.pos += len("trailer")
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			d, ok := v.(*Dict)
			if !ok {
				return nil, fmt.Errorf("%w: trailer is not a dictionary", ErrUnsupported)
			}
			f.Trailer = d
		case p.hasWord("startxref"):
			p.pos += len("startxref")
			p.skipSpace()
			for p.pos < len(data) && isDigit(data[p.pos]) {
				p.pos++
			}
		case data[p.pos] == '%':
			p.skipComment()
		default:
			num, err := p.objectHeader()
			if err != nil {
				return nil, err
			}
			v, err := p.value()
			if err != nil {
				return nil, fmt.Errorf("object %d: %w", num, err)
			}
			p.skipSpace()
			if p.hasWord("stream") {
				s, err := p.stream(f, v)
				if err != nil {
					return nil, fmt.Errorf("object %d: %w", num, err)
				}
				v = s
				p.skipSpace()
			}
			if !p.hasWord("endobj") {
				return nil, fmt.Errorf("%w: object %d has no endobj at byte %d", ErrUnsupported, num, p.pos)
			}
			p.pos += len("endobj")
			f.Objects[num] = v
		}
	}
	if f.Trailer == nil {
		return nil, fmt.Errorf("%w: no trailer (an object or cross-reference stream?)", ErrUnsupported)
	}
	return f, nil
}

// Resolve follows a reference.
func (f *File) Resolve(v Value) Value {
	for i := 0; i < 32; i++ {
		r, ok := v.(Ref)
		if !ok {
			return v
		}
		v = f.Objects[r.Num]
	}
	return nil
}

// DictOf resolves v to a dictionary (a stream's dictionary counts), nil
// when it is none.
func (f *File) DictOf(v Value) *Dict {
	switch x := f.Resolve(v).(type) {
	case *Dict:
		return x
	case *Stream:
		return x.Dict
	}
	return nil
}

// Catalog is the document's root dictionary.
func (f *File) Catalog() *Dict { return f.DictOf(f.Trailer.Get("Root")) }

// Pages lists the page objects in order.
func (f *File) Pages() []Ref {
	var out []Ref
	var walk func(v Value, depth int)
	walk = func(v Value, depth int) {
		if depth > 64 {
			return
		}
		d := f.DictOf(v)
		if d == nil {
			return
		}
		if d.Get("Type") == Name("Page") {
			if r, ok := v.(Ref); ok {
				out = append(out, r)
			}
			return
		}
		kids, _ := f.Resolve(d.Get("Kids")).(Array)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	if c := f.Catalog(); c != nil {
		walk(c.Get("Pages"), 0)
	}
	return out
}

// Dests gives each named destination's page, 1-based: where the element
// with that id was printed. Chromium writes one for every target of a
// link inside the document.
func (f *File) Dests() map[string]int {
	pageNo := map[int]int{}
	for i, r := range f.Pages() {
		pageNo[r.Num] = i + 1
	}
	out := map[string]int{}
	add := func(name string, v Value) {
		v = f.Resolve(v)
		if d, ok := v.(*Dict); ok {
			v = f.Resolve(d.Get("D"))
		}
		if a, ok := v.(Array); ok && len(a) > 0 {
			if r, ok := a[0].(Ref); ok && pageNo[r.Num] > 0 {
				out[name] = pageNo[r.Num]
			}
		}
	}
	c := f.Catalog()
	if d := f.DictOf(c.Get("Dests")); d != nil {
		for _, k := range d.Keys {
			add(string(k), d.Vals[k])
		}
	}
	// the other place a PDF may keep them: a name tree
	var tree func(v Value, depth int)
	tree = func(v Value, depth int) {
		d := f.DictOf(v)
		if d == nil || depth > 32 {
			return
		}
		if names, ok := f.Resolve(d.Get("Names")).(Array); ok {
			for i := 0; i+1 < len(names); i += 2 {
				if s, ok := names[i].(Raw); ok {
					add(decodeString(s), names[i+1])
				}
			}
		}
		if kids, ok := f.Resolve(d.Get("Kids")).(Array); ok {
			for _, k := range kids {
				tree(k, depth+1)
			}
		}
	}
	if n := f.DictOf(c.Get("Names")); n != nil {
		tree(n.Get("Dests"), 0)
	}
	return out
}

// Font is a font a page uses.
type Font struct {
	Name     string // BaseFont, with its subset tag
	Subtype  string // Type0, TrueType, Type1, Type3, …
	Embedded bool
}

// Fonts lists every font the pages use, once each, in order of first use.
func (f *File) Fonts() []Font {
	seen := map[Ref]bool{}
	var out []Font
	for _, pg := range f.Pages() {
		res := f.DictOf(f.DictOf(pg).Get("Resources"))
		fonts := f.DictOf(res.Get("Font"))
		if fonts == nil {
			continue
		}
		for _, k := range fonts.Keys {
			r, _ := fonts.Vals[k].(Ref)
			if seen[r] {
				continue
			}
			seen[r] = true
			fd := f.DictOf(fonts.Vals[k])
			font := Font{Subtype: nameOf(fd.Get("Subtype")), Name: nameOf(fd.Get("BaseFont"))}
			desc := fd
			if font.Subtype == "Type0" {
				if kids, ok := f.Resolve(fd.Get("DescendantFonts")).(Array); ok && len(kids) > 0 {
					desc = f.DictOf(kids[0])
				}
			}
			if font.Subtype == "Type3" {
				// its glyphs are drawn in the file: always "embedded",
				// and what a printer refuses
				font.Embedded = true
			} else if fdesc := f.DictOf(desc.Get("FontDescriptor")); fdesc != nil {
				font.Embedded = fdesc.Get("FontFile") != nil || fdesc.Get("FontFile2") != nil || fdesc.Get("FontFile3") != nil
			}
			out = append(out, font)
		}
	}
	return out
}

func nameOf(v Value) string {
	n, _ := v.(Name)
	return string(n)
}

// decodeString reads a literal or hex string's text (bytes as they are).
func decodeString(s Raw) string {
	if len(s) >= 2 && s[0] == '<' {
		var b []byte
		h := bytes.TrimSpace(s[1 : len(s)-1])
		for i := 0; i+1 < len(h); i += 2 {
			n, _ := strconv.ParseUint(string(h[i:i+2]), 16, 8)
			b = append(b, byte(n))
		}
		return string(b)
	}
	if len(s) >= 2 && s[0] == '(' {
		var b []byte
		in := s[1 : len(s)-1]
		for i := 0; i < len(in); i++ {
			c := in[i]
			if c == '\\' && i+1 < len(in) {
				i++
				switch in[i] {
				case 'n':
					c = '\n'
				case 'r':
					c = '\r'
				case 't':
					c = '\t'
				case 'b':
					c = '\b'
				case 'f':
					c = '\f'
				default:
					if isDigit(in[i]) {
						j := i
						for j < len(in) && j < i+3 && in[j] >= '0' && in[j] <= '7' {
							j++
						}
						n, _ := strconv.ParseUint(string(in[i:j]), 8, 8)
						c = byte(n)
						i = j - 1
					} else {
						c = in[i]
					}
				}
			}
			b = append(b, c)
		}
		return string(b)
	}
	return string(s)
}
