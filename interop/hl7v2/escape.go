package hl7v2

import (
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// Decode replaces the escape sequences of a value with what they stand for, using the message's
// own escape character (MSH-2, usually \):
//
//	\F\ field separator   \S\ component separator   \T\ subcomponent separator
//	\R\ repetition separator   \E\ escape character   \.br\ line break   \.sp\ line break
//	\Xhh…\ bytes in hexadecimal   \H\ \N\ highlighting on/off (dropped)
//
// Other formatting commands (\.in\, \.ti\, \.ce\, …) are dropped. A sequence that is not closed,
// or that is unknown, is kept as written, so no text is ever lost.
func (m *Message) Decode(s string) string {
	esc := m.Enc.Escape
	if strings.IndexByte(s, esc) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != esc {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := strings.IndexByte(s[i+1:], esc)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		code := s[i+1 : i+1+j]
		if out, ok := m.escape(code); ok {
			b.WriteString(out)
			i += j + 2
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	out := b.String()
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out
}

// escape gives the text of one escape sequence (without its delimiters), and whether it is known.
func (m *Message) escape(code string) (string, bool) {
	switch code {
	case "F":
		return string(m.Enc.Field), true
	case "S":
		return string(m.Enc.Component), true
	case "T":
		return string(m.Enc.Subcomponent), true
	case "R":
		return string(m.Enc.Repetition), true
	case "E":
		return string(m.Enc.Escape), true
	case "H", "N":
		return "", true
	case ".br", ".sp":
		return "\n", true
	}
	if strings.HasPrefix(code, "X") && len(code) > 1 && len(code)%2 == 1 {
		if raw, err := hex.DecodeString(code[1:]); err == nil {
			return string(raw), true
		}
	}
	if strings.HasPrefix(code, ".in") || strings.HasPrefix(code, ".ti") || code == ".ce" || code == ".fi" || code == ".nf" || strings.HasPrefix(code, ".sk") {
		return "", true
	}
	return "", false
}
