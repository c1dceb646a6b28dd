package cdsi

import "strings"

// immune is table 7-3: a clinical-history code in the patient's observations, or birth before
// the immunity date (in the named country, when one is named) without an exclusion.
func (ar *antigenRun) immune() bool {
	r := ar.r
	for _, code := range ar.ag.Immunity.ClinicalCodes {
		if _, ok := r.obs[code]; ok {
			return true
		}
	}
	for _, b := range ar.ag.Immunity.BirthDates {
		if !r.p.DOB.Before(b.Before) {
			continue
		}
		excluded := false
		for _, e := range b.Exclusions {
			if _, ok := r.obs[e]; ok {
				excluded = true
			}
		}
		if excluded {
			continue
		}
		if b.Country == "" || sameCountry(b.Country, r.p.BirthCountry) {
			return true
		}
	}
	return false
}

// sameCountry compares the data's "U.S." with the clinic's way of writing it.
func sameCountry(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToUpper(strings.NewReplacer(".", "", " ", "").Replace(s))
		switch s {
		case "US", "USA", "UNITEDSTATES", "UNITEDSTATESOFAMERICA":
			return "US"
		}
		return s
	}
	return b != "" && norm(a) == norm(b)
}

// antigenContraindicated is table 7-5: an antigen-wide contraindication applies now.
func (ar *antigenRun) antigenContraindicated() (bool, string) {
	r := ar.r
	for _, c := range ar.ag.GroupContras {
		if _, ok := r.obs[c.Code]; ok && r.inAgeWindow(r.assess, c.BeginAge, c.EndAge) {
			return true, c.Text
		}
	}
	return false, ""
}

// vaccineContraindicated is table 7-6 for one vaccine type.
func (ar *antigenRun) vaccineContraindicated(cvx string) bool {
	r := ar.r
	for _, c := range ar.ag.VaccineContra {
		if _, ok := r.obs[c.Code]; !ok {
			continue
		}
		for _, v := range c.Vaccines {
			if v.CVX == cvx && r.inAgeWindow(r.assess, v.BeginAge, v.EndAge) {
				return true
			}
		}
	}
	return false
}

// seriesContraindicated is table 7-7 for the target dose being forecast. A vaccine
// contraindication "eliminates a specific vaccine from being forecast" (7.3): the series stops
// only when no vaccine is left that could satisfy the dose, preferable or allowable. A child
// with encephalopathy after DTaP (079) may not get any pertussis-containing vaccine, the only
// preferable ones for diphtheria dose 2, but still gets DT, an allowable one.
func (ar *antigenRun) seriesContraindicated(sd *SeriesDose) (bool, string) {
	if ok, why := ar.antigenContraindicated(); ok {
		return true, why
	}
	if len(sd.Preferable) == 0 {
		return false, ""
	}
	for _, list := range [][]VaccineRule{sd.Preferable, sd.Allowable} {
		for _, v := range list {
			if !ar.vaccineContraindicated(v.CVX) {
				return false, ""
			}
		}
	}
	return true, "Patient has a contraindication to every vaccine for the dose"
}
