package cdsi

import "time"

// forecast is chapter 7 for one patient series: skip what can be skipped at the assessment
// date, settle the series status, and date the next target dose, re-forecasting when the
// dose would be skipped by the time it is due (7.6).
func (ps *patientSeries) forecast() {
	r := ps.ar.r
	ps.fc = seriesForecast{target: -1}
	ti := ps.firstOpen()
	for guard := 0; guard < 2*len(ps.targets)+8; guard++ {
		ti = ps.skipForForecast(ti, r.assess)
		if ti >= len(ps.targets) {
			ps.status = SeriesNotRecommended
			ps.fc.reason = "Not recommended at this time due to past immunization history"
			if ps.countSatisfied(false) > 0 {
				ps.status, ps.fc.reason = SeriesComplete, "Patient series is complete"
			}
			return
		}
		if ps.ar.immune() {
			ps.status, ps.fc.reason = SeriesImmune, "Patient has evidence of immunity"
			return
		}
		sd := ps.targets[ti].sd
		if ci, why := ps.ar.seriesContraindicated(sd); ci {
			ps.status, ps.fc.reason = SeriesContraindicated, "Patient has a contraindication: "+why
			return
		}
		fc := ps.forecastDates(ti)
		if st, why := ps.forecastNeed(sd, fc); st != "" {
			ps.status, ps.fc.reason = st, why
			return
		}
		if ps.canSkip(sd, "Forecast", fc.earliest, len(ps.ar.recs)) {
			ps.targets[ti].status = skipped
			ti++
			continue
		}
		ps.status, ps.fc = SeriesNotComplete, fc
		return
	}
	ps.status = SeriesNotRecommended
}

// firstOpen is the first target dose neither satisfied nor skipped.
func (ps *patientSeries) firstOpen() int {
	for i, t := range ps.targets {
		if t.status == notSatisfied {
			return i
		}
	}
	return len(ps.targets)
}

func (ps *patientSeries) skipForForecast(ti int, ref time.Time) int {
	for ti < len(ps.targets) && ps.canSkip(ps.targets[ti].sd, "Forecast", ref, len(ps.ar.recs)) {
		ps.targets[ti].status = skipped
		ti++
	}
	return ti
}

// forecastNeed is the rest of table 7-10 once a target dose remains: the season and the
// maximum age.
func (ps *patientSeries) forecastNeed(sd *SeriesDose, fc seriesForecast) (string, string) {
	r := ps.ar.r
	if sd.Season != nil && r.assess.After(sd.Season.End) {
		return SeriesNotRecommended, "Past seasonal recommendation end date"
	}
	maxAge := maxDate
	if a := ageRuleOn(sd, r.assess); a != nil {
		maxAge = a.Max.dateOr(r.p.DOB, maxDate)
	}
	if !r.assess.Before(maxAge) {
		return SeriesAgedOut, "Patient has exceeded the maximum age"
	}
	if !fc.earliest.Before(maxAge) {
		return SeriesAgedOut, "Patient is unable to finish the series prior to the maximum age"
	}
	return "", ""
}

// countSatisfied counts satisfied target doses; seasonal ones count only for doses given on or
// after the season start when season is true (FORECASTDN-1).
func (ps *patientSeries) countSatisfied(season bool) int {
	n := 0
	for _, t := range ps.targets {
		if t.status != satisfied {
			continue
		}
		if season && t.sd.Season != nil && t.rec >= 0 && ps.ar.recs[t.rec].date.Before(t.sd.Season.Start) {
			continue
		}
		n++
	}
	return n
}

// forecastDates is 7.4's candidate earliest date and 7.5's dates for target ti.
func (ps *patientSeries) forecastDates(ti int) seriesForecast {
	r := ps.ar.r
	sd := ps.targets[ti].sd
	dob := r.p.DOB
	fc := seriesForecast{target: ti}
	var earliest time.Time
	later := func(d time.Time) {
		if d.After(earliest) {
			earliest = d
		}
	}
	a := ageRuleOn(sd, r.assess)
	if a != nil && a.Min.Set {
		later(a.Min.AddTo(dob))
	}
	var recInt, lateInt time.Time
	ivs := intervalsOn(sd.Intervals, r.assess)
	fc.priority = len(ivs) > 0
	for _, iv := range ivs {
		fc.priority = fc.priority && iv.Priority
		ref, ok := ps.refDate(iv, len(ps.ar.recs))
		if !ok {
			continue
		}
		if iv.Min.Set {
			later(iv.Min.AddTo(ref))
		}
		if iv.EarliestRec.Set {
			recInt = maxTime(recInt, iv.EarliestRec.AddTo(ref))
		}
		if iv.LatestRec.Set {
			lateInt = maxTime(lateInt, iv.LatestRec.AddTo(ref))
		}
	}
	if sd.Season != nil {
		later(sd.Season.Start)
	}
	for i, ev := range ps.evals {
		if ev.target >= 0 {
			later(ps.ar.recs[i].date)
		}
	}
	if earliest.IsZero() {
		earliest = dob
	}
	fc.earliest = ps.afterConflicts(ps.forecastCandidates(sd), earliest)
	ps.datesFrom(&fc, a, recInt, lateInt)
	fc.vaccines = ps.recommendedVaccines(sd, fc)
	fc.finish = ps.finishDate(ti, fc.earliest)
	return fc
}

