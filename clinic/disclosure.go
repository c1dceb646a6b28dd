package clinic

// Disclosure is how much of a person's registration a role sees (data minimisation: each role
// sees what its work needs, as IOM's data-protection principles ask).
type Disclosure string

// The disclosures.
const (
	// DiscloseFull: the whole registration — identity documents, phone, residence, countries
	// lived — for registration and clinical staff and administrators.
	DiscloseFull Disclosure = "full"
	// DiscloseTravel: who travels and whether they may — names, case and file numbers, birth
	// dates, the flight and the neutral travel status — for resettlement caseworkers.
	DiscloseTravel Disclosure = "travel"
)

// DisclosureFor says what a role sees of a person: the whole registration with
// PermReadRegistration, else the travel view.
func DisclosureFor(r Role) Disclosure {
	if r.Has(PermReadRegistration) {
		return DiscloseFull
	}
	return DiscloseTravel
}

// DisclosedTo returns the case as the actor may see it: with the travel view each member keeps
// only names, birth date, file number and the state of their assessment.
func (c Case) DisclosedTo(a Actor) Case {
	c.Disclosure = DisclosureFor(a.Role)
	if c.Disclosure == DiscloseFull {
		return c
	}
	members := make([]Applicant, len(c.Members))
	for i, m := range c.Members {
		members[i] = Applicant{ID: m.ID, CaseID: m.CaseID, SiteID: m.SiteID, Surnames: m.Surnames, GivenNames: m.GivenNames,
			BirthDate: m.BirthDate, BirthDateEstimated: m.BirthDateEstimated, FileNumber: m.FileNumber, State: m.State}
	}
	c.Members = members
	return c
}
