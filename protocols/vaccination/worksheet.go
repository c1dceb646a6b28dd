package vaccination

import (
	"time"

	"github.com/mhac-clinic/mhac/protocols/cdsi"
)

// Status of a DS-3025 line.
const (
	StatusComplete    = "complete"     // requirement met (valid doses, or immunity)
	StatusGiveToday   = "give_today"   // a dose is due: give it at the exam
	StatusNotRequired = "not_required" // not medically appropriate now; ReasonCode says why
)

// The DS-3025 "not medically appropriate" reasons.
const (
	ReasonNotAgeAppropriate     = "not_age_appropriate"
	ReasonInsufficientInterval  = "insufficient_time_interval"
	ReasonContraindicated       = "contraindicated"
	ReasonNotFluSeason          = "not_flu_season"
	ReasonNotRoutinelyAvailable = "not_routinely_available"
)

// ReasonText is the form's wording for each reason code.
var ReasonText = map[string]string{
	ReasonNotAgeAppropriate:     "Not age appropriate",
	ReasonInsufficientInterval:  "Insufficient time interval",
	ReasonContraindicated:       "Contraindication",
	ReasonNotFluSeason:          "Not fall/flu season",
	ReasonNotRoutinelyAvailable: "Not routinely available",
}

// Facts is what the clinic passes in: the applicant, their written record, and the site.
type Facts struct {
	DOB          time.Time
	Gender       string // F, M or U
	BirthCountry string
	ExamDate     time.Time
	Doses        []cdsi.Dose
	Observations []cdsi.PatientObservation // CDSi observation codes (pregnancy, immunity, ...)
	// Unavailable lists the vaccines the site cannot get, by rule key (e.g. "rotavirus") or
	// CDSi vaccine group (e.g. "Rotavirus").
	Unavailable []string
	FluSeason   bool
}

// Worksheet is the DS-3025 content for one applicant.
type Worksheet struct {
	RulesVersion string
	ExamDate     time.Time
	Lines        []Line
	// RequirementsMet is true when no line asks for a dose today.
	RequirementsMet bool
}

// Line is one DS-3025 row.
type Line struct {
	Key          string
	Vaccine      string
	VaccineGroup string
	Status       string
	ReasonCode   string // set when Status is not_required
	Reason       string
	DosesGiven   []Dose
	GiveToday    bool
	GiveCVX      []string   // vaccines CDSi recommends for today's dose, when it names them
	NextDue      *time.Time // when the next dose is due, if one is
	Source       string
}

// Dose is a prior dose as the form lists it, with the CDSi verdict.
type Dose struct {
	Date   time.Time
	CVX    string
	Status string // Valid, Not Valid, Extraneous, ...
}

// Build evaluates the history with the CDSi engine and fills one line per vaccine the rule set
// names, whatever the applicant's age (a vaccine outside its ages is "not age appropriate").
func Build(eng *cdsi.Engine, rs *RuleSet, f Facts) (Worksheet, error) {
	res, err := eng.Evaluate(cdsi.Patient{DOB: f.DOB, Gender: f.Gender, BirthCountry: f.BirthCountry,
		Doses: f.Doses, Observations: f.Observations}, f.ExamDate)
	if err != nil {
		return Worksheet{}, err
	}
	ws := Worksheet{RulesVersion: rs.Version, ExamDate: f.ExamDate, RequirementsMet: true}
	for _, r := range rs.Vaccines {
		ln := line(r, rs, f, res)
		if ln.GiveToday {
			ws.RequirementsMet = false
		}
		ws.Lines = append(ws.Lines, ln)
	}
	return ws, nil
}

