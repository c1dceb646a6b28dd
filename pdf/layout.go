package pdf

import (
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// The building blocks every form is drawn with: section headings, rows of labelled boxes, tick
// lists, tables and paragraphs. Forms say what goes where; this file says how it looks.

const (
	labelPt   = 6.5
	valuePt   = 9
	headingPt = 9.5
	boxH      = 10  // height of a labelled box, mm
	lineH     = 4.2 // height of one line of 9 pt text, mm
)

// field is one labelled box of a row; weight sets its share of the row's width.
type field struct {
	label, value string
	weight       float64
}

func f1(label, value string) field { return field{label, value, 1} }

func fw(label, value string, weight float64) field { return field{label, value, weight} }

// choice is one option of a tick list.
type choice struct {
	text string
	on   bool
}

// column is one table column; weight sets its share of the table's width.
type column struct {
	title  string
	weight float64
}

func (d *doc) grey()  { d.pdf.SetTextColor(90, 90, 90) }
func (d *doc) black() { d.pdf.SetTextColor(0, 0, 0) }

// ensure starts a new page when h millimetres no longer fit above the bottom margin.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > d.pageH-d.bottom {
		d.pdf.AddPage()
	}
}

// section starts a numbered or named part of the form.
func (d *doc) section(title string) {
	d.ensure(8 + boxH)
	d.pdf.Ln(1.5)
	d.pdf.SetX(d.left)
	d.pdf.SetFillColor(225, 228, 232)
	d.setFont("B", headingPt)
	d.black()
	d.cell(d.width, 5.5, title, "", 1, "L", true)
	d.pdf.Ln(1)
}

// row draws labelled boxes side by side across the content width.
func (d *doc) row(fields ...field) {
	d.rowAt(d.left, d.width, fields...)
	d.pdf.SetXY(d.left, d.pdf.GetY()+boxH)
}

// rowAt draws labelled boxes in the band [x, x+w) at the current height, without moving down.
func (d *doc) rowAt(x, w float64, fields ...field) {
	d.ensure(boxH)
	total := 0.0
	for _, f := range fields {
		total += f.weight
	}
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.SetLineWidth(0.2)
	for _, f := range fields {
		cw := w * f.weight / total
		d.pdf.Rect(x, y, cw, boxH, "D")
		d.setFont("", labelPt)
		d.grey()
		d.pdf.SetXY(x+0.5, y+0.6)
		d.cell(cw-1, 2.8, d.fit(f.label, cw-1), "", 0, "L", false)
		d.setFont("", valuePt)
		d.black()
		d.pdf.SetXY(x+0.5, y+4.4)
		d.cell(cw-1, 4.6, d.fit(f.value, cw-1), "", 0, "L", false)
		x += cw
	}
	d.pdf.SetY(y)
}

// textBox draws a full-width labelled box whose text wraps over as many lines as it needs.
func (d *doc) textBox(label, text string) {
	d.setFont("", valuePt)
	lines := d.wrap(text, d.width-1.5)
	if len(lines) == 0 {
		lines = []string{""}
	}
	h := 4.6 + float64(len(lines))*lineH
	d.ensure(h)
	x, y := d.left, d.pdf.GetY()
	d.pdf.SetDrawColor(150, 150, 150)
	d.pdf.Rect(x, y, d.width, h, "D")
	d.setFont("", labelPt)
	d.grey()
	d.pdf.SetXY(x+0.5, y+0.6)
	d.cell(d.width-1, 2.8, label, "", 0, "L", false)
	d.setFont("", valuePt)
	d.black()
	for i, l := range lines {
		d.pdf.SetXY(x+0.5, y+4.2+float64(i)*lineH)
		d.cell(d.width-1, lineH, l, "", 0, "L", false)
	}
	d.pdf.SetXY(d.left, y+h)
}

