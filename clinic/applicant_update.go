package clinic

import "context"

// UpdateApplicant corrects a person's registration details (a misspelt name, a birth date found
// in a document). Once the person's assessment is signed the identity on the forms is frozen:
// a correction then needs an addendum by the physician, not an edit here.
func (s *Service) UpdateApplicant(ctx context.Context, a Actor, id string, version int, m Applicant) (Case, error) {
	if err := a.Allow(RoleRegistrar, RoleAdmin); err != nil {
		return Case{}, err
	}
	var p Problems
	validateMember(&p, "", &m, s.clock.Now().AddDate(0, 0, 1))
	if err := p.Err(); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.store.Tx(ctx, func(tx Tx) error {
		cur, err := tx.ApplicantByID(ctx, a.SiteID, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return Conflict("person", cur.Version)
		}
		if cur.State.Locked() {
			return Errorf(ELocked, "The assessment is signed, so the identity on the forms is frozen. Ask the physician for an addendum.")
		}
		m.ID, m.CaseID, m.SiteID, m.CreatedAt, m.AssessmentID = cur.ID, cur.CaseID, cur.SiteID, cur.CreatedAt, cur.AssessmentID
		if !contains(m.CountriesLived, m.ResidenceCountry) {
			m.CountriesLived = append(m.CountriesLived, m.ResidenceCountry)
		}
		if err := tx.UpdateApplicant(ctx, &m, version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "applicant.update", "applicant", id)); err != nil {
			return err
		}
		c, err = tx.CaseByID(ctx, a.SiteID, cur.CaseID)
		return err
	})
	return c.DisclosedTo(a), err
}
