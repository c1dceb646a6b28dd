package pades

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// maxDepth bounds nesting so a hostile file cannot exhaust the stack.
const maxDepth = 64

// parser reads PDF objects from data starting at pos. It never reads streams' contents: the
// signature code needs dictionaries only.
type parser struct {
	data []byte
	pos  int
}

func (p *parser) errorf(format string, a ...any) error {
	return fmt.Errorf("at byte %d: %s", p.pos, fmt.Sprintf(format, a...))
}

// skipSpace skips white space and comments.
func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isWhite(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword reads a run of regular characters (a number, true, obj, R, ...).
func (p *parser) keyword() string {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.data) && !isWhite(p.data[p.pos]) && !isDelimiter(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// expect reads a keyword and fails unless it is want.
func (p *parser) expect(want string) error {
	if got := p.keyword(); got != want {
		return p.errorf("expected %q, found %q", want, got)
	}
	return nil
}

// uint reads a non-negative integer keyword.
func (p *parser) uint() (int, error) {
	k := p.keyword()
	n, err := strconv.Atoi(k)
	if err != nil || n < 0 || k[0] == '+' || k[0] == '-' {
		return 0, p.errorf("expected a non-negative integer, found %q", k)
	}
	return n, nil
}

func (p *parser) object(depth int) (object, error) {
	if depth > maxDepth {
		return nil, p.errorf("objects nested too deeply")
	}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of file")
	}
	switch c := p.data[p.pos]; {
	case c == '/':
		return p.name()
	case c == '(':
		return p.literal()
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		return p.dict(depth)
	case c == '<':
		return p.hexString()
	case c == '[':
		return p.array(depth)
	case c == ')' || c == '>' || c == ']' || c == '{' || c == '}':
		return nil, p.errorf("unexpected %q", c)
	}
	start := p.pos
	k := p.keyword()
	switch k {
	case "true":
		return boolean(true), nil
	case "false":
		return boolean(false), nil
	case "null":
		return null{}, nil
	case "":
		return nil, p.errorf("unexpected %q", p.data[p.pos])
	}
	return p.number(start, k)
}

// number reads an integer or real; an integer followed by "gen R" is a reference.
func (p *parser) number(start int, k string) (object, error) {
	n, err := strconv.ParseInt(k, 10, 64)
	if err != nil {
		if _, ferr := strconv.ParseFloat(k, 64); ferr != nil {
			p.pos = start
			return nil, p.errorf("unexpected token %q", k)
		}
		return real(k), nil
	}
	after := p.pos
	if n >= 0 && k[0] != '+' {
		if gen, err := p.uint(); err == nil && p.keyword() == "R" {
			return ref{num: int(n), gen: gen}, nil
		}
	}
	p.pos = after
	return integer(n), nil
}

func (p *parser) name() (object, error) {
	p.pos++ // '/'
	var b []byte
	for p.pos < len(p.data) && !isWhite(p.data[p.pos]) && !isDelimiter(p.data[p.pos]) {
		c := p.data[p.pos]
		if c == '#' && p.pos+2 < len(p.data) {
			if v, err := strconv.ParseUint(string(p.data[p.pos+1:p.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				p.pos += 3
				continue
			}
		}
		b = append(b, c)
		p.pos++
	}
	return name(b), nil
}

func (p *parser) literal() (object, error) {
	p.pos++ // '('
	var b []byte
	for depth := 1; ; {
		if p.pos >= len(p.data) {
			return nil, p.errorf("unterminated string")
		}
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return str{b: b}, nil
			}
		case '\\':
			b = p.escape(b)
			continue
		case '\r':
			// An end of line inside a string reads as a single \n, whatever its bytes.
			if p.pos < len(p.data) && p.data[p.pos] == '\n' {
				p.pos++
			}
			c = '\n'
		}
		b = append(b, c)
	}
}

// escape decodes the escape sequence after a backslash in a literal string.
func (p *parser) escape(b []byte) []byte {
	if p.pos >= len(p.data) {
		return b
	}
	c := p.data[p.pos]
	p.pos++
	switch c {
	case 'n':
		return append(b, '\n')
	case 'r':
		return append(b, '\r')
	case 't':
		return append(b, '\t')
	case 'b':
		return append(b, '\b')
	case 'f':
		return append(b, '\f')
	case '\r':
		if p.pos < len(p.data) && p.data[p.pos] == '\n' {
			p.pos++
		}
		return b
	case '\n':
		return b
	}
	if c >= '0' && c <= '7' {
		v := int(c - '0')
		for i := 0; i < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; i++ {
			v = v*8 + int(p.data[p.pos]-'0')
			p.pos++
		}
		return append(b, byte(v))
	}
	return append(b, c)
}

func (p *parser) hexString() (object, error) {
	p.pos++ // '<'
	end := bytes.IndexByte(p.data[p.pos:], '>')
	if end < 0 {
		return nil, p.errorf("unterminated hex string")
	}
	var b []byte
	var hi byte
	odd := false
	for _, c := range p.data[p.pos : p.pos+end] {
		if isWhite(c) {
			continue
		}
		v, ok := hexValue(c)
		if !ok {
			return nil, p.errorf("bad character %q in hex string", c)
		}
		if odd {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		odd = !odd
	}
	if odd {
		b = append(b, hi<<4) // a missing final digit reads as 0
	}
	p.pos += end + 1
	return str{b: b, hex: true}, nil
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (p *parser) array(depth int) (object, error) {
	p.pos++ // '['
	a := array{}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unterminated array")
		}
		if p.data[p.pos] == ']' {
			p.pos++
			return a, nil
		}
		o, err := p.object(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, o)
	}
}

func (p *parser) dict(depth int) (object, error) {
	p.pos += 2 // "<<"
	d := newDict()
	for {
		p.skipSpace()
		if p.pos+1 < len(p.data) && p.data[p.pos] == '>' && p.data[p.pos+1] == '>' {
			p.pos += 2
			return d, nil
		}
		if p.pos >= len(p.data) || p.data[p.pos] != '/' {
			return nil, p.errorf("expected a name as dictionary key")
		}
		k, _ := p.name()
		v, err := p.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d.set(k.(name), v)
	}
}

// indirect reads "num gen obj <object>" at p.pos and checks the object number is the one wanted.
func (p *parser) indirect(want ref) (object, error) {
	num, err := p.uint()
	if err != nil {
		return nil, err
	}
	gen, err := p.uint()
	if err != nil {
		return nil, err
	}
	if err := p.expect("obj"); err != nil {
		return nil, err
	}
	if num != want.num || gen != want.gen {
		return nil, p.errorf("found object %d %d where the xref table puts %d %d", num, gen, want.num, want.gen)
	}
	return p.object(0)
}

var errNotDict = errors.New("not a dictionary")