// fit shortens s with an ellipsis so that it fits in w millimetres at the current font.
func (d *doc) fit(s string, w float64) string {
	if d.textWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.textWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// checks draws a tick list in the given number of columns, ticked options first in reading order.
func (d *doc) checks(cols int, opts ...choice) {
	if cols < 1 {
		cols = 1
	}
	cw := d.width / float64(cols)
	d.setFont("", valuePt)
	d.black()
	for i := 0; i < len(opts); i += cols {
		d.ensure(lineH + 0.6)
		y := d.pdf.GetY()
		for c := 0; c < cols && i+c < len(opts); c++ {
			o := opts[i+c]
			box := "☐ "
			style := ""
			if o.on {
				box, style = "☒ ", "B"
			}
			d.setFont(style, valuePt)
			d.pdf.SetXY(d.left+float64(c)*cw, y)
			d.cell(cw, lineH+0.6, d.fit(box+o.text, cw-1), "", 0, "L", false)
		}
		d.pdf.SetXY(d.left, y+lineH+0.6)
	}
}

// table draws a ruled table whose cells wrap; the header is repeated on each new page.
func (d *doc) table(cols []column, rows [][]string) {
	total := 0.0
	for _, c := range cols {
		total += c.weight
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = d.width * c.weight / total
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	d.ensure(2 * (lineH + 1))
	d.tableRow(widths, header, true)
	for _, r := range rows {
		h := d.rowHeight(widths, r)
		if d.pdf.GetY()+h > d.pageH-d.bottom {
			d.pdf.AddPage()
			d.tableRow(widths, header, true)
		}
		d.tableRow(widths, r, false)
	}
}

func (d *doc) rowHeight(widths []float64, cells []string) float64 {
	d.setFont("", valuePt-1)
	lines := 1
	for i, c := range cells {
		if i < len(widths) {
			if n := len(d.wrap(c, widths[i]-1.5)); n > lines {
				lines = n
			}
		}
	}
	return float64(lines)*(lineH-0.4) + 1
}

func (d *doc) tableRow(widths []float64, cells []string, head bool) {
	h := d.rowHeight(widths, cells)
	style := ""
	if head {
		style = "B"
		d.pdf.SetFillColor(240, 241, 243)
	}
	x, y := d.left, d.pdf.GetY()
	d.pdf.SetDrawColor(150, 150, 150)
	for i, w := range widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		if head {
			d.pdf.Rect(x, y, w, h, "FD")
		} else {
			d.pdf.Rect(x, y, w, h, "D")
		}
		d.setFont(style, valuePt-1)
		d.black()
		for j, line := range d.wrap(text, w-1.5) {
			d.pdf.SetXY(x+0.5, y+0.5+float64(j)*(lineH-0.4))
			d.cell(w-1, lineH-0.4, line, "", 0, "L", false)
		}
		x += w
	}
	d.pdf.SetXY(d.left, y+h)
}

// para draws wrapped text across the content width.
func (d *doc) para(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.setFont("", valuePt)
	d.black()
	// A paragraph is kept on one page: split across a page break, the footer would fall between
	// its lines.
	d.ensure(float64(len(d.wrap(text, d.width))) * lineH)
	d.pdf.SetX(d.left)
	d.multiCell(d.width, lineH, text)
}

// note draws a small grey line of explanation, e.g. why a part is left blank.
func (d *doc) note(text string) {
	d.setFont("", labelPt+0.5)
	d.grey()
	d.ensure(lineH)
	d.pdf.SetX(d.left)
	d.multiCell(d.width, 3.2, text)
	d.black()
}

// signLine draws a signature box for someone who signs on paper (the applicant, a guardian).
func (d *doc) signLine(who string) {
	d.row(fw(who+": signature", "", 3), f1("Date", ""))
}

// rule draws a thin horizontal line at the current height.
func rule(p *gofpdf.Fpdf, x1, x2 float64) {
	y := p.GetY()
	p.SetDrawColor(120, 120, 120)
	p.SetLineWidth(0.3)
	p.Line(x1, y, x2, y)
}
