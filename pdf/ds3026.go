package pdf

import (
	"fmt"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var ds3026 = formSpec{
	id:     "DS-3026",
	title:  "Medical History and Physical Examination Worksheet",
	basis:  "Drawn after US Department of State form DS-3026 (OMB 1405-0113), following the CDC Technical Instructions.",
	letter: true,
	dates:  monthDayYear,
	draw:   drawDS3026,
}

// History answers are grouped by their code: mental_* answers go to the mental-health part and
// substance_* answers to the substance-use part of the forms that keep them apart.
const (
	mentalPrefix    = "mental_"
	substancePrefix = "substance_"
)

func drawDS3026(d *doc) error {
	s := d.snap
	d.section("1. Applicant")
	d.identity()

	d.section("2. Medical history")
	d.history(func(code string) bool {
		return !strings.HasPrefix(code, mentalPrefix) && !strings.HasPrefix(code, substancePrefix)
	})
	d.section("3. Mental health")
	d.history(func(code string) bool { return strings.HasPrefix(code, mentalPrefix) })
	d.mentalHealth()
	d.section("4. Substance use")
	d.history(func(code string) bool { return strings.HasPrefix(code, substancePrefix) })

	d.section("5. Physical examination")
	d.vitalsRows()
	d.examTable()
	d.referrals("Specialist referrals")

	d.section("6. Laboratory")
	d.labTable(labsFor("syphilis", "gonorrhea"))
	for _, t := range s.Treatments {
		if t.Given && (t.Drug == "benzathine_penicillin" || t.Drug == "ceftriaxone") {
			d.para("Treatment given: " + codeText(t.Drug) + " " + t.Dose + " on " + d.dates.date(t.Date))
		}
	}
	d.row(f1("Pregnancy status", pregnancy(s)))
	d.signoff("7. Panel physician")
	return nil
}

// history prints the yes/no answers whose code passes keep.
func (d *doc) history(keep func(code string) bool) {
	var rows [][]string
	for _, h := range d.snap.HistoryFor(d.spec.id) {
		if keep(h.Code) {
			details := h.Details
			if h.Date != "" {
				details = strings.TrimSuffix(h.Date+": "+details, ": ")
			}
			rows = append(rows, []string{h.Question, yesNo(h.Yes), details})
		}
	}
	if len(rows) == 0 {
		d.note("No questions recorded.")
		return
	}
	d.table([]column{{"Question", 5}, {"Answer", 1}, {"Details", 5}}, rows)
}

// vitalsRows prints the measurements every physical examination records.
func (d *doc) vitalsRows() {
	v := d.snap.Vitals
	d.row(f1("Height", num(v.HeightCm, 1, "cm")), f1("Weight", num(v.WeightKg, 1, "kg")), f1("BMI", num(v.BMI, 1, "kg/m²")),
		f1("Blood pressure", bloodPressure(v)), f1("Pulse", num(float64(v.Pulse), 0, "/min")), f1("Temperature", num(v.TempC, 1, "°C")))
	d.row(f1("Respiratory rate", recorded(num(float64(v.RespiratoryRate), 0, "/min"))), f1("Oxygen saturation", recorded(num(float64(v.SpO2), 0, "%"))),
		f1("Head circumference", recorded(num(v.HeadCircCm, 1, "cm"))), f1("Pregnant", pregnancy(d.snap)))
	d.row(fw("Visual acuity, right (uncorrected / corrected)", acuity(v.VisionRight, v.VisionRightCorrected), 1.5),
		fw("Visual acuity, left (uncorrected / corrected)", acuity(v.VisionLeft, v.VisionLeftCorrected), 1.5),
		f1("Hearing, right", recorded(codeText(v.HearingRight))), f1("Hearing, left", recorded(codeText(v.HearingLeft))))
	d.growthRows(v.Growth)
}

// recorded is a value, or "Not recorded" when the record holds none.
func recorded(s string) string {
	if s == "" {
		return "Not recorded"
	}
	return s
}

// acuity prints one eye's acuity without and with correction.
func acuity(uncorrected, corrected string) string {
	if uncorrected == "" && corrected == "" {
		return "Not recorded"
	}
	return recorded(uncorrected) + " / " + recorded(corrected)
}

// examTable prints the system-by-system findings.
func (d *doc) examTable() {
	var rows [][]string
	for _, e := range d.snap.Exam {
		result := "Normal"
		switch {
		case e.Status == clinic.ExamNotExamined:
			result = "Not examined"
		case e.Status == "note":
			result = ""
		case !e.Normal:
			result = "Abnormal"
		}
		rows = append(rows, []string{e.System, result, e.Notes})
	}
	if len(rows) == 0 {
		d.note("No examination findings recorded.")
		return
	}
	d.table([]column{{"System", 3}, {"Result", 1.4}, {"Notes", 6}}, rows)
}

// labTable prints the laboratory results that pass keep.
func (d *doc) labTable(keep func(clinic.FormLabResult) bool) {
	var rows [][]string
	for _, l := range d.snap.Labs {
		if keep(l) {
			rows = append(rows, []string{l.Test, l.LOINC, strings.TrimSpace(l.Value + " " + l.Unit), l.Reference, d.dates.date(l.Date)})
		}
	}
	if len(rows) == 0 {
		d.note("No result recorded.")
		return
	}
	d.table([]column{{"Test", 4}, {"LOINC", 1.3}, {"Result", 2.4}, {"Reference", 1.4}, {"Date", 1.4}}, rows)
}

func pregnancy(s clinic.FormSnapshot) string {
	switch {
	case s.Applicant.Sex != "female":
		return "Not applicable"
	case s.Vitals.Pregnant:
		return "Pregnant"
	}
	return "Not pregnant"
}

func labsFor(steps ...string) func(clinic.FormLabResult) bool {
	return func(l clinic.FormLabResult) bool {
		for _, s := range steps {
			if l.Step == s {
				return true
			}
		}
		return false
	}
}

// mentalHealth prints the screen, its result against the cut-off, the physician's assessment,
// harmful behaviour and the referral, or says that no screen is recorded.
func (d *doc) mentalHealth() {
	m := d.snap.MentalHealth
	if m == nil {
		d.note("Mental-health screen: not recorded.")
		return
	}
	result := "negative"
	if m.Positive {
		result = "POSITIVE"
	}
	lang := m.Language
	if m.Interpreter {
		lang += ", through an interpreter"
	}
	d.para(fmt.Sprintf("%s (%s): screen %s; items 1-14 total %d, distress thermometer %d. %s", m.Instrument, lang, result, m.Score, m.Thermometer, m.CutOff))
	harm := "No"
	if m.HarmfulBehaviour {
		harm = "Yes: " + m.HarmfulDetails
	}
	d.row(fw("Physician's assessment", recorded(m.Assessment), 3), fw("Harmful behaviour", harm, 2))
	disorder := "None diagnosed"
	if m.Disorder != "" {
		disorder = m.Disorder
	}
	d.row(fw("Physical or mental disorder", disorder, 3), fw("Referral", recorded(m.Referral), 2))
}
