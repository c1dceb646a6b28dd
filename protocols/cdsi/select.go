package cdsi

import (
	"sort"
	"time"
)

// bestSeries is chapter 8: one prioritized series per series group, then the best among them.
func (ar *antigenRun) bestSeries() []*patientSeries {
	var groups []string
	byGroup := map[string][]*patientSeries{}
	for _, ps := range ar.series {
		if _, seen := byGroup[ps.s.Group]; !seen {
			groups = append(groups, ps.s.Group)
		}
		byGroup[ps.s.Group] = append(byGroup[ps.s.Group], ps)
	}
	prioritized := map[string]*patientSeries{}
	for _, g := range groups {
		if p := prioritize(byGroup[g]); p != nil {
			prioritized[g] = p
		}
	}
	var best []*patientSeries
	for _, g := range groups {
		p := prioritized[g]
		if p != nil && isBest(p, prioritized) {
			best = append(best, p)
		}
	}
	return best
}

// isBest is table 8-14.
func isBest(p *patientSeries, prioritized map[string]*patientSeries) bool {
	if p.status == SeriesComplete {
		return true
	}
	if p.s.Type == "Evaluation Only" {
		return false
	}
	for _, eq := range p.s.EquivalentGroups {
		o := prioritized[eq]
		if o == nil || o == p {
			continue
		}
		if o.status == SeriesComplete {
			return false
		}
		if p.s.Type == "Standard" && o.s.Type == "Risk" {
			return false
		}
	}
	return true
}

// prioritize is 8.1 to 8.7 for one series group.
func prioritize(group []*patientSeries) *patientSeries {
	scorable := scorableSeries(group)
	var def *patientSeries
	for _, ps := range group {
		if ps.s.Default && def == nil {
			def = ps
		}
	}
	if len(scorable) == 0 {
		return def
	}
	if len(scorable) == 1 {
		return scorable[0]
	}
	var complete, inProcess []*patientSeries
	for _, ps := range scorable {
		switch {
		case ps.status == SeriesComplete:
			complete = append(complete, ps)
		case ps.status == SeriesNotComplete && ps.validDoses() > 0:
			inProcess = append(inProcess, ps)
		}
	}
	switch {
	case len(complete) == 1:
		return complete[0]
	case len(complete) == 0 && len(inProcess) == 1:
		return inProcess[0]
	case len(complete) == 0 && len(inProcess) == 0 && def != nil:
		return def
	case len(complete) >= 2:
		return pickByScore(complete, scoreComplete(complete))
	case len(inProcess) >= 2:
		return pickByScore(inProcess, scoreInProcess(inProcess))
	}
	var none []*patientSeries
	for _, ps := range scorable {
		if ps.validDoses() == 0 {
			none = append(none, ps)
		}
	}
	if len(none) == 0 {
		none = scorable
	}
	return pickByScore(none, scoreNoValid(none))
}

// scorableSeries applies SELECTB-24 and SELECTSCORE-2.
func scorableSeries(group []*patientSeries) []*patientSeries {
	allContra, hasDefault, allZero := true, false, true
	bestPriority := ""
	for _, ps := range group {
		allContra = allContra && ps.status == SeriesContraindicated
		hasDefault = hasDefault || ps.s.Default
		allZero = allZero && ps.validDoses() == 0
		if bestPriority == "" || ps.s.Priority < bestPriority {
			bestPriority = ps.s.Priority
		}
	}
	var out []*patientSeries
	for _, ps := range group {
		candidate := ps.status != SeriesContraindicated || allContra
		switch ps.s.Type {
		case "Risk":
			if candidate && ps.s.Priority == bestPriority {
				out = append(out, ps)
			}
		case "Standard":
			if !candidate {
				continue
			}
			if first, ok := ps.firstValidDate(); ok && first.Before(ps.s.MaxAgeToStart.dateOr(ps.ar.r.p.DOB, maxDate)) {
				out = append(out, ps)
			} else if allZero && !hasDefault {
				out = append(out, ps)
			}
		case "Evaluation Only":
			if ps.status == SeriesComplete {
				out = append(out, ps)
			}
		}
	}
	return out
}

// validDoses is SELECTB-21: the number of satisfied target doses.
func (ps *patientSeries) validDoses() int { return ps.countSatisfied(false) }

func (ps *patientSeries) firstValidDate() (t0 time.Time, ok bool) {
	for i, ev := range ps.evals {
		if ev.status == StatusValid {
			return ps.ar.recs[i].date, true
		}
	}
	return t0, false
}

// pickByScore is SELECTBEST-1 and 2: the highest score, ties going to the best preference.
func pickByScore(list []*patientSeries, scores []int) *patientSeries {
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if scores[idx[a]] != scores[idx[b]] {
			return scores[idx[a]] > scores[idx[b]]
		}
		return list[idx[a]].s.Preference < list[idx[b]].s.Preference
	})
	return list[idx[0]]
}
