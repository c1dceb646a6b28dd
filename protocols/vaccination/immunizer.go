package vaccination

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/protocols/cdsi"
)

// Immunizer implements clinic.Immunizer with CDC's CDSi logic and the DS-3025 rule files.
type Immunizer struct {
	Engine *cdsi.Engine
	Rules  []*RuleSet
	// FluSeason says whether influenza vaccine is due on a day; nil means October through March,
	// the US season the DS-3025 asks about (CDSi's own window spans the whole year).
	FluSeason func(time.Time) bool
	// Unavailable lists vaccines the site cannot obtain (rule keys or CDSi vaccine groups).
	Unavailable []string
}

// NewImmunizer loads the CDSi data embedded in the binary and every DS-3025 rule file.
func NewImmunizer() (*Immunizer, error) {
	eng, err := cdsi.NewDefault()
	if err != nil {
		return nil, err
	}
	rules, err := LoadAll(eng.Data())
	if err != nil {
		return nil, err
	}
	return &Immunizer{Engine: eng, Rules: rules}, nil
}

// Vaccine implements clinic.Immunizer. The CDSi data keys codes without leading zeros; the clinic
// writes them as CDC's CVX table does, with at least two digits ("08").
func (im *Immunizer) Vaccine(cvx string) (clinic.Vaccine, bool) {
	key := strings.TrimLeft(strings.TrimSpace(cvx), "0")
	e, ok := im.Engine.Data().CVX[key]
	if !ok || key == "" {
		return clinic.Vaccine{CVX: cvx}, false
	}
	if len(key) < 2 {
		key = "0" + key
	}
	d := strings.ToLower(e.Description)
	return clinic.Vaccine{CVX: key, Name: e.Description,
		Unspecified: strings.Contains(d, "unspecified") || strings.Contains(d, "unknown")}, true
}

func (im *Immunizer) vaccines(cvx []string) []clinic.Vaccine {
	out := make([]clinic.Vaccine, 0, len(cvx))
	for _, c := range cvx {
		v, _ := im.Vaccine(c)
		out = append(out, v)
	}
	return out
}

// Worksheet implements clinic.Immunizer: it evaluates the history once for the dose grid and
// the forecast, and builds the DS-3025 lines with the rule file in force on the exam date.
func (im *Immunizer) Worksheet(ctx context.Context, f clinic.VaccinationFacts) (clinic.VaccinationView, error) {
	rs, err := InForce(im.Rules, f.ExamDate)
	if err != nil {
		return clinic.VaccinationView{}, clinic.Internal(err, "DS-3025 rules")
	}
	facts := Facts{DOB: f.BirthDate, Gender: gender(f.Sex), BirthCountry: f.CountryOfBirth,
		ExamDate: f.AssessOn, Unavailable: im.Unavailable, FluSeason: im.fluSeason(f.AssessOn)}
	for _, d := range f.Doses {
		facts.Doses = append(facts.Doses, cdsi.Dose{Date: d.Date, CVX: d.CVX, MVX: d.MVX})
	}
	if f.Pregnant {
		facts.Observations = append(facts.Observations, cdsi.PatientObservation{Code: "007"}) // CDSi: pregnant
	}
	for _, a := range f.ImmuneAntigens {
		if code := im.immunityCode(a); code != "" {
			facts.Observations = append(facts.Observations, cdsi.PatientObservation{Code: code})
		}
	}
	res, err := im.Engine.Evaluate(cdsi.Patient{DOB: facts.DOB, Gender: facts.Gender, BirthCountry: facts.BirthCountry,
		Doses: facts.Doses, Observations: facts.Observations}, facts.ExamDate)
	if err != nil {
		return clinic.VaccinationView{}, inputError(err)
	}
	ws, err := im.build(rs, facts, f.ExamDate)
	if err != nil {
		return clinic.VaccinationView{}, inputError(err)
	}
	view := clinic.VaccinationView{AssessedOn: f.AssessOn}
	for i, dr := range res.Doses {
		dv := clinic.DoseView{Dose: f.Doses[i]}
		dv.Vaccine = im.nameOf(f.Doses[i].CVX)
		for _, e := range dr.Evaluations {
			dv.Evaluations = append(dv.Evaluations, clinic.DoseEvaluation{VaccineGroup: e.VaccineGroup, Antigen: e.Antigen,
				Status: code(e.Status), Reason: e.Reason, DoseNumber: e.DoseNumber, Series: e.Series})
		}
		view.Doses = append(view.Doses, dv)
	}
	view.Forecast = im.forecast(res, rs, view.Doses)
	view.DS3025 = im.ds3025(ws, rs, res, f.Doses)
	return view, nil
}

