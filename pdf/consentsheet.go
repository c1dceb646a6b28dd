package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/mhac-clinic/mhac/clinic"
)

// ConsentSheets draws the consent sheet a person signs: each purpose in English, French and
// Kinyarwanda, what the record holds for it, and the signature lines. It is printed, signed on
// paper, scanned and attached; it is not a signed PDF.
type ConsentSheets struct{}

// consentText is one purpose in the three languages of the sheet; %s is the authority's name.
type consentText struct{ en, fr, rw string }

var consentTexts = map[string]consentText{
	clinic.ConsentExamination: {
		en: "I agree to the medical examination for migration: medical history, physical examination, blood and urine tests, chest X-ray and vaccination, as the receiving country's protocol requires.",
		fr: "J'accepte l'examen médical pour la migration : antécédents médicaux, examen physique, analyses de sang et d'urine, radiographie pulmonaire et vaccination, selon le protocole du pays d'accueil.",
		rw: "Nemeye gukorerwa isuzuma ry'ubuzima rijyanye no kwimukira mu kindi gihugu: amateka y'uburwayi, isuzuma ry'umubiri, ibizamini by'amaraso n'inkari, isanamu y'igituza n'inkingo, nk'uko igihugu nyakirwa kibisaba.",
	},
	clinic.ConsentHIVTesting: {
		en: "I agree to be tested for HIV. I was given information before the test, and I will be told the result with counselling.",
		fr: "J'accepte le test du VIH. J'ai reçu des informations avant le test, et le résultat me sera communiqué avec un counselling.",
		rw: "Nemeye gupimwa virusi itera SIDA. Nahawe amakuru mbere yo gupimwa, kandi nzabwirwa igisubizo ngirwe n'inama.",
	},
	clinic.ConsentShareAuthority: {
		en: "I agree that the results of my examination and its forms are sent to %s.",
		fr: "J'accepte que les résultats de mon examen et ses formulaires soient transmis à %s.",
		rw: "Nemeye ko ibisubizo by'isuzuma ryanjye n'impapuro zaryo byoherezwa kuri %s.",
	},
	clinic.ConsentShareAgency: {
		en: "I agree that the resettlement agency is told whether I am fit to travel (no medical details).",
		fr: "J'accepte que l'agence de réinstallation soit informée de mon aptitude à voyager (sans détail médical).",
		rw: "Nemeye ko ikigo gishinzwe gutuza impunzi kimenyeshwa niba nshobora gukora urugendo (nta makuru arambuye ku buzima bwanjye).",
	},
	clinic.ConsentStatistics: {
		en: "I agree that my data are used, without my name, in anonymous statistics.",
		fr: "J'accepte que mes données soient utilisées, sans mon nom, dans des statistiques anonymes.",
		rw: "Nemeye ko amakuru yanjye akoreshwa, nta zina ryanjye rigaragara, mu mibare y'ibarurishamibare.",
	},
}

var (
	sheetTitle    = consentText{"Consent sheet", "Fiche de consentement", "Urupapuro rwo kwemera"}
	sheetWithdraw = consentText{
		"You may withdraw any consent at any time. Nothing is deleted, but what needs the consent stops from then on.",
		"Vous pouvez retirer chaque consentement à tout moment. Rien n'est effacé, mais ce qui en dépend s'arrête dès lors.",
		"Ushobora kwisubiraho ku cyo wemeye igihe icyo ari cyo cyose. Nta kintu gisibwa, ariko ibyari bikeneye uko kwemera birahagarara.",
	}
	sheetSign = consentText{"Signature", "Signature", "Umukono"}
)

