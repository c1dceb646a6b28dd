package clinic

import (
	"context"
	"strings"
	"time"
)

// RecordPEC records the pre-embarkation check. A person whose outcome holds travel (e.g. active
// TB not yet treated) cannot be found fit; the check issues the fitness-to-travel certificate.
func (s *Service) RecordPEC(ctx context.Context, a Actor, id string, version int, p PEC) (Chart, error) {
	if err := a.Allow(RoleNurse, RolePhysician); err != nil {
		return Chart{}, err
	}
	p.FlightNumber, p.Remarks = strings.ToUpper(strings.TrimSpace(p.FlightNumber)), strings.TrimSpace(p.Remarks)
	var probs Problems
	if p.TempC == 0 {
		probs.Add("temperature_c", "required", "Enter the temperature.")
	} else if p.TempC < 30 || p.TempC > 44 {
		probs.Add("temperature_c", "out_of_range", "Enter a temperature from 30 to 44 °C.")
	}
	if p.Fit && p.Symptoms {
		probs.Add("fit", "not_allowed", "A person with signs of infectious disease cannot be found fit; record not fit and refer.")
	}
	if !p.Fit && p.Remarks == "" {
		probs.Add("remarks", "required", "Write why the person is not fit to travel.")
	}
	if len(p.Remarks) > 2000 {
		probs.Add("remarks", "too_long", "Remarks have at most 2000 characters.")
	}
	if err := probs.Err(); err != nil {
		return Chart{}, err
	}
	act := ActPECUnfit
	if p.Fit {
		act = ActPECFit
	}
	return s.mutate(ctx, a, id, version, act, "assessment.pec", func(tx Tx, ch *Chart, now time.Time) error {
		if hold := holdingCodes(ch.Plan, ch.Assessment.Classification); p.Fit && len(hold) > 0 {
			return Errorf(EInvalidState, "The outcome %s holds travel until treatment is done; the person cannot be found fit.", strings.Join(hold, ", "))
		}
		if p.FlightNumber == "" {
			p.FlightNumber = ch.Case.FlightNumber
		}
		if p.DepartureDate == nil {
			p.DepartureDate = ch.Case.DepartureDate
		}
		p.By, p.ByName, p.At = a.UserID, a.Name, now
		ch.Assessment.PEC = &p
		return s.issueForms(ctx, tx, a, ch, []string{"PEC"}, nil, now)
	})
}

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
