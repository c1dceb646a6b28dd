package clinic

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LabResult is one coded result of a test on a specimen. An amendment adds a new result that
// names the one it replaces and why; the earlier one stays, marked superseded.
type LabResult struct {
	ID           string
	SiteID       string
	AssessmentID string
	SpecimenID   string
	Accession    string
	OrderID      string
	Test         string
	Step         string
	Components   []LabValue
	// Value is the step's value in the protocol's words (positive, reactive, normal...) or the
	// number; "" while a reactive screen awaits its confirmatory test.
	Value        string
	Number       *float64
	Flag         string // normal | abnormal | low | high | critical
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
	Amends       string // the result this one replaces
	AmendReason  string
	Superseded   bool
	AckBy        string // who acknowledged a critical result
	AckName      string
	AckAt        *time.Time
}

// Final is true when the result gives the step its value.
func (r LabResult) Final() bool { return r.Value != "" }

// LabValue is one component's value with its unit, code, range and flag.
type LabValue struct {
	Code     string
	Name     string
	LOINC    string
	Unit     string
	Text     string
	Number   *float64
	Computed bool
	Flag     string
	Range    string // the reference range applied, e.g. "130–170 g/L"; "" when none
}

// LabEntry is what the lab types or scans in: the test (when the specimen carries more than one)
// and each component's value, numbers as decimal text.
type LabEntry struct {
	Test   string
	Values map[string]string
}

// RecordLabResult records the result of a test on a specimen found by its accession number. The
// components are checked against the catalog; computed ones (IGRA interpretation, eGFR) are
// worked out; each value is flagged against its reference range; the step's result follows and
// the protocol is evaluated again. Every coded result is recorded here (a new one, a confirmatory
// test after a reactive screen, or an amendment).
//
// Errors: forbidden, not_found, validation (a missing or unknown component, a value out of range),
// invalid_state (the specimen is not received, rejected, already resulted, or a skin test outside
// its reading window), locked (signed), unavailable (no lab catalog), consent_required and
// counselling_required (an HIV result without HIV-testing consent or pre-test counselling).
func (s *Service) RecordLabResult(ctx context.Context, a Actor, accessionNo string, e LabEntry) (LabResult, error) {
	return s.recordLab(ctx, a, accessionNo, e, "", "")
}

// AmendLabResult replaces a result with corrected values, keeping the earlier one, who changed it
// and why; the protocol is evaluated again.
//
// Errors: forbidden, not_found, validation (no reason, or as RecordLabResult), conflict (the result
// was amended already), locked (signed), unavailable (no lab catalog).
func (s *Service) AmendLabResult(ctx context.Context, a Actor, resultID, reason string, values map[string]string) (LabResult, error) {
	reason = strings.TrimSpace(reason)
	var p Problems
	textField(&p, "reason", reason, 500, true)
	if err := p.Err(); err != nil {
		return LabResult{}, err
	}
	if err := a.May(PermRecordLabResult); err != nil {
		return LabResult{}, err
	}
	var old LabResult
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		old, err = tx.LabResultByID(ctx, a.SiteID, resultID, false)
		return err
	})
	if err != nil {
		return LabResult{}, err
	}
	return s.recordLab(ctx, a, old.Accession, LabEntry{Test: old.Test, Values: values}, resultID, reason)
}

// recordLab is the one place a coded result is written.
func (s *Service) recordLab(ctx context.Context, a Actor, accessionNo string, e LabEntry, amends, reason string) (LabResult, error) {
	if err := a.May(PermRecordLabResult); err != nil {
		return LabResult{}, err
	}
	if err := s.labReady(); err != nil {
		return LabResult{}, err
	}
	var out LabResult
	err := s.tx(ctx, func(tx Tx) error {
		sp, err := tx.SpecimenByAccession(ctx, a.SiteID, strings.TrimSpace(accessionNo), true)
		if err != nil {
			return err
		}
		test, err := s.lab.specimenTest(sp, e.Test)
		if err != nil {
			return err
		}
		ch, err := s.loadChart(ctx, tx, a.SiteID, sp.AssessmentID, true)
		if err != nil {
			return err
		}
		if ch.Assessment.State.Locked() {
			return Errorf(ELocked, "The assessment is signed; add an addendum instead.")
		}
		if h := ch.IdentityHold(); h != nil {
			return holdError(h)
		}
		if test.Step == "hiv" {
			if err := RequireHIVTestConsent(ctx, tx, ch.Applicant.ID, sp.AssessmentID); err != nil {
				return err
			}
		}
		now := s.clock.Now()
		prior, err := s.priorResult(ctx, tx, sp, test, amends)
		if err != nil {
			return err
		}
		if err := checkSpecimenReady(sp, test, now); err != nil && amends == "" {
			return err
		}
		out, err = s.lab.code(test, e.Values, ch.Plan.AgeYears, ch.Applicant.Sex)
		if err != nil {
			return err
		}
		out.ID, out.SiteID, out.AssessmentID, out.SpecimenID, out.Accession = NewID(), a.SiteID, sp.AssessmentID, sp.ID, sp.Accession
		out.OrderID = orderOfTest(sp, test.Code)
		out.RecordedBy, out.RecordedName, out.RecordedAt, out.AmendReason = a.UserID, a.Name, now, reason
		action := "lab_result.record"
		if prior != nil {
			out.Amends = prior.ID
			if err := tx.SupersedeLabResult(ctx, prior.ID); err != nil {
				return err
			}
			if amends != "" {
				action = "lab_result.amend"
			}
		}
		if err := tx.AddLabResult(ctx, out); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, action, "specimen", sp.ID)); err != nil {
			return err
		}
		return s.feedSteps(ctx, tx, a, sp.AssessmentID, now)
	})
	return out, err
}

