package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var inz1007 = formSpec{
	id:    "INZ 1007",
	title: "General Medical Certificate",
	basis: "Drawn after Immigration New Zealand form INZ 1007 (July 2013) and INZ's panel-physician test instructions.",
	dates: dayMonthYear,
	draw:  drawINZ1007,
}

func drawINZ1007(d *doc) error {
	s := d.snap
	d.officeUse()

	d.section("Applicant's details")
	d.identity([]field{f1("Passport country", s.Applicant.Nationality), f1("Visa type", programLabel(s.Program)), f1("INZ client number", s.Applicant.FileNumber)})

	d.section("Applicant's medical history")
	d.history(func(string) bool { return true })

	d.section("Applicant's declaration and consent")
	d.para("I declare that the answers I have given are true and complete, and I agree that INZ may share this information as its privacy statement describes. (A parent or guardian signs for a child.)")
	d.signLine("Applicant or parent / guardian")

	d.section("Medical examination")
	d.row(fw("Identity checked against", documentLabel(s.Applicant.DocumentType)+" "+s.Applicant.DocumentNumber, 2), f1("Exam date", d.dates.date(s.ExamDate)))
	d.vitalsRows()
	d.examTable()

	d.section("Laboratory tests")
	d.inzLabTable()
	d.note("eGFR in mL/min/1.73m² and HbA1c in mmol/mol are entered as whole numbers; an eGFR above 90 is entered as 91. eGFR under 30 needs a nephrologist's report, HbA1c over 80 an endocrinologist's.")

	d.section("Examining physician's declaration")
	d.remarks()
	d.referrals("Specialist reports")
	d.note("The certificate's issue date is the date of this declaration.")
	d.signoff("Examining physician")
	return nil
}

// officeUse draws INZ's empty office block.
func (d *doc) officeUse() {
	d.section("Office use only")
	d.row(f1("Client number", ""), f1("Application number", ""), f1("Date received", ""))
}

// inzLabTable prints the results with INZ's entry rules for eGFR and HbA1c applied.
func (d *doc) inzLabTable() {
	var rows [][]string
	for _, l := range d.snap.Labs {
		rows = append(rows, []string{l.Test, l.LOINC, inzValue(l, d.snap.Vitals.Pregnant), l.Reference, d.dates.date(l.Date)})
	}
	if len(rows) == 0 {
		d.note("No result recorded.")
		return
	}
	d.table([]column{{"Test", 4}, {"LOINC", 1.3}, {"Result", 2.4}, {"Reference", 1.4}, {"Date", 1.4}}, rows)
}

// inzValue applies INZ 1007's entry rules: eGFR and HbA1c as whole numbers, eGFR above 90 as
// 91, and eGFR marked incomplete in pregnancy.
func inzValue(l clinic.FormLabResult, pregnant bool) string {
	plain := strings.TrimSpace(l.Value + " " + l.Unit)
	if l.Step != "egfr" && l.Step != "hba1c" {
		return plain
	}
	if l.Step == "egfr" && pregnant {
		return "Incomplete (pregnant)"
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(l.Value), 64)
	if err != nil {
		return plain
	}
	n := math.Round(v)
	if l.Step == "egfr" && v > 90 {
		n = 91
	}
	return strings.TrimSpace(strconv.Itoa(int(n)) + " " + l.Unit)
}
