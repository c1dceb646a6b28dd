package clinic

import (
	"context"
	"strings"
	"time"
)

// RecordPEC records the pre-embarkation check: vitals, the symptom questionnaire, pregnancy weeks
// (against the airlines' limit), new conditions and medicines, the outcome (fit, fit with
// assistance, not fit with a reason and a re-check date) and the travel needs. A person whose
// outcome holds travel (e.g. active TB not yet treated) cannot be found fit. The check issues the
// fitness-to-travel certificate, and the MEDIF for a passenger who travels with assistance.
//
// Errors: forbidden, validation, not_found, conflict (a stale version, or the Idempotency-Key),
// invalid_state (not signed yet, an outcome that holds travel, outside the departure window).
func (s *Service) RecordPEC(ctx context.Context, a Actor, id string, version int, p PEC) (Chart, error) {
	if err := a.May(PermRecordPEC); err != nil {
		return Chart{}, err
	}
	var limit *PregnancyLimit
	if tl, ok := s.assessor.(TravelLimiter); ok && p.PregnancyWeeks != nil {
		l, err := tl.PregnancyLimit()
		if err != nil {
			return Chart{}, Internal(err, "airline pregnancy limit")
		}
		limit = &l
	}
	now := s.clock.Now()
	if err := checkPEC(&p, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), limit); err != nil {
		return Chart{}, err
	}
	act := ActPECUnfit
	if p.Fit {
		act = ActPECFit
	}
	return s.mutate(ctx, a, id, version, act, "assessment.pec", func(tx Tx, ch *Chart, now time.Time) error {
		if err := s.requireIdentityCheck(ctx, tx, ch, IDPEC, now); err != nil {
			return err
		}
		if steps := heldBy(ch.Assessment.Signoff); p.Fit && len(steps) > 0 {
			labels := make([]string, len(steps))
			for i, st := range steps {
				labels[i] = StepLabel(st)
			}
			return Errorf(EInvalidState, "Signed with steps not done (%s); travel waits for them, so the person cannot be found fit.", strings.Join(labels, ", "))
		}
		if hold := holdingCodes(ch.Plan, ch.Assessment.Classification); p.Fit && len(hold) > 0 {
			return Errorf(EInvalidState, "The outcome %s holds travel until treatment is done; the person cannot be found fit.", strings.Join(hold, ", "))
		}
		if p.FlightNumber == "" {
			p.FlightNumber = ch.Case.FlightNumber
		}
		if p.DepartureDate == nil {
			p.DepartureDate = ch.Case.DepartureDate
		}
		if err := s.inDepartureWindow(ctx, tx, a, ch, now); err != nil {
			return err
		}
		p.By, p.ByName, p.At = a.UserID, a.Name, now
		ch.Assessment.PEC = &p
		if NeedsMEDIF(p) {
			return s.issueForms(ctx, tx, a, ch, []string{"PEC", FormMEDIF}, nil, now)
		}
		return s.issueFormsSuperseding(ctx, tx, a, ch, []string{"PEC"}, []string{FormMEDIF}, nil, now)
	})
}

// FormMEDIF is the form type of the IATA Medical Information Form (part 2, the physician's
// section), issued with the PEC for a passenger who travels with assistance.
const FormMEDIF = "MEDIF"

// NeedsMEDIF says whether a check asks for a MEDIF: fit to travel, with assistance.
func NeedsMEDIF(p PEC) bool { return p.Fit && p.Needs.Any() }

// holdingCodes returns the classification's outcome codes that hold travel.
func holdingCodes(plan Plan, c *Classification) []string {
	codes := plan.Outcome.Codes
	if c != nil {
		codes = c.Codes
	}
	var out []string
	for _, l := range plan.OutcomeScale {
		if l.HoldsTravel && contains(codes, l.Code) {
			out = append(out, l.Code)
		}
	}
	return out
}

// departureChecks are the protocol's checks the PEC stands for.
var departureChecks = []string{"pre_embarkation_check", "departure_health_check"}

// inDepartureWindow refuses a check done earlier than the protocol's window before the booked
// flight (e.g. at most 72 hours for the US): an early check says nothing about fitness to fly.
// The flight's day counts from its start, in the clinic's time zone.
func (s *Service) inDepartureWindow(ctx context.Context, tx Tx, a Actor, ch *Chart, now time.Time) error {
	if ch.Case.DepartureDate == nil {
		return nil
	}
	site, err := tx.SiteByCode(ctx, a.SiteCode)
	if err != nil {
		return err
	}
	d := *ch.Case.DepartureDate
	departure := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, site.Location())
	for _, c := range ch.Plan.Departure {
		if c.MaxHours <= 0 || !contains(departureChecks, c.Check) {
			continue
		}
		opens := departure.Add(-time.Duration(c.MaxHours) * time.Hour)
		if now.Before(opens) {
			return Errorf(EInvalidState, "The pre-embarkation check is done at most %d hours before the flight of %s: from %s.",
				c.MaxHours, d.Format(time.DateOnly), opens.In(site.Location()).Format("2006-01-02 15:04"))
		}
	}
	return nil
}
