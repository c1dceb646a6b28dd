package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ttfMetrics is what a PDF font dictionary needs from a TrueType file: the characters it maps,
// their advance widths, and the numbers of its font descriptor. Widths are in font units.
type ttfMetrics struct {
	unitsPerEm             int
	xMin, yMin, xMax, yMax int
	ascent, descent        int
	capHeight              int
	italicAngle            int
	underlinePos           int
	underlineThick         int
	fixedPitch             bool
	bold                   bool
	widths                 map[rune]int
}

// parseTTF reads the few tables of a TrueType file that ttfMetrics needs. It trusts the file
// (ours, built by fonts/build.py) only as far as bounds checks go.
func parseTTF(b []byte) (m ttfMetrics, err error) {
	defer func() {
		if r := recover(); r != nil { // an index out of range: a cut or foreign file
			err = fmt.Errorf("truetype: malformed font: %v", r)
		}
	}()
	be := binary.BigEndian
	if be.Uint32(b) != 0x00010000 {
		return m, errors.New("truetype: not a TrueType font")
	}
	tables := map[string][]byte{}
	for i := 0; i < int(be.Uint16(b[4:])); i++ {
		rec := b[12+16*i:]
		off, n := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		tables[string(rec[:4])] = b[off : off+n]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "cmap", "OS/2", "post"} {
		if tables[t] == nil {
			return m, fmt.Errorf("truetype: no %s table", t)
		}
	}
	s16 := func(t []byte, at int) int { return int(int16(be.Uint16(t[at:]))) }
	head, hhea, os2, post := tables["head"], tables["hhea"], tables["OS/2"], tables["post"]
	m.unitsPerEm = int(be.Uint16(head[18:]))
	m.xMin, m.yMin, m.xMax, m.yMax = s16(head, 36), s16(head, 38), s16(head, 40), s16(head, 42)
	m.ascent, m.descent = s16(hhea, 4), s16(hhea, 6)
	m.bold = be.Uint16(os2[4:]) >= 600
	if be.Uint16(os2) >= 2 {
		m.capHeight = s16(os2, 88)
	} else {
		m.capHeight = m.ascent
	}
	m.italicAngle = s16(post, 4) // integer part of the 16.16 fixed value
	m.underlinePos, m.underlineThick = s16(post, 8), s16(post, 10)
	m.fixedPitch = be.Uint32(post[12:]) != 0

	nh := int(be.Uint16(hhea[34:]))
	advance := func(gid int) int {
		if gid >= nh {
			gid = nh - 1
		}
		return int(be.Uint16(tables["hmtx"][4*gid:]))
	}
	glyphs, err := cmap4(tables["cmap"])
	if err != nil {
		return m, err
	}
	m.widths = make(map[rune]int, len(glyphs))
	for r, gid := range glyphs {
		m.widths[r] = advance(gid)
	}
	m.widths[-1] = advance(0) // .notdef, the PDF's MissingWidth
	return m, nil
}

// cmap4 reads the Windows Unicode BMP (3,1) format 4 subtable: character to glyph id.
func cmap4(t []byte) (map[rune]int, error) {
	be := binary.BigEndian
	for i := 0; i < int(be.Uint16(t[2:])); i++ {
		rec := t[4+8*i:]
		if be.Uint16(rec) != 3 || be.Uint16(rec[2:]) != 1 {
			continue
		}
		sub := t[be.Uint32(rec[4:]):]
		if be.Uint16(sub) != 4 {
			continue
		}
		segs := int(be.Uint16(sub[6:])) / 2
		ends, starts := sub[14:], sub[16+2*segs:]
		deltas, ranges := sub[16+4*segs:], sub[16+6*segs:]
		out := map[rune]int{}
		for s := 0; s < segs; s++ {
			end, start := int(be.Uint16(ends[2*s:])), int(be.Uint16(starts[2*s:]))
			delta, ro := int(be.Uint16(deltas[2*s:])), int(be.Uint16(ranges[2*s:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				gid := (c + delta) & 0xFFFF
				if ro != 0 {
					gid = int(be.Uint16(ranges[2*s+ro+2*(c-start):]))
					if gid != 0 {
						gid = (gid + delta) & 0xFFFF
					}
				}
				if gid != 0 {
					out[rune(c)] = gid
				}
			}
		}
		return out, nil
	}
	return nil, errors.New("truetype: no (3,1) format 4 cmap")
}
