package pdf

import (
	"bytes"
	"fmt"
	"time"

	"github.com/boombuler/barcode/code128"
	"github.com/jung-kurt/gofpdf"

	"github.com/mhac-clinic/mhac/clinic"
)

// Specimen labels are printed one per page on a 50 × 25 mm label printer: the accession number
// as Code 128 and as text, the person's initials and birth date, the specimen type and the
// collection time (in the site's zone, as the label's CollectedAt carries it).
const (
	labelW, labelH = 50.0, 25.0
	labelMargin    = 3.0 // also the barcode's quiet zone (more than ten modules)
)

// SpecimenLabels draws the labels of specimens, one page each.
func SpecimenLabels(labels []clinic.SpecimenLabel) ([]byte, error) {
	if len(labels) == 0 {
		return nil, fmt.Errorf("pdf: no label to print")
	}
	p := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: labelW, Ht: labelH}})
	at := labels[0].CollectedAt.UTC()
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetCatalogSort(true)
	p.SetTitle("Specimen labels", true)
	p.SetCreator("MHAC clinic system", true)
	p.SetProducer("MHAC pdf (gofpdf)", true)
	p.SetMargins(0, 0, 0)
	p.SetAutoPageBreak(false, 0)
	tr := p.UnicodeTranslatorFromDescriptor("") // cp1252: the Latin letters of names
	for _, l := range labels {
		p.AddPage()
		if err := drawCode128(p, l.Accession, labelMargin, 5.2, labelW-2*labelMargin, 9); err != nil {
			return nil, err
		}
		p.SetFont("Helvetica", "B", 8)
		p.SetXY(labelMargin, 1.2)
		p.CellFormat(labelW-2*labelMargin, 3.6, l.Accession, "", 0, "C", false, 0, "")
		p.SetFont("Helvetica", "B", 7)
		p.SetXY(labelMargin, 15)
		born := l.BirthDate.Format(time.DateOnly)
		if l.BirthDateEstimated {
			born += " (est.)"
		}
		p.CellFormat(labelW-2*labelMargin, 3.4, tr(l.Initials)+"   DOB "+born, "", 0, "L", false, 0, "")
		p.SetFont("Helvetica", "", 7)
		p.SetXY(labelMargin, 18.6)
		kind := l.Type
		if l.Type == "sputum" {
			kind = fmt.Sprintf("sputum %d/3", l.Seq)
		}
		p.CellFormat(labelW-2*labelMargin, 3.4, kind+"   "+l.CollectedAt.Format("2006-01-02 15:04"), "", 0, "L", false, 0, "")
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: labels: %w", err)
	}
	return buf.Bytes(), nil
}

// drawCode128 draws a Code 128 symbol as filled bars (vectors: sharp at any printer resolution).
func drawCode128(p *gofpdf.Fpdf, text string, x, y, w, h float64) error {
	bc, err := code128.Encode(text)
	if err != nil {
		return fmt.Errorf("pdf: Code 128 of %q: %w", text, err)
	}
	n := bc.Bounds().Dx()
	m := w / float64(n)
	p.SetFillColor(0, 0, 0)
	dark := func(i int) bool {
		r, _, _, _ := bc.At(i, 0).RGBA()
		return r == 0
	}
	for i := 0; i < n; {
		if !dark(i) {
			i++
			continue
		}
		start := i
		for i < n && dark(i) {
			i++
		}
		p.Rect(x+float64(start)*m, y, float64(i-start)*m, h, "F")
	}
	return nil
}
