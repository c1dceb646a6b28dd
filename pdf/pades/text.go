package pades

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// PDF text strings (ISO 32000-1 7.9.2): a physician's name may be "Dr É. Nkurunziza", so anything
// beyond printable ASCII is written as UTF-16BE with a byte order mark.

func encodeText(s string) str {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return str{b: []byte(s)}
	}
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(strings.ToValidUTF8(s, "\uFFFD"))) {
		b = append(b, byte(u>>8), byte(u))
	}
	return str{b: b, hex: true}
}

func decodeText(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf && utf8.Valid(b[3:]):
		return string(b[3:]) // PDF 2.0 allows UTF-8 with a BOM
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(pdfDocRune(c))
	}
	return sb.String()
}

// pdfDocHigh maps PDFDocEncoding 0x80..0xA0, where it differs from Latin-1.
var pdfDocHigh = [...]rune{
	0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
	0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
	0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
	0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD,
	0x20AC,
}

// pdfDocLow maps PDFDocEncoding 0x18..0x1F (spacing accents).
var pdfDocLow = [...]rune{0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC}

func pdfDocRune(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1f:
		return pdfDocLow[c-0x18]
	case c >= 0x80 && c <= 0xa0:
		return pdfDocHigh[c-0x80]
	case c == 0xad:
		return 0xFFFD
	}
	return rune(c)
}

// pdfDate formats t as a PDF date, keeping its zone so a reader sees clinic-local time.
func pdfDate(t time.Time) string {
	s := t.Format("D:20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "Z"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off%3600/60)
}

// parsePDFDate reads D:YYYY[MM[DD[HH[mm[SS]]]]][Z|+HH'mm'|-HH'mm']; missing parts take their
// smallest value and a missing zone means UTC.
func parsePDFDate(s string) (time.Time, error) {
	bad := fmt.Errorf("not a PDF date: %q", s)
	s = strings.TrimPrefix(s, "D:")
	fields := []int{0, 1, 1, 0, 0, 0}
	widths := []int{4, 2, 2, 2, 2, 2}
	for i, w := range widths {
		if len(s) < w || s[0] < '0' || s[0] > '9' {
			if i == 0 {
				return time.Time{}, bad
			}
			break
		}
		n, err := strconv.Atoi(s[:w])
		if err != nil {
			return time.Time{}, bad
		}
		fields[i], s = n, s[w:]
	}
	loc := time.UTC
	if s != "" && s[0] != 'Z' {
		if s[0] != '+' && s[0] != '-' {
			return time.Time{}, bad
		}
		digits := strings.NewReplacer("'", "").Replace(s[1:])
		if len(digits) != 2 && len(digits) != 4 {
			return time.Time{}, bad
		}
		h, err1 := strconv.Atoi(digits[:2])
		m := 0
		var err2 error
		if len(digits) == 4 {
			m, err2 = strconv.Atoi(digits[2:])
		}
		if err1 != nil || err2 != nil || h > 23 || m > 59 {
			return time.Time{}, bad
		}
		off := h*3600 + m*60
		if s[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	t := time.Date(fields[0], time.Month(fields[1]), fields[2], fields[3], fields[4], fields[5], 0, loc)
	if t.Month() != time.Month(fields[1]) || t.Day() != fields[2] || t.Hour() != fields[3] {
		return time.Time{}, bad
	}
	return t, nil
}
