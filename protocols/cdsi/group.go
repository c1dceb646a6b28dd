package cdsi

import (
	"strconv"
	"time"
)

// statusRank orders series statuses when an antigen has more than one best series and the
// clinic needs one answer: a dose still due comes first, then a finished series.
var statusRank = map[string]int{
	SeriesNotComplete: 0, SeriesComplete: 1, SeriesImmune: 2,
	SeriesContraindicated: 3, SeriesNotRecommended: 4, SeriesAgedOut: 5,
}

// forecastSeries picks the one best series that speaks for the antigen in its vaccine group.
// A series the patient is still too young to start (the 50-and-over pneumococcal series for a
// child) speaks only when no other best series does.
func forecastSeries(best []*patientSeries) *patientSeries {
	var pick *patientSeries
	rank := func(ps *patientSeries) int {
		n := statusRank[ps.status]
		if start, ok := ps.startDate(); ok && ps.ar.r.assess.Before(start) {
			n += len(statusRank)
		}
		return n
	}
	for _, ps := range best {
		if pick == nil || rank(ps) < rank(pick) ||
			rank(ps) == rank(pick) && ps.status == SeriesNotComplete && ps.fc.earliest.Before(pick.fc.earliest) {
			pick = ps
		}
	}
	return pick
}

// groupForecast is chapter 9 for one vaccine group, given the series chosen per antigen.
func (r *run) groupForecast(g *VaccineGroup, members []*patientSeries) GroupForecast {
	gf := GroupForecast{Name: g.Name}
	var due []*patientSeries
	for _, ps := range members {
		af := AntigenForecast{Antigen: ps.ar.ag.Name, Series: ps.s.Name, SeriesType: ps.s.Type, Status: ps.status, Reason: ps.fc.reason}
		if ps.status == SeriesNotComplete {
			due = append(due, ps)
			af.DoseNumber = strconv.Itoa(ps.forecastDoseNumber())
			af.Earliest = datePtr(ps.fc.earliest)
		}
		gf.Antigens = append(gf.Antigens, af)
		if ps.fc.reason != "" && !containsStr(gf.Reasons, ps.fc.reason) {
			gf.Reasons = append(gf.Reasons, ps.fc.reason)
		}
	}
	gf.Status = groupStatus(g, members)
	if gf.Status != SeriesNotComplete || len(due) == 0 {
		return gf
	}
	earliest := r.groupEarliest(g, due)
	var rec, past, latest time.Time
	doseNo := 0
	for i, ps := range due {
		n := ps.forecastDoseNumber()
		switch {
		case i == 0:
			doseNo = n
		case g.FullGroup == "Yes" && n < doseNo, g.FullGroup != "Yes" && n > doseNo:
			doseNo = n
		}
		rec = minNonZero(rec, ps.fc.recommended)
		past = minNonZero(past, ps.fc.pastDue)
		latest = minNonZero(latest, ps.fc.latest)
		for _, v := range ps.fc.vaccines {
			if !containsStr(gf.Vaccines, v) {
				gf.Vaccines = append(gf.Vaccines, v)
			}
		}
	}
	gf.DoseNumber = strconv.Itoa(doseNo)
	gf.Earliest = datePtr(earliest)
	gf.Recommended = datePtr(maxTime(rec, earliest))
	if !past.IsZero() {
		gf.PastDue = datePtr(maxTime(past, earliest))
	}
	gf.Latest = datePtr(latest)
	return gf
}

// groupStatus is SINGLEANTVG-1 and table 9-4. Where the vaccine group need not be given whole
// ("administer full vaccine group" No: DTaP/Tdap/Td), an antigen still due outweighs a
// contraindicated one, as table 7-4 of the specification's version 2.1 decides (a child with
// encephalopathy after a pertussis vaccine still needs diphtheria and tetanus doses); where the
// whole group must be given (MMR), the contraindication stops the group.
func groupStatus(g *VaccineGroup, members []*patientSeries) string {
	has := map[string]int{}
	for _, ps := range members {
		has[ps.status]++
	}
	if g.FullGroup == "No" && has[SeriesContraindicated] > 0 && has[SeriesNotComplete] > 0 {
		return SeriesNotComplete
	}
	for _, st := range []string{SeriesContraindicated, SeriesAgedOut, SeriesNotRecommended, SeriesNotComplete} {
		if has[st] > 0 {
			return st
		}
	}
	if has[SeriesImmune] == len(members) {
		return SeriesImmune
	}
	return SeriesComplete
}

// groupEarliest is SINGLEANTVG-2 and MULTIANTVG-1.
func (r *run) groupEarliest(g *VaccineGroup, due []*patientSeries) time.Time {
	var first, last time.Time
	priority := false
	for _, ps := range due {
		first = minNonZero(first, ps.fc.earliest)
		last = maxTime(last, ps.fc.earliest)
		priority = priority || ps.fc.priority
	}
	if len(g.Antigens) <= 1 {
		return first
	}
	if !priority {
		return last
	}
	for _, d := range r.doses {
		if r.doseInGroup(d, g) {
			first = maxTime(first, d.Date)
		}
	}
	return first
}

// doseInGroup reports whether the vaccine carries an antigen of the group.
func (r *run) doseInGroup(d Dose, g *VaccineGroup) bool {
	e := r.d.CVX[d.CVX]
	if e == nil {
		return false
	}
	for _, a := range e.Associations {
		if containsStr(g.Antigens, a.Antigen) {
			return true
		}
	}
	return false
}

func minNonZero(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

func datePtr(t time.Time) *time.Time {
	if t.IsZero() || !t.Before(maxDate) {
		return nil
	}
	return &t
}

// GroupDoseStatus folds a dose's antigen evaluations within one vaccine group into one status
// for the group (a DTaP dose is judged for diphtheria, tetanus and pertussis): not valid if any
// antigen found it not valid, else valid if any found it valid, else the first status given.
// It returns "" when the dose carries no antigen of the group.
func GroupDoseStatus(evals []DoseEvaluation, group string) string {
	first, valid := "", false
	for _, e := range evals {
		if e.VaccineGroup != group {
			continue
		}
		if e.Status == StatusNotValid {
			return StatusNotValid
		}
		valid = valid || e.Status == StatusValid
		if first == "" {
			first = e.Status
		}
	}
	if valid {
		return StatusValid
	}
	return first
}
