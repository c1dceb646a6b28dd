package clinic

import (
	"context"
	"errors"
	"time"
)

// Chart is everything a clinical station sees of one assessment.
type Chart struct {
	Assessment Assessment
	Applicant  Applicant
	Case       Case
	Plan       Plan
	Forms      []Form
	// Doses is the applicant's vaccination record (as it stood at sign-off, once signed);
	// Vaccination its evaluation, nil when neither the protocol nor a record calls for one.
	Doses       []Dose
	Vaccination *VaccinationView
	// Treatments are the treatments recorded at this exam (given, withheld, refused), oldest first.
	Treatments []TreatmentRecord
	// VaccineDecisions are the refusals, waivers and evidence of immunity recorded at this exam.
	VaccineDecisions []VaccineDecision
	// IdentityChecks are the stations' identity checks of this assessment, newest first.
	IdentityChecks []IdentityCheck
	// HasPhoto is true when the person has a current photo (forms a country requires it on).
	HasPhoto bool
	// Counselling is the counselling recorded at this exam, oldest first.
	Counselling []Counselling
	// DOT is the course of treatment under observation, nil when none is started.
	DOT *DOTCourse
	// Referrals are the specialist referrals of this exam, oldest first.
	Referrals []Referral
	// Incomplete lists what the protocol and the workflow still miss (step codes).
	Incomplete []string
	// Zone is the site's time zone, in which the flight's day starts; nil reads as UTC.
	Zone *time.Location
}

// Chart loads an assessment with its plan, and audits the read.
//
// Errors: forbidden, not_found (no such assessment at the actor's site), validation (the protocol
// cannot assess the record).
func (s *Service) Chart(ctx context.Context, a Actor, id string) (Chart, error) {
	if err := a.May(PermReadChart); err != nil {
		return Chart{}, err
	}
	var ch Chart
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if ch, err = s.loadChart(ctx, tx, a.SiteID, id, false); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "assessment.read", "assessment", id))
	})
	return ch, err
}

// loadChart reads an assessment, its applicant and case, and evaluates its pinned protocol.
func (s *Service) loadChart(ctx context.Context, tx Tx, siteID, id string, forUpdate bool) (Chart, error) {
	as, err := tx.AssessmentByID(ctx, siteID, id, forUpdate)
	if err != nil {
		return Chart{}, err
	}
	c, err := tx.CaseByID(ctx, siteID, as.CaseID)
	if err != nil {
		return Chart{}, err
	}
	ch := Chart{Assessment: as, Case: c}
	for _, m := range c.Members {
		if m.ID == as.ApplicantID {
			ch.Applicant = m
		}
	}
	if err := s.loadDoses(ctx, tx, &ch, nil); err != nil {
		return Chart{}, err
	}
	if c.DepartureDate != nil {
		if ch.Zone, err = siteZone(ctx, tx, siteID); err != nil {
			return Chart{}, err
		}
	}
	if ch.Referrals, err = tx.ReferralsOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if ch.Plan, err = s.evaluate(ctx, ch); err != nil {
		return Chart{}, err
	}
	if ch.Treatments, err = tx.TreatmentsOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if ch.Counselling, err = tx.CounsellingOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if ch.DOT, err = tx.DOTCourseOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if ch.DOT != nil {
		zone, err := siteZone(ctx, tx, siteID)
		if err != nil {
			return Chart{}, err
		}
		y, m, d := s.clock.Now().In(zone).Date()
		ch.DOT.Today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if ch.Forms, err = tx.FormsOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if ch.IdentityChecks, err = tx.IdentityChecksOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if ch.HasPhoto, err = hasPhoto(ctx, tx, ch.Applicant.ID); err != nil {
		return Chart{}, err
	}
	if ch.VaccineDecisions, err = tx.VaccineDecisionsOf(ctx, id); err != nil {
		return Chart{}, err
	}
	if err := s.loadVaccination(ctx, tx, &ch, nil); err != nil {
		return Chart{}, err
	}
	ch.Incomplete = incomplete(ch)
	return ch, nil
}

// IdentityHold is the unresolved identity mismatch holding the assessment, nil when none does.
func (ch Chart) IdentityHold() *IdentityCheck { return identityHold(ch.IdentityChecks) }

// evaluate applies the assessment's pinned protocol version to what the chart holds.
func (s *Service) evaluate(ctx context.Context, ch Chart) (Plan, error) {
	f := FactsOf(ch.Case, ch.Applicant, ch.Assessment)
	f.VaccinationRecord = hasRecord(ch.Doses)
	f.addDeparture(ch.Case, ch.Assessment, ch.Zone)
	f.Results.SpecialistReports = specialistReports(ch.Referrals)
	plan, err := s.assessor.Evaluate(ctx, ch.Assessment.ProtocolVersion, f)
	var ie AssessorInputError
	if errors.As(err, &ie) {
		// The chart's own data could not be read by the rules: show it, do not hide it as a 500.
		return Plan{}, &Error{Code: EValidation, Message: "The protocol cannot assess this record: " + ie.Error(),
			Fields: []FieldError{{Field: ie.ErrorField(), Code: ie.ErrorCode(), Message: ie.Error()}}}
	}
	if err != nil {
		return Plan{}, Internal(err, "evaluate protocol")
	}
	return plan, nil
}

// FactsOf turns the clinic's record into the protocol engine's facts.
func FactsOf(c Case, ap Applicant, as Assessment) Facts {
	f := Facts{Destination: c.Destination, Program: c.Program, ExamDate: as.ExamDate,
		BirthDate: ap.BirthDate, BirthDateEstimated: ap.BirthDateEstimated, Sex: ap.Sex,
		ResidenceCountry: ap.ResidenceCountry, CountriesLived: ap.CountriesLived,
		UnaccompaniedMinor: ap.UnaccompaniedMinor, Adoptee: ap.Adoptee, Findings: as.Findings}
	f.Findings.MentalDisorder, f.Findings.HarmfulBehaviour = false, false
	if m := as.MentalHealth; m != nil {
		f.Findings.MentalDisorder, f.Findings.HarmfulBehaviour = m.Disorder != "", m.HarmfulBehaviour
	}
	f.addPerson(ap)
	if v := as.Vitals; v != nil {
		f.Pregnant = v.Pregnant
		if v.WeightKg > 0 {
			w := v.WeightKg
			f.WeightKg = &w
		}
	}
	for _, r := range as.Results {
		applyResult(&f.Results, r)
	}
	return f
}

// incomplete lists the steps still missing: the protocol's pending results, and the workflow's
// own steps (history, examination, classification).
func incomplete(ch Chart) []string {
	var out []string
	as := ch.Assessment
	if as.History == nil {
		out = append(out, "medical_history")
		// The history's mental-health questions are the mental-health assessment.
		if ch.Plan.requires("mental_health") {
			out = append(out, "mental_health")
		}
	}
	if as.Vitals == nil {
		out = append(out, "physical_exam")
	}
	out = append(out, ch.Plan.Pending...)
	out = append(out, counsellingPending(ch)...)
	if vaccinationDue(ch) {
		out = append(out, "vaccination_review")
	}
	return out
}
