package clinic

import "context"

// Reexamine opens a new assessment for a person whose last one is signed: the medical clearance
// ran out before the flight, or the physician asked for a repeat. The new assessment pins the
// protocol version in force today; the old one, its forms and the vaccination record stay.
//
// Errors: forbidden, not_found, invalid_state (no assessment yet, or the current one still open),
// conflict (the Idempotency-Key).
func (s *Service) Reexamine(ctx context.Context, a Actor, applicantID string) (Case, error) {
	if err := a.May(PermReexamine); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.tx(ctx, func(tx Tx) error {
		ap, err := tx.ApplicantByID(ctx, a.SiteID, applicantID)
		if err != nil {
			return err
		}
		if ap.AssessmentID == "" {
			return Errorf(EInvalidState, "This person has no assessment yet: put the case in the queue.")
		}
		if !ap.State.Locked() {
			return Errorf(EInvalidState, "The current assessment is still open (%s); finish it first.", ap.State.Label())
		}
		if c, err = tx.CaseByID(ctx, a.SiteID, ap.CaseID); err != nil {
			return err
		}
		if _, err := s.openAssessment(ctx, tx, a, c, ap.ID, "assessment.reopen"); err != nil {
			return err
		}
		c, err = tx.CaseByID(ctx, a.SiteID, ap.CaseID)
		return err
	})
	return c.DisclosedTo(a), err
}