// build fixes what is due today by the history as it stood before the exam, then counts the
// exam's own doses: a vaccine due at the start stays due until a valid dose of it is given. A
// forecast made after one live vaccine given today pushes the others four weeks away, though
// CDSi accepts them on the same day, and the nurse must still be asked for them.
func (im *Immunizer) build(rs *RuleSet, f Facts, exam time.Time) (Worksheet, error) {
	after, err := Build(im.Engine, rs, f)
	if err != nil {
		return after, err
	}
	before := f
	before.Doses, before.ExamDate = nil, exam
	for _, d := range f.Doses {
		if d.Date.Before(exam) {
			before.Doses = append(before.Doses, d)
		}
	}
	if len(before.Doses) == len(f.Doses) && f.ExamDate.Equal(exam) {
		return after, nil
	}
	start, err := Build(im.Engine, rs, before)
	if err != nil {
		return after, err
	}
	for i, l := range start.Lines {
		if l.GiveToday && !givenValid(after.Lines[i], exam) {
			after.Lines[i] = l
			after.RequirementsMet = false
		}
	}
	return after, nil
}

func givenValid(l Line, exam time.Time) bool {
	for _, d := range l.DosesGiven {
		if !d.Date.Before(exam) && d.Status == cdsi.StatusValid {
			return true
		}
	}
	return false
}

func (im *Immunizer) nameOf(cvx string) string {
	v, _ := im.Vaccine(cvx)
	return v.Name
}

func (im *Immunizer) fluSeason(on time.Time) bool {
	if im.FluSeason != nil {
		return im.FluSeason(on)
	}
	m := on.Month()
	return m >= time.October || m <= time.March
}

// forecast keeps the groups the DS-3025 names or the history holds: CDSi forecasts some thirty
// groups (rabies, yellow fever, ...) that would only crowd the nurse's screen.
func (im *Immunizer) forecast(res cdsi.Result, rs *RuleSet, doses []clinic.DoseView) []clinic.VaccineForecast {
	keep := map[string]bool{}
	for _, r := range rs.Vaccines {
		keep[r.Group] = true
	}
	for _, d := range doses {
		for _, e := range d.Evaluations {
			keep[e.VaccineGroup] = true
		}
	}
	var out []clinic.VaccineForecast
	for _, g := range res.Groups {
		if !keep[g.Name] {
			continue
		}
		out = append(out, clinic.VaccineForecast{VaccineGroup: g.Name, SeriesType: code(g.SeriesType), Status: code(g.Status),
			DoseNumber: g.DoseNumber, Earliest: g.Earliest, Recommended: g.Recommended, PastDue: g.PastDue,
			Latest: g.Latest, Reasons: g.Reasons, Vaccines: im.vaccines(g.Vaccines)})
	}
	return out
}

// ds3025 turns the worksheet into the clinic's lines, naming each counted dose by its id (the
// engine answers doses in the order given, so the index finds it).
func (im *Immunizer) ds3025(ws Worksheet, rs *RuleSet, res cdsi.Result, doses []clinic.Dose) *clinic.DS3025 {
	out := &clinic.DS3025{RulesVersion: ws.RulesVersion, RulesTitle: rs.Title, RequirementsMet: ws.RequirementsMet,
		DataVersion: "CDSi supporting data " + im.Engine.Data().Version}
	for _, s := range rs.Sources {
		out.Sources = append(out.Sources, strings.TrimSpace(s.Doc+" ("+s.Edition+") "+s.URL))
	}
	sort.Strings(out.Sources) // a map: fix the order
	for _, l := range ws.Lines {
		cl := clinic.DS3025Line{Key: l.Key, Vaccine: l.Vaccine, VaccineGroup: l.VaccineGroup, Status: l.Status,
			ReasonCode: reasonCodes[l.ReasonCode], Reason: l.Reason, GiveToday: l.GiveToday,
			GiveVaccines: im.vaccines(l.GiveCVX), NextDue: l.NextDue, Source: l.Source}
		for i, dr := range res.Doses {
			if st := cdsi.GroupDoseStatus(dr.Evaluations, l.VaccineGroup); st != "" {
				cl.Doses = append(cl.Doses, clinic.LineDose{DoseID: doses[i].ID, Date: doses[i].Date, CVX: doses[i].CVX, Status: code(st)})
			}
		}
		out.Lines = append(out.Lines, cl)
	}
	return out
}

