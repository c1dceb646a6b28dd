package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// RecordHistory saves the medical history and the protocol facts it implies.
//
// Errors: forbidden, validation, not_found, conflict (a stale version, or the Idempotency-Key),
// locked (signed), invalid_state.
func (s *Service) RecordHistory(ctx context.Context, a Actor, id string, version int, answers []HistoryAnswer, extra Findings) (Chart, error) {
	if err := a.May(PermRecordHistory); err != nil {
		return Chart{}, err
	}
	derived, err := checkHistory(answers)
	if err != nil {
		return Chart{}, err
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.history", func(tx Tx, ch *Chart, now time.Time) error {
		if err := s.requireIdentityCheck(ctx, tx, ch, IDHistory, now); err != nil {
			return err
		}
		ch.Assessment.History = &History{Answers: answers, RecordedBy: a.Name, RecordedAt: now}
		ch.Assessment.Findings = mergeFindings(derived, extra)
		return nil
	})
}

// mergeFindings keeps a fact true when either the answers or the explicit facts say so.
func mergeFindings(x, y Findings) Findings {
	return Findings{
		TBSymptoms:            x.TBSymptoms || y.TBSymptoms,
		TBContact:             x.TBContact || y.TBContact,
		HIVInfected:           x.HIVInfected || y.HIVInfected,
		PreviousTBTreatment:   x.PreviousTBTreatment || y.PreviousTBTreatment,
		ExtrapulmonaryTBSigns: x.ExtrapulmonaryTBSigns || y.ExtrapulmonaryTBSigns,
		CompletedPanelDOT:     x.CompletedPanelDOT || y.CompletedPanelDOT,
		MotherHIVPositive:     x.MotherHIVPositive || y.MotherHIVPositive,
		ReceivedBloodProducts: x.ReceivedBloodProducts || y.ReceivedBloodProducts,
		FailureToThrive:       x.FailureToThrive || y.FailureToThrive,
		HansensInfectious:     x.HansensInfectious || y.HansensInfectious,
		InStateCare:           x.InStateCare || y.InStateCare,
	}
}

// RecordVitals saves the measurements and the physical examination.
//
// Errors: forbidden, validation, not_found, conflict (a stale version, or the Idempotency-Key),
// locked (signed), invalid_state.
func (s *Service) RecordVitals(ctx context.Context, a Actor, id string, version int, v Vitals) (Chart, error) {
	if err := a.May(PermRecordVitals); err != nil {
		return Chart{}, err
	}
	if err := checkVitals(&v); err != nil {
		return Chart{}, err
	}
	if len(v.Systems) > 0 {
		// By body system, the examination is normal when no system is abnormal.
		v.ExamNormal = !anyAbnormal(v.Systems)
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.vitals", func(tx Tx, ch *Chart, now time.Time) error {
		if err := s.requireIdentityCheck(ctx, tx, ch, IDExam, now); err != nil {
			return err
		}
		if v.Pregnant && ch.Applicant.Sex == "male" {
			return (&Problems{{Field: "pregnant", Code: "not_allowed", Message: "The applicant is recorded as male."}}).Err()
		}
		v.RecordedBy, v.RecordedName, v.RecordedAt = a.UserID, a.Name, now
		ch.Assessment.Vitals = &v
		return nil
	})
}

func checkVitals(v *Vitals) error {
	var p Problems
	rng := func(field string, x, lo, hi float64, unit string) {
		if x != 0 && (x < lo || x > hi) {
			p.Add(field, "out_of_range", fmt.Sprintf("Enter a value from %g to %g %s.", lo, hi, unit))
		}
	}
	if v.HeightCm == 0 {
		p.Add("height_cm", "required", "Enter the height.")
	}
	if v.WeightKg == 0 {
		p.Add("weight_kg", "required", "Enter the weight.")
	}
	rng("height_cm", v.HeightCm, 30, 250, "cm")
	rng("weight_kg", v.WeightKg, 0.5, 350, "kg")
	rng("bp_systolic", float64(v.Systolic), 50, 280, "mmHg")
	rng("bp_diastolic", float64(v.Diastolic), 20, 180, "mmHg")
	rng("pulse", float64(v.Pulse), 20, 250, "per minute")
	rng("temperature_c", v.TempC, 30, 44, "°C")
	if v.Systolic != 0 && v.Diastolic != 0 && v.Diastolic >= v.Systolic {
		p.Add("bp_diastolic", "out_of_range", "The diastolic pressure must be below the systolic.")
	}
	rng("respiratory_rate", float64(v.RespiratoryRate), 5, 80, "per minute")
	rng("spo2", float64(v.SpO2), 50, 100, "%")
	rng("head_circumference_cm", v.HeadCircCm, 25, 60, "cm")
	checkExam(&p, v)
	if len(v.ExamNotes) > 4000 {
		p.Add("exam_notes", "too_long", "Notes have at most 4000 characters.")
	}
	return p.Err()
}

