package pdf

import (
	"bytes"
	"compress/zlib"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
	"sync"
)

// The forms print in DejaVu Sans (License: fonts/LICENSE), which covers every Latin script our
// applicants' names use (é, Ñ, ß, Ł, ɛ, ...); the standard PDF fonts do not.
//
// gofpdf's own UTF-8 fonts cost 10 ms or more per document: it parses, subsets and compresses
// the TrueType file again for every document. Instead, fonts/build.py cuts each face into code
// pages of at most 256 characters, and each page is embedded as a plain single-byte TrueType
// font that gofpdf copies into the file as it is. The pages are parsed and compressed once per
// process; text is drawn in runs, one per page (text.go).
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

const (
	regular = iota
	bold
	faces
)

var faceFiles = [faces]string{"DejaVuSans", "DejaVuSans-Bold"}

// glyph says where a character lives: its page, its byte code there, and its advance width
// per face in thousandths of the font size.
type glyph struct {
	page  int
	code  byte
	width [faces]int
}

// fontPage is one page of one face as gofpdf takes it: a font definition and the compressed
// font file.
type fontPage struct {
	family string
	def    []byte // JSON, the format of gofpdf's AddFontFromBytes
	file   []byte // zlib-compressed TrueType file
}

// fontSet is built once per process and only read afterwards, so documents share it freely:
// gofpdf copies the definition and the file into its output and writes into neither.
type fontSet struct {
	glyphs map[rune]glyph
	pages  [faces][]fontPage
}

var loadFonts = sync.OnceValues(buildFontSet)

func buildFontSet() (*fontSet, error) {
	set := &fontSet{glyphs: map[rune]glyph{}}
	for n := 0; ; n++ {
		var ms [faces]ttfMetrics
		var raw [faces][]byte
		for face, name := range faceFiles {
			b, err := fontFiles.ReadFile(fmt.Sprintf("fonts/%s.%d.ttf", name, n))
			if err != nil {
				if n > 0 && face == regular && errors.Is(err, fs.ErrNotExist) {
					return set, nil // past the last page
				}
				return nil, fmt.Errorf("pdf: font page %s.%d: %w", name, n, err)
			}
			if ms[face], err = parseTTF(b); err != nil {
				return nil, fmt.Errorf("pdf: font page %s.%d: %w", name, n, err)
			}
			raw[face] = b
		}
		codes, err := pageCodes(n, ms)
		if err != nil {
			return nil, err
		}
		for r, c := range codes {
			g := glyph{page: n, code: c}
			for face := range ms {
				g.width[face] = thousandths(ms[face].widths[r], ms[face])
			}
			set.glyphs[r] = g
		}
		for face, name := range faceFiles {
			p, err := newFontPage(name, n, raw[face], ms[face], codes)
			if err != nil {
				return nil, err
			}
			set.pages[face] = append(set.pages[face], p)
		}
	}
}

// pageCodes gives every character of page n its byte code. Page 0 keeps ASCII and Latin-1 at
// their own codes and puts its other characters at 0x80-0x9F; later pages use 0x21-0x7E and
// 0x80-0xFF. Both faces must map the same characters.
func pageCodes(n int, ms [faces]ttfMetrics) (map[rune]byte, error) {
	var runes []rune
	for r := range ms[regular].widths {
		if r < 0 {
			continue
		}
		if _, ok := ms[bold].widths[r]; !ok {
			return nil, fmt.Errorf("pdf: font page %d: U+%04X is in the regular face only", n, r)
		}
		runes = append(runes, r)
	}
	if len(runes) != len(ms[bold].widths)-1 {
		return nil, fmt.Errorf("pdf: font page %d: the faces map different characters", n)
	}
	slices.Sort(runes)
	var free []byte
	for c := 0x21; c <= 0xFF; c++ {
		if c != 0x7F && (n > 0 || (c >= 0x80 && c < 0xA0)) {
			free = append(free, byte(c))
		}
	}
	codes := make(map[rune]byte, len(runes))
	for _, r := range runes {
		switch {
		case n == 0 && (r >= 0x20 && r < 0x7F || r >= 0xA0 && r <= 0xFF):
			codes[r] = byte(r)
		case len(free) > 0:
			codes[r], free = free[0], free[1:]
		default:
			return nil, fmt.Errorf("pdf: font page %d has more characters than codes", n)
		}
	}
	return codes, nil
}

// subsetTag is the six capital letters that mark an embedded font as a subset (PDF 32000
// 9.6.4), one per face and page.
func subsetTag(face string, n int) string {
	f := 0
	if strings.HasSuffix(face, "Bold") {
		f = 1
	}
	return fmt.Sprintf("MHAC%c%c", 'A'+f, 'A'+n)
}

func thousandths(units int, m ttfMetrics) int {
	return int(math.Round(float64(units) * 1000 / float64(m.unitsPerEm)))
}

// newFontPage writes the font definition gofpdf's AddFontFromBytes reads (see gofpdf's
// fontDefType). Codes other than ASCII get a /Differences entry naming their character
// (uniXXXX), which is how viewers find the glyph and how text extraction gets the character.
func newFontPage(name string, n int, ttf []byte, m ttfMetrics, codes map[rune]byte) (fontPage, error) {
	var cw [256]int
	missing := thousandths(m.widths[-1], m)
	for i := range cw {
		cw[i] = missing
	}
	byCode := map[byte]rune{}
	for r, c := range codes {
		cw[c] = thousandths(m.widths[r], m)
		byCode[c] = r
	}
	var diff strings.Builder
	next := -1
	for c := 0; c < 256; c++ {
		r, ok := byCode[byte(c)]
		if !ok || (r == rune(c) && r < 0x7F) {
			continue
		}
		if c != next {
			fmt.Fprintf(&diff, "%d ", c)
		}
		fmt.Fprintf(&diff, "/uni%04X ", r)
		next = c + 1
	}
	flags := 1 << 5 // nonsymbolic: codes reach glyphs through the names above
	if m.fixedPitch {
		flags |= 1
	}
	stemV := 70
	if m.bold {
		stemV = 120
	}
	k := func(v int) int { return thousandths(v, m) }
	type bbox struct{ Xmin, Ymin, Xmax, Ymax int }
	type desc struct {
		Ascent, Descent, CapHeight, Flags int
		FontBBox                          bbox
		ItalicAngle, StemV, MissingWidth  int
	}
	def, err := json.Marshal(struct {
		Tp, Name     string
		Desc         desc
		Up, Ut       int
		Cw           []int
		Diff, File   string
		OriginalSize int
	}{
		Tp: "TrueType", Name: subsetTag(name, n) + "+" + strings.ReplaceAll(name, "-", ""),
		Desc: desc{k(m.ascent), k(m.descent), k(m.capHeight), flags,
			bbox{k(m.xMin), k(m.yMin), k(m.xMax), k(m.yMax)}, m.italicAngle, stemV, missing},
		Up: k(m.underlinePos), Ut: k(m.underlineThick), Cw: cw[:],
		Diff:         strings.TrimSpace(diff.String()),
		File:         fmt.Sprintf("%s.%d.z", name, n), // gofpdf embeds a file whose name ends in .z as is
		OriginalSize: len(ttf),
	})
	if err != nil {
		return fontPage{}, err
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(ttf)
	if err := w.Close(); err != nil {
		return fontPage{}, err
	}
	return fontPage{family: fmt.Sprintf("dejavu%d", n), def: def, file: z.Bytes()}, nil
}