// ConsentSheet draws the sheet.
func (ConsentSheets) ConsentSheet(s clinic.ConsentSheet) ([]byte, error) {
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	p := gofpdf.New("P", "mm", "A4", "")
	d := &doc{pdf: p, fonts: fonts, dates: dayMonthYear, loc: time.UTC, left: 14, right: 14, top: 12, bottom: 14}
	d.pageW, d.pageH = p.GetPageSize()
	d.width = d.pageW - d.left - d.right
	at := s.PrintedAt.UTC()
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetCatalogSort(true)
	p.SetTitle("Consent sheet", true)
	p.SetCreator("MHAC clinic system", true)
	p.SetProducer("MHAC pdf (gofpdf)", true)
	p.SetMargins(d.left, d.top, d.right)
	p.SetAutoPageBreak(true, d.bottom)
	d.cellMargin = p.GetCellMargin()
	p.SetCellMargin(0)
	p.AddPage()

	d.setFont("B", 13)
	d.cell(d.width, 6, sheetTitle.en+" · "+sheetTitle.fr+" · "+sheetTitle.rw, "", 2, "L", false)
	ap := s.Applicant
	name := ap.FullName()
	born := d.dates.date(ap.BirthDate)
	if ap.BirthDateEstimated {
		born += " (estimated)"
	}
	d.row(fw("Name", name, 2), fw("Born", born, 1.6), fw("Case", s.CaseNumber, 1.2), fw("Destination", s.Destination, 0.8))
	d.note("Printed " + at.Format("2006-01-02 15:04") + " UTC. Read each purpose with the person in a language they understand; tick yes or no; sign below.")

	for i, purpose := range clinic.ConsentPurposes {
		country := ""
		if purpose == clinic.ConsentShareAuthority {
			country = s.Destination
		}
		d.purpose(i+1, purpose, country, s.Consents)
	}
	d.section(sheetWithdraw.en)
	d.para(sheetWithdraw.fr)
	d.para(sheetWithdraw.rw)

	d.section("Signatures · " + sheetSign.fr + " · " + sheetSign.rw)
	d.signLine("The person (Umuntu)")
	d.row(fw("Parent or guardian, for a child or a person who cannot consent: name", "", 2), f1("Relation", ""), f1("Signature", ""))
	d.row(fw("Witness (verbal consent): name", "", 2), f1("Signature", ""), f1("Date", ""))
	d.row(fw("Interpreter: name and language", "", 2), f1("Signature", ""), f1("Date", ""))
	d.row(fw("Staff member who explained the sheet", "", 2), f1("Signature", ""), f1("Date", ""))
	if d.err != nil {
		return nil, fmt.Errorf("pdf: consent sheet: %w", d.err)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: write consent sheet: %w", err)
	}
	return buf.Bytes(), nil
}

// purpose draws one purpose: its text in the three languages, tick boxes, and what is recorded.
func (d *doc) purpose(n int, purpose, country string, consents []clinic.Consent) {
	t := consentTexts[purpose]
	if purpose == clinic.ConsentShareAuthority {
		who := clinic.AuthorityOf[country]
		if who == "" {
			who = "the receiving country's authority"
		}
		t = consentText{fmt.Sprintf(t.en, who), fmt.Sprintf(t.fr, who), fmt.Sprintf(t.rw, who)}
	}
	d.ensure(34)
	d.section(fmt.Sprintf("%d. %s", n, capitalise(clinic.ConsentLabel(purpose, country))))
	d.para("EN: " + t.en)
	d.para("FR: " + t.fr)
	d.para("RW: " + t.rw)
	d.pdf.Ln(1)
	d.setFont("", valuePt)
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.Rect(d.left, y+0.6, 3, 3, "D")
	d.pdf.Rect(d.left+40, y+0.6, 3, 3, "D")
	d.pdf.SetXY(d.left+5, y)
	d.cell(34, lineH, "Yes · Oui · Yego", "", 0, "L", false)
	d.pdf.SetXY(d.left+45, y)
	d.cell(60, lineH, "No · Non · Oya", "", 1, "L", false)
	d.pdf.SetX(d.left)
	d.note("On record: " + recordedLine(purpose, country, consents))
}

// recordedLine says what the record holds for a purpose: the standing consent, the last
// withdrawal, or "not recorded".
func recordedLine(purpose, country string, consents []clinic.Consent) string {
	var last *clinic.Consent
	for i := range consents {
		c := &consents[i]
		if c.Purpose != purpose || c.Country != country {
			continue
		}
		if c.Standing() {
			return fmt.Sprintf("consent given on %s, %s, explained in %s%s; recorded by %s.", c.GivenOn.Format(time.DateOnly),
				kindWords(*c), c.Language, interpreterWords(*c), c.RecordedName)
		}
		last = c
	}
	if last != nil {
		return fmt.Sprintf("consent given on %s, withdrawn on %s (%s).", last.GivenOn.Format(time.DateOnly), last.Withdrawn.On.Format(time.DateOnly), last.Withdrawn.Reason)
	}
	return "not recorded."
}

func kindWords(c clinic.Consent) string {
	switch c.Kind {
	case "verbal":
		return "verbal, witnessed by " + c.Witness
	case "proxy":
		return fmt.Sprintf("by proxy: %s (%s)", c.ProxyName, c.ProxyRelation)
	}
	return "written"
}

func interpreterWords(c clinic.Consent) string {
	switch {
	case c.Interpreter && c.InterpreterName != "":
		return ", with an interpreter (" + c.InterpreterName + ")"
	case c.Interpreter:
		return ", with an interpreter"
	}
	return ", no interpreter"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
