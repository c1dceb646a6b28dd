package pdf

import (
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var imm1017 = formSpec{
	id:    "IMM 1017",
	title: "Medical Report: Client Identification and Summary",
	basis: "Drawn after IRCC IMM 1017 / 1017B with the IMM 5419 parts (history, physical, laboratory, chest X-ray), in the order IRCC files them.",
	dates: dayMonthYear,
	draw:  drawIMM1017,
}

func drawIMM1017(d *doc) error {
	s := d.snap
	a := s.Applicant
	d.section("IMM 1017 — Client identification")
	d.identity([]field{f1("UCI / client id", a.FileNumber), f1("IME number", a.CaseNumber), f1("Country of birth", a.CountryOfBirth), f1("Citizenship", a.Nationality)})
	d.row(f1("Category", programLabel(s.Program)), f1("Exam date", d.dates.date(s.ExamDate)), fw("Exam place", s.Site.Name+", "+cityCountry(s.Site), 2))
	d.note("The panel physician's official stamp belongs over the photo's corner; the digital signature of this file stands in for it.")

	d.section("Examinations required")
	var steps []string
	for _, r := range s.Required {
		steps = append(steps, codeText(r.Step))
	}
	d.checks(3,
		choice{"Medical examination", true},
		choice{"Chest X-ray", s.CXR != nil || requires(d, "cxr")},
		choice{"Laboratory", len(s.Labs) > 0},
	)
	if len(steps) > 0 {
		d.note("Protocol steps: " + strings.Join(steps, ", ") + ".")
	}

	d.section("IMM 5419 — Medical history questions")
	d.history(func(string) bool { return true })
	d.note("The physician details every \"yes\" answer.")

	d.section("IMM 5419 — Physical examination")
	d.vitalsRows()
	d.examTable()

	d.section("IMM 5419 — Laboratory requisition and report")
	d.labTable(func(l clinic.FormLabResult) bool { return l.Step != "igra" && l.Step != "tst" })

	d.section("IMM 5419 — Chest X-ray requisition and report")
	d.cxrSummary()

	d.section("Panel physician's findings")
	d.remarks()

	d.section("IRCC use only")
	d.row(f1("Medical profile / M-code", ""), f1("Medical officer", ""), f1("Date", ""))
	d.note("IRCC medical officers assess danger to public health, public safety and excessive demand; the panel physician does not.")
	d.signoff("Panel physician")
	return nil
}

// requires says whether the protocol required the step.
func requires(d *doc, step string) bool {
	for _, r := range d.snap.Required {
		if r.Step == step {
			return true
		}
	}
	return false
}

// cxrSummary prints the chest X-ray reading in the plain layout the non-US forms share.
func (d *doc) cxrSummary() {
	x := d.snap.CXR
	if x == nil {
		d.note("No chest X-ray taken.")
		return
	}
	d.row(fw("Result", cxrLabel(x.Result), 2), f1("Date of X-ray", d.dates.date(x.Date)), fw("Radiologist", x.Reader, 1.5))
	d.textBox("Findings", x.Findings)
}
