package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// vaccineDecisionRequest records a refusal, a waiver, a "not indicated" or evidence of immunity.
type vaccineDecisionRequest struct {
	Version    int    `json:"version"`
	Vaccine    string `json:"vaccine"`     // a DS-3025 line key (mmr, varicella, ...)
	Kind       string `json:"kind"`        // refusal | waiver | not_indicated | immunity
	ReasonCode string `json:"reason_code"` // refusal: religious | moral | other; waiver: pregnancy | allergy | immunocompromise | other; not_indicated: not_age_appropriate | not_routinely_available | not_flu_season | insufficient_interval; immunity: titre | disease
	Reason     string `json:"reason"`      // words: what was said, the contraindication, who documented the disease
	SaidBy     string `json:"said_by"`     // refusal: applicant | guardian
	Antigen    string `json:"antigen"`     // immunity: measles | mumps | rubella | varicella | hepatitis_a | hepatitis_b
	Test       string `json:"test"`        // titre: the test as reported, e.g. "Varicella IgG"
	Result     string `json:"result"`      // titre: positive | negative | equivocal
	Value      string `json:"value"`       // titre: value and unit as reported
	SampledOn  string `json:"sampled_on"`  // titre: YYYY-MM-DD
}

type vaccineDecisionJSON struct {
	ID             string         `json:"id"`
	Vaccine        string         `json:"vaccine"`
	Kind           string         `json:"kind"`
	ReasonCode     string         `json:"reason_code"`
	Reason         string         `json:"reason"`
	SaidBy         string         `json:"said_by"`
	Antigen        string         `json:"antigen"`
	Test           string         `json:"test"`
	Result         string         `json:"result"`
	Value          string         `json:"value"`
	SampledOn      *string        `json:"sampled_on"`
	Text           string         `json:"text"` // the decision in words, as the forms print it
	RecordedBy     string         `json:"recorded_by"`
	RecordedAt     time.Time      `json:"recorded_at"`
	EnteredInError *doseErrorJSON `json:"entered_in_error"`
}

func toVaccineDecisionsJSON(ds []clinic.VaccineDecision) []vaccineDecisionJSON {
	out := make([]vaccineDecisionJSON, len(ds))
	for i, d := range ds {
		out[i] = vaccineDecisionJSON{ID: d.ID, Vaccine: d.Vaccine, Kind: d.Kind, ReasonCode: d.ReasonCode, Reason: d.Reason,
			SaidBy: d.SaidBy, Antigen: d.Antigen, Test: d.Test, Result: d.Result, Value: d.Value, SampledOn: dateString(d.SampledOn),
			Text: clinic.DecisionText(d), RecordedBy: d.RecordedName, RecordedAt: d.RecordedAt}
		if e := d.InError; e != nil {
			out[i].EnteredInError = &doseErrorJSON{Reason: e.Reason, By: e.ByName, At: e.At}
		}
	}
	return out
}

func (s *Server) postVaccineDecision(c *gin.Context) {
	var req vaccineDecisionRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		d := clinic.VaccineDecision{Vaccine: req.Vaccine, Kind: req.Kind, ReasonCode: req.ReasonCode, Reason: req.Reason,
			SaidBy: req.SaidBy, Antigen: req.Antigen, Test: req.Test, Result: req.Result, Value: req.Value}
		if req.SampledOn != "" {
			var p clinic.Problems
			on := dateField(&p, "sampled_on", req.SampledOn)
			if err := p.Err(); err != nil {
				return clinic.Chart{}, err
			}
			d.SampledOn = &on
		}
		return s.svc.RecordVaccineDecision(c.Request.Context(), actor(c), c.Param("id"), v, d)
	})
}

func (s *Server) postVaccineDecisionError(c *gin.Context) {
	var req doseErrorRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.MarkVaccineDecisionInError(c.Request.Context(), actor(c), c.Param("id"), v, c.Param("decision"), req.Reason)
	})
}
