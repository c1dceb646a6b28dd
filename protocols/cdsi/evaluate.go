package cdsi

// evaluate walks the antigen administered records against the target doses (figure 4-6):
// a record that satisfies the current target moves the series on to the next one; one that
// does not leaves the target waiting for a later record.
func (ps *patientSeries) evaluate() {
	recs := ps.ar.recs
	ps.evals = make([]evaluation, len(recs))
	ps.targets = ps.targets[:0]
	for i, sd := range ps.s.Doses {
		ps.targets = append(ps.targets, target{sd: sd, number: i + 1, rec: -1})
	}
	ti := 0
	for i := range recs {
		ps.evals[i].target = -1
		ti = ps.skipForEvaluation(ti, i)
		if ti >= len(ps.targets) {
			ps.evals[i].status = StatusExtraneous
			ps.evals[i].reason = "Series already complete"
			continue
		}
		ps.evals[i].target = ti
		if ps.evaluateRecord(i, ti) {
			ps.targets[ti].status = satisfied
			ps.targets[ti].rec = i
			ti++
			ps.addRecurring(ti)
		}
	}
}

// skipForEvaluation skips every target dose, from ti on, whose evaluation conditional skip is
// met for record i (6.2), and returns the target the record is to be evaluated against.
func (ps *patientSeries) skipForEvaluation(ti, i int) int {
	for ti < len(ps.targets) && ps.canSkip(ps.targets[ti].sd, "Evaluation", ps.ar.recs[i].date, i) {
		ps.targets[ti].status = skipped
		ti++
	}
	return ti
}

// addRecurring follows a satisfied recurring target dose (the one just before ti) with a copy
// of itself, so that later doses are judged against it again (4.4 step 6; yearly and
// seasonal doses recur before the series moves on).
func (ps *patientSeries) addRecurring(ti int) {
	if ti == 0 || ti > len(ps.targets) {
		return
	}
	prev := ps.targets[ti-1]
	if !prev.sd.Recurring || prev.status != satisfied {
		return
	}
	cp := target{sd: prev.sd, number: prev.number, rec: -1}
	ps.targets = append(ps.targets, target{})
	copy(ps.targets[ti+1:], ps.targets[ti:])
	ps.targets[ti] = cp
}

// evaluateRecord judges record i against target ti (6.3 to 6.10) and reports whether the
// target dose is satisfied.
func (ps *patientSeries) evaluateRecord(i, ti int) bool {
	rec := ps.ar.recs[i]
	sd := ps.targets[ti].sd
	ev := &ps.evals[i]
	if containsStr(sd.Inadvertent, rec.cvx) {
		ev.status, ev.reason, ev.inadvertent = StatusNotValid, "Inadvertent Administration", true
		return false
	}
	age := ps.ageCheck(rec, sd)
	if age == ageTooOld {
		ev.status, ev.reason = StatusExtraneous, "Too old"
		return false
	}
	var reasons []string
	valid := true
	switch age {
	case ageTooYoung:
		valid = false
		reasons = append(reasons, "Too young")
	case ageGrace:
		reasons = append(reasons, "Grace period")
	}
	if ok, why := ps.intervalCheck(i, sd); !ok {
		valid = false
		reasons = append(reasons, why)
	} else if why != "" {
		reasons = append(reasons, why)
	}
	if ps.ar.r.inConflict(ps, i) {
		valid = false
		reasons = append(reasons, "Live virus conflict")
	}
	if ok, why := ps.vaccineCheck(rec, sd); !ok {
		valid = false
		reasons = append(reasons, why)
	}
	ev.reason = joinReasons(reasons)
	if !valid {
		ev.status = StatusNotValid
		return false
	}
	ev.status = StatusValid
	return true
}

func joinReasons(rs []string) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += "; "
		}
		out += r
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