// datesFrom fills the recommended, past-due and latest dates (FORECASTDT-2 to 6).
func (ps *patientSeries) datesFrom(fc *seriesForecast, a *AgeRule, recInt, lateInt time.Time) {
	dob := ps.ar.r.p.DOB
	switch {
	case a != nil && a.EarliestRec.Set:
		fc.unadjRec = a.EarliestRec.AddTo(dob)
	case !recInt.IsZero():
		fc.unadjRec = recInt
	default:
		fc.unadjRec = fc.earliest
	}
	fc.recommended = maxTime(fc.unadjRec, fc.earliest)
	switch {
	case a != nil && a.LatestRec.Set:
		fc.unadjPast = a.LatestRec.AddTo(dob).AddDate(0, 0, -1)
	case !lateInt.IsZero():
		fc.unadjPast = lateInt.AddDate(0, 0, -1)
	}
	if !fc.unadjPast.IsZero() {
		fc.pastDue = maxTime(fc.unadjPast, fc.earliest)
	}
	if a != nil && a.Max.Set {
		fc.latest = a.Max.AddTo(dob).AddDate(0, 0, -1)
	}
}

// forecastCandidates are the vaccine types the next dose would be given with: those the data
// marks for forecasting, or else every preferable vaccine.
func (ps *patientSeries) forecastCandidates(sd *SeriesDose) []string {
	var flagged, all []string
	for _, v := range sd.Preferable {
		all = append(all, v.CVX)
		if v.Forecast {
			flagged = append(flagged, v.CVX)
		}
	}
	if len(flagged) > 0 {
		return flagged
	}
	return all
}

// afterConflicts pushes the earliest date to the latest live-virus conflict end opened by
// doses already given (FORECASTDTCAN-1); when several vaccines could be used, the one free
// soonest decides.
func (ps *patientSeries) afterConflicts(cvxs []string, earliest time.Time) time.Time {
	r := ps.ar.r
	best := time.Time{}
	for _, cvx := range cvxs {
		d := earliest
		for _, c := range r.d.conflictsTo[cvx] {
			for k, dose := range r.doses {
				if dose.CVX != c.PreviousCVX {
					continue
				}
				end := c.MinEnd
				if st := ps.statusOfDose(k, len(ps.ar.recs)); st != "" && st != StatusValid {
					end = c.End
				}
				d = maxTime(d, end.dateOr(dose.Date, minDate))
			}
		}
		if best.IsZero() || d.Before(best) {
			best = d
		}
	}
	if best.IsZero() {
		return earliest
	}
	return best
}

// recommendedVaccines is FORECASTRECVAC-1.
func (ps *patientSeries) recommendedVaccines(sd *SeriesDose, fc seriesForecast) []string {
	r := ps.ar.r
	var out []string
	for _, v := range sd.Preferable {
		if !v.Forecast || ps.ar.vaccineContraindicated(v.CVX) {
			continue
		}
		if r.inAgeWindow(fc.earliest, v.BeginAge, v.EndAge) || r.inAgeWindow(fc.recommended, v.BeginAge, v.EndAge) {
			out = append(out, v.CVX)
		}
	}
	return out
}

// finishDate is SELECTB-12: when the series could be finished if every remaining dose were
// given at its minimum age and minimum intervals, counting intervals from earlier target doses.
func (ps *patientSeries) finishDate(ti int, earliest time.Time) time.Time {
	r := ps.ar.r
	dates := make([]time.Time, len(ps.s.Doses))
	for k := range dates {
		if k < len(ps.targets) && ps.targets[k].status == satisfied && ps.targets[k].rec >= 0 {
			dates[k] = ps.ar.recs[ps.targets[k].rec].date
		}
	}
	if ti < len(dates) {
		dates[ti] = earliest
	}
	f := earliest
	for k := ti + 1; k < len(ps.s.Doses); k++ {
		sd := ps.s.Doses[k]
		next := f
		for _, iv := range sd.Intervals {
			ref := time.Time{}
			switch {
			case iv.FromPrevious:
				ref = f
			case iv.FromTargetDose > 0 && iv.FromTargetDose <= k:
				ref = dates[iv.FromTargetDose-1]
			}
			if !ref.IsZero() && iv.Min.Set {
				next = maxTime(next, iv.Min.AddTo(ref))
			}
		}
		if a := ageRuleOn(sd, r.assess); a != nil && a.Min.Set {
			next = maxTime(next, a.Min.AddTo(r.p.DOB))
		}
		dates[k], f = next, next
	}
	return f
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// forecastDoseNumber is FORECASTDN-1: satisfied target doses plus one, where a seasonal dose
// counts only when given in the current season.
func (ps *patientSeries) forecastDoseNumber() int {
	return ps.countSatisfied(true) + 1
}
