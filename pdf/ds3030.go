package pdf

import (
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var ds3030 = formSpec{
	id:     "DS-3030",
	title:  "Tuberculosis Worksheet",
	basis:  "Drawn after US Department of State form DS-3030 (2022 text; formerly Chest X-Ray and Classification Worksheet).",
	letter: true,
	dates:  monthDayYear,
	draw:   drawDS3030,
}

func drawDS3030(d *doc) error {
	s := d.snap
	d.section("Applicant")
	d.identity()

	d.section("1. Test for cell-mediated immunity to TB")
	d.labTable(labsFor("igra", "tst"))

	d.section("2. Chest X-ray indication")
	d.checks(2, cxrIndications(s)...)
	for _, r := range s.Required {
		if r.Step == "cxr" {
			d.note("Protocol: " + r.Reason)
		}
	}

	d.section("3. Chest X-ray findings (radiologist)")
	if s.CXR == nil {
		d.note("No chest X-ray taken: not indicated.")
	} else {
		x := s.CXR
		d.checks(2,
			choice{"Normal", x.Result == "normal"},
			choice{"Abnormal", x.Result != "normal" && x.Result != ""},
			choice{"Suggests TB (needs smears and cultures)", x.Result == "suggestive_of_tb" || x.Result == "inactive_tb"},
			choice{"Does not need smears and cultures", x.Result == "abnormal_not_tb"},
		)
		d.textBox("Findings", x.Findings)
		d.row(fw("Radiologist", x.Reader, 2), f1("Date of X-ray", d.dates.date(x.Date)))
	}

	d.section("4. Sputum smears and cultures")
	d.sputumTable()

	d.section("5. Treatment under directly observed therapy (DOT)")
	if s.TBClass == "class_b0_tb" || has(s, "class_b0_tb") {
		d.para("TB disease treated under DOT at the panel site and completed.")
		d.detailLines("class_b0_tb")
	} else {
		d.note("Not applicable.")
	}

	d.section("6. TB classification")
	d.checks(2, tbChoices(s)...)
	d.detailLines("class_")

	d.section("7. Remarks")
	remarks := 0
	for _, o := range s.Outcomes {
		if !strings.Contains(o.Code, "tb") && o.Code != "no_class" {
			d.para(outcomeLabel(o.Code) + ": " + o.Text)
			remarks++
		}
	}
	if remarks == 0 {
		d.note("None.")
	}
	d.signoff("Panel physician")
	return nil
}

// cxrIndications ticks the reasons DS-3030 lists for taking a chest X-ray.
func cxrIndications(s clinic.FormSnapshot) []choice {
	age := ageYears(s.Applicant.BirthDate, s.ExamDate)
	yes := func(code string) bool {
		for _, h := range s.History {
			if h.Code == code {
				return h.Yes
			}
		}
		return false
	}
	igraPositive := false
	for _, l := range s.Labs {
		if l.Step == "igra" && strings.EqualFold(l.Value, "positive") {
			igraPositive = true
		}
	}
	indicated := s.CXR != nil
	return []choice{
		{"Not indicated", !indicated},
		{"Age 15 years or older", indicated && age >= 15},
		{"Extrapulmonary TB", indicated && yes("tb_extrapulmonary")},
		{"Known HIV infection", indicated && yes("hiv")},
		{"History of TB", indicated && yes("tb_history")},
		{"Signs or symptoms of TB", indicated && yes("tb_symptoms")},
		{"IGRA positive", indicated && igraPositive},
		{"Contact of a known TB case", indicated && yes("tb_contact")},
	}
}

// sputumTable prints the specimens; shared by the TB worksheets of every country.
func (d *doc) sputumTable() {
	if len(d.snap.Sputum) == 0 {
		d.note("No sputum specimens collected.")
		return
	}
	var rows [][]string
	for _, sp := range d.snap.Sputum {
		final := d.dates.date(sp.CultureFinal)
		if sp.Culture == "pending" {
			final = "pending"
		}
		rows = append(rows, []string{itoa(sp.Number), d.dates.date(sp.Collected), codeText(sp.Type),
			codeText(sp.Smear), codeText(sp.Culture), final, codeText(sp.NAAT)})
	}
	d.table([]column{{"No.", 0.6}, {"Collected", 1.4}, {"Type", 1.4}, {"Smear", 1.2}, {"Culture", 1.4}, {"Culture final", 1.4}, {"Rapid molecular test", 1.8}}, rows)
}
