package clinic

import (
	"context"
	"time"
)

// QueueCase opens an assessment for every member of a case who has none yet and puts them in the
// nurse's queue. Each assessment pins the protocol version in force on its exam date.
//
// Errors: forbidden, not_found, validation (no protocol in force for the destination), conflict
// (the Idempotency-Key).
func (s *Service) QueueCase(ctx context.Context, a Actor, caseID string) (Case, error) {
	if err := a.May(PermQueueCase); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.CaseByID(ctx, a.SiteID, caseID); err != nil {
			return err
		}
		for i, m := range c.Members {
			if m.AssessmentID != "" {
				continue
			}
			as, err := s.openAssessment(ctx, tx, a, c, m.ID, "assessment.open")
			if err != nil {
				return err
			}
			c.Members[i].AssessmentID, c.Members[i].State = as.ID, as.State
		}
		return tx.Audit(ctx, s.audit(a, "case.queue", "case", c.ID))
	})
	return c.DisclosedTo(a), err
}

// openAssessment opens a queued assessment for one member of a case, pinned to the protocol
// version in force today at the actor's site, and makes it the member's current one.
func (s *Service) openAssessment(ctx context.Context, tx Tx, a Actor, c Case, applicantID, action string) (Assessment, error) {
	site, err := tx.SiteByCode(ctx, a.SiteCode)
	if err != nil {
		return Assessment{}, err
	}
	now := s.clock.Now()
	today := site.Today(now)
	version, err := s.assessor.VersionOn(c.Destination, today)
	if err != nil {
		return Assessment{}, Errorf(EValidation, "No %s protocol is in force on %s: %v", c.Destination, today.Format(time.DateOnly), err)
	}
	as := Assessment{ID: NewID(), ApplicantID: applicantID, CaseID: c.ID, SiteID: c.SiteID, State: StateQueued,
		ExamDate: today, ProtocolID: c.Destination, ProtocolVersion: version, Version: 1, QueuedAt: now, UpdatedAt: now}
	if err := tx.CreateAssessment(ctx, &as); err != nil {
		return Assessment{}, err
	}
	if err := tx.SetCurrentAssessment(ctx, applicantID, as.ID); err != nil {
		return Assessment{}, err
	}
	if err := tx.Audit(ctx, s.audit(a, action, "assessment", as.ID)); err != nil {
		return Assessment{}, err
	}
	return as, s.orderLabTests(ctx, tx, a, as.ID, now)
}

// orderLabTests makes the lab orders of a new assessment's plan.
func (s *Service) orderLabTests(ctx context.Context, tx Tx, a Actor, id string, now time.Time) error {
	if s.lab == nil {
		return nil
	}
	ch, err := s.loadChart(ctx, tx, a.SiteID, id, false)
	if err != nil {
		return err
	}
	return s.syncLabOrders(ctx, tx, a, ch, now)
}
