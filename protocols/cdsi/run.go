package cdsi

import (
	"sort"
	"strings"
	"time"
)

// run holds one patient's assessment while the engine works through it.
type run struct {
	d      *Data
	p      *Patient
	gender string
	assess time.Time
	obs    map[string]time.Time // active observation codes, with their date when known
	doses  []Dose               // with normalised CVX codes
}

// antigenRun is one antigen for one patient: its antigen administered records and the
// relevant patient series (chapter 4.2 and 5).
type antigenRun struct {
	r      *run
	ag     *Antigen
	recs   []record
	series []*patientSeries
}

// record is an antigen administered record: one antigen of one dose given.
type record struct {
	dose int // index into run.doses
	date time.Time
	cvx  string
	mvx  string
}

// target is a target dose of a patient series.
type target struct {
	sd     *SeriesDose
	number int // 1-based position in the series, recurring copies included
	status targetStatus
	rec    int // the record that satisfied it, or -1
}

type targetStatus int

const (
	notSatisfied targetStatus = iota
	satisfied
	skipped
)

// evaluation is a record's result in one patient series.
type evaluation struct {
	status      string // "" when the record was never reached
	reason      string
	target      int // index into targets, or -1
	inadvertent bool
}

// patientSeries is a relevant patient series with its evaluation and forecast.
type patientSeries struct {
	ar      *antigenRun
	s       *Series
	targets []target
	evals   []evaluation
	status  string
	fc      seriesForecast
	state   int // 0 not started, 1 in progress, 2 done
}

// seriesForecast is a patient series forecast (chapter 7). Zero dates mean "none".
type seriesForecast struct {
	target               int // the target dose forecast, or -1
	earliest, latest     time.Time
	recommended, pastDue time.Time
	unadjRec, unadjPast  time.Time
	reason               string
	vaccines             []string
	finish               time.Time // forecast finish date, for scoring
	priority             bool      // FORECASTPRIORITY-1
}

// organize turns the dose history into antigen administered records, sorted by date (4.2).
func (r *run) organize(antigen string) []record {
	var recs []record
	for i, d := range r.doses {
		e := r.d.CVX[d.CVX]
		if e == nil {
			continue
		}
		for _, a := range e.Associations {
			if a.Antigen != antigen {
				continue
			}
			if d.Date.Before(a.BeginAge.dateOr(r.p.DOB, minDate)) || !d.Date.Before(a.EndAge.dateOr(r.p.DOB, maxDate)) {
				continue
			}
			recs = append(recs, record{dose: i, date: d.Date, cvx: d.CVX, mvx: d.MVX})
			break
		}
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].date.Before(recs[j].date) })
	return recs
}

// genderName maps the clinic's F/M codes to the data's words.
func genderName(g string) string {
	switch strings.ToLower(strings.TrimSpace(g)) {
	case "f", "female":
		return "Female"
	case "m", "male":
		return "Male"
	}
	return "Unknown"
}

// relevant reports whether a series applies to the patient (chapter 5, tables 5-4 and 5-5).
// With anyAge, an indication applies whatever the patient's age (see newAntigenRun).
func (r *run) relevant(s *Series, anyAge bool) bool {
	if len(s.Genders) > 0 {
		ok := false
		for _, g := range s.Genders {
			if g == r.gender {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if s.Type != "Risk" {
		return true
	}
	for _, in := range s.Indications {
		if _, has := r.obs[in.Code]; !has {
			continue
		}
		if anyAge || r.inAgeWindow(r.assess, in.BeginAge, in.EndAge) {
			return true
		}
	}
	return false
}

// inAgeWindow reports begin age date <= d < end age date, empty ages being unbounded.
func (r *run) inAgeWindow(d time.Time, begin, end Span) bool {
	return !d.Before(begin.dateOr(r.p.DOB, minDate)) && d.Before(end.dateOr(r.p.DOB, maxDate))
}

// newAntigenRun creates the antigen's relevant patient series (5.1). An antigen with risk
// series only (dengue, orthopoxvirus, rabies, yellow fever, ...) is vaccinated for nothing but
// the indication; when the patient has the indication's observation but is not yet (or no
// longer) of the indication's age, its series are still created, so that the forecast says when
// the first dose becomes due, or that the patient aged out, rather than saying nothing at all.
// Antigens with a standard series keep the age window of table 5-4: their standard series
// answers for the other ages.
func newAntigenRun(r *run, ag *Antigen) *antigenRun {
	ar := &antigenRun{r: r, ag: ag, recs: r.organize(ag.Name)}
	for _, anyAge := range []bool{false, true} {
		for _, s := range ag.Series {
			if r.relevant(s, anyAge) {
				ar.series = append(ar.series, &patientSeries{ar: ar, s: s})
			}
		}
		if len(ar.series) > 0 || !riskOnly(ag) {
			break
		}
	}
	return ar
}

// riskOnly reports whether every series of the antigen is a risk series.
func riskOnly(ag *Antigen) bool {
	for _, s := range ag.Series {
		if s.Type != "Risk" {
			return false
		}
	}
	return true
}

// ensure evaluates and forecasts a series once; a series asked about while it is itself being
// worked out (a completed-series condition pointing back at it) counts as not complete.
func (ps *patientSeries) ensure() {
	if ps.state != 0 {
		return
	}
	ps.state = 1
	ps.evaluate()
	ps.forecast()
	ps.state = 2
}
