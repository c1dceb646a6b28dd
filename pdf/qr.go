package pdf

import (
	"fmt"

	"github.com/skip2/go-qrcode"
)

// drawQR draws the QR code of the verification URL as filled rectangles, one per run of dark
// modules in a row. Drawing vectors keeps the PDF free of images that would need a name in
// gofpdf's image table. The code is computed once per document (about 1 ms), drawn on each page.
func (d *doc) drawQR(x, y, size float64) error {
	if d.qr == nil {
		q, err := qrcode.New(d.url, qrcode.Medium)
		if err != nil {
			return fmt.Errorf("QR code for %q: %w", d.url, err)
		}
		q.DisableBorder = true
		if d.qr = q.Bitmap(); len(d.qr) == 0 {
			return fmt.Errorf("QR code for %q is empty", d.url)
		}
	}
	bits := d.qr
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
