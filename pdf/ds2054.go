package pdf

import (
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var ds2054 = formSpec{
	id:     "DS-2054",
	title:  "Report of Medical Examination by Panel Physician",
	basis:  "Drawn after US Department of State form DS-2054 (OMB 1405-0113); supported by DS-3025, DS-3026 and DS-3030.",
	letter: true,
	dates:  monthDayYear,
	draw:   drawDS2054,
}

// tbClasses are the TB choices of DS-2054 section 3 and DS-3030 section 6, in form order.
var tbClasses = []struct{ code, text string }{
	{"no_class", "No TB classification"},
	{"class_a_tb", "Class A TB"},
	{"class_b0_tb", "Class B0 TB: treated under DOT at the panel site"},
	{"class_b1_tb_pulmonary", "Class B1 TB, pulmonary"},
	{"class_b1_tb_extrapulmonary", "Class B1 TB, extrapulmonary"},
	{"class_b2_ltbi", "Class B2 TB: latent TB infection"},
	{"class_b3_tb_contact", "Class B3 TB: contact of a known case"},
}

func drawDS2054(d *doc) error {
	s := d.snap
	d.section("1. Identity and examination")
	d.identity()
	d.row(f1("Country of birth", s.Applicant.CountryOfBirth), f1("Nationality", s.Applicant.Nationality),
		f1("Exam date", d.dates.date(s.ExamDate)), f1("Visa category", programLabel(s.Program)))
	d.row(fw("Exam place", strings.Join(nonEmpty(s.Site.Name, cityCountry(s.Site)), ", "), 2),
		f1("Protocol", s.ProtocolID+" "+s.ProtocolVersion), f1("Intended US address", ""))

	d.section("2. Vaccination")
	if s.Program != "immigrant" {
		d.note("Left blank: vaccination requirements apply to immigrant-visa applicants only; doses given are on DS-3025.")
	} else {
		d.checks(1, vaccinationSummary(s.Vaccinations)...)
	}

	d.section("3. Tuberculosis")
	d.checks(2, tbChoices(s)...)

	d.section("4. Class A conditions")
	d.checks(2,
		choice{"Tuberculosis, active", has(s, "class_a_tb")},
		choice{"Syphilis, infectious stage, untreated", has(s, "class_a_syphilis")},
		choice{"Gonorrhea", has(s, "class_a_gonorrhea")},
		choice{"Hansen's disease, infectious", has(s, "class_a_hansens")},
		choice{"Physical or mental disorder with harmful behaviour", has(s, "class_a_mental")},
		choice{"Drug abuse / addiction", has(s, "class_a_substance")},
		choice{"Vaccination documentation missing or refused", s.Program == "immigrant" && anyStatus(s.Vaccinations, "refused")},
	)
	d.detailLines("class_a_")

	d.section("5. Class B conditions")
	d.checks(2,
		choice{"Tuberculosis (class in section 3)", isClassBTB(s.TBClass) || hasPrefix(s, "class_b0_", "class_b1_", "class_b2_", "class_b3_")},
		choice{"Other physical or mental condition", has(s, "class_b_other") || has(s, "class_b_mental")},
	)
	d.detailLines("class_b")

	d.section("6. No Class A or Class B condition")
	d.checks(1, choice{"No Class A or Class B condition found", has(s, "no_class") && !hasPrefix(s, "class_")})

	d.section("7. Remarks and recommended follow-up")
	d.remarks()
	d.referrals("Specialist referrals")
	d.signLine("Applicant (or parent / guardian)")
	d.signoff("8. Panel physician")
	return nil
}

// remarks prints each outcome's finding and the presumptive treatments, the physician's summary.
func (d *doc) remarks() {
	s := d.snap
	if len(s.Outcomes) == 0 {
		d.note("No remarks.")
	}
	for _, o := range s.Outcomes {
		d.para(outcomeLabel(o.Code) + ": " + o.Text)
	}
	for _, t := range s.Treatments {
		d.para("Presumptive treatment: " + d.treatmentLine(t))
	}
}

// detailLines prints the finding text of the outcomes whose code starts with prefix.
func (d *doc) detailLines(prefix string) {
	for _, o := range d.snap.Outcomes {
		if strings.HasPrefix(o.Code, prefix) && o.Text != "" {
			d.note("Details — " + outcomeLabel(o.Code) + ": " + o.Text)
		}
	}
}

func tbChoices(s clinic.FormSnapshot) []choice {
	out := make([]choice, len(tbClasses))
	for i, c := range tbClasses {
		on := s.TBClass == c.code || has(s, c.code)
		if c.code == "no_class" {
			on = s.TBClass == "" || s.TBClass == "no_class"
		}
		out[i] = choice{c.text, on}
	}
	return out
}

func isClassBTB(code string) bool {
	switch code {
	case "class_b0_tb", "class_b1_tb_pulmonary", "class_b1_tb_extrapulmonary", "class_b2_ltbi", "class_b3_tb_contact":
		return true
	}
	return false
}

// vaccinationSummary is the summary choice shared by DS-2054 section 2 and DS-3025.
func vaccinationSummary(v []clinic.FormVaccination) []choice {
	refused := anyStatus(v, "refused")
	waiver := anyStatus(v, "not_medically_appropriate")
	individual := anyStatus(v, "individual_waiver")
	return []choice{
		{"Vaccination history complete for each required vaccine", len(v) > 0 && !refused && !waiver && !individual},
		{"May qualify for blanket waiver(s): vaccine not medically appropriate (DS-3025)", waiver && !refused},
		{"Will request an individual waiver (religious or moral conviction)", individual && !refused},
		{"Refused a required vaccine (Class A)", refused},
	}
}

func anyStatus(v []clinic.FormVaccination, status string) bool {
	for _, l := range v {
		if l.Status == status {
			return true
		}
	}
	return false
}

func has(s clinic.FormSnapshot, code string) bool {
	for _, o := range s.Outcomes {
		if o.Code == code {
			return true
		}
	}
	return false
}

func hasPrefix(s clinic.FormSnapshot, prefixes ...string) bool {
	for _, o := range s.Outcomes {
		for _, p := range prefixes {
			if strings.HasPrefix(o.Code, p) {
				return true
			}
		}
	}
	return false
}
