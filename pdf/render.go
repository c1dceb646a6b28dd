// Package pdf draws the receiving countries' medical forms from a signed assessment's frozen
// snapshot. Render is pure: the same snapshot, form and URL always give the same bytes.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // site time zones print the same on every host

	"github.com/jung-kurt/gofpdf"
	"github.com/mhac-clinic/mhac/clinic"
)

// ErrUnknownForm is returned for a form id that has no drawer.
var ErrUnknownForm = errors.New("unknown form type")

// ErrMissingData is returned when a snapshot lacks what a particular form prints, such as a
// PEC form for a snapshot with no pre-embarkation check.
var ErrMissingData = errors.New("snapshot lacks data the form needs")

// Render draws one form of the snapshot as a PDF whose QR code points at verifyURL. DS forms are
// US Letter, every other form A4. The snapshot must pass clinic.FormSnapshot.Validate.
func Render(snap clinic.FormSnapshot, form string, verifyURL string) (out []byte, err error) {
	spec, ok := registry[form]
	if !ok {
		return nil, fmt.Errorf("%w %q; known: %s", ErrUnknownForm, form, strings.Join(FormTypes(), ", "))
	}
	if err := snap.Validate(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(verifyURL) == "" {
		return nil, errors.New("pdf: verifyURL is empty; every form carries a verification QR code")
	}
	loc := time.UTC
	if snap.Site.Timezone != "" {
		if loc, err = time.LoadLocation(snap.Site.Timezone); err != nil {
			return nil, fmt.Errorf("pdf: site time zone %q: %w", snap.Site.Timezone, err)
		}
	}
	// gofpdf panics on a few malformed inputs (e.g. some broken images); a worker must get an
	// error instead of dying.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf: drawing %s failed: %v", form, r)
		}
	}()
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	d := newDoc(snap, spec, verifyURL, loc, fonts)
	if err := spec.draw(d); err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", form, err)
	}
	return d.finish()
}

// doc is one document being drawn: the gofpdf state plus what every part of a form needs.
type doc struct {
	pdf   *gofpdf.Fpdf
	snap  clinic.FormSnapshot
	spec  formSpec
	url   string
	dates dateStyle
	loc   *time.Location
	err   error // first drawing error outside gofpdf (QR, photo, a character without a glyph)
	qr    [][]bool

	// Text state (text.go): the font set, the current face, style and size, the font pages
	// added to this document per face, and whether gofpdf must be made to write the font again.
	fonts      *fontSet
	face       int
	style      string
	pt         float64
	added      [faces]uint64
	forceFont  bool
	cellMargin float64

	left, right, top, bottom, width, pageW, pageH float64
}

func newDoc(snap clinic.FormSnapshot, spec formSpec, url string, loc *time.Location, fonts *fontSet) *doc {
	size := "A4"
	if spec.letter {
		size = "Letter"
	}
	p := gofpdf.New("P", "mm", size, "")
	d := &doc{pdf: p, snap: snap, spec: spec, url: url, dates: spec.dates, loc: loc, fonts: fonts,
		left: 12, right: 12, top: 10, bottom: 16}
	d.pageW, d.pageH = p.GetPageSize()
	d.width = d.pageW - d.left - d.right
	// Fixed dates, sorted resource catalogs and no compression dictionary state make the
	// output a function of the input alone.
	signed := snap.SignedAt.UTC()
	p.SetCreationDate(signed)
	p.SetModificationDate(signed)
	p.SetCatalogSort(true)
	p.SetTitle(spec.id+" "+spec.title, true)
	p.SetAuthor(snap.Organisation, true)
	p.SetCreator("MHAC clinic system", true)
	p.SetProducer("MHAC pdf (gofpdf)", true)
	p.SetMargins(d.left, d.top, d.right)
	p.SetAutoPageBreak(true, d.bottom)
	// cell places text itself, so gofpdf's own inset goes to zero and cell keeps its value.
	d.cellMargin = p.GetCellMargin()
	p.SetCellMargin(0)
	p.SetHeaderFunc(d.header)
	p.AddPage()
	return d
}

