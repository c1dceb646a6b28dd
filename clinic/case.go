package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// NewCase is a case as the registrar enters it.
type NewCase struct {
	CaseNumber  string
	Destination string
	Program     string
	Members     []Applicant // identity fields only; ids and versions are set here
	// Duplicates are the registrar's decisions on possible duplicates, by member index.
	Duplicates map[int]DuplicateChoice
}

// Validate checks a new case field by field; fields are named as in the API.
func (n *NewCase) Validate(today time.Time) error {
	var p Problems
	n.CaseNumber = strings.TrimSpace(n.CaseNumber)
	if n.CaseNumber == "" {
		p.Add("case_number", "required", "Enter the case number from the resettlement or visa file.")
	} else if len(n.CaseNumber) > 40 {
		p.Add("case_number", "too_long", "The case number has at most 40 characters.")
	}
	if !oneOf(n.Destination, Destinations) {
		p.Add("destination", "not_allowed", "Choose the destination: US, CA, AU or NZ.")
	}
	if !oneOf(n.Program, Programs) {
		p.Add("program", "not_allowed", "Choose the programme: refugee, immigrant or temporary.")
	}
	if len(n.Members) == 0 {
		p.Add("members", "required", "Add at least one person to the case.")
	}
	if len(n.Members) > 30 {
		p.Add("members", "too_many", "A case has at most 30 people.")
	}
	for i := range n.Members {
		validateMember(&p, fmt.Sprintf("members[%d].", i), &n.Members[i], today)
	}
	return p.Err()
}

func validateMember(p *Problems, at string, m *Applicant, today time.Time) {
	m.Surnames, m.GivenNames = strings.TrimSpace(m.Surnames), strings.TrimSpace(m.GivenNames)
	if m.Surnames == "" && m.GivenNames == "" {
		p.Add(at+"surnames", "required", "Enter the person's name.")
	}
	if len(m.Surnames) > 100 || len(m.GivenNames) > 100 {
		p.Add(at+"surnames", "too_long", "A name has at most 100 characters.")
	}
	for field, name := range map[string]string{"surnames": m.Surnames, "given_names": m.GivenNames} {
		if !latinName(name) {
			p.Add(at+field, "not_latin", "Write the name in Latin letters, as on the travel document.")
		}
	}
	switch {
	case m.BirthDate.IsZero():
		p.Add(at+"birth_date", "required", "Enter the date of birth (estimate it if unknown and tick 'estimated').")
	case m.BirthDate.After(today):
		p.Add(at+"birth_date", "in_future", "The date of birth is after today.")
	case today.Year()-m.BirthDate.Year() > 120:
		p.Add(at+"birth_date", "out_of_range", "The date of birth is more than 120 years ago.")
	}
	if !oneOf(m.Sex, sexes) {
		p.Add(at+"sex", "not_allowed", "Choose female, male or other.")
	}
	if m.Relationship == "" {
		m.Relationship = "principal"
	}
	if !oneOf(m.Relationship, relationships) {
		p.Add(at+"relationship", "not_allowed", "Choose the relationship to the principal applicant.")
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"nationality", &m.Nationality}, {"residence_country", &m.ResidenceCountry}, {"country_of_birth", &m.CountryOfBirth}} {
		*f.v = strings.ToUpper(strings.TrimSpace(*f.v))
		if *f.v != "" && !isCountryCode(*f.v) {
			p.Add(at+f.name, "invalid_country", "Use the two-letter country code, e.g. RW.")
		}
	}
	if m.ResidenceCountry == "" {
		p.Add(at+"residence_country", "required", "Enter the country where the person lives now.")
	}
	for j, c := range m.CountriesLived {
		m.CountriesLived[j] = strings.ToUpper(strings.TrimSpace(c))
		if !isCountryCode(m.CountriesLived[j]) {
			p.Add(fmt.Sprintf("%scountries_lived[%d]", at, j), "invalid_country", "Use two-letter country codes, e.g. CD.")
		}
	}
	validatePersonFacts(p, at, m, today)
}

// RegisterCase records a new case and its members.
//
// Errors: forbidden, validation, possible_duplicate (a member may be someone registered: the
// registrar decides first), duplicate (the case number exists at the site), conflict (the
// Idempotency-Key).
func (s *Service) RegisterCase(ctx context.Context, a Actor, n NewCase) (Case, error) {
	if err := a.May(PermRegisterCase); err != nil {
		return Case{}, err
	}
	now := s.clock.Now()
	if err := n.Validate(now.AddDate(0, 0, 1)); err != nil {
		return Case{}, err
	}
	c := Case{ID: NewID(), SiteID: a.SiteID, CaseNumber: n.CaseNumber, Destination: n.Destination,
		Program: n.Program, Version: 1, CreatedAt: now}
	for _, m := range n.Members {
		m.ID, m.CaseID, m.SiteID, m.Version, m.CreatedAt = NewID(), c.ID, a.SiteID, 1, now
		if !contains(m.CountriesLived, m.ResidenceCountry) {
			m.CountriesLived = append(m.CountriesLived, m.ResidenceCountry)
		}
		c.Members = append(c.Members, m)
	}
	err := s.tx(ctx, func(tx Tx) error {
		decisions, err := checkDuplicates(ctx, tx, a, c.Members, n.Duplicates)
		if err != nil {
			return err
		}
		if err := tx.CreateCase(ctx, &c); err != nil {
			return err
		}
		if err := s.keepDuplicateDecisions(ctx, tx, a, decisions, now); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "case.create", "case", c.ID))
	})
	return c.DisclosedTo(a), err
}

// Case returns one case with its members, as much of them as the actor's role may see.
//
// Errors: forbidden, not_found (no such case at the actor's site).
func (s *Service) Case(ctx context.Context, a Actor, id string) (Case, error) {
	if err := a.May(PermReadCase); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.CaseByID(ctx, a.SiteID, id); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "case.read", "case", id))
	})
	return c.DisclosedTo(a), err
}

// SearchCases finds cases by number or member name; members as in Case.
//
// Errors: forbidden, validation (a bad cursor).
func (s *Service) SearchCases(ctx context.Context, a Actor, f CaseFilter) (Page[Case], error) {
	if err := a.May(PermReadCase); err != nil {
		return Page[Case]{}, err
	}
	limit, err := casePage(&f, 50, 200)
	if err != nil {
		return Page[Case]{}, err
	}
	if n, ok := NormalizeFlight(f.Flight); ok {
		f.Flight = n // "rwa 9b" finds RWA9B
	}
	f.ByDocument = DisclosureFor(a.Role) == DiscloseFull
	var cs []Case
	err = s.readLagging(ctx, func(tx Tx) error {
		var err error
		cs, err = tx.SearchCases(ctx, a.SiteID, f)
		return err
	}, func() AuditEntry { return s.audit(a, "case.search", "case", "") })
	if err != nil {
		return Page[Case]{}, err
	}
	for i := range cs {
		cs[i] = cs[i].DisclosedTo(a)
	}
	return pageCases(cs, limit), nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// latinName accepts names in the Latin script (with accents, as in Hélène or Nshimiyimana), plus
// the separators names use. The forms print Latin-script names; travel documents carry them so.
func latinName(s string) bool {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r), unicode.Is(unicode.Mn, r):
		case r == ' ', r == '-', r == '\'', r == '’', r == '.':
		default:
			return false
		}
	}
	return true
}