// reasonCodes spell the worksheet's reasons as the form does.
var reasonCodes = map[string]string{
	"":                          "",
	ReasonNotAgeAppropriate:     clinic.ReasonNotAgeAppropriate,
	ReasonInsufficientInterval:  clinic.ReasonInsufficientInterval,
	ReasonContraindicated:       clinic.ReasonContraindication,
	ReasonNotFluSeason:          clinic.ReasonNotFluSeason,
	ReasonNotRoutinelyAvailable: clinic.ReasonNotRoutinelyAvailable,
}

// code spells a CDSi status as an API code: "Not Valid" → not_valid, "Sub-standard" → sub_standard.
func code(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(s))
}

func gender(sex string) string {
	switch sex {
	case "female":
		return "F"
	case "male":
		return "M"
	}
	return "U"
}

// inputError shows a history the engine cannot read as a validation problem, not a 500.
func inputError(err error) error {
	var ie *cdsi.InputError
	if errors.As(err, &ie) {
		return &clinic.Error{Code: clinic.EValidation, Message: "The vaccination record cannot be evaluated: " + ie.Message,
			Fields: []clinic.FieldError{{Field: "vaccinations", Code: "invalid", Message: ie.Error()}}}
	}
	return clinic.Internal(err, "evaluate vaccinations")
}

// Vaccines implements clinic.Immunizer: every CVX code of the CDSi data, in code order.
func (im *Immunizer) Vaccines() []clinic.Vaccine {
	out := make([]clinic.Vaccine, 0, len(im.Engine.Data().CVX))
	for key := range im.Engine.Data().CVX {
		v, _ := im.Vaccine(key)
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].CVX) != len(out[j].CVX) {
			return len(out[i].CVX) < len(out[j].CVX)
		}
		return out[i].CVX < out[j].CVX
	})
	return out
}

// cdsiAntigens name the clinic's immunity antigens as the CDSi data does.
var cdsiAntigens = map[string]string{"measles": "Measles", "mumps": "Mumps", "rubella": "Rubella",
	"varicella": "Varicella", "hepatitis_a": "HepA", "hepatitis_b": "HepB"}

// immunityCode is the CDSi observation code of laboratory evidence of immunity to an antigen:
// the antigen's clinical-immunity code whose observation the data titles "Laboratory Evidence of
// Immunity"; "" when the data has none.
func (im *Immunizer) immunityCode(antigen string) string {
	d := im.Engine.Data()
	a := d.Antigens[cdsiAntigens[antigen]]
	if a == nil {
		return ""
	}
	for _, c := range a.Immunity.ClinicalCodes {
		if strings.HasPrefix(d.Observations[c].Title, "Laboratory Evidence of Immunity") {
			return c
		}
	}
	return ""
}

// DS3025Vaccines implements clinic.Immunizer: the vaccines every DS-3025 rule file names, newest
// file first, each key once.
func (im *Immunizer) DS3025Vaccines() []clinic.DS3025Vaccine {
	var out []clinic.DS3025Vaccine
	seen := map[string]bool{}
	for i := len(im.Rules) - 1; i >= 0; i-- {
		for _, r := range im.Rules[i].Vaccines {
			if !seen[r.Key] {
				seen[r.Key] = true
				out = append(out, clinic.DS3025Vaccine{Key: r.Key, Name: r.Name, Group: r.Group})
			}
		}
	}
	return out
}
