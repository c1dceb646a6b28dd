package api

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type sourceJSON struct {
	Doc     string `json:"doc"`
	Section string `json:"section"`
	Edition string `json:"edition"`
	URL     string `json:"url"`
}

type requiredJSON struct {
	Step       string     `json:"step"`
	Label      string     `json:"label"`
	Rule       string     `json:"rule"`
	Reason     string     `json:"reason"`
	ReasonFR   string     `json:"reason_fr"`
	Source     sourceJSON `json:"source"`
	Confidence string     `json:"confidence"`
	Done       bool       `json:"done"`
}

type outcomeJSON struct {
	Codes    []string           `json:"codes"`
	Final    bool               `json:"final"`
	Severity int                `json:"severity"`
	Findings []findingJSON      `json:"findings"`
	Scale    []outcomeLevelJSON `json:"scale"`
}

type findingJSON struct {
	Code       string     `json:"code"`
	Rule       string     `json:"rule"`
	Reason     string     `json:"reason"`
	ReasonFR   string     `json:"reason_fr"`
	Source     sourceJSON `json:"source"`
	Confidence string     `json:"confidence"`
}

type outcomeLevelJSON struct {
	Code        string `json:"code"`
	Severity    int    `json:"severity"`
	Label       string `json:"label"`
	HoldsTravel bool   `json:"holds_travel"`
}

type treatmentJSON struct {
	Drug     string     `json:"drug"`
	Rule     string     `json:"rule"`
	Reason   string     `json:"reason"`
	ReasonFR string     `json:"reason_fr"`
	Source   sourceJSON `json:"source"`
}

type planJSON struct {
	ProtocolID      string          `json:"protocol_id"`
	ProtocolVersion string          `json:"protocol_version"`
	AgeYears        int             `json:"age_years"`
	Required        []requiredJSON  `json:"required"`
	Pending         []string        `json:"pending"`
	Outcome         outcomeJSON     `json:"outcome"`
	Treatments      []treatmentJSON `json:"treatments"`
	Withheld        []treatmentJSON `json:"withheld"`
	Forms           []string        `json:"forms"`
	ValidUntil      *string         `json:"valid_until"`
	Departure       []departureJSON `json:"departure"`
	Clearance       clearanceJSON   `json:"clearance"`
	Notes           []string        `json:"notes"`
}

// departureJSON is a check before travel and, when the flight is known, its window in real time.
type departureJSON struct {
	Check       string  `json:"check"`
	Label       string  `json:"label"`
	MinHours    int     `json:"min_hours"`
	MaxHours    int     `json:"max_hours"`
	NotBefore   *string `json:"not_before"` // RFC 3339, in the flight's offset
	NotAfter    *string `json:"not_after"`
	Restriction bool    `json:"restriction"` // a window in which something must not be done
	Rule        string  `json:"rule"`
	Reason      string  `json:"reason"`
	ReasonFR    string  `json:"reason_fr"`
}

// clearanceJSON says whether the person may travel on what the record holds, and what stops it.
type clearanceJSON struct {
	Cleared   bool          `json:"cleared"`
	Until     *string       `json:"until"`
	BlockedBy []blockerJSON `json:"blocked_by"`
}

type blockerJSON struct {
	Code     string  `json:"code"`
	Step     string  `json:"step,omitempty"`
	Check    string  `json:"check,omitempty"`
	Reason   string  `json:"reason"`
	ReasonFR string  `json:"reason_fr"`
	Earliest *string `json:"earliest"`
	Rule     string  `json:"rule,omitempty"`
}

func instantString(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func src(s clinic.Source) sourceJSON {
	return sourceJSON{Doc: s.Doc, Section: s.Section, Edition: s.Edition, URL: s.URL}
}

// toPlanJSON shows a plan; a required step is done when nothing (neither the protocol's pending
// results nor the workflow's own records) still misses it.
func toPlanJSON(p clinic.Plan, missing []string) planJSON {
	j := planJSON{ProtocolID: p.ProtocolID, ProtocolVersion: p.ProtocolVersion, AgeYears: p.AgeYears,
		Required: []requiredJSON{}, Pending: nonNil(p.Pending), Forms: nonNil(p.Forms), Notes: nonNil(p.Notes),
		Treatments: []treatmentJSON{}, Withheld: []treatmentJSON{},
		Outcome: outcomeJSON{Codes: nonNil(p.Outcome.Codes), Final: p.Outcome.Final, Severity: p.Outcome.Severity,
			Findings: []findingJSON{}, Scale: []outcomeLevelJSON{}}}
	pending := map[string]bool{}
	for _, st := range append(append([]string(nil), p.Pending...), missing...) {
		pending[st] = true
	}
	for _, r := range p.Required {
		j.Required = append(j.Required, requiredJSON{Step: r.Step, Label: clinic.StepLabel(r.Step), Rule: r.Rule, Reason: r.Reason,
			ReasonFR: r.ReasonFR, Source: src(r.Source), Confidence: r.Confidence, Done: !pending[r.Step]})
	}
	for _, f := range p.Outcome.Findings {
		j.Outcome.Findings = append(j.Outcome.Findings, findingJSON{Code: f.Code, Rule: f.Rule, Reason: f.Reason,
			ReasonFR: f.ReasonFR, Source: src(f.Source), Confidence: f.Confidence})
	}
	for _, l := range p.OutcomeScale {
		j.Outcome.Scale = append(j.Outcome.Scale, outcomeLevelJSON{Code: l.Code, Severity: l.Severity, Label: l.Label, HoldsTravel: l.HoldsTravel})
	}
	for _, t := range p.Treatments {
		j.Treatments = append(j.Treatments, treatmentJSON{Drug: t.Drug, Rule: t.Rule, Reason: t.Reason, ReasonFR: t.ReasonFR, Source: src(t.Source)})
	}
	for _, t := range p.Withheld {
		j.Withheld = append(j.Withheld, treatmentJSON{Drug: t.Drug, Rule: t.Rule, Reason: t.Reason, ReasonFR: t.ReasonFR, Source: src(t.Source)})
	}
	j.ValidUntil = dateString(p.ValidUntil)
	j.Departure = []departureJSON{}
	for _, d := range p.Departure {
		j.Departure = append(j.Departure, departureJSON{Check: d.Check, Label: clinic.StepLabel(d.Check), MinHours: d.MinHours,
			MaxHours: d.MaxHours, NotBefore: instantString(d.NotBefore), NotAfter: instantString(d.NotAfter),
			Restriction: d.Restriction, Rule: d.Rule, Reason: d.Reason, ReasonFR: d.ReasonFR})
	}
	j.Clearance = clearanceJSON{Cleared: p.Clearance.Cleared, Until: dateString(p.Clearance.Until), BlockedBy: []blockerJSON{}}
	for _, b := range p.Clearance.BlockedBy {
		j.Clearance.BlockedBy = append(j.Clearance.BlockedBy, blockerJSON{Code: b.Code, Step: b.Step, Check: b.Check,
			Reason: b.Reason, ReasonFR: b.ReasonFR, Earliest: dateString(b.Earliest), Rule: b.Rule})
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func dateString(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}
