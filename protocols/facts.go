package protocols

import (
	"math"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// normalize checks f against the contract and returns a copy the rules can trust: codes in their
// canonical case, dates as calendar dates at 00:00 UTC. It never changes the caller's slices.
func normalize(f clinic.Facts) (clinic.Facts, *Error) {
	f.Destination = strings.ToUpper(strings.TrimSpace(f.Destination))
	f.Program = strings.ToLower(strings.TrimSpace(f.Program))
	switch {
	case f.Destination == "":
		return f, inputErr(CodeMissingField, "destination", "destination is required (US, CA, AU or NZ)")
	case !contains(destinations, f.Destination):
		return f, inputErr(CodeUnknownDestination, "destination", "unknown destination %q: US, CA, AU or NZ", f.Destination)
	case f.Program == "":
		return f, inputErr(CodeMissingField, "program", "program is required (refugee, immigrant or temporary)")
	case !contains(programs, f.Program):
		return f, inputErr(CodeUnknownProgram, "program", "unknown program %q: refugee, immigrant or temporary", f.Program)
	case f.ExamDate.IsZero():
		return f, inputErr(CodeMissingField, "exam_date", "exam_date is required")
	case f.BirthDate.IsZero():
		return f, inputErr(CodeMissingField, "birth_date", "birth_date is required")
	}
	f.ExamDate, f.BirthDate = calendarDate(f.ExamDate), calendarDate(f.BirthDate)
	if f.BirthDate.After(f.ExamDate) {
		return f, inputErr(CodeInvalidDate, "birth_date", "birth_date %s is after exam_date %s", f.BirthDate.Format(time.DateOnly), f.ExamDate.Format(time.DateOnly))
	}
	if f.ExamDate.Year() < 1900 || f.ExamDate.Year() > 2200 {
		return f, inputErr(CodeInvalidDate, "exam_date", "exam_date %s is out of range", f.ExamDate.Format(time.DateOnly))
	}
	if f.BirthDate.Before(f.ExamDate.AddDate(-130, 0, 0)) {
		return f, inputErr(CodeInvalidDate, "birth_date", "birth_date %s is more than 130 years before the exam", f.BirthDate.Format(time.DateOnly))
	}
	f.Sex = strings.ToLower(strings.TrimSpace(f.Sex))
	if f.Sex != "" && !contains(valuesSex, f.Sex) {
		return f, inputErr(CodeInvalidValue, "sex", "sex %q must be female, male or other", f.Sex)
	}
	if e := checkNumber("weight_kg", f.WeightKg, 0.2, 400); e != nil {
		return f, e
	}
	var e *Error
	if f.ResidenceCountry, e = countryCode("residence_country", f.ResidenceCountry); e != nil {
		return f, e
	}
	if len(f.CountriesLived) > 0 {
		lived := make([]string, len(f.CountriesLived))
		for i, c := range f.CountriesLived {
			if lived[i], e = countryCode("countries_lived", c); e != nil {
				return f, e
			}
			if lived[i] == "" {
				return f, inputErr(CodeInvalidValue, "countries_lived", "countries_lived has an empty entry")
			}
		}
		f.CountriesLived = lived
	}
	if e := normalizeAdditions(&f); e != nil {
		return f, e
	}
	return f, checkResults(&f.Results)
}

// calendarDate keeps the calendar date of t as written (in t's own location) at 00:00 UTC.
func calendarDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func countryCode(field, c string) (string, *Error) {
	c = strings.ToUpper(strings.TrimSpace(c))
	if c != "" && !countryRE.MatchString(c) {
		return c, inputErr(CodeInvalidValue, field, "%q is not an ISO 3166-1 alpha-2 country code", c)
	}
	return c, nil
}

func checkNumber(field string, p *float64, min, max float64) *Error {
	if p == nil {
		return nil
	}
	if v := *p; math.IsNaN(v) || math.IsInf(v, 0) || v < min || v > max {
		return inputErr(CodeInvalidValue, field, "%s must be a number from %g to %g", field, min, max)
	}
	return nil
}

func checkEnum(field, v string, values []string) *Error {
	if v != "" && !contains(values, v) {
		return inputErr(CodeInvalidValue, field, "%q is not a value of %s (%s)%s", v, field, strings.Join(values, ", "), suggest(v, values))
	}
	return nil
}

func checkList(field string, l []string, values []string) *Error {
	if len(l) > 3 {
		return inputErr(CodeInvalidValue, field, "%s has %d entries; at most three", field, len(l))
	}
	for _, v := range l {
		if !contains(values, v) {
			return inputErr(CodeInvalidValue, field, "%q is not a value of %s (%s)%s", v, field, strings.Join(values, ", "), suggest(v, values))
		}
	}
	return nil
}

func checkResults(r *clinic.Results) *Error {
	for _, c := range []struct {
		field, v string
		values   []string
	}{
		{"results.cxr", r.CXR, valuesCXR},
		{"results.igra", r.IGRA, valuesIGRA},
		{"results.mtb_naat", r.MTBNAAT, valuesNAAT},
		{"results.syphilis", r.Syphilis, valuesSyphilis},
		{"results.gonorrhea", r.Gonorrhea, valuesPosNeg},
		{"results.hiv", r.HIV, valuesPosNeg},
		{"results.hbsag", r.HBsAg, valuesPosNeg},
		{"results.urinalysis", r.Urinalysis, valuesUrine},
		{"results.dst", r.DST, valuesDST},
		{"results.hcv", r.HCV, valuesPosNeg},
	} {
		if e := checkEnum(c.field, c.v, c.values); e != nil {
			return e
		}
	}
	if e := checkList("results.sputum_smears", r.SputumSmears, valuesSmear); e != nil {
		return e
	}
	if e := checkList("results.sputum_cultures", r.SputumCultures, valuesCulture); e != nil {
		return e
	}
	for _, n := range []struct {
		field    string
		p        *float64
		min, max float64
	}{
		{"results.tst_mm", r.TSTmm, 0, 100},
		{"results.creatinine_umol_l", r.CreatinineUmolL, 1, 5000},
		{"results.egfr", r.EGFR, 0, 300},
		{"results.hba1c_mmol_mol", r.HbA1cMmolMol, 1, 300},
	} {
		if e := checkNumber(n.field, n.p, n.min, n.max); e != nil {
			return e
		}
	}
	return nil
}