// finish writes the page footers, now that the page count is known, and the file.
func (d *doc) finish() ([]byte, error) {
	if d.err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", d.spec.id, d.err)
	}
	n := d.pdf.PageCount()
	d.pdf.SetAutoPageBreak(false, 0)
	for p := 1; p <= n; p++ {
		d.pdf.SetPage(p)
		d.forceFont = true
		d.footer(p, n)
	}
	if d.err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", d.spec.id, d.err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: write %s: %w", d.spec.id, err)
	}
	return buf.Bytes(), nil
}

func (d *doc) fail(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

// header runs at the top of every page: who issued the form, which form it is, and the QR code.
func (d *doc) header() {
	s, p := d.snap, d.pdf
	// A page break can come in the middle of a cell or a table; the text after it must keep
	// its font, as gofpdf keeps its own around the header.
	face, style, pt := d.face, d.style, d.pt
	defer func() { d.face, d.style, d.pt = face, style, pt }()
	const qr = 22
	textW := d.width - qr - 5
	d.black()
	p.SetXY(d.left, d.top-2)
	d.setFont("B", 10)
	d.cell(textW, 4.6, d.fit(s.Organisation, textW), "", 2, "L", false)
	d.setFont("", 7.5)
	site := strings.Join(nonEmpty(s.Site.Name, cityCountry(s.Site), "site "+s.Site.Code), " · ")
	d.cell(textW, 3.6, d.fit(site, textW), "", 2, "L", false)
	p.Ln(1)
	d.setFont("B", 12)
	d.cell(textW, 5.6, d.fit(d.spec.id+" — "+d.spec.title, textW), "", 2, "L", false)
	d.setFont("", labelPt)
	d.grey()
	d.cell(textW, 3, d.fit(d.spec.basis, textW), "", 2, "L", false)
	if s.Addendum != nil {
		p.SetTextColor(170, 0, 0)
		d.setFont("B", 7.5)
		d.cell(textW, 3.6, d.fit("REISSUE with addendum — supersedes form snapshot "+s.Addendum.Supersedes, textW), "", 2, "L", false)
	}
	if line := clinic.NotDoneLine(s.Deferred); line != "" {
		p.SetTextColor(170, 0, 0)
		d.setFont("B", 7.5)
		d.cell(textW, 3.6, d.fit(line, textW), "", 2, "L", false)
	}
	d.black()
	d.fail(d.drawQR(d.pageW-d.right-qr, d.top-2, qr))
	p.SetY(maxf(p.GetY()+1, d.top+qr+1))
	rule(p, d.left, d.pageW-d.right)
	p.Ln(1.5)
	if p.PageNo() > 1 {
		d.setFont("", 7.5)
		a := s.Applicant
		line := strings.Join(nonEmpty(fullName(a), "born "+birthDate(a, d.dates), caseLabel(a)), " · ")
		d.cell(d.width, 4, d.fit(line, d.width), "", 1, "L", false)
	}
}

// footer closes every page: page count, who signed, and where to verify.
func (d *doc) footer(page, pages int) {
	s, p := d.snap, d.pdf
	y := d.pageH - d.bottom + 3
	p.SetXY(d.left, y)
	rule(p, d.left, d.pageW-d.right)
	d.setFont("", labelPt)
	d.grey()
	signed := fmt.Sprintf("Signed by %s (%s) on %s · form snapshot %s", s.Physician.Name,
		s.Physician.RegistrationID, d.dates.dateTime(s.SignedAt, d.loc), s.ID)
	p.SetXY(d.left, y+0.8)
	d.cell(d.width-30, 3.2, d.fit(signed, d.width-30), "", 2, "L", false)
	d.cell(d.width-30, 3.2, d.fit("Verify this form: "+d.url, d.width-30), "", 0, "L", false)
	d.setFont("B", 7.5)
	d.black()
	p.SetXY(d.pageW-d.right-30, y+0.8)
	d.cell(30, 3.4, fmt.Sprintf("Page %d of %d", page, pages), "", 0, "R", false)
}

// identity draws the applicant block with the photo; extra rows follow the common fields.
func (d *doc) identity(extra ...[]field) {
	const photoW, photoH = 30, 38
	a, p := d.snap.Applicant, d.pdf
	x0, y0 := d.left, p.GetY()
	w := d.width - photoW - 3
	rows := [][]field{
		{fw("Surname(s)", a.Surnames, 1.3), fw("Given name(s)", a.GivenNames, 1.3)},
		{fw("Date of birth", birthDate(a, d.dates), 1.3), f1("Age at exam", fmt.Sprint(ageYears(a.BirthDate, d.snap.ExamDate))), f1("Sex", codeText(a.Sex))},
		{f1("Document type", documentLabel(a.DocumentType)), f1("Document number", a.DocumentNumber), f1("Case number", a.CaseNumber), f1("File / alien number", a.FileNumber)},
	}
	rows = append(rows, extra...)
	for _, r := range rows {
		d.rowAt(x0, w, r...)
		p.SetXY(x0, p.GetY()+boxH)
	}
	d.photo(d.pageW-d.right-photoW, y0, photoW, photoH)
	p.SetXY(d.left, maxf(p.GetY(), y0+photoH)+1)
}

// photo places the applicant's photo, or an empty frame saying there is none.
func (d *doc) photo(x, y, w, h float64) {
	p := d.pdf
	p.SetDrawColor(150, 150, 150)
	p.Rect(x, y, w, h, "D")
	a := d.snap.Applicant
	if len(a.Photo) == 0 {
		d.setFont("", labelPt)
		d.grey()
		p.SetXY(x, y+h/2-2)
		d.cell(w, 4, "No photo on file", "", 0, "C", false)
		d.black()
		return
	}
	typ, err := imageType(a.Photo)
	if err != nil {
		d.fail(err)
		return
	}
	opt := gofpdf.ImageOptions{ImageType: typ}
	info := p.RegisterImageOptionsReader("applicant-photo", opt, bytes.NewReader(a.Photo))
	if info == nil || p.Err() {
		d.fail(fmt.Errorf("applicant photo: %v", p.Error()))
		return
	}
	// Fit inside the frame, keeping the photo's proportions.
	iw, ih := info.Width(), info.Height()
	sw, sh := w-1, (w-1)*ih/iw
	if sh > h-1 {
		sw, sh = (h-1)*iw/ih, h-1
	}
	p.ImageOptions("applicant-photo", x+(w-sw)/2, y+(h-sh)/2, sw, sh, false, opt, 0, "")
}

func imageType(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return "JPG", nil
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG", nil
	}
	return "", fmt.Errorf("%w: applicant photo is neither JPEG nor PNG", ErrMissingData)
}

