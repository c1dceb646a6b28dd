package clinic

import (
	"context"
	"strings"
	"time"
)

// What was decided about a vaccine at an exam, besides giving a dose.
const (
	DecisionRefusal      = "refusal"       // the applicant (or guardian) declined it
	DecisionWaiver       = "waiver"        // a medical contraindication: the vaccine is not given
	DecisionNotIndicated = "not_indicated" // not age-appropriate, not routinely available, not flu season, ...
	DecisionImmunity     = "immunity"      // evidence of immunity: a titre or documented disease
)

// DecisionReasons are the reason codes each kind of decision takes. An immunity decision is
// either a titre (a serology result) or documented disease.
var DecisionReasons = map[string][]string{
	DecisionRefusal:      {"religious", "moral", "other"},
	DecisionWaiver:       {"pregnancy", "allergy", "immunocompromise", "other"},
	DecisionNotIndicated: {ReasonNotAgeAppropriate, ReasonNotRoutinelyAvailable, ReasonNotFluSeason, ReasonInsufficientInterval},
	DecisionImmunity:     {"titre", "disease"},
}

// ImmunityAntigens are the antigens a titre or documented disease can show immunity to: the
// CDSi antigens whose supporting data take laboratory evidence of immunity.
var ImmunityAntigens = []string{"measles", "mumps", "rubella", "varicella", "hepatitis_a", "hepatitis_b"}

// TitreResults are a serology's readings; only positive is evidence of immunity.
var TitreResults = []string{"positive", "negative", "equivocal"}

// VaccineDecision is one recorded decision about one vaccine of an assessment. It is never
// changed or deleted: a wrong entry is marked InError and stops counting.
type VaccineDecision struct {
	ID           string
	ApplicantID  string
	AssessmentID string
	Vaccine      string // the DS-3025 line key (mmr, varicella, ...) or the CDSi vaccine group
	Kind         string // Decision…
	ReasonCode   string // one of DecisionReasons[Kind]
	Reason       string // words: what the person said, the contraindication, who documented the disease
	SaidBy       string // refusal: applicant | guardian
	Antigen      string // immunity: one of ImmunityAntigens
	Test         string // titre: the test as the lab report names it, e.g. "Measles IgG"
	Result       string // titre: one of TitreResults
	Value        string // titre: the value with its unit, as reported
	SampledOn    *time.Time
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
	InError      *DoseError
}

// Immune reports whether the decision is evidence of immunity the evaluation counts.
func (d VaccineDecision) Immune() bool {
	return d.InError == nil && d.Kind == DecisionImmunity && (d.ReasonCode == "disease" || d.Result == "positive")
}

// VaccineDecisionStore holds the decisions recorded at exams.
type VaccineDecisionStore interface {
	AddVaccineDecision(ctx context.Context, d VaccineDecision) error
	// VaccineDecisionsOf lists an assessment's decisions, oldest first.
	VaccineDecisionsOf(ctx context.Context, assessmentID string) ([]VaccineDecision, error)
	// VaccineDecisionsOfMany is VaccineDecisionsOf for a page of assessments, by assessment.
	VaccineDecisionsOfMany(ctx context.Context, assessmentIDs []string) (map[string][]VaccineDecision, error)
	// MarkVaccineDecisionInError marks a decision not marked yet; otherwise it returns not found.
	MarkVaccineDecisionInError(ctx context.Context, id string, e DoseError) error
}

// RecordVaccineDecision records a refusal, a waiver, a "not indicated" or evidence of immunity
// for one vaccine of the assessment.
//
// Errors: forbidden, unavailable (vaccination not configured), validation, not_found, conflict (a
// stale version), locked (signed), invalid_state.
func (s *Service) RecordVaccineDecision(ctx context.Context, a Actor, id string, version int, d VaccineDecision) (Chart, error) {
	if err := a.May(PermRecordVaccineDecision); err != nil {
		return Chart{}, err
	}
	if s.immunizer == nil {
		return Chart{}, Errorf(EUnavailable, "Vaccination records are not enabled on this server.")
	}
	for _, f := range []*string{&d.Vaccine, &d.Kind, &d.ReasonCode, &d.Reason, &d.SaidBy, &d.Antigen, &d.Test, &d.Result, &d.Value} {
		*f = strings.TrimSpace(*f)
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.vaccine_decision", func(tx Tx, ch *Chart, now time.Time) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		if err := checkDecision(d, *ch, site.Today(now)); err != nil {
			return err
		}
		d.ID, d.ApplicantID, d.AssessmentID = NewID(), ch.Applicant.ID, ch.Assessment.ID
		d.RecordedBy, d.RecordedName, d.RecordedAt, d.InError = a.UserID, a.Name, now, nil
		return tx.AddVaccineDecision(ctx, d)
	})
}