// line derives one row's status from the rule's ages and the group's CDSi forecast.
func line(r Rule, rs *RuleSet, f Facts, res cdsi.Result) Line {
	ln := Line{Key: r.Key, Vaccine: r.Name, VaccineGroup: r.Group, Source: r.Citation(rs), DosesGiven: priorDoses(res, r.Group)}
	if !r.appliesAt(f.DOB, f.ExamDate) {
		return ln.notRequired(ReasonNotAgeAppropriate, "Outside the ages the vaccine is required at")
	}
	gf, ok := needed(res, r.Group)
	if !ok {
		return ln.notRequired(ReasonNotAgeAppropriate, "No CDSi series applies to the applicant")
	}
	switch gf.Status {
	case cdsi.SeriesComplete, cdsi.SeriesImmune:
		ln.Status, ln.Reason = StatusComplete, gf.Status
		return ln
	case cdsi.SeriesContraindicated:
		return ln.notRequired(ReasonContraindicated, firstReason(gf))
	case cdsi.SeriesAgedOut:
		return ln.notRequired(ReasonNotAgeAppropriate, firstReason(gf))
	case cdsi.SeriesNotRecommended:
		return ln.notRecommended(r, gf)
	}
	ln.NextDue = gf.Earliest
	switch {
	case gf.Earliest == nil || gf.Earliest.After(f.ExamDate):
		if validCount(ln.DosesGiven) > 0 {
			return ln.notRequired(ReasonInsufficientInterval, "Next dose not due yet")
		}
		return ln.notRequired(ReasonNotAgeAppropriate, "First dose not due yet")
	case r.Seasonal && !f.FluSeason:
		return ln.notRequired(ReasonNotFluSeason, "Outside the influenza season")
	case unavailable(f.Unavailable, r):
		return ln.notRequired(ReasonNotRoutinelyAvailable, "The site cannot obtain this vaccine")
	}
	ln.Status, ln.GiveToday, ln.GiveCVX = StatusGiveToday, true, gf.Vaccines
	ln.Reason = "Dose " + gf.DoseNumber + " is due"
	return ln
}

// needed picks the group forecast that decides the line: a forecast with a dose due wins over
// a finished one, so that a risk series complete does not hide a standard dose still owed.
func needed(res cdsi.Result, group string) (cdsi.GroupForecast, bool) {
	var pick cdsi.GroupForecast
	found := false
	for _, g := range res.Groups {
		if g.Name != group {
			continue
		}
		if !found || g.Status == cdsi.SeriesNotComplete && pick.Status != cdsi.SeriesNotComplete {
			pick, found = g, true
		}
	}
	return pick, found
}

// notRecommended: CDSi needs no further dose. With valid doses the requirement is met; without
// any, the vaccine is not recommended at this age (or out of season, for influenza).
func (ln Line) notRecommended(r Rule, gf cdsi.GroupForecast) Line {
	if validCount(ln.DosesGiven) > 0 {
		ln.Status, ln.Reason = StatusComplete, firstReason(gf)
		return ln
	}
	if r.Seasonal {
		return ln.notRequired(ReasonNotFluSeason, firstReason(gf))
	}
	return ln.notRequired(ReasonNotAgeAppropriate, firstReason(gf))
}

func (ln Line) notRequired(code, why string) Line {
	ln.Status, ln.ReasonCode = StatusNotRequired, code
	ln.Reason = ReasonText[code]
	if why != "" {
		ln.Reason += ": " + why
	}
	return ln
}

// appliesAt reports whether the exam date falls in the rule's ages (and birth-date limit).
func (r Rule) appliesAt(dob, exam time.Time) bool {
	if !r.BornFrom.IsZero() && dob.Before(r.BornFrom) {
		return false
	}
	if exam.Before(r.MinAge.AddTo(dob)) {
		return false
	}
	return !r.MaxAge.Set || exam.Before(r.MaxAge.AddTo(dob))
}

func priorDoses(res cdsi.Result, group string) []Dose {
	var out []Dose
	for _, d := range res.Doses {
		if st := cdsi.GroupDoseStatus(d.Evaluations, group); st != "" {
			out = append(out, Dose{Date: d.Dose.Date, CVX: d.Dose.CVX, Status: st})
		}
	}
	return out
}

func validCount(ds []Dose) int {
	n := 0
	for _, d := range ds {
		if d.Status == cdsi.StatusValid {
			n++
		}
	}
	return n
}

func unavailable(list []string, r Rule) bool {
	for _, u := range list {
		if u == r.Key || u == r.Group {
			return true
		}
	}
	return false
}

func firstReason(gf cdsi.GroupForecast) string {
	if len(gf.Reasons) > 0 {
		return gf.Reasons[0]
	}
	return gf.Status
}
