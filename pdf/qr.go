package pdf

import (
	"fmt"

	"github.com/skip2/go-qrcode"
)

// drawQR draws the QR code of text as filled rectangles, one per run of dark modules in a row.
// Drawing vectors keeps the PDF free of images that would need a name in gofpdf's image table.
func (d *doc) drawQR(text string, x, y, size float64) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("QR code for %q: %w", text, err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	if len(bits) == 0 {
		return fmt.Errorf("QR code for %q is empty", text)
	}
	m := size / float64(len(bits))
	d.pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			d.pdf.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, m, "F")
		}
	}
	return nil
}
