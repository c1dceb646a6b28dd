package pades

import (
	"bytes"
	"reflect"
	"testing"
)

func TestParserObjects(t *testing.T) {
	tests := []struct {
		in   string
		want object
	}{
		{"/Type", name("Type")},
		{"/A#20B", name("A B")},
		{"42", integer(42)},
		{"-7", integer(-7)},
		{"3.25", real("3.25")},
		{"-.5", real("-.5")},
		{"12 0 R", ref{num: 12}},
		{"12 0 obj", integer(12)}, // not a reference: the parser stops after 12
		{"true", boolean(true)},
		{"null", null{}},
		{"(a\\(b\\)c)", str{b: []byte("a(b)c")}},
		{"(nested (parens) ok)", str{b: []byte("nested (parens) ok")}},
		{"(\\101\\n\\\\)", str{b: []byte("A\n\\")}},
		{"(line\\\ncontinued)", str{b: []byte("linecontinued")}},
		{"<48 65 6c6C6f>", str{b: []byte("Hello"), hex: true}},
		{"<7>", str{b: []byte{0x70}, hex: true}},
		{"[1 2 0 R /N]", array{integer(1), ref{num: 2}, name("N")}},
		{"% comment\n[]", array{}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p := &parser{data: []byte(tc.in)}
			got, err := p.object(0)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("object(%q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParserRejectsMalformed(t *testing.T) {
	tests := []string{
		"", "(unterminated", "<4142", "<4G>", "[1 2", "<< /A 1", "<< 1 2 >>", ")", "]",
		string(bytes.Repeat([]byte("["), maxDepth+2)),
	}
	for _, in := range tests {
		p := &parser{data: []byte(in)}
		if got, err := p.object(0); err == nil {
			t.Errorf("object(%.20q) = %#v, want an error", in, got)
		}
	}
}

// TestWriteReadsBack checks that what the update writes parses back to the same objects.
func TestWriteReadsBack(t *testing.T) {
	d := newDict()
	d.set("Name", encodeText("Dr (É.) \\ Nkurunziza\r\n"))
	d.set("Odd Key/", name("A B#"))
	d.set("Arr", array{integer(-3), real("0.5"), ref{num: 7, gen: 1}, boolean(false), null{}})
	d.set("Lit", str{b: []byte("a)b(c\\")})
	var buf bytes.Buffer
	write(&buf, d)
	p := &parser{data: buf.Bytes()}
	got, err := p.object(0)
	if err != nil || !reflect.DeepEqual(got, d) {
		t.Errorf("read back %s = %#v, %v", buf.Bytes(), got, err)
	}
}
