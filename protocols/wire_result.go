package protocols

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Result is a Plan in the contract's JSON form (protocol-contract.md, "Result"), for the command
// line and the API. Lists are never null.
type Result struct {
	Protocol           ProtocolRef       `json:"protocol"`
	Program            string            `json:"program"`
	ExamDate           string            `json:"exam_date"`
	AgeYears           int               `json:"age_years"`
	BirthDateEstimated bool              `json:"birth_date_estimated,omitempty"`
	Required           []RequiredJSON    `json:"required"`
	Pending            []string          `json:"pending"`
	Outcome            OutcomeJSON       `json:"outcome"`
	Treatments         []TreatmentJSON   `json:"treatments"`
	Withheld           []TreatmentJSON   `json:"withheld"`
	Forms              []string          `json:"forms"`
	ValidUntil         *string           `json:"valid_until"`
	Validity           *ValidityJSON     `json:"validity,omitempty"`
	Departure          []DepartureJSON   `json:"departure"`
	Clearance          ClearanceJSON     `json:"clearance"`
	OutcomeScale       []OutcomeLevelDTO `json:"outcome_scale"`
	Notes              []string          `json:"notes"`
}

// ProtocolRef names the rule set that gave the answer.
type ProtocolRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// Cited is what every rule's output carries: the rule, why, and where it comes from. Source is
// the one-line citation of the contract; Citation the same, in parts.
type Cited struct {
	Rule       string `json:"rule"`
	Reason     string `json:"reason"`
	ReasonFR   string `json:"reason_fr"`
	Source     string `json:"source"`
	Citation   Source `json:"citation"`
	Confidence string `json:"confidence"`
}

type RequiredJSON struct {
	Step string `json:"step"`
	Cited
}

type OutcomeJSON struct {
	Codes    []string             `json:"codes"`
	Final    bool                 `json:"final"`
	Severity int                  `json:"severity"`
	Findings []OutcomeFindingJSON `json:"findings"`
}

type OutcomeFindingJSON struct {
	Code     string `json:"code"`
	Severity int    `json:"severity"`
	Cited
}

type TreatmentJSON struct {
	Drug string `json:"drug"`
	Cited
}

type ValidityJSON struct {
	Months int `json:"months"`
	Cited
}

type DepartureJSON struct {
	Check       string  `json:"check"`
	MinHours    int     `json:"min_hours,omitempty"`
	MaxHours    int     `json:"max_hours,omitempty"`
	NotBefore   *string `json:"not_before,omitempty"` // RFC 3339, in the departure's zone
	NotAfter    *string `json:"not_after,omitempty"`
	Restriction bool    `json:"restriction,omitempty"` // a window in which something must not be done
	Cited
}

// ClearanceJSON says whether the person may travel on what is known, and what stops it.
type ClearanceJSON struct {
	Cleared   bool          `json:"cleared"`
	Until     *string       `json:"until"`
	BlockedBy []BlockerJSON `json:"blocked_by"`
}

type BlockerJSON struct {
	Code     string  `json:"code"`
	Step     string  `json:"step,omitempty"`
	Check    string  `json:"check,omitempty"`
	Reason   string  `json:"reason"`
	ReasonFR string  `json:"reason_fr"`
	Earliest *string `json:"earliest,omitempty"` // YYYY-MM-DD
	Rule     string  `json:"rule,omitempty"`
}

func instantJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func dateJSON(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// OutcomeLevelDTO is one outcome code of a protocol with its severity rank.
type OutcomeLevelDTO struct {
	Code        string `json:"code"`
	Severity    int    `json:"severity"`
	Label       string `json:"label"`
	HoldsTravel bool   `json:"holds_travel"`
}

func cited(rule, reason, reasonFR string, s clinic.Source, confidence string) Cited {
	src := Source{Doc: s.Doc, Section: s.Section, Edition: s.Edition, URL: s.URL}
	return Cited{Rule: rule, Reason: reason, ReasonFR: reasonFR, Source: src.String(), Citation: src, Confidence: confidence}
}

// NewResult converts a Plan to its JSON form.
func NewResult(p clinic.Plan) Result {
	r := Result{
		Protocol: ProtocolRef{ID: p.ProtocolID, Version: p.ProtocolVersion}, Program: p.Program,
		ExamDate: p.ExamDate.Format(time.DateOnly), AgeYears: p.AgeYears, BirthDateEstimated: p.BirthDateEstimated,
		Required: []RequiredJSON{}, Pending: nonNil(p.Pending), Treatments: treatmentsJSON(p.Treatments),
		Withheld: treatmentsJSON(p.Withheld), Forms: nonNil(p.Forms), Departure: []DepartureJSON{},
		OutcomeScale: []OutcomeLevelDTO{}, Notes: nonNil(p.Notes),
		Outcome: OutcomeJSON{Codes: nonNil(p.Outcome.Codes), Final: p.Outcome.Final, Severity: p.Outcome.Severity,
			Findings: []OutcomeFindingJSON{}},
	}
	for _, s := range p.Required {
		r.Required = append(r.Required, RequiredJSON{Step: s.Step, Cited: cited(s.Rule, s.Reason, s.ReasonFR, s.Source, s.Confidence)})
	}
	for _, f := range p.Outcome.Findings {
		r.Outcome.Findings = append(r.Outcome.Findings, OutcomeFindingJSON{Code: f.Code, Severity: f.Severity,
			Cited: cited(f.Rule, f.Reason, f.ReasonFR, f.Source, f.Confidence)})
	}
	if p.ValidUntil != nil {
		s := p.ValidUntil.Format(time.DateOnly)
		r.ValidUntil = &s
	}
	if v := p.Validity; v != nil {
		r.Validity = &ValidityJSON{Months: v.Months, Cited: cited(v.Rule, v.Reason, v.ReasonFR, v.Source, v.Confidence)}
	}
	for _, d := range p.Departure {
		r.Departure = append(r.Departure, DepartureJSON{Check: d.Check, MinHours: d.MinHours, MaxHours: d.MaxHours,
			NotBefore: instantJSON(d.NotBefore), NotAfter: instantJSON(d.NotAfter), Restriction: d.Restriction,
			Cited: cited(d.Rule, d.Reason, d.ReasonFR, d.Source, d.Confidence)})
	}
	r.Clearance = ClearanceJSON{Cleared: p.Clearance.Cleared, Until: dateJSON(p.Clearance.Until), BlockedBy: []BlockerJSON{}}
	for _, b := range p.Clearance.BlockedBy {
		r.Clearance.BlockedBy = append(r.Clearance.BlockedBy, BlockerJSON{Code: b.Code, Step: b.Step, Check: b.Check,
			Reason: b.Reason, ReasonFR: b.ReasonFR, Earliest: dateJSON(b.Earliest), Rule: b.Rule})
	}
	for _, l := range p.OutcomeScale {
		r.OutcomeScale = append(r.OutcomeScale, OutcomeLevelDTO(l))
	}
	return r
}

func treatmentsJSON(ts []clinic.Treatment) []TreatmentJSON {
	out := make([]TreatmentJSON, 0, len(ts))
	for _, t := range ts {
		out = append(out, TreatmentJSON{Drug: t.Drug, Cited: cited(t.Rule, t.Reason, t.ReasonFR, t.Source, t.Confidence)})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
