package pades

import (
	"bytes"
	"fmt"
	"strconv"
)

// The PDF object model: just enough of ISO 32000 to read a document's structure and to write the
// handful of dictionaries an incremental signature update needs.

// object is one of: name, str, integer, real, boolean, null, *array, *dict, ref.
type object interface{}

type name string // a PDF name, without the leading slash and with #xx escapes decoded

type str struct {
	b   []byte
	hex bool // written as <..> in the source; kept so the same form is written back
}

type integer int64

type real string // kept as written so that copying a dictionary changes no digits

type boolean bool

type null struct{}

type ref struct {
	num, gen int
}

type array []object

// dict keeps its keys in the order read so that a copied dictionary reads the same to a human.
type dict struct {
	keys []name
	vals map[name]object
}

func newDict() *dict { return &dict{vals: map[name]object{}} }

func (d *dict) get(k name) (object, bool) {
	v, ok := d.vals[k]
	return v, ok
}

func (d *dict) set(k name, v object) {
	if _, ok := d.vals[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.vals[k] = v
}

// clone copies the top level only: values are never mutated in place, only replaced.
func (d *dict) clone() *dict {
	c := &dict{keys: append([]name(nil), d.keys...), vals: make(map[name]object, len(d.vals))}
	for k, v := range d.vals {
		c.vals[k] = v
	}
	return c
}

// write appends the PDF syntax of o to buf.
func write(buf *bytes.Buffer, o object) {
	switch v := o.(type) {
	case name:
		writeName(buf, v)
	case str:
		if v.hex {
			fmt.Fprintf(buf, "<%X>", v.b)
		} else {
			writeLiteral(buf, v.b)
		}
	case integer:
		buf.WriteString(strconv.FormatInt(int64(v), 10))
	case real:
		buf.WriteString(string(v))
	case boolean:
		buf.WriteString(strconv.FormatBool(bool(v)))
	case null, nil:
		buf.WriteString("null")
	case ref:
		fmt.Fprintf(buf, "%d %d R", v.num, v.gen)
	case array:
		buf.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				buf.WriteByte(' ')
			}
			write(buf, e)
		}
		buf.WriteByte(']')
	case *dict:
		buf.WriteString("<<")
		for _, k := range v.keys {
			buf.WriteByte(' ')
			writeName(buf, k)
			buf.WriteByte(' ')
			write(buf, v.vals[k])
		}
		buf.WriteString(" >>")
	default:
		// Unreachable with objects made by this package; written visibly rather than silently.
		fmt.Fprintf(buf, "null %% unsupported %T", o)
	}
}

func writeName(buf *bytes.Buffer, n name) {
	buf.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || c == '#' || isDelimiter(c) {
			fmt.Fprintf(buf, "#%02X", c)
			continue
		}
		buf.WriteByte(c)
	}
}

// writeLiteral writes a (...) string, escaping what the lexer would otherwise misread.
func writeLiteral(buf *bytes.Buffer, b []byte) {
	buf.WriteByte('(')
	for _, c := range b {
		switch c {
		case '(', ')', '\\':
			buf.WriteByte('\\')
			buf.WriteByte(c)
		case '\r':
			buf.WriteString(`\r`)
		case '\n':
			buf.WriteString(`\n`)
		default:
			buf.WriteByte(c)
		}
	}
	buf.WriteByte(')')
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
