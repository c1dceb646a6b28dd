package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type doseRequest struct {
	Version        int    `json:"version"`
	Date           string `json:"date"` // YYYY-MM-DD
	CVX            string `json:"cvx"`
	MVX            string `json:"mvx"`
	Manufacturer   string `json:"manufacturer"`
	Lot            string `json:"lot"`
	Site           string `json:"site"`   // left_arm | right_arm | left_thigh | right_thigh | left_gluteal | right_gluteal
	Route          string `json:"route"`  // intramuscular | subcutaneous | intradermal | oral | intranasal
	Origin         string `json:"origin"` // clinic (given here) | record (copied from a document)
	SourceDocument string `json:"source_document"`
	BatchID        string `json:"batch_id"` // a dose given here: the stock lot it came from (lot and MVX are taken from it)
}

type doseErrorRequest struct {
	Version int    `json:"version"`
	Reason  string `json:"reason"`
}

func (s *Server) postDose(c *gin.Context) {
	var req doseRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		date := dateField(&p, "date", req.Date)
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.RecordDose(c.Request.Context(), actor(c), c.Param("id"), v, clinic.Dose{Date: date, CVX: req.CVX,
			MVX: req.MVX, Manufacturer: req.Manufacturer, Lot: req.Lot, Site: req.Site, Route: req.Route,
			Origin: req.Origin, SourceDocument: req.SourceDocument, BatchID: req.BatchID})
	})
}

func (s *Server) postDoseError(c *gin.Context) {
	var req doseErrorRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.MarkDoseInError(c.Request.Context(), actor(c), c.Param("id"), v, c.Param("dose"), req.Reason)
	})
}

// vaccinationJSON is the chart's vaccination section: the dose grid, the forecast, the DS-3025.
type vaccinationJSON struct {
	AssessedOn string         `json:"assessed_on"`
	Doses      []doseJSON     `json:"doses"`
	Forecast   []forecastJSON `json:"forecast"`
	DS3025     *ds3025JSON    `json:"ds3025"`
}

type doseJSON struct {
	ID             string               `json:"id"`
	Date           string               `json:"date"`
	CVX            string               `json:"cvx"`
	Vaccine        string               `json:"vaccine"`
	MVX            string               `json:"mvx"`
	Manufacturer   string               `json:"manufacturer"`
	Lot            string               `json:"lot"`
	Site           string               `json:"site"`
	Route          string               `json:"route"`
	Origin         string               `json:"origin"`
	SourceDocument string               `json:"source_document"`
	BatchID        string               `json:"batch_id"`
	AssessmentID   string               `json:"assessment_id"`
	RecordedBy     string               `json:"recorded_by"`
	RecordedAt     time.Time            `json:"recorded_at"`
	EnteredInError *doseErrorJSON       `json:"entered_in_error"`
	Evaluations    []doseEvaluationJSON `json:"evaluations"`
	Problem        string               `json:"problem,omitempty"`
}