// priorResult finds the result a new one replaces: the amended one, or a screen awaiting its
// confirmation. Any other existing result refuses a second one.
func (s *Service) priorResult(ctx context.Context, tx Tx, sp Specimen, test LabTest, amends string) (*LabResult, error) {
	results, err := tx.LabResultsOf(ctx, sp.AssessmentID)
	if err != nil {
		return nil, err
	}
	cur := currentResult(results, sp.ID, test.Code)
	switch {
	case amends != "" && (cur == nil || cur.ID != amends):
		return nil, Errorf(EConflict, "This result was amended already; reload to see the current one.")
	case amends != "":
		return cur, nil
	case cur != nil && !cur.Final():
		return cur, nil // the confirmatory test completes a reactive screen
	case cur != nil:
		return nil, Errorf(EInvalidState, "Specimen %s has a %s result already; amend it to change it.", sp.Accession, test.Name)
	}
	return nil, nil
}

// specimenTest picks the test a result is for: the one named, or the specimen's only one.
func (c *LabCatalog) specimenTest(sp Specimen, code string) (LabTest, error) {
	code = strings.TrimSpace(code)
	if code == "" && len(sp.Tests) == 1 {
		code = sp.Tests[0]
	}
	if code == "" {
		return LabTest{}, (&Problems{{Field: "test", Code: "required", Message: "This specimen carries " + strings.Join(sp.Tests, ", ") + "; say which test the result is for."}}).Err()
	}
	if !contains(sp.Tests, code) {
		return LabTest{}, (&Problems{{Field: "test", Code: "not_ordered", Message: fmt.Sprintf("Specimen %s carries no %s order.", sp.Accession, code)}}).Err()
	}
	t, ok := c.Test(code)
	if !ok {
		return LabTest{}, (&Problems{{Field: "test", Code: "unknown", Message: code + " is not in the test catalog."}}).Err()
	}
	return t, nil
}

// checkSpecimenReady: a specimen takes a result once received; a skin test inside its window.
func checkSpecimenReady(sp Specimen, t LabTest, now time.Time) error {
	switch {
	case sp.Status == SpecimenRejected:
		return Errorf(EInvalidState, "Specimen %s was rejected (%s); collect a new one.", sp.Accession, sp.RejectReason)
	case sp.ReceivedAt == nil:
		return Errorf(EInvalidState, "Specimen %s has not been received at the lab; scan it in first.", sp.Accession)
	}
	if t.ReadBeforeHours > 0 {
		from := sp.CollectedAt.Add(time.Duration(t.ReadAfterHours) * time.Hour)
		until := sp.CollectedAt.Add(time.Duration(t.ReadBeforeHours) * time.Hour)
		if now.Before(from) || now.After(until) {
			return Errorf(EInvalidState, "The %s placed at %s is read from %s to %s; it is %s now.", t.Name,
				sp.CollectedAt.Format(time.RFC3339), from.Format(time.RFC3339), until.Format(time.RFC3339), now.Format(time.RFC3339))
		}
	}
	return nil
}

func orderOfTest(sp Specimen, test string) string {
	for i, t := range sp.Tests {
		if t == test && i < len(sp.OrderIDs) {
			return sp.OrderIDs[i]
		}
	}
	return ""
}

