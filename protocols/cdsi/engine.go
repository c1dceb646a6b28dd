package cdsi

import (
	"fmt"
	"strings"
	"time"
)

// Engine evaluates immunization histories against one release of the supporting data. It holds
// no per-patient state, so one Engine serves concurrent callers.
type Engine struct {
	d *Data
}

// New returns an engine over loaded supporting data.
func New(d *Data) *Engine { return &Engine{d: d} }

// NewDefault returns an engine over the supporting data embedded in the binary.
func NewDefault() (*Engine, error) {
	d, err := Default()
	if err != nil {
		return nil, err
	}
	return New(d), nil
}

// Data is the supporting data the engine uses.
func (e *Engine) Data() *Data { return e.d }

// InputError is a problem with the patient or history given to the engine. Field names the
// offending input the way the JSON request spells it (e.g. "doses[2].cvx").
type InputError struct {
	Field   string
	Message string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

// Evaluate runs the whole CDSi process (chapters 4 to 9) for one patient as of assessment:
// every dose evaluated, every vaccine group forecast.
func (e *Engine) Evaluate(p Patient, assessment time.Time) (Result, error) {
	r, err := e.newRun(&p, assessment)
	if err != nil {
		return Result{}, err
	}
	res := Result{Doses: make([]DoseResult, len(r.doses))}
	for i, d := range p.Doses {
		res.Doses[i].Dose = d
	}
	for _, g := range e.d.Groups {
		byType := map[string][]*patientSeries{} // series type -> one series per antigen
		for _, an := range g.Antigens {
			ar := newAntigenRun(r, e.d.Antigens[an])
			for _, ps := range ar.series {
				ps.ensure()
			}
			best := ar.bestSeries()
			ar.report(&res, g.Name, best)
			for typ, list := range splitByType(best) {
				byType[typ] = append(byType[typ], forecastSeries(list))
			}
		}
		for _, typ := range []string{"Standard", "Risk"} {
			if len(byType[typ]) > 0 {
				gf := r.groupForecast(g, byType[typ])
				gf.SeriesType = typ
				res.Groups = append(res.Groups, gf)
			}
		}
	}
	return res, nil
}

// splitByType keeps standard and risk best series apart: chapter 9 blends only series of the
// same type into a vaccine group forecast. Evaluation-only series count as standard.
func splitByType(best []*patientSeries) map[string][]*patientSeries {
	out := map[string][]*patientSeries{}
	for _, ps := range best {
		typ := ps.s.Type
		if typ != "Risk" {
			typ = "Standard"
		}
		out[typ] = append(out[typ], ps)
	}
	return out
}

// Group returns the forecast for a vaccine group. A group may have a standard and a risk
// forecast; seriesType picks one ("Standard" or "Risk"), and "" picks the risk forecast when
// there is one, since it answers for the condition the patient has now.
func (res Result) Group(name, seriesType string) (GroupForecast, bool) {
	var pick GroupForecast
	found := false
	for _, g := range res.Groups {
		if g.Name != name || seriesType != "" && g.SeriesType != seriesType {
			continue
		}
		if !found || g.SeriesType == "Risk" {
			pick, found = g, true
		}
	}
	return pick, found
}

// report adds the antigen's verdict on each of its doses, taken from the series that judges
// the antigen's history (reportSeries).
func (ar *antigenRun) report(res *Result, group string, best []*patientSeries) {
	if len(ar.recs) == 0 {
		return
	}
	src := reportSeries(best)
	for i, rec := range ar.recs {
		ev := DoseEvaluation{VaccineGroup: group, Antigen: ar.ag.Name}
		if src == nil {
			ev.Status, ev.Reason = StatusExtraneous, "No series of this antigen applies to the patient"
		} else {
			ps := validIn(best, src, i)
			e := ps.evals[i]
			ev.Series, ev.Status, ev.Reason = ps.s.Name, e.status, e.reason
			if e.target >= 0 {
				ev.DoseNumber = ps.targets[e.target].sd.Number
			}
		}
		dr := &res.Doses[rec.dose]
		dr.Evaluations = append(dr.Evaluations, ev)
	}
}

// reportSeries picks the best series whose evaluations are reported for the antigen's doses:
// a risk best series when there is one, since the group's answer (Result.Group) then comes from
// the risk forecast and a dose is judged by the series that forecasts the next one (a PPSV23
// dose that finishes nothing in a complete childhood series still counts in the risk series);
// among series of that type, the one with the most valid doses.
func reportSeries(best []*patientSeries) *patientSeries {
	var src *patientSeries
	for _, ps := range best {
		switch {
		case src == nil:
			src = ps
		case (ps.s.Type == "Risk") != (src.s.Type == "Risk"):
			if ps.s.Type == "Risk" {
				src = ps
			}
		case ps.validDoses() > src.validDoses():
			src = ps
		}
	}
	return src
}

// validIn is the series that judges record i: src, unless src does not count the dose and
// another best series does. Each best series is needed to protect the patient (8.8), so a dose
// that counts in one of them was a valid dose: the infant PCV doses of a child with asplenia
// count in the completed childhood series though the risk series, which starts at 2 years,
// cannot use them.
func validIn(best []*patientSeries, src *patientSeries, i int) *patientSeries {
	if src.evals[i].status == StatusValid {
		return src
	}
	for _, ps := range best {
		if ps.evals[i].status == StatusValid {
			return ps
		}
	}
	return src
}

// newRun checks the input and prepares the per-patient state.
func (e *Engine) newRun(p *Patient, assessment time.Time) (*run, error) {
	if p.DOB.IsZero() {
		return nil, &InputError{"dob", "date of birth is required"}
	}
	if assessment.IsZero() {
		return nil, &InputError{"assessment_date", "assessment date is required"}
	}
	p.DOB = dayOf(p.DOB)
	assessment = dayOf(assessment)
	if assessment.Before(p.DOB) {
		return nil, &InputError{"assessment_date", "assessment date is before the date of birth"}
	}
	r := &run{d: e.d, p: p, gender: genderName(p.Gender), assess: assessment, obs: map[string]time.Time{}}
	for i, d := range p.Doses {
		f := fmt.Sprintf("doses[%d]", i)
		if d.Date.IsZero() {
			return nil, &InputError{f + ".date", "dose date is required"}
		}
		d.Date = dayOf(d.Date)
		switch {
		case d.Date.Before(p.DOB):
			return nil, &InputError{f + ".date", "dose date is before the date of birth"}
		case d.Date.After(assessment):
			return nil, &InputError{f + ".date", "dose date is after the assessment date"}
		}
		d.CVX = normCVX(d.CVX)
		if d.CVX == "" {
			return nil, &InputError{f + ".cvx", "CVX code is required"}
		}
		if e.d.CVX[d.CVX] == nil {
			return nil, &InputError{f + ".cvx", fmt.Sprintf("unknown CVX code %q", d.CVX)}
		}
		d.MVX = strings.ToUpper(strings.TrimSpace(d.MVX))
		r.doses = append(r.doses, d)
	}
	for i, o := range p.Observations {
		code := strings.TrimSpace(o.Code)
		if code == "" {
			return nil, &InputError{fmt.Sprintf("observations[%d]", i), "observation code is empty"}
		}
		if _, known := e.d.Observations[code]; !known && len(code) < 3 && strings.Trim(code, "0123456789") == "" {
			code = strings.Repeat("0", 3-len(code)) + code // "7" is "007"
		}
		if _, known := e.d.Observations[code]; !known {
			return nil, &InputError{fmt.Sprintf("observations[%d]", i), fmt.Sprintf("unknown observation code %q", code)}
		}
		// CALCDTINT-9 measures from the most recent observation of the code (the onset of
		// this pregnancy, not of an earlier one).
		if d := dayOf(o.Date); d.After(r.obs[code]) || !hasObs(r.obs, code) {
			r.obs[code] = d
		}
	}
	return r, nil
}

func hasObs(obs map[string]time.Time, code string) bool {
	_, ok := obs[code]
	return ok
}

// dayOf drops the time of day: the rules work in whole calendar days.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
