package cdsi

import "time"

// canSkip is 6.2 (and 7.1, 7.6): can the target dose be skipped, judged at ref, looking at
// the records before upto? context is "Evaluation" or "Forecast"; skips marked "Both" serve
// either.
func (ps *patientSeries) canSkip(sd *SeriesDose, context string, ref time.Time, upto int) bool {
	for _, sk := range sd.Skips {
		if sk.Context != context && sk.Context != "Both" {
			continue
		}
		met, total := 0, 0
		for _, set := range sk.Sets {
			if ref.Before(set.Effective) || ref.After(set.Cessation) {
				continue
			}
			total++
			if ps.setMet(set, ref, upto) {
				met++
			}
		}
		if total == 0 {
			continue
		}
		if sk.SetLogic == "AND" && met == total || sk.SetLogic != "AND" && met > 0 {
			return true
		}
	}
	return false
}

// setMet is table 6-10.
func (ps *patientSeries) setMet(set SkipSet, ref time.Time, upto int) bool {
	met := 0
	for _, c := range set.Conditions {
		if ps.conditionMet(c, ref, upto) {
			met++
		}
	}
	if len(set.Conditions) == 0 {
		return false
	}
	if set.Logic == "OR" {
		return met > 0
	}
	return met == len(set.Conditions)
}

// conditionMet is tables 6-6 to 6-9.
func (ps *patientSeries) conditionMet(c SkipCondition, ref time.Time, upto int) bool {
	r := ps.ar.r
	switch c.Type {
	case "age":
		return r.inAgeWindow(ref, c.BeginAge, c.EndAge)
	case "interval":
		if upto == 0 {
			return false
		}
		prev := ps.ar.recs[upto-1].date
		return !ref.Before(c.Interval.dateOr(prev, minDate))
	case "completed series":
		return ps.ar.groupComplete(c.SeriesGroups, ps)
	case "vaccine count by age", "vaccine count by date", "vaccine count by date and age":
		return compareCount(ps.countDoses(c, upto), c.DoseCount, c.CountLogic)
	}
	return false
}

// countDoses is CONDSKIP-1: doses of the listed types, given in the age and date windows,
// counting only valid ones when the dose type says so.
func (ps *patientSeries) countDoses(c SkipCondition, upto int) int {
	r := ps.ar.r
	n := 0
	for j := 0; j < upto && j < len(ps.ar.recs); j++ {
		rec := ps.ar.recs[j]
		if len(c.VaccineTypes) > 0 && !containsStr(c.VaccineTypes, rec.cvx) {
			continue
		}
		if !r.inAgeWindow(rec.date, c.BeginAge, c.EndAge) {
			continue
		}
		if rec.date.Before(c.StartDate) || !rec.date.Before(c.EndDate) {
			continue
		}
		if c.DoseType == "valid" && ps.evals[j].status != StatusValid {
			continue
		}
		n++
	}
	return n
}

func compareCount(n, want int, logic string) bool {
	switch logic {
	case "greater than":
		return n > want
	case "equal to", "equal":
		return n == want
	case "less than":
		return n < want
	}
	return false
}

// groupComplete reports whether a relevant series in one of the series groups (other than the
// asking series) is complete; those series are worked out first if need be.
func (ar *antigenRun) groupComplete(groups []string, asking *patientSeries) bool {
	for _, ps := range ar.series {
		if ps == asking || !containsStr(groups, ps.s.Group) {
			continue
		}
		ps.ensure()
		if ps.state == 2 && ps.status == SeriesComplete {
			return true
		}
	}
	return false
}