// RecordResult adds one test result; a later result of the same step replaces it in the plan,
// and both stay in the record.
//
// An HIV result needs the person's consent to HIV testing and pre-test counselling first.
//
// Errors: forbidden (also for a test the role does not record), validation, not_found, conflict (a
// stale version, or the Idempotency-Key), locked (signed), invalid_state (also a step read
// through an imaging study: only its final reading drives the protocol), consent_required and
// counselling_required (an HIV result without consent or pre-test counselling).
func (s *Service) RecordResult(ctx context.Context, a Actor, id string, version int, r Result) (Chart, error) {
	if err := a.May(PermRecordResult); err != nil {
		return Chart{}, err
	}
	if err := checkResult(&r, a.Role); err != nil {
		return Chart{}, err
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.result", func(tx Tx, ch *Chart, now time.Time) error {
		if st := resultStation(r.Step); st != "" {
			if err := s.requireIdentityCheck(ctx, tx, ch, st, now); err != nil {
				return err
			}
		}
		if r.Step == "hiv" {
			if err := RequireHIVTestConsent(ctx, tx, ch.Applicant.ID, id); err != nil {
				return err
			}
		}
		if err := noStudyOf(ctx, tx, id, r.Step); err != nil {
			return err
		}
		r.RecordedBy, r.ByName, r.RecordedAt = a.UserID, a.Name, now
		ch.Assessment.Results = append(ch.Assessment.Results, r)
		return tx.AddResult(ctx, id, r)
	})
}

// Classify records the physician's outcome. The physician may raise what the rules found, but
// lowering it needs a written reason.
//
// Errors: forbidden, validation (an unknown outcome, a lowered outcome without a reason),
// not_found, conflict (a stale version, or the Idempotency-Key), locked (signed), invalid_state.
func (s *Service) Classify(ctx context.Context, a Actor, id string, version int, c Classification) (Chart, error) {
	if err := a.May(PermClassify); err != nil {
		return Chart{}, err
	}
	c.Notes, c.OverrideReason = strings.TrimSpace(c.Notes), strings.TrimSpace(c.OverrideReason)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.classification", func(tx Tx, ch *Chart, now time.Time) error {
		if err := checkClassification(ch.Plan, c); err != nil {
			return err
		}
		c.By, c.ByName, c.At = a.UserID, a.Name, now
		ch.Assessment.Classification = &c
		return nil
	})
}

// checkClassification compares the physician's codes with the protocol's finding.
func checkClassification(plan Plan, c Classification) error {
	var p Problems
	severity := map[string]int{}
	for _, l := range plan.OutcomeScale {
		severity[l.Code] = l.Severity
	}
	if len(c.Codes) == 0 {
		p.Add("codes", "required", "Choose at least one outcome.")
	}
	chosen := -1
	for i, code := range c.Codes {
		sev, ok := severity[code]
		if !ok {
			p.Add(fmt.Sprintf("codes[%d]", i), "unknown_outcome", fmt.Sprintf("%q is not an outcome of the %s protocol.", code, plan.ProtocolID))
		}
		if sev > chosen {
			chosen = sev
		}
	}
	lowered := chosen < plan.Outcome.Severity
	for _, f := range plan.Outcome.Findings {
		if !contains(c.Codes, f.Code) && severity[f.Code] >= chosen {
			lowered = true
		}
	}
	if lowered && c.OverrideReason == "" {
		p.Add("override_reason", "required",
			"The rules found a more serious outcome ("+strings.Join(plan.Outcome.Codes, ", ")+"). Write why you classify otherwise.")
	}
	if len(c.Notes) > 4000 || len(c.OverrideReason) > 4000 {
		p.Add("notes", "too_long", "Notes have at most 4000 characters.")
	}
	return p.Err()
}