// MarkVaccineDecisionInError takes a wrongly entered decision out of the worksheet; the entry
// stays on record.
//
// Errors: forbidden, validation (no reason), not_found (the assessment or the decision), conflict
// (a stale version), locked (signed), invalid_state (already in error).
func (s *Service) MarkVaccineDecisionInError(ctx context.Context, a Actor, id string, version int, decisionID, reason string) (Chart, error) {
	if err := a.May(PermRecordVaccineDecision); err != nil {
		return Chart{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 500 {
		return Chart{}, (&Problems{{Field: "reason", Code: "required", Message: "Say why the entry was made in error (at most 500 characters)."}}).Err()
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.vaccine_decision_error", func(tx Tx, ch *Chart, now time.Time) error {
		for _, d := range ch.VaccineDecisions {
			if d.ID != decisionID {
				continue
			}
			if d.InError != nil {
				return Errorf(EInvalidState, "This entry is already marked entered in error.")
			}
			return tx.MarkVaccineDecisionInError(ctx, decisionID, DoseError{Reason: reason, By: a.UserID, ByName: a.Name, At: now})
		}
		return NotFound("vaccine decision")
	})
}

// decisionVaccines are the vaccines a decision may name: the DS-3025 lines, or the forecast's
// vaccine groups where there is no DS-3025.
func decisionVaccines(ch Chart) []string {
	v := ch.Vaccination
	if v == nil {
		return nil
	}
	var out []string
	if v.DS3025 != nil {
		for _, l := range v.DS3025.Lines {
			out = append(out, l.Key)
		}
		return out
	}
	for _, f := range v.Forecast {
		out = append(out, f.VaccineGroup)
	}
	return out
}

func checkDecision(d VaccineDecision, ch Chart, today time.Time) error {
	var p Problems
	vaccines := decisionVaccines(ch)
	switch {
	case d.Vaccine == "":
		p.Add("vaccine", "required", "Choose the vaccine.")
	case !contains(vaccines, d.Vaccine):
		p.Add("vaccine", "unknown", "Use one of the vaccines of this worksheet: "+strings.Join(vaccines, ", ")+".")
	}
	reasons, ok := DecisionReasons[d.Kind]
	switch {
	case d.Kind == "":
		p.Add("kind", "required", "Say whether it is a refusal, a waiver, not indicated, or evidence of immunity.")
	case !ok:
		p.Add("kind", "not_allowed", "Use refusal, waiver, not_indicated or immunity.")
	case d.ReasonCode == "":
		p.Add("reason_code", "required", "Choose the reason.")
	case !contains(reasons, d.ReasonCode):
		p.Add("reason_code", "not_allowed", "Use one of "+strings.Join(reasons, ", ")+".")
	}
	textField(&p, "reason", d.Reason, 500, d.Kind == DecisionRefusal || d.ReasonCode == "other" || d.ReasonCode == "disease")
	if d.Kind == DecisionRefusal {
		if !contains([]string{"applicant", "guardian"}, d.SaidBy) {
			p.Add("said_by", "required", "Say who refused: the applicant or the guardian.")
		}
	} else if d.SaidBy != "" {
		p.Add("said_by", "not_allowed", "Only a refusal says who refused.")
	}
	if d.Kind == DecisionImmunity {
		if !contains(ImmunityAntigens, d.Antigen) {
			p.Add("antigen", "required", "Choose the antigen: "+strings.Join(ImmunityAntigens, ", ")+".")
		}
	} else if d.Antigen != "" {
		p.Add("antigen", "not_allowed", "Only evidence of immunity names an antigen.")
	}
	if d.ReasonCode == "titre" {
		checkTitre(&p, d, ch, today)
	} else if d.Test != "" || d.Result != "" || d.Value != "" || d.SampledOn != nil {
		p.Add("test", "not_allowed", "Only a titre has a test, a result, a value and a sample date.")
	}
	return p.Err()
}

func checkTitre(p *Problems, d VaccineDecision, ch Chart, today time.Time) {
	textField(p, "test", d.Test, 100, true)
	textField(p, "value", d.Value, 60, false)
	if !contains(TitreResults, d.Result) {
		p.Add("result", "required", "Choose the result: "+strings.Join(TitreResults, ", ")+".")
	}
	switch {
	case d.SampledOn == nil:
		p.Add("sampled_on", "required", "Enter the date the blood was taken.")
	case d.SampledOn.After(today):
		p.Add("sampled_on", "in_future", "The date is after today.")
	case d.SampledOn.Before(ch.Applicant.BirthDate):
		p.Add("sampled_on", "before_birth", "The date is before the applicant's birth date.")
	}
}

// activeDecisions are the decisions not in error, oldest first.
func activeDecisions(ds []VaccineDecision) []VaccineDecision {
	var out []VaccineDecision
	for _, d := range ds {
		if d.InError == nil {
			out = append(out, d)
		}
	}
	return out
}

// immuneAntigens are the antigens the decisions give evidence of immunity to.
func immuneAntigens(ds []VaccineDecision) []string {
	var out []string
	for _, d := range ds {
		if d.Immune() && !contains(out, d.Antigen) {
			out = append(out, d.Antigen)
		}
	}
	return out
}

// applyDecisions puts each line's decisions on the DS-3025 and lets them settle a dose due
// today: a refusal marks the line refused, a waiver or "not indicated" makes it not medically
// appropriate with the decision's reason. Evidence of immunity reaches the evaluation itself
// (see loadVaccination); a titre that is not positive is only printed.
func applyDecisions(ws *DS3025, ds []VaccineDecision) {
	for i := range ws.Lines {
		l := &ws.Lines[i]
		for _, d := range activeDecisions(ds) {
			if d.Vaccine != l.Key && d.Vaccine != l.VaccineGroup {
				continue
			}
			l.Decisions = append(l.Decisions, d)
			if l.Status != LineGiveToday {
				continue
			}
			switch d.Kind {
			case DecisionRefusal:
				l.Status, l.GiveToday, l.ReasonCode, l.Reason = LineRefused, false, "", d.Reason
			case DecisionWaiver:
				l.Status, l.GiveToday, l.ReasonCode, l.Reason = LineNotRequired, false, ReasonContraindication, DecisionText(d)
			case DecisionNotIndicated:
				l.Status, l.GiveToday, l.ReasonCode, l.Reason = LineNotRequired, false, d.ReasonCode, DecisionText(d)
			}
		}
	}
	ws.RequirementsMet = true
	for _, l := range ws.Lines {
		if l.Status == LineGiveToday || l.Status == LineRefused {
			ws.RequirementsMet = false
		}
	}
}

// DecisionText is a decision in words, as the forms print it.
func DecisionText(d VaccineDecision) string {
	code := strings.ReplaceAll(d.ReasonCode, "_", " ")
	var s string
	switch d.Kind {
	case DecisionRefusal:
		s = "Refused by the " + d.SaidBy + " (" + code + " conviction)"
		if d.ReasonCode == "other" {
			s = "Refused by the " + d.SaidBy
		}
		if d.Reason != "" {
			s += `: "` + d.Reason + `"`
		}
	case DecisionWaiver:
		s = "Contraindication: " + code
		if d.Reason != "" {
			s += " (" + d.Reason + ")"
		}
	case DecisionNotIndicated:
		s = "Not indicated: " + code
		if d.Reason != "" {
			s += " (" + d.Reason + ")"
		}
	case DecisionImmunity:
		antigen := strings.ReplaceAll(d.Antigen, "_", " ")
		if d.ReasonCode == "disease" {
			s = "Documented " + antigen + " disease (" + d.Reason + ")"
			break
		}
		s = "Titre " + antigen + ": " + d.Test + " " + d.Result
		if d.Value != "" {
			s += " (" + d.Value + ")"
		}
		if d.SampledOn != nil {
			s += ", sampled " + d.SampledOn.Format(time.DateOnly)
		}
		if d.Reason != "" {
			s += "; " + d.Reason
		}
	}
	return s
}
