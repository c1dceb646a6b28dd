package pdf

import "fmt"

var inz1096 = formSpec{
	id:    "INZ 1096",
	title: "Chest X-ray Certificate",
	basis: "Drawn after Immigration New Zealand form INZ 1096 (March 2015 / December 2020).",
	dates: dayMonthYear,
	draw:  drawINZ1096,
}

func drawINZ1096(d *doc) error {
	s := d.snap
	if s.CXR == nil {
		return fmt.Errorf("%w: form INZ 1096 prints a chest X-ray reading and the snapshot has none", ErrMissingData)
	}
	d.officeUse()

	d.section("Applicant's details")
	d.identity([]field{f1("Passport country", s.Applicant.Nationality), f1("Visa type", programLabel(s.Program)), f1("INZ client number", s.Applicant.FileNumber)})

	d.section("Applicant's declaration")
	d.para("I declare that I am the person named above and that the X-ray was taken of me.")
	d.signLine("Applicant or parent / guardian")

	d.radiology()
	d.signoff("Examining physician")
	return nil
}
