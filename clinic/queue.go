package clinic

import (
	"context"
	"time"
)

// QueueCase opens an assessment for every member of a case who has none yet and puts them in the
// nurse's queue. Each assessment pins the protocol version in force on its exam date.
func (s *Service) QueueCase(ctx context.Context, a Actor, caseID string) (Case, error) {
	if err := a.Allow(RoleRegistrar, RoleAdmin); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.CaseByID(ctx, a.SiteID, caseID); err != nil {
			return err
		}
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		today := site.Today(now)
		version, err := s.assessor.VersionOn(c.Destination, today)
		if err != nil {
			return Errorf(EValidation, "No %s protocol is in force on %s: %v", c.Destination, today.Format(time.DateOnly), err)
		}
		for i, m := range c.Members {
			if m.AssessmentID != "" {
				continue
			}
			as := Assessment{ID: NewID(), ApplicantID: m.ID, CaseID: c.ID, SiteID: c.SiteID, State: StateQueued,
				ExamDate: today, ProtocolID: c.Destination, ProtocolVersion: version, Version: 1, QueuedAt: now, UpdatedAt: now}
			if err := tx.CreateAssessment(ctx, &as); err != nil {
				return err
			}
			if err := tx.SetCurrentAssessment(ctx, m.ID, as.ID); err != nil {
				return err
			}
			c.Members[i].AssessmentID, c.Members[i].State = as.ID, as.State
			if err := tx.Audit(ctx, s.audit(a, "assessment.open", "assessment", as.ID)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, s.audit(a, "case.queue", "case", c.ID))
	})
	return c, err
}
