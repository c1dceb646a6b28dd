package pdf

var au501 = formSpec{
	id:    "501",
	title: "Medical Examination for an Australian Visa",
	basis: "Drawn after Department of Home Affairs Form 26 / eMedical exam 501 (personal details, Parts A to D, medical examiner).",
	dates: dayMonthYear,
	draw:  drawAU501,
}

func drawAU501(d *doc) error {
	s := d.snap
	d.section("Personal details")
	d.identity([]field{f1("Visa stream", programLabel(s.Program)), f1("HAP / TRN", s.Applicant.FileNumber), f1("Exam date", d.dates.date(s.ExamDate))})

	d.section("Part A — Applicant's details and medical history")
	d.history(func(string) bool { return true })
	d.note("The examining doctor records findings for every \"yes\" answer.")

	d.section("Part B — Applicant's declaration")
	d.para("I declare that the information I have given in Part A is correct. (Signed in the presence of the examining doctor; a parent or guardian signs for a child under 16.)")
	d.signLine("Applicant or parent / guardian")

	d.section("Part C — Examining doctor's findings")
	d.vitalsRows()
	d.examTable()
	d.labTable(labsFor("urinalysis"))

	d.section("Blood tests")
	d.labTable(labsFor("hiv", "hepatitis_b", "syphilis", "hepatitis_c"))

	d.section("Examining doctor's summary of findings")
	d.remarks()

	d.section("Office use only")
	d.row(f1("Received", ""), f1("Assessed by", ""), f1("Outcome", ""))
	d.signoff("Medical examiner")
	return nil
}