// code checks the entered values against the test's components, computes the computed ones,
// flags each against the person's reference range and interprets the step's value.
func (c *LabCatalog) code(t LabTest, values map[string]string, age int, sex string) (LabResult, error) {
	r := LabResult{Test: t.Code, Step: t.Step, Flag: FlagNormal}
	var p Problems
	for k := range values {
		if _, ok := t.Component(k); !ok {
			p.Add("values."+k, "unknown", k+" is not a component of "+t.Name+".")
		}
	}
	got := map[string]LabValue{}
	for _, comp := range t.Components {
		raw := strings.TrimSpace(values[comp.Code])
		if comp.Computed != "" {
			if raw != "" {
				p.Add("values."+comp.Code, "computed", "The "+comp.Name+" is computed, not entered.")
			}
			continue
		}
		if raw == "" {
			if !comp.Optional {
				p.Add("values."+comp.Code, "required", "Enter the "+comp.Name+".")
			}
			continue
		}
		v := LabValue{Code: comp.Code, Name: comp.Name, LOINC: comp.LOINC, Unit: comp.Unit}
		if len(comp.Choices) > 0 {
			if !contains(comp.Choices, raw) {
				p.Add("values."+comp.Code, "not_allowed", "Choose one of: "+strings.Join(comp.Choices, ", ")+".")
				continue
			}
			v.Text, v.Flag = raw, comp.flagChoice(raw)
		} else {
			x, err := strconv.ParseFloat(raw, 64)
			if err != nil || x < comp.Min || x > comp.Max {
				p.Add("values."+comp.Code, "out_of_range", fmt.Sprintf("Enter a number from %g to %g %s.", comp.Min, comp.Max, comp.Unit))
				continue
			}
			var rng *RefRange
			v.Number = &x
			v.Flag, rng = comp.flagNumber(x, age, sex)
			v.Range = describeRange(rng, comp.Unit)
		}
		got[comp.Code] = v
	}
	if err := p.Err(); err != nil {
		return r, err
	}
	for _, comp := range t.Components {
		if comp.Computed == "egfr_ckd_epi_2021" {
			if cr, ok := got["creatinine"]; ok {
				if e, ok := EGFRCKDEPI2021(*cr.Number, age, sex); ok {
					v := LabValue{Code: comp.Code, Name: comp.Name, LOINC: comp.LOINC, Unit: comp.Unit, Number: &e, Computed: true}
					var rng *RefRange
					v.Flag, rng = comp.flagNumber(e, age, sex)
					v.Range = describeRange(rng, comp.Unit)
					got[comp.Code] = v
				}
			}
		}
	}
	for _, comp := range t.Components {
		if v, ok := got[comp.Code]; ok {
			r.Components = append(r.Components, v)
			r.Flag = worst(r.Flag, v.Flag)
		}
	}
	if err := c.interpret(t, got, &r); err != nil {
		return r, err
	}
	return r, nil
}

// interpret gives the step's value from the components, as the test's Interpret says.
func (c *LabCatalog) interpret(t LabTest, got map[string]LabValue, r *LabResult) error {
	num := func(code string) float64 { return *got[code].Number }
	switch t.Interpret {
	case "igra_qft_plus":
		r.Value = IGRAInterpretation(c.IGRA, num("nil"), num("tb1"), num("tb2"), num("mitogen"))
		if r.Value != "negative" {
			r.Flag = worst(r.Flag, FlagAbnormal)
		}
	case "screen_confirm":
		screen, confirm := got["screen"].Text, got["confirm"].Text
		switch {
		case screen == "nonreactive":
			if confirm != "" {
				return (&Problems{{Field: "values.confirm", Code: "not_allowed", Message: "A non-reactive screen needs no confirmatory test."}}).Err()
			}
			r.Value = t.Negative
		case confirm == "reactive":
			r.Value, r.Flag = t.Positive, worst(r.Flag, FlagAbnormal)
		case confirm == "nonreactive":
			r.Value = t.Negative
		default:
			r.Flag = worst(r.Flag, FlagAbnormal) // reactive screen, confirmation to follow
		}
	case "any_abnormal":
		r.Value = "normal"
		if r.Flag != FlagNormal {
			r.Value = "abnormal"
		}
	default:
		first := got[t.Components[0].Code]
		r.Value, r.Number = first.Text, first.Number
		if first.Number != nil {
			r.Value = strconv.FormatFloat(*first.Number, 'f', -1, 64)
		}
	}
	return nil
}

// AcknowledgeCritical records that the physician has seen a critical result.
//
// Errors: forbidden, not_found, invalid_state (not critical, superseded, or acknowledged already).
func (s *Service) AcknowledgeCritical(ctx context.Context, a Actor, resultID string) (LabResult, error) {
	if err := a.May(PermAcknowledgeCritical); err != nil {
		return LabResult{}, err
	}
	var r LabResult
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if r, err = tx.LabResultByID(ctx, a.SiteID, resultID, true); err != nil {
			return err
		}
		switch {
		case r.Flag != FlagCritical:
			return Errorf(EInvalidState, "This result is not critical.")
		case r.Superseded:
			return Errorf(EInvalidState, "This result was amended; acknowledge the current one.")
		case r.AckAt != nil:
			return Errorf(EInvalidState, "%s acknowledged this result at %s.", r.AckName, r.AckAt.Format(time.RFC3339))
		}
		now := s.clock.Now()
		if err := tx.AcknowledgeLabResult(ctx, r.ID, a.UserID, a.Name, now); err != nil {
			return err
		}
		r.AckBy, r.AckName, r.AckAt = a.UserID, a.Name, &now
		return tx.Audit(ctx, s.audit(a, "lab_result.acknowledge", "assessment", r.AssessmentID))
	})
	return r, err
}
