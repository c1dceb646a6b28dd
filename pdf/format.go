package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// dateStyle is how a form prints dates: US forms use mm-dd-yyyy, the others day/month/year.
type dateStyle int

const (
	dayMonthYear dateStyle = iota
	monthDayYear
)

func (s dateStyle) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if s == monthDayYear {
		return t.Format("01-02-2006")
	}
	return t.Format("02/01/2006")
}

// dateTime prints an instant in the site's zone with the zone's abbreviation, so a reader abroad
// knows which clock it is.
func (s dateStyle) dateTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	return s.date(t) + " " + t.Format("15:04 MST")
}

// ageYears is the completed years on the given date.
func ageYears(birth, on time.Time) int {
	age := on.Year() - birth.Year()
	if on.Month() < birth.Month() || (on.Month() == birth.Month() && on.Day() < birth.Day()) {
		age--
	}
	if age < 0 {
		return 0
	}
	return age
}

// birthDate prints the date of birth, marked when it is estimated.
func birthDate(a clinic.FormApplicant, s dateStyle) string {
	d := s.date(a.BirthDate)
	if a.BirthDateEstimated {
		d += " (estimated)"
	}
	return d
}

// fullName prints "SURNAMES, Given names" as the forms ask, keeping the original letters.
func fullName(a clinic.FormApplicant) string {
	switch {
	case a.Surnames == "":
		return a.GivenNames
	case a.GivenNames == "":
		return strings.ToUpper(a.Surnames)
	}
	return strings.ToUpper(a.Surnames) + ", " + a.GivenNames
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// num prints a measurement, or nothing when it was not taken (zero).
func num(v float64, decimals int, unit string) string {
	if v == 0 {
		return ""
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if unit != "" {
		s += " " + unit
	}
	return s
}

func bloodPressure(v clinic.FormVitals) string {
	if v.Systolic == 0 && v.Diastolic == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d mmHg", v.Systolic, v.Diastolic)
}

// codeText turns a snake_case code into words, for codes with no label of their own.
func codeText(code string) string {
	if code == "" {
		return ""
	}
	s := strings.ReplaceAll(code, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// outcomeLabels are the printed names of the protocol engine's outcome codes.
var outcomeLabels = map[string]string{
	"class_a_tb":                 "Class A TB",
	"class_b0_tb":                "Class B0 TB (treated by DOT at the panel site)",
	"class_b1_tb_pulmonary":      "Class B1 TB, pulmonary",
	"class_b1_tb_extrapulmonary": "Class B1 TB, extrapulmonary",
	"class_b2_ltbi":              "Class B2 TB, latent TB infection",
	"class_b3_tb_contact":        "Class B3 TB, contact",
	"class_a_syphilis":           "Class A syphilis (untreated)",
	"class_a_gonorrhea":          "Class A gonorrhea",
	"class_b_other":              "Class B other",
	"no_class":                   "No Class A or Class B condition",
	"refer_tb":                   "Referred for TB assessment",
	"medical_surveillance":       "Medical surveillance",
	"refer_specialist":           "Referred to a specialist",
	"hiv_positive_refer":         "HIV positive, referred",
	"refer_renal":                "Referred to a nephrologist (eGFR)",
	"refer_diabetes":             "Referred to an endocrinologist (HbA1c)",
	"no_finding":                 "No finding",
}

func outcomeLabel(code string) string {
	if l, ok := outcomeLabels[code]; ok {
		return l
	}
	return codeText(code)
}

var cxrLabels = map[string]string{
	"normal":           "Normal",
	"suggestive_of_tb": "Abnormal: suggests tuberculosis",
	"inactive_tb":      "Abnormal: suggests inactive tuberculosis",
	"abnormal_not_tb":  "Abnormal: not suggestive of tuberculosis",
}

func cxrLabel(code string) string {
	if l, ok := cxrLabels[code]; ok {
		return l
	}
	return codeText(code)
}

var programLabels = map[string]string{
	"refugee":   "Refugee",
	"immigrant": "Immigrant",
	"temporary": "Temporary",
}

func programLabel(p string) string {
	if l, ok := programLabels[p]; ok {
		return l
	}
	return codeText(p)
}

var documentLabels = map[string]string{
	"passport":                "Passport",
	"refugee_travel_document": "Refugee travel document",
	"unhcr_id":                "UNHCR registration",
	"national_id":             "National identity card",
}

func documentLabel(code string) string {
	if l, ok := documentLabels[code]; ok {
		return l
	}
	return codeText(code)
}

func itoa(i int) string { return strconv.Itoa(i) }

// treatmentLine is one treatment as the record holds it: given (dose, route, lot, time, who,
// swallowing observed), withheld or refused with the reason, or recommended and not recorded.
func (d *doc) treatmentLine(t clinic.FormTreatment) string {
	s := codeText(t.Drug) + " — " + t.Text()
	if !t.At.IsZero() {
		s += ", " + d.dates.dateTime(t.At, d.loc)
	}
	return s + "."
}
