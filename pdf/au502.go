package pdf

import "fmt"

var au502 = formSpec{
	id:    "502",
	title: "Radiological Report on Chest X-ray",
	basis: "Drawn after Department of Home Affairs Form 160 / eMedical exam 502.",
	dates: dayMonthYear,
	draw:  drawAU502,
}

func drawAU502(d *doc) error {
	s := d.snap
	if s.CXR == nil {
		return fmt.Errorf("%w: form 502 prints a chest X-ray reading and the snapshot has none", ErrMissingData)
	}
	d.section("Part A — Applicant's personal details")
	d.identity([]field{f1("Visa stream", programLabel(s.Program)), f1("HAP / TRN", s.Applicant.FileNumber)})

	d.section("Part B — Applicant's declaration")
	d.para("I declare that I am the person named above and that I have not had a chest X-ray for this visa application elsewhere.")
	d.signLine("Applicant or parent / guardian")

	d.radiology()
	d.signoff("Examining doctor")
	return nil
}

// radiology draws the radiologist's part shared by the Australian and New Zealand X-ray forms:
// identity check, the film, the findings checklist and the reader.
func (d *doc) radiology() {
	x := d.snap.CXR
	a := d.snap.Applicant
	d.section("Identity check and film")
	d.row(fw("Identity document", documentLabel(a.DocumentType)+" "+a.DocumentNumber, 2),
		f1("Date of X-ray", d.dates.date(x.Date)))

	d.section("Radiologist's findings")
	d.checks(2,
		choice{"Normal", x.Result == "normal"},
		choice{"Abnormal", x.Result != "normal"},
		choice{"Suggestive of active tuberculosis", x.Result == "suggestive_of_tb"},
		choice{"Old or inactive tuberculosis", x.Result == "inactive_tb"},
		choice{"Other abnormality (not tuberculosis)", x.Result == "abnormal_not_tb"},
	)
	d.textBox("Findings and comparison with previous films", x.Findings)
	rec := "None"
	if x.Result == "suggestive_of_tb" || x.Result == "inactive_tb" {
		rec = "Sputum smears and cultures; TB referral as the protocol requires"
	}
	d.row(fw("Recommendation", rec, 3))
	d.row(fw("Radiologist", x.Reader, 2), f1("Date reported", d.dates.date(x.Date)))
}
