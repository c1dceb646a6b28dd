package cdsi

import "time"

// award gives each series points for one condition of tables 8-7, 8-9 and 8-11: one value when
// the condition holds for it alone, another when it holds for two or more, a third when not.
func award(scores []int, holds []bool, alone, shared, not int) {
	n := 0
	for _, h := range holds {
		if h {
			n++
		}
	}
	for i, h := range holds {
		switch {
		case h && n == 1:
			scores[i] += alone
		case h:
			scores[i] += shared
		default:
			scores[i] += not
		}
	}
}

// scoreComplete is table 8-7.
func scoreComplete(list []*patientSeries) []int {
	scores := make([]int, len(list))
	award(scores, mostValid(list), 1, 0, -1)
	return scores
}

// scoreInProcess is table 8-9.
func scoreInProcess(list []*patientSeries) []int {
	scores := make([]int, len(list))
	product := make([]bool, len(list))
	completable := make([]bool, len(list))
	closest := make([]bool, len(list))
	earliest := make([]bool, len(list))
	remaining := make([]int, len(list))
	for i, ps := range list {
		product[i] = ps.s.ProductPath && ps.allValid()
		completable[i] = ps.completable()
		remaining[i] = ps.remaining()
	}
	for i := range list {
		closest[i] = true
		for j := range list {
			if j != i && remaining[j] <= remaining[i] {
				closest[i] = false
			}
		}
		earliest[i] = completable[i]
		for j := range list {
			if j != i && completable[j] && list[j].fc.finish.Before(list[i].fc.finish) {
				earliest[i] = false
			}
		}
	}
	award(scores, product, 2, 2, -2)
	award(scores, completable, 3, 3, -3)
	award(scores, mostValid(list), 2, 0, -2)
	award(scores, closest, 2, 0, -2)
	award(scores, earliest, 1, 0, -1)
	return scores
}

// scoreNoValid is table 8-11.
func scoreNoValid(list []*patientSeries) []int {
	scores := make([]int, len(list))
	start := make([]bool, len(list))
	completable := make([]bool, len(list))
	product := make([]bool, len(list))
	for i, ps := range list {
		completable[i] = ps.completable()
		product[i] = ps.s.ProductPath
		si, ok := ps.forecastStart()
		start[i] = ok
		for j, o := range list {
			if sj, ok2 := o.forecastStart(); ok && j != i && ok2 && !si.Before(sj) {
				start[i] = false
			}
		}
	}
	award(scores, start, 1, 0, -1)
	award(scores, completable, 1, 1, -1)
	award(scores, product, -1, -1, 1)
	return scores
}

// mostValid is SELECTB-19.
func mostValid(list []*patientSeries) []bool {
	top := 0
	for _, ps := range list {
		if v := ps.validDoses(); v > top {
			top = v
		}
	}
	out := make([]bool, len(list))
	for i, ps := range list {
		out[i] = ps.validDoses() == top
	}
	return out
}

// allValid is SELECTB-2: every dose evaluated in the series is valid.
func (ps *patientSeries) allValid() bool {
	for _, ev := range ps.evals {
		if ev.status != "" && ev.status != StatusValid {
			return false
		}
	}
	return true
}

// completable is SELECTB-3: the series can be finished before the last dose's maximum age.
func (ps *patientSeries) completable() bool {
	if ps.status != SeriesNotComplete {
		return false
	}
	last := ps.s.Doses[len(ps.s.Doses)-1]
	maxAge := maxDate
	if a := ageRuleOn(last, ps.ar.r.assess); a != nil {
		maxAge = a.Max.dateOr(ps.ar.r.p.DOB, maxDate)
	}
	return ps.fc.finish.Before(maxAge)
}

// remaining counts target doses still to be satisfied (SELECTB-5).
func (ps *patientSeries) remaining() int {
	n := 0
	for _, t := range ps.targets {
		if t.status == notSatisfied {
			n++
		}
	}
	return n
}

// forecastStart is SELECTB-13 (version 2.1, which defines the "start date" SELECTB-14 compares):
// the forecast earliest date of a series with no valid dose, when it has a forecast.
func (ps *patientSeries) forecastStart() (time.Time, bool) {
	if ps.validDoses() > 0 || ps.status != SeriesNotComplete || ps.fc.earliest.IsZero() {
		return time.Time{}, false
	}
	return ps.fc.earliest, true
}

// startDate is the date the series may start (minimum age to start), when it has one.
func (ps *patientSeries) startDate() (time.Time, bool) {
	if !ps.s.MinAgeToStart.Set {
		return time.Time{}, false
	}
	return ps.s.MinAgeToStart.AddTo(ps.ar.r.p.DOB), true
}
