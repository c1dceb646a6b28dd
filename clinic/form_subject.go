package clinic

import "context"

// DescribeForms names the person, case and form of each form id that exists; unknown ids are
// left out. It serves the administrator's view of failed background work, whose route checks the
// role.
//
// Errors: internal only.
func (s *Service) DescribeForms(ctx context.Context, ids []string) (map[string]FormSubject, error) {
	out := make(map[string]FormSubject, len(ids))
	err := s.store.Tx(ctx, func(tx Tx) error {
		for _, id := range ids {
			if !isUUID(id) {
				continue // not a form's task (a task id is its form's id)
			}
			f, err := tx.FormByID(ctx, id)
			if IsCode(err, ENotFound) {
				continue
			} else if err != nil {
				return err
			}
			as, err := tx.AssessmentByID(ctx, f.SiteID, f.AssessmentID, false)
			if err != nil {
				return err
			}
			c, err := tx.CaseByID(ctx, f.SiteID, as.CaseID)
			if err != nil {
				return err
			}
			sub := FormSubject{FormID: id, FormType: f.FormType, CaseNumber: c.CaseNumber, AssessmentID: f.AssessmentID,
				SiteID: f.SiteID, Problem: f.Problem}
			for _, m := range c.Members {
				if m.ID == f.ApplicantID {
					sub.Person = m.FullName()
				}
			}
			out[id] = sub
		}
		return nil
	})
	return out, err
}
