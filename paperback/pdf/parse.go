package pdf

import (
	"bytes"
	"fmt"
	"strconv"
)

type parser struct {
	data []byte
	pos  int
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (p *parser) skipComment() {
	for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
		p.pos++
	}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			p.skipComment()
		default:
			return
		}
	}
}

// hasWord reports whether the keyword w starts at the position.
func (p *parser) hasWord(w string) bool {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(w)) {
		return false
	}
	end := p.pos + len(w)
	return end >= len(p.data) || isSpace(p.data[end]) || isDelim(p.data[end])
}

func (p *parser) errorf(what string, a ...any) error {
	return fmt.Errorf("%w: byte %d: %s", ErrUnsupported, p.pos, fmt.Sprintf(what, a...))
}

// objectHeader reads "N G obj".
func (p *parser) objectHeader() (int, error) {
	num, ok := p.integer()
	if !ok {
		return 0, p.errorf("expected an object")
	}
	p.skipSpace()
	if _, ok := p.integer(); !ok {
		return 0, p.errorf("expected a generation number")
	}
	p.skipSpace()
	if !p.hasWord("obj") {
		return 0, p.errorf("expected obj")
	}
	p.pos += 3
	return num, nil
}

func (p *parser) integer() (int, bool) {
	start := p.pos
	for p.pos < len(p.data) && isDigit(p.data[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		return 0, false
	}
	n, err := strconv.Atoi(string(p.data[start:p.pos]))
	return n, err == nil
}

func (p *parser) value() (Value, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end")
	}
	c := p.data[p.pos]
	switch {
	case c == '/':
		p.pos++
		start := p.pos
		for p.pos < len(p.data) && !isSpace(p.data[p.pos]) && !isDelim(p.data[p.pos]) {
			p.pos++
		}
		return Name(p.data[start:p.pos]), nil
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		p.pos += 2
		d := NewDict()
		for {
			p.skipSpace()
			if bytes.HasPrefix(p.data[p.pos:], []byte(">>")) {
				p.pos += 2
				return d, nil
			}
			k, err := p.value()
			if err != nil {
				return nil, err
			}
			name, ok := k.(Name)
			if !ok {
				return nil, p.errorf("a dictionary key that is not a name")
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			d.Set(name, v)
		}
	case c == '<':
		end := bytes.IndexByte(p.data[p.pos:], '>')
		if end < 0 {
			return nil, p.errorf("unterminated hex string")
		}
		s := Raw(p.data[p.pos : p.pos+end+1])
		p.pos += end + 1
		return s, nil
	case c == '(':
		start := p.pos
		depth := 0
		for p.pos < len(p.data) {
			switch p.data[p.pos] {
			case '\\':
				p.pos++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					p.pos++
					return Raw(p.data[start:p.pos]), nil
				}
			}
			p.pos++
		}
		return nil, p.errorf("unterminated string")
	case c == '[':
		p.pos++
		var a Array
		for {
			p.skipSpace()
			if p.pos < len(p.data) && p.data[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case isDigit(c) || c == '-' || c == '+' || c == '.':
		start := p.pos
		// "N G R" is a reference; otherwise a number
		if n, ok := p.integer(); ok {
			save := p.pos
			p.skipSpace()
			if g, ok := p.integer(); ok {
				p.skipSpace()
				if p.hasWord("R") {
					p.pos++
					return Ref{n, g}, nil
				}
			}
			p.pos = save
		}
		p.pos = start + 1
		for p.pos < len(p.data) && (isDigit(p.data[p.pos]) || p.data[p.pos] == '.') {
			p.pos++
		}
		return Raw(p.data[start:p.pos]), nil
	default:
		start := p.pos
		for p.pos < len(p.data) && !isSpace(p.data[p.pos]) && !isDelim(p.data[p.pos]) {
			p.pos++
		}
		w := string(p.data[start:p.pos])
		if w == "true" || w == "false" || w == "null" {
			return Raw(w), nil
		}
		return nil, p.errorf("unexpected %q", w)
	}
}

// stream reads a stream's bytes after its dictionary.
func (p *parser) stream(f *File, v Value) (*Stream, error) {
	d, ok := v.(*Dict)
	if !ok {
		return nil, p.errorf("a stream without a dictionary")
	}
	p.pos += len("stream")
	if p.pos < len(p.data) && p.data[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '\n' {
		p.pos++
	}
	n := -1
	switch l := d.Get("Length").(type) {
	case Raw:
		n, _ = strconv.Atoi(string(l))
	case Ref:
		// an indirect length is written after the stream: find endstream
	}
	if n < 0 || p.pos+n > len(p.data) {
		// the first "endstream" that endobj follows: the bytes of a
		// stream may hold the word
		n = -1
		for from := p.pos; ; {
			i := bytes.Index(p.data[from:], []byte("endstream"))
			if i < 0 {
				return nil, p.errorf("a stream without endstream")
			}
			after := bytes.TrimLeft(p.data[from+i+len("endstream"):], " \r\n\t")
			if bytes.HasPrefix(after, []byte("endobj")) {
				n = from + i - p.pos
				break
			}
			from += i + 1
		}
		for n > 0 && (p.data[p.pos+n-1] == '\n' || p.data[p.pos+n-1] == '\r') {
			n--
		}
	}
	s := &Stream{Dict: d, Data: p.data[p.pos : p.pos+n]}
	p.pos += n
	p.skipSpace()
	if !p.hasWord("endstream") {
		return nil, p.errorf("expected endstream")
	}
	p.pos += len("endstream")
	d.Set("Length", Raw(strconv.Itoa(n)))
	return s, nil
}