// signoff closes a form: the steps signed without, the addendum of a reissue, then the signing
// physician.
func (d *doc) signoff(role string) {
	s := d.snap
	if len(s.Deferred) > 0 {
		d.section("Signed with steps not done")
		for _, x := range s.Deferred {
			d.para(fmt.Sprintf("Signed with steps not done: %s — %s", x.Label, x.Reason))
			if x.Then != "" {
				d.note(x.Then)
			}
		}
	}
	if s.Addendum != nil {
		d.section("Addendum (reissue)")
		d.para(s.Addendum.Text)
		d.note("This form replaces the one issued from form snapshot " + s.Addendum.Supersedes + ".")
	}
	d.ensure(10 + 2*boxH) // keep the signer's block on one page
	d.section(role)
	d.row(fw("Name", s.Physician.Name, 2), f1("Registration / panel id", s.Physician.RegistrationID), f1("Date signed", d.dates.dateTime(s.SignedAt, d.loc)))
	d.row(fw("Signature", "Signed digitally (PAdES); the QR code leads to the verification page", 3), f1("Clinic / site", s.Site.Code))
}

func caseLabel(a clinic.FormApplicant) string {
	if a.CaseNumber == "" {
		return ""
	}
	return "case " + a.CaseNumber
}

func cityCountry(s clinic.FormSite) string {
	return strings.Join(nonEmpty(s.City, s.Country), ", ")
}

// nonEmpty drops blank parts and parts that are only a label ("site ", "born ").
func nonEmpty(parts ...string) []string {
	out := parts[:0:0]
	for _, p := range parts {
		if t := strings.TrimSpace(p); t != "" && t != "site" && t != "born" {
			out = append(out, p)
		}
	}
	return out
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
