package cdsi

import (
	"strings"
	"time"
)

type ageResult int

const (
	ageOK ageResult = iota
	ageGrace
	ageTooYoung
	ageTooOld
)

// ageRuleOn picks the age rule in force on d (effective and cessation dates inclusive).
func ageRuleOn(sd *SeriesDose, d time.Time) *AgeRule {
	for i := range sd.Ages {
		a := &sd.Ages[i]
		if !d.Before(a.Effective) && !d.After(a.Cessation) {
			return a
		}
	}
	return nil
}

// intervalsOn keeps the intervals in force on d.
func intervalsOn(list []Interval, d time.Time) []Interval {
	var out []Interval
	for _, iv := range list {
		if !d.Before(iv.Effective) && !d.After(iv.Cessation) {
			out = append(out, iv)
		}
	}
	return out
}

// ageCheck is table 6-15: absolute minimum age, minimum age (the gap between them is the
// grace period) and maximum age.
func (ps *patientSeries) ageCheck(rec record, sd *SeriesDose) ageResult {
	a := ageRuleOn(sd, rec.date)
	if a == nil {
		return ageOK
	}
	dob := ps.ar.r.p.DOB
	switch {
	case rec.date.Before(a.AbsMin.dateOr(dob, minDate)):
		return ageTooYoung
	case !rec.date.Before(a.Max.dateOr(dob, maxDate)):
		return ageTooOld
	case rec.date.Before(a.Min.dateOr(dob, minDate)):
		return ageGrace
	}
	return ageOK
}

// refDate finds the date an interval is measured from, for record i (or for the next dose
// when i == len(recs)). ok is false when the reference does not exist, and then the interval
// does not apply.
func (ps *patientSeries) refDate(iv Interval, i int) (time.Time, bool) {
	recs := ps.ar.recs
	switch {
	case iv.FromPrevious:
		for j := i - 1; j >= 0; j-- {
			ev := ps.evals[j]
			if (ev.status == StatusValid || ev.status == StatusNotValid) && !ev.inadvertent {
				return recs[j].date, true
			}
		}
	case iv.FromTargetDose > 0:
		k := iv.FromTargetDose - 1
		if k < len(ps.targets) && ps.targets[k].status == satisfied && ps.targets[k].rec >= 0 && ps.targets[k].rec < i {
			return recs[ps.targets[k].rec].date, true
		}
	case len(iv.FromMostRecent) > 0:
		return ps.ar.r.mostRecent(iv.FromMostRecent, ps.refLimit(i))
	case iv.FromObsCode != "":
		d, ok := ps.ar.r.obs[iv.FromObsCode]
		return d, ok && !d.IsZero()
	}
	return time.Time{}, false
}

// refLimit is the date before which earlier doses count: the record's own date, or just past
// the assessment date when forecasting.
func (ps *patientSeries) refLimit(i int) time.Time {
	if i < len(ps.ar.recs) {
		return ps.ar.recs[i].date
	}
	return ps.ar.r.assess.AddDate(0, 0, 1)
}

// mostRecent is the date of the latest dose of any of the CVX codes given before limit,
// across the whole history (the types may belong to another antigen).
func (r *run) mostRecent(cvx []string, limit time.Time) (time.Time, bool) {
	var best time.Time
	found := false
	for _, d := range r.doses {
		if d.Date.Before(limit) && containsStr(cvx, d.CVX) && (!found || d.Date.After(best)) {
			best, found = d.Date, true
		}
	}
	return best, found
}

// intervalCheck applies the preferable intervals (6.5) and, when they fail, the allowable
// intervals (6.6). It returns whether the dose passes and the reason to report.
func (ps *patientSeries) intervalCheck(i int, sd *SeriesDose) (bool, string) {
	date := ps.ar.recs[i].date
	ok, grace := true, false
	for _, iv := range intervalsOn(sd.Intervals, date) {
		ref, has := ps.refDate(iv, i)
		if !has {
			continue
		}
		switch {
		case date.Before(iv.AbsMin.dateOr(ref, minDate)):
			ok = false
		case date.Before(iv.Min.dateOr(ref, minDate)):
			grace = true
		}
	}
	if ok {
		if grace {
			return true, "Grace period"
		}
		return true, ""
	}
	allow := intervalsOn(sd.Allowables, date)
	if len(allow) == 0 {
		return false, "Too soon"
	}
	for _, iv := range allow {
		ref, has := ps.refDate(iv, i)
		if has && date.Before(iv.AbsMin.dateOr(ref, minDate)) {
			return false, "Too soon"
		}
	}
	return true, "Allowable interval"
}

// inConflict reports whether record i falls in a live-virus conflict window opened by an
// earlier dose of any vaccine (6.7).
func (r *run) inConflict(ps *patientSeries, i int) bool {
	cur := ps.ar.recs[i]
	for _, c := range r.d.conflictsTo[cur.cvx] {
		for k, d := range r.doses {
			if d.CVX != c.PreviousCVX || !d.Date.Before(cur.date) {
				continue
			}
			end := c.MinEnd
			if st := ps.statusOfDose(k, i); st != "" && st != StatusValid {
				end = c.End
			}
			if !cur.date.Before(c.Begin.dateOr(d.Date, minDate)) && cur.date.Before(end.dateOr(d.Date, maxDate)) {
				return true
			}
		}
	}
	return false
}

// statusOfDose is the status this series gave dose k, if k is one of its records before i.
func (ps *patientSeries) statusOfDose(k, i int) string {
	for j := 0; j < i && j < len(ps.ar.recs); j++ {
		if ps.ar.recs[j].dose == k {
			return ps.evals[j].status
		}
	}
	return ""
}

// vaccineCheck is 6.8 and 6.9: was the vaccine a preferable, or else an allowable, vaccine for
// the target dose, given at an age the vaccine type is meant for?
func (ps *patientSeries) vaccineCheck(rec record, sd *SeriesDose) (bool, string) {
	r := ps.ar.r
	typeMatched := false
	for _, v := range sd.Preferable {
		if v.CVX != rec.cvx {
			continue
		}
		typeMatched = true
		if !r.inAgeWindow(rec.date, v.BeginAge, v.EndAge) {
			continue
		}
		if v.MVX != "" && rec.mvx != "" && !strings.EqualFold(v.MVX, rec.mvx) {
			continue
		}
		return true, ""
	}
	for _, v := range sd.Allowable {
		if v.CVX != rec.cvx {
			continue
		}
		typeMatched = true
		if r.inAgeWindow(rec.date, v.BeginAge, v.EndAge) {
			return true, ""
		}
	}
	if typeMatched {
		return false, "Vaccine given outside the age range for its type"
	}
	return false, "Not a preferable or allowable vaccine"
}
