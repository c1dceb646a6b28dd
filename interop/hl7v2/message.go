// Package hl7v2 reads HL7 version 2 messages: bytes in, typed message out. It knows the
// encoding rules every v2 message shares (segments, the separators MSH-1 and MSH-2 declare,
// escape sequences) and, in oru.go, the ORU^R01 observation report a teleradiology centre sends.
package hl7v2

import (
	"bytes"
	"fmt"
	"strings"
)

// Encoding is the set of separators a message declares in MSH-1 and MSH-2.
type Encoding struct {
	Field, Component, Repetition, Escape, Subcomponent byte
}

// Message is one HL7 v2 message: its segments in order and its separators.
type Message struct {
	Enc      Encoding
	Segments []Segment
}

// Segment is one segment: its name and its raw fields (not yet split into components).
// Fields[0] is the name; Fields[n] is field n (for MSH, Fields[1] is MSH-1, the field separator).
type Segment struct {
	Name   string
	Fields []string
}

// ParseError says why a message could not be read, and in which segment.
type ParseError struct {
	Segment string // e.g. "MSH", "OBR"; empty for the message as a whole
	Reason  string
}

func (e *ParseError) Error() string {
	if e.Segment == "" {
		return e.Reason
	}
	return e.Segment + ": " + e.Reason
}

func fail(seg, format string, args ...any) error {
	return &ParseError{Segment: seg, Reason: fmt.Sprintf(format, args...)}
}

// MaxMessage bounds one message; a longer one is refused.
const MaxMessage = 1 << 20

// Split cuts a file or a stream into messages: each begins with an MSH segment. Segments may end
// with CR, LF or CRLF; MLLP framing bytes (VT, FS) are dropped. Lines before the first MSH are
// returned as a message of their own so that nothing is lost (Parse then refuses it).
func Split(data []byte) [][]byte {
	data = bytes.Map(func(r rune) rune {
		if r == 0x0b || r == 0x1c {
			return -1
		}
		return r
	}, data)
	var out [][]byte
	var cur []byte
	for _, line := range segmentLines(data) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if bytes.HasPrefix(line, []byte("MSH")) && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, line...)
		cur = append(cur, '\r')
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// segmentLines splits on CR, LF or CRLF.
func segmentLines(data []byte) [][]byte {
	var out [][]byte
	start := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\r':
			out = append(out, data[start:i])
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			start = i + 1
		case '\n':
			out = append(out, data[start:i])
			start = i + 1
		}
	}
	if start < len(data) {
		out = append(out, data[start:])
	}
	return out
}

// Parse reads one message. It honours the separators of MSH-1 and MSH-2.
func Parse(data []byte) (*Message, error) {
	if len(data) > MaxMessage {
		return nil, fail("", "the message is longer than %d bytes", MaxMessage)
	}
	lines := segmentLines(data)
	for len(lines) > 0 && len(bytes.TrimSpace(lines[0])) == 0 {
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return nil, fail("", "the message is empty")
	}
	msh := string(lines[0])
	if !strings.HasPrefix(msh, "MSH") {
		return nil, fail("", "the message does not begin with an MSH segment")
	}
	if len(msh) < 8 {
		return nil, fail("MSH", "MSH-1 and MSH-2 (the separators) are missing")
	}
	enc := Encoding{Field: msh[3]}
	encChars := msh[4:]
	if i := strings.IndexByte(encChars, enc.Field); i >= 0 {
		encChars = encChars[:i]
	}
	if len(encChars) < 4 {
		return nil, fail("MSH", "MSH-2 has %d encoding characters; 4 are needed (component, repetition, escape, subcomponent)", len(encChars))
	}
	enc.Component, enc.Repetition, enc.Escape, enc.Subcomponent = encChars[0], encChars[1], encChars[2], encChars[3]
	seen := map[byte]bool{}
	for _, c := range []byte{enc.Field, enc.Component, enc.Repetition, enc.Escape, enc.Subcomponent} {
		if seen[c] || c == '\r' || c == '\n' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' {
			return nil, fail("MSH", "the separators in MSH-1 and MSH-2 must be five different punctuation characters")
		}
		seen[c] = true
	}
	m := &Message{Enc: enc}
	for _, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		s := string(line)
		parts := strings.Split(s, string(enc.Field))
		name := parts[0]
		if len(name) != 3 || strings.ToUpper(name) != name {
			return nil, fail("", "segment %d has no three-letter name: %q", len(m.Segments)+1, clip(s, 20))
		}
		if name == "MSH" {
			// MSH-1 is the field separator itself; the split has eaten it.
			parts = append([]string{"MSH", string(enc.Field)}, parts[1:]...)
		}
		m.Segments = append(m.Segments, Segment{Name: name, Fields: parts})
	}
	return m, nil
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// Find returns the first segment of that name.
func (m *Message) Find(name string) (Segment, bool) {
	for _, s := range m.Segments {
		if s.Name == name {
			return s, true
		}
	}
	return Segment{}, false
}

// All returns every segment of that name, in order.
func (m *Message) All(name string) []Segment {
	var out []Segment
	for _, s := range m.Segments {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

// Raw returns field n as written (separators and escapes untouched); "" when absent.
func (s Segment) Raw(n int) string {
	if n < 0 || n >= len(s.Fields) {
		return ""
	}
	return s.Fields[n]
}

// Repetitions returns the repetitions of field n, raw. MSH-2 is never split.
func (m *Message) Repetitions(s Segment, n int) []string {
	raw := s.Raw(n)
	if raw == "" {
		return nil
	}
	if s.Name == "MSH" && n <= 2 {
		return []string{raw}
	}
	return strings.Split(raw, string(m.Enc.Repetition))
}

// Component returns component c (from 1), subcomponent sc (from 1) of the first repetition of
// field n, decoded. Missing parts give "".
func (m *Message) Component(s Segment, n, c, sc int) string {
	reps := m.Repetitions(s, n)
	if len(reps) == 0 {
		return ""
	}
	return m.part(reps[0], c, sc)
}

// part picks component c, subcomponent sc of one field repetition, and decodes it.
func (m *Message) part(rep string, c, sc int) string {
	comps := strings.Split(rep, string(m.Enc.Component))
	if c < 1 || c > len(comps) {
		return ""
	}
	subs := strings.Split(comps[c-1], string(m.Enc.Subcomponent))
	if sc < 1 || sc > len(subs) {
		return ""
	}
	return m.Decode(subs[sc-1])
}

// Text returns a whole field repetition as text: escapes decoded, with its separators kept as
// written (for free-text fields such as OBX-5 of type TX or FT, where ^ is just a character when
// the sender did not escape it).
func (m *Message) Text(rep string) string { return m.Decode(rep) }
