package pades

import (
	"testing"
	"time"
)

func TestTextStrings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		hex  bool
	}{
		{"ascii", "Dr A. Uwase", false},
		{"accents", "Dr Émile Nkurunziza", true},
		{"beyond the BMP", "Dr 𝔄 Uwase", true},
		{"control character", "a\tb", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := encodeText(tc.in)
			if s.hex != tc.hex || decodeText(s.b) != tc.in {
				t.Errorf("encodeText(%q) = %x (hex %v), decodes to %q", tc.in, s.b, s.hex, decodeText(s.b))
			}
		})
	}
	if got := decodeText([]byte{'a', 0x80, 0xa0, 0xe9}); got != "a•€é" {
		t.Errorf("PDFDocEncoding decode = %q", got)
	}
}

func TestPDFDates(t *testing.T) {
	kigali := time.FixedZone("", 2*3600)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"D:20260302114500+02'00'", time.Date(2026, 3, 2, 11, 45, 0, 0, kigali), true},
		{"D:20260302114500+0200", time.Date(2026, 3, 2, 11, 45, 0, 0, kigali), true},
		{"D:20260302094500Z", time.Date(2026, 3, 2, 9, 45, 0, 0, time.UTC), true},
		{"D:20260302094500-05'30'", time.Date(2026, 3, 2, 9, 45, 0, 0, time.FixedZone("", -(5*3600+1800))), true},
		{"D:2026", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"20260302", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), true},
		{"D:20261302", time.Time{}, false},
		{"D:2026030211450X", time.Time{}, false},
		{"D:20260302114500+25'00'", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parsePDFDate(tc.in)
			if (err == nil) != tc.ok || (tc.ok && !got.Equal(tc.want)) {
				t.Errorf("parsePDFDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
	for _, tm := range []time.Time{tests[0].want, tests[2].want, tests[3].want} {
		if back, err := parsePDFDate(pdfDate(tm)); err != nil || !back.Equal(tm) {
			t.Errorf("pdfDate(%v) = %q reads back as %v, %v", tm, pdfDate(tm), back, err)
		}
	}
}
