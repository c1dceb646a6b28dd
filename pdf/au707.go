package pdf

import (
	"fmt"

	"github.com/mhac-clinic/mhac/clinic"
)

var au707 = formSpec{
	id:    "707",
	title: "HIV Test",
	basis: "Drawn after Department of Home Affairs eMedical exam 707 (HIV test with counselling and the person taking blood).",
	dates: dayMonthYear,
	draw:  drawAU707,
}

func drawAU707(d *doc) error {
	s := d.snap
	if !hasLab(s, "hiv") {
		return fmt.Errorf("%w: form 707 prints an HIV test result and the snapshot has none", ErrMissingData)
	}
	d.section("Applicant")
	d.identity([]field{f1("Visa stream", programLabel(s.Program)), f1("HAP / TRN", s.Applicant.FileNumber)})

	d.section("Pre-test counselling")
	d.row(fw("Pre-test information given and consent obtained", pretest(d, s), 3), f1("Exam date", d.dates.date(s.ExamDate)))

	d.section("Person taking blood")
	d.row(fw("Identity checked against", documentLabel(s.Applicant.DocumentType)+" "+s.Applicant.DocumentNumber, 2), f1("Site", s.Site.Code))

	d.section("Result")
	d.labTable(labsFor("hiv"))

	d.section("Post-test counselling and referral")
	found := false
	for _, o := range s.Outcomes {
		if o.Code == "hiv_positive_refer" {
			d.para(outcomeLabel(o.Code) + ": " + o.Text)
			found = true
		}
	}
	if !found {
		d.note("Result given to the applicant; no referral needed.")
	}
	d.signoff("Examining doctor")
	return nil
}

// answer prints the history answer with the given code, with its details.
func answer(s clinic.FormSnapshot, code string) string {
	for _, h := range s.History {
		if h.Code == code {
			if h.Details != "" {
				return yesNo(h.Yes) + ": " + h.Details
			}
			return yesNo(h.Yes)
		}
	}
	return "Not recorded"
}

// hasLab reports whether the snapshot holds a result of the step.
func hasLab(s clinic.FormSnapshot, step string) bool {
	for _, l := range s.Labs {
		if l.Step == step {
			return true
		}
	}
	return false
}

// pretest is the HIV pre-test counselling as recorded: the session (language, interpreter, who,
// when), else the history's answer, else "Not recorded".
func pretest(d *doc, s clinic.FormSnapshot) string {
	for _, c := range s.Counselling {
		if c.Topic == "hiv" && c.Stage == "pre_test" {
			out := "Yes: in " + c.Language
			if c.Interpreter {
				out += ", through an interpreter"
			}
			return out + ", by " + c.Counsellor + ", " + d.dates.date(c.At)
		}
	}
	return answer(s, "hiv_counselling")
}