type doseErrorJSON struct {
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

type doseEvaluationJSON struct {
	VaccineGroup string `json:"vaccine_group"`
	Antigen      string `json:"antigen"`
	Status       string `json:"status"`
	Reason       string `json:"reason"`
	DoseNumber   string `json:"dose_number"`
	Series       string `json:"series"`
}

type vaccineJSON struct {
	CVX  string `json:"cvx"`
	Name string `json:"name"`
}

type forecastJSON struct {
	VaccineGroup string        `json:"vaccine_group"`
	SeriesType   string        `json:"series_type"`
	Status       string        `json:"status"`
	DoseNumber   string        `json:"dose_number"`
	Earliest     *string       `json:"earliest"`
	Recommended  *string       `json:"recommended"`
	PastDue      *string       `json:"past_due"`
	Latest       *string       `json:"latest"`
	Reasons      []string      `json:"reasons"`
	Vaccines     []vaccineJSON `json:"vaccines"`
}

type ds3025JSON struct {
	RulesVersion    string           `json:"rules_version"`
	RulesTitle      string           `json:"rules_title"`
	DataVersion     string           `json:"data_version"`
	Sources         []string         `json:"sources"`
	RequirementsMet bool             `json:"requirements_met"`
	Lines           []ds3025LineJSON `json:"lines"`
}

type ds3025LineJSON struct {
	Key          string         `json:"key"`
	Vaccine      string         `json:"vaccine"`
	VaccineGroup string         `json:"vaccine_group"`
	Status       string         `json:"status"`
	ReasonCode   string         `json:"reason_code"`
	Reason       string         `json:"reason"`
	GiveToday    bool           `json:"give_today"`
	GiveVaccines []vaccineJSON  `json:"give_vaccines"`
	GivenAtExam  bool           `json:"given_at_exam"`
	NextDue      *string        `json:"next_due"`
	Doses        []lineDoseJSON `json:"doses"`
	Source       string         `json:"source"`
	// UnavailableSince is the date the site set the vaccine "not routinely available", when that
	// settled a dose due today.
	UnavailableSince *string `json:"unavailable_since"`
}

type lineDoseJSON struct {
	DoseID string `json:"dose_id"`
	Date   string `json:"date"`
	CVX    string `json:"cvx"`
	Status string `json:"status"`
}

func toVaccinationJSON(v *clinic.VaccinationView) *vaccinationJSON {
	if v == nil {
		return nil
	}
	j := &vaccinationJSON{AssessedOn: v.AssessedOn.Format(time.DateOnly), Doses: []doseJSON{}, Forecast: []forecastJSON{}}
	for _, d := range v.Doses {
		dj := doseJSON{ID: d.ID, Date: d.Date.Format(time.DateOnly), CVX: d.CVX, Vaccine: d.Vaccine, MVX: d.MVX,
			Manufacturer: d.Manufacturer, Lot: d.Lot, Site: d.Site, Route: d.Route, Origin: d.Origin,
			SourceDocument: d.SourceDocument, BatchID: d.BatchID, AssessmentID: d.AssessmentID, RecordedBy: d.RecordedName,
			RecordedAt: d.RecordedAt, Evaluations: []doseEvaluationJSON{}, Problem: d.Problem}
		if e := d.InError; e != nil {
			dj.EnteredInError = &doseErrorJSON{Reason: e.Reason, By: e.ByName, At: e.At}
		}
		for _, e := range d.Evaluations {
			dj.Evaluations = append(dj.Evaluations, doseEvaluationJSON(e))
		}
		j.Doses = append(j.Doses, dj)
	}
	for _, f := range v.Forecast {
		j.Forecast = append(j.Forecast, forecastJSON{VaccineGroup: f.VaccineGroup, SeriesType: f.SeriesType, Status: f.Status,
			DoseNumber: f.DoseNumber, Earliest: dateString(f.Earliest), Recommended: dateString(f.Recommended),
			PastDue: dateString(f.PastDue), Latest: dateString(f.Latest), Reasons: nonNil(f.Reasons), Vaccines: toVaccinesJSON(f.Vaccines)})
	}
	if w := v.DS3025; w != nil {
		j.DS3025 = &ds3025JSON{RulesVersion: w.RulesVersion, RulesTitle: w.RulesTitle, DataVersion: w.DataVersion, Sources: nonNil(w.Sources),
			RequirementsMet: w.RequirementsMet, Lines: []ds3025LineJSON{}}
		for _, l := range w.Lines {
			lj := ds3025LineJSON{Key: l.Key, Vaccine: l.Vaccine, VaccineGroup: l.VaccineGroup, Status: l.Status,
				ReasonCode: l.ReasonCode, Reason: l.Reason, GiveToday: l.GiveToday, GiveVaccines: toVaccinesJSON(l.GiveVaccines),
				GivenAtExam: l.GivenAtExam, NextDue: dateString(l.NextDue), Doses: []lineDoseJSON{}, Source: l.Source}
			if u := l.Unavailable; u != nil {
				lj.UnavailableSince = dateString(&u.SetOn)
			}
			for _, d := range l.Doses {
				lj.Doses = append(lj.Doses, lineDoseJSON{DoseID: d.DoseID, Date: d.Date.Format(time.DateOnly), CVX: d.CVX, Status: d.Status})
			}
			j.DS3025.Lines = append(j.DS3025.Lines, lj)
		}
	}
	return j
}

func toVaccinesJSON(vs []clinic.Vaccine) []vaccineJSON {
	out := make([]vaccineJSON, len(vs))
	for i, v := range vs {
		out[i] = vaccineJSON{CVX: v.CVX, Name: v.Name}
	}
	return out
}

// vaccineChoiceJSON is one vaccine of the list: a CVX code, its name, and whether it is an
// "unspecified formulation" code, which suits an old record but not a dose given here.
type vaccineChoiceJSON struct {
	CVX         string `json:"cvx"`
	Name        string `json:"name"`
	Unspecified bool   `json:"unspecified"`
}

// listVaccines answers every CVX code the clinic can record, for the dose form's choice.
func (s *Server) listVaccines(c *gin.Context) {
	vs, err := s.svc.Vaccines(actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]vaccineChoiceJSON, len(vs))
	for i, v := range vs {
		out[i] = vaccineChoiceJSON{CVX: v.CVX, Name: v.Name, Unspecified: v.Unspecified}
	}
	c.Header("Cache-Control", "private, max-age=3600")
	c.JSON(http.StatusOK, listOf(out, ""))
}

// doseFindingJSON is one problem the data check finds in a stored dose.
type doseFindingJSON struct {
	DoseID      string `json:"dose_id"`
	ApplicantID string `json:"applicant_id"`
	Date        string `json:"date"`
	CVX         string `json:"cvx"`
	Field       string `json:"field"`
	Code        string `json:"code"`
	Message     string `json:"message"`
}

// checkDoses answers the data check over every stored dose (docs/vaccination-day.md).
func (s *Server) checkDoses(c *gin.Context) {
	fs, err := s.svc.CheckStoredDoses(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]doseFindingJSON, len(fs))
	for i, f := range fs {
		out[i] = doseFindingJSON{DoseID: f.DoseID, ApplicantID: f.ApplicantID, Date: f.Date.Format(time.DateOnly), CVX: f.CVX,
			Field: f.Field, Code: f.Code, Message: f.Message}
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}
