package pdf

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/mhac-clinic/mhac/clinic"
	"golang.org/x/text/unicode/norm"
)

// TestFontCoversLatin checks the font pages against the scripts the forms promise: every
// character of these blocks that DejaVu Sans draws, and the symbols the forms print.
func TestFontCoversLatin(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	blocks := []struct {
		name   string
		lo, hi rune
		absent string // characters DejaVu Sans 2.37 has no glyph for
	}{
		{"Basic Latin", 0x20, 0x7E, ""},
		{"Latin-1 Supplement", 0xA0, 0xFF, ""},
		{"Latin Extended-A", 0x100, 0x17F, ""},
		{"Latin Extended-B", 0x180, 0x24F, ""},
		{"IPA Extensions", 0x250, 0x2AF, ""},
		{"Latin Extended Additional", 0x1E00, 0x1EFF, "\u1EFC\u1EFD\u1EFE\u1EFF"},
		{"General Punctuation", 0x2000, 0x206F, "\u2065\u2066\u2067\u2068\u2069"},
	}
	for _, b := range blocks {
		for r := b.lo; r <= b.hi; r++ {
			if _, ok := fonts.glyphs[r]; !ok && !strings.ContainsRune(b.absent, r) {
				t.Errorf("%s: U+%04X %q is not in the font", b.name, r, r)
			}
		}
	}
	for _, r := range "✓✔✗☐☑☒•–—…°µμ²³≥≤±×÷€·→‰№" {
		if _, ok := fonts.glyphs[r]; !ok {
			t.Errorf("symbol U+%04X %q is not in the font", r, r)
		}
	}
}

// TestRenderEveryFontPage prints a letter of every font page, in both faces, and reads them
// back: each page's codes must reach the right glyph and extract as the right character.
func TestRenderEveryFontPage(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	letters := make([]rune, len(fonts.pages[regular]))
	for r, g := range fonts.glyphs {
		if unicode.IsLetter(r) && norm.NFC.String(string(r)) == string(r) && (letters[g.page] == 0 || r < letters[g.page]) {
			letters[g.page] = r
		}
	}
	word := string(letters)
	s := mustSample(t, "DS-2054")
	s.Applicant.GivenNames = "Ana " + word // regular, in the identity block
	s.Organisation = "Clinic " + word      // bold, in the header
	doc, err := Render(s, "DS-2054", testURL)
	if err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, doc)
	text := pdfText(t, doc)
	for _, want := range []string{s.Applicant.GivenNames, s.Organisation} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q (%+q):\n%s", want, want, text)
		}
	}
}

// TestRenderRefusesCharacterOutsideFont: a character the font cannot draw is an error naming
// it, never an empty box on a signed form.
func TestRenderRefusesCharacterOutsideFont(t *testing.T) {
	tests := []struct {
		name string
		edit func(*clinic.FormSnapshot)
		char string
	}{
		{"Cyrillic given name", func(s *clinic.FormSnapshot) { s.Applicant.GivenNames = "Иван" }, "U+0418"},
		{"Arabic surname", func(s *clinic.FormSnapshot) { s.Applicant.Surnames = "محمد" }, "U+0645"},
		{"emoji in the physician's name", func(s *clinic.FormSnapshot) { s.Physician.Name = "Dr Ana 🙂" }, "U+1F642"},
		{"Chinese in an addendum", func(s *clinic.FormSnapshot) {
			s.Addendum = &clinic.FormAddendum{Text: "Corrected 李", Supersedes: "snap-0"}
		}, "U+674E"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSample(t, "DS-2054")
			tt.edit(&s)
			doc, err := Render(s, "DS-2054", testURL)
			if !errors.Is(err, ErrUnsupportedChar) || !strings.Contains(err.Error(), tt.char) {
				t.Fatalf("Render = %d bytes, %v; want ErrUnsupportedChar naming %s", len(doc), err, tt.char)
			}
		})
	}
}

// TestRenderComposesNames: a name typed with combining accents prints, and extracts, as the
// precomposed letters.
func TestRenderComposesNames(t *testing.T) {
	s := mustSample(t, "DS-2054")
	s.Applicant.GivenNames = norm.NFD.String("Hélène Émilienne Łucja Nguyễn")
	doc, err := Render(s, "DS-2054", testURL)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, doc); !strings.Contains(text, "Hélène Émilienne Łucja Nguyễn") {
		t.Errorf("text lacks the composed name:\n%s", text)
	}
}

func TestWrap(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(mustSample(t, "DS-2054"), registry["DS-2054"], testURL, time.UTC, fonts)
	d.setFont("", valuePt)
	const w = 40 // mm
	tests := []struct {
		text string
		want []string
	}{
		{"", []string{""}},
		{"short line", []string{"short line"}},
		{"  spaces   collapse\there ", []string{"spaces collapse here"}},
		{"one\ntwo\n\nfour", []string{"one", "two", "", "four"}},
		{"Nshimiyimana Mukamana Uwimana Ingabire", []string{"Nshimiyimana", "Mukamana Uwimana", "Ingabire"}},
		{"Ngabo Wolfeschlegelsteinhausenbergerdorff", []string{"Ngabo", "Wolfeschlegelsteinhaus", "enbergerdorff"}},
	}
	for _, tt := range tests {
		got := d.wrap(tt.text, w)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q) = %q, want %q", tt.text, got, tt.want)
		}
		for _, l := range got {
			if lw := d.textWidth(l); lw > w-2*d.cellMargin {
				t.Errorf("wrap(%q): line %q is %.1f mm, wider than %d mm", tt.text, l, lw, w)
			}
		}
	}
	if d.err != nil {
		t.Fatal(d.err)
	}
}

// TestPageBreakKeepsFont: the header drawn at a page break must not change the font of the
// text that caused the break.
func TestPageBreakKeepsFont(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(mustSample(t, "DS-2054"), registry["DS-2054"], testURL, time.UTC, fonts)
	d.setFont("", valuePt)
	d.pdf.SetY(d.pageH - d.bottom - 1)
	d.cell(d.width, lineH, "after the break", "", 1, "L", false)
	if d.pdf.PageNo() != 2 {
		t.Fatalf("page %d, want a break to page 2", d.pdf.PageNo())
	}
	if d.face != regular || d.pt != valuePt {
		t.Errorf("after the break: face %d at %.1f pt, want regular at %d pt", d.face, d.pt, valuePt)
	}
}
