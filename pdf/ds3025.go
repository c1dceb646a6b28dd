package pdf

import (
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

var ds3025 = formSpec{
	id:     "DS-3025",
	title:  "Vaccination Documentation Worksheet",
	basis:  "Drawn after US Department of State form DS-3025 (OMB 1405-0113), following the CDC vaccination Technical Instructions.",
	letter: true,
	dates:  monthDayYear,
	draw:   drawDS3025,
}

// ds3025Rows are the worksheet's vaccine rows in form order; each row gathers the snapshot's
// lines whose vaccine name starts with one of the row's prefixes.
var ds3025Rows = []struct {
	label    string
	prefixes []string
}{
	{"DTP / DTaP / DT / Td / Tdap", []string{"dtp", "dtap", "dt", "td", "tdap"}},
	{"Polio (OPV / IPV)", []string{"polio", "opv", "ipv"}},
	{"MMR (measles, mumps, rubella)", []string{"mmr", "measles", "mumps", "rubella"}},
	{"Hib", []string{"hib"}},
	{"Hepatitis A", []string{"hepatitis a", "hepa", "hep a"}},
	{"Hepatitis B", []string{"hepatitis b", "hepb", "hep b"}},
	{"Meningococcal", []string{"meningococcal", "menacwy", "menb"}},
	{"Varicella", []string{"varicella"}},
	{"Pneumococcal", []string{"pneumococcal", "pcv", "ppsv"}},
	{"Rotavirus", []string{"rotavirus"}},
	{"Influenza", []string{"influenza"}},
}

// reasonLabels print the "not medically appropriate" reasons of DS-3025.
var reasonLabels = map[string]string{
	"not_age_appropriate":     "Not age appropriate",
	"insufficient_interval":   "Insufficient time interval",
	"contraindication":        "Contraindication",
	"not_routinely_available": "Not routinely available",
	"not_flu_season":          "Not fall / flu season",
}

var statusLabels = map[string]string{
	"complete":                  "Complete (written record)",
	"given_at_exam":             "Dose given at exam",
	"not_medically_appropriate": "Not medically appropriate",
	"refused":                   "Refused",
	"individual_waiver":         "Individual waiver requested",
	"lab_immunity":              "Laboratory evidence of immunity",
}

func drawDS3025(d *doc) error {
	s := d.snap
	d.section("1. Applicant")
	d.identity()
	if s.Program != "immigrant" {
		d.note("Vaccination requirements apply to immigrant-visa applicants; for " + strings.ToLower(programLabel(s.Program)) +
			" applicants this worksheet records the doses documented or given under the programme.")
	}

	d.section("2. Vaccines")
	cols := []column{{"Vaccine", 2.2}, {"Prior doses from written record (date, CVX)", 4}, {"Given at exam (date, CVX, lot)", 2.6}, {"Status", 2}, {"Not medically appropriate: reason", 2.2}}
	used := make([]bool, len(s.Vaccinations))
	var rows [][]string
	for _, r := range ds3025Rows {
		var lines []clinic.FormVaccination
		for i, v := range s.Vaccinations {
			if !used[i] && matchesVaccine(v.Vaccine, r.prefixes) {
				lines, used[i] = append(lines, v), true
			}
		}
		rows = append(rows, d.vaccineRow(r.label, lines))
	}
	for i, v := range s.Vaccinations { // vaccines the worksheet has no row for
		if !used[i] {
			rows = append(rows, d.vaccineRow(v.Vaccine, []clinic.FormVaccination{v}))
		}
	}
	d.table(cols, rows)
	d.vaccineDecisions(s.Vaccinations)
	if s.VaccinationData != "" {
		d.note("Forecast by CDC's CDSi logic with " + s.VaccinationData + ".")
	} else {
		d.note("CDSi supporting data: not recorded.")
	}

	d.section("3. Summary")
	summary := vaccinationSummary(s.Vaccinations)
	d.checks(1, summary...)
	if summary[1].on {
		d.blanketWaivers(s.Vaccinations)
	}
	d.signoff("4. Panel physician")
	return nil
}

func (d *doc) vaccineRow(label string, lines []clinic.FormVaccination) []string {
	var prior, exam, status, reason []string
	for _, v := range lines {
		for _, dose := range v.Doses {
			entry := d.dates.date(dose.Date)
			if dose.CVX != "" {
				entry += " (CVX " + dose.CVX + ")"
			}
			if dose.AtExam {
				if dose.Lot != "" {
					entry += " lot " + dose.Lot
				} else {
					entry += " lot not recorded"
				}
				if dose.MVX != "" {
					entry += " (MVX " + dose.MVX + ")"
				}
				exam = append(exam, entry)
			} else {
				prior = append(prior, entry)
			}
		}
		status = append(status, lookup(statusLabels, v.Status))
		if v.Reason != "" {
			reason = append(reason, d.lineReason(v))
		}
	}
	if len(lines) == 0 {
		status = []string{"No record"}
	}
	return []string{label, strings.Join(prior, "; "), strings.Join(exam, "; "), strings.Join(status, "; "), strings.Join(reason, "; ")}
}

// lineReason is a line's "not medically appropriate" reason in words; a vaccine the site cannot
// routinely get carries the date the site set it.
func (d *doc) lineReason(v clinic.FormVaccination) string {
	r := lookup(reasonLabels, v.Reason)
	if v.Reason == clinic.ReasonNotRoutinelyAvailable && v.UnavailableSince != nil {
		r += " (at this site since " + d.dates.date(*v.UnavailableSince) + ")"
	}
	return r
}

// blanketWaivers names, under a ticked blanket-waiver box, each vaccine it covers with its reason
// (the technical instructions' reasons: not age appropriate, insufficient interval,
// contraindication, not routinely available, not flu season).
func (d *doc) blanketWaivers(vs []clinic.FormVaccination) {
	var parts []string
	for _, v := range vs {
		if v.Status == "not_medically_appropriate" && v.Reason != "" {
			parts = append(parts, v.Vaccine+": "+d.lineReason(v))
		}
	}
	if len(parts) > 0 {
		d.note("Blanket waiver, by vaccine: " + strings.Join(parts, "; ") + ".")
	}
}

func matchesVaccine(name string, prefixes []string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, p := range prefixes {
		if n == p || strings.HasPrefix(n, p+" ") || strings.HasPrefix(n, p+"(") {
			return true
		}
	}
	return false
}

func lookup(labels map[string]string, code string) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return codeText(code)
}

// vaccineDecisions prints every refusal, waiver, "not indicated" and evidence of immunity as it
// was recorded, with who recorded it; "not recorded" when there is none.
func (d *doc) vaccineDecisions(vs []clinic.FormVaccination) {
	var rows [][]string
	for _, v := range vs {
		for _, dec := range v.Decisions {
			rows = append(rows, []string{v.Vaccine, lookup(decisionLabels, dec.Kind), dec.Text,
				dec.RecordedBy + ", " + d.dates.date(dec.RecordedAt)})
		}
	}
	if len(rows) == 0 {
		d.note("Refusals, waivers and evidence of immunity: not recorded.")
		return
	}
	d.table([]column{{"Vaccine", 2.2}, {"Recorded", 2}, {"As recorded", 6}, {"By, on", 2.8}}, rows)
}

var decisionLabels = map[string]string{
	"refusal":       "Refusal",
	"waiver":        "Waiver (contraindication)",
	"not_indicated": "Not indicated",
	"immunity":      "Evidence of immunity",
}
