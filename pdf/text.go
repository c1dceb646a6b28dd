package pdf

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrUnsupportedChar is returned when a form would print a character the embedded font lacks:
// a form must fail rather than print an empty box in place of a letter of someone's name.
var ErrUnsupportedChar = errors.New("character not in the embedded font")

// All text goes through this file: it splits a string into runs of one font page each
// (fonts.go), measures it, wraps it, and draws it with gofpdf.

// run is a stretch of text on one font page, as byte codes of that page.
type run struct {
	page  int
	codes string
	w     float64 // mm at the current size
}

// setFont picks the face ("" or "B") and size of the text that follows.
func (d *doc) setFont(style string, pt float64) {
	d.face, d.style, d.pt = regular, "", pt
	if style == "B" {
		d.face, d.style = bold, "B"
	}
}

// clean puts text in the form the font pages are built for: precomposed letters (NFC), tabs as
// spaces, no carriage returns.
func clean(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '\t' || c == '\r' {
			return norm.NFC.String(spaces.Replace(s))
		}
	}
	return s
}

var spaces = strings.NewReplacer("\t", " ", "\r", "")

// runs splits s into runs. A character outside the font is recorded as the document's error
// and left out.
func (d *doc) runs(s string) (out []run, width float64) {
	s = clean(s)
	scale := d.pt / 1000 / d.pdf.GetConversionRatio()
	var b []byte
	cur, w := -1, 0.0
	flush := func() {
		if len(b) > 0 {
			out = append(out, run{cur, string(b), w})
		}
		b, w = b[:0], 0
	}
	for _, r := range s {
		g, ok := d.fonts.glyphs[r]
		if !ok {
			// The character only: the text may be a name or a clinical note, and errors get logged.
			d.fail(fmt.Errorf("%w: %q (U+%04X)", ErrUnsupportedChar, r, r))
			continue
		}
		if g.page != cur {
			flush()
			cur = g.page
		}
		b = append(b, g.code)
		cw := float64(g.width[d.face]) * scale
		w += cw
		width += cw
	}
	flush()
	return out, width
}

// textWidth is the width of s in mm in the current font.
func (d *doc) textWidth(s string) float64 {
	_, w := d.runs(s)
	return w
}

// cell draws s in a box of w×h mm like gofpdf's CellFormat: align is "L", "C" or "R"; border
// "" or "1"; ln 0 moves right, 1 to the next line, 2 below.
func (d *doc) cell(w, h float64, s, border string, ln int, align string, fill bool) {
	p := d.pdf
	runs, tw := d.runs(s)
	if auto, _ := p.GetAutoPageBreak(); auto && p.GetY()+h > d.pageH-d.bottom {
		x := p.GetX()
		p.AddPage()
		p.SetX(x)
	}
	x, y := p.GetXY()
	if fill || border != "" {
		p.CellFormat(w, h, "", border, 0, "", fill, 0, "")
	}
	dx := d.cellMargin
	switch align {
	case "R":
		dx = w - d.cellMargin - tw
	case "C":
		dx = (w - tw) / 2
	}
	for _, r := range runs {
		d.useFont(r.page)
		p.SetXY(x+dx, y)
		p.CellFormat(r.w, h, r.codes, "", 0, "L", false, 0, "")
		dx += r.w
	}
	switch ln {
	case 0:
		p.SetXY(x+w, y)
	case 1:
		p.SetXY(d.left, y+h)
	default:
		p.SetXY(x, y+h)
	}
}

// useFont selects the current face's font page in gofpdf, adding the page to the document the
// first time.
func (d *doc) useFont(page int) {
	fp := d.fonts.pages[d.face][page]
	if bit := uint64(1) << page; d.added[d.face]&bit == 0 {
		d.pdf.AddFontFromBytes(fp.family, d.style, fp.def, fp.file)
		d.added[d.face] |= bit
	}
	d.pdf.SetFont(fp.family, d.style, d.pt)
	if d.forceFont {
		// Back on an earlier page (SetPage), gofpdf believes this font is already set
		// there; SetFontSize writes it into the page whatever gofpdf believes.
		d.pdf.SetFontSize(d.pt)
		d.forceFont = false
	}
}

// wrap breaks s into lines that fit a cell w mm wide (cell margins included), at spaces, or
// inside a word longer than a line; "\n" always breaks. Runs of spaces count as one.
func (d *doc) wrap(s string, w float64) []string {
	w -= 2 * d.cellMargin
	space := d.textWidth(" ")
	var lines []string
	for _, para := range strings.Split(clean(s), "\n") {
		line, lw := "", 0.0
		for _, word := range strings.Fields(para) {
			ww := d.textWidth(word)
			switch {
			case line != "" && lw+space+ww <= w:
				line, lw = line+" "+word, lw+space+ww
				continue
			case line != "":
				lines = append(lines, line)
			}
			for ww > w { // a word longer than the line: cut it where it overflows
				cut, cw := 0, 0.0
				for i, r := range word {
					rw := d.textWidth(string(r))
					if cw+rw > w && i > 0 {
						break
					}
					cut, cw = i+utf8.RuneLen(r), cw+rw
				}
				lines = append(lines, word[:cut])
				word = word[cut:]
				ww = d.textWidth(word)
			}
			line, lw = word, ww
		}
		lines = append(lines, line)
	}
	return lines
}

// multiCell draws s wrapped to w mm, one line every h mm, from the current position, and
// leaves the position at the left margin below it, as gofpdf's MultiCell does.
func (d *doc) multiCell(w, h float64, s string) {
	x := d.pdf.GetX()
	for _, line := range d.wrap(s, w) {
		d.pdf.SetX(x)
		d.cell(w, h, line, "", 2, "L", false)
	}
	d.pdf.SetX(d.left)
}
