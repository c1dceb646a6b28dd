package clinic

// Vaccines lists the vaccines the clinic can record, by CVX code; nil when vaccination is not
// configured.
func (s *Service) Vaccines(a Actor) ([]Vaccine, error) {
	if err := a.Allow(RoleNurse, RolePhysician); err != nil {
		return nil, err
	}
	if s.immunizer == nil {
		return nil, Errorf(EUnavailable, "Vaccination is not configured on this server.")
	}
	return s.immunizer.Vaccines(), nil
}
