package clinic

import (
	"context"
	"strings"
	"time"
)

// Case is a family or single applicant travelling together under one resettlement or visa file.
type Case struct {
	ID            string
	SiteID        string
	CaseNumber    string // the resettlement or visa file number, unique per site
	Destination   string // US | CA | AU | NZ
	Program       string // refugee | immigrant | temporary
	FlightNumber  string
	DepartureDate *time.Time
	DepartureTime string // "HH:MM" at the departure airport (the site's zone), from the flight; "" not recorded
	Version       int
	CreatedAt     time.Time
	Members       []Applicant
	// Disclosure is how much of the members the reader may see (see DisclosedTo); "" on a case
	// not yet made for a reader.
	Disclosure Disclosure
}

// Applicant is one person examined.
type Applicant struct {
	ID                 string
	CaseID             string
	SiteID             string
	Surnames           string
	GivenNames         string
	BirthDate          time.Time // calendar date, 00:00 UTC
	BirthDateEstimated bool
	Sex                string // female | male | other
	Relationship       string // principal | spouse | child | parent | sibling | other
	Nationality        string // ISO 3166-1 alpha-2
	CountryOfBirth     string
	ResidenceCountry   string
	CountriesLived     []string
	DocumentType       string
	DocumentNumber     string
	FileNumber         string
	Phone              string
	UnaccompaniedMinor bool
	Adoptee            bool
	Version            int
	CreatedAt          time.Time

	// The facts the 2026-12 rule sets read (protocol-contract.md, "Additions 2026-12"); each may
	// be left out.
	Citizenships    []string   // every citizenship held besides Nationality (AU hepatitis B class)
	Stays           []Stay     // periods spent in a country (AU hepatitis B, NZ high-TB stays)
	Occupation      string     // health_worker | other; "" = not recorded
	IMEType         string     // CA: full | streamlined, as IRCC's instruction says; "" = full
	PreviousCXRDate *time.Time // NZ: issue date of the last chest X-ray certificate held; nil = none

	// AssessmentID is the applicant's current assessment, "" before they are queued.
	AssessmentID string
	// State is the current assessment's state ("" before they are queued).
	State State
}

// FullName is the name as screens show it: given names then surnames.
func (a Applicant) FullName() string {
	return strings.TrimSpace(a.GivenNames + " " + a.Surnames)
}

// Initials are what the public verification page shows instead of the name.
func (a Applicant) Initials() string {
	var b strings.Builder
	for _, part := range strings.Fields(a.GivenNames + " " + a.Surnames) {
		r := []rune(part)
		b.WriteString(strings.ToUpper(string(r[0])))
		b.WriteString(".")
	}
	return b.String()
}

// AgeOn returns the completed years reached on the given date: a person is N on their Nth birthday.
// A birthday on 29 February falls on 1 March in a common year.
func AgeOn(birth, on time.Time) int {
	age := on.Year() - birth.Year()
	bm, bd := birth.Month(), birth.Day()
	if bm == time.February && bd == 29 && !isLeap(on.Year()) {
		bm, bd = time.March, 1
	}
	if on.Month() < bm || (on.Month() == bm && on.Day() < bd) {
		age--
	}
	if age < 0 {
		return 0
	}
	return age
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Destinations are the receiving countries the clinic examines for.
var Destinations = []string{"US", "CA", "AU", "NZ"}

// Programs are the immigration programmes an applicant can travel under.
var Programs = []string{"refugee", "immigrant", "temporary"}

var (
	sexes         = []string{"female", "male", "other"}
	relationships = []string{"principal", "spouse", "child", "parent", "sibling", "other"}
)

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// isCountryCode accepts an ISO 3166-1 alpha-2 shape: two upper-case ASCII letters.
func isCountryCode(c string) bool {
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

// UpdateApplicant corrects a person's registration details (a misspelt name, a birth date found
// in a document). Once the person's assessment is signed the identity on the forms is frozen:
// a correction then needs an addendum by the physician, not an edit here.
//
// Errors: forbidden, validation, not_found (no such person at the actor's site), conflict (a stale
// version, or the Idempotency-Key), locked (the assessment is signed).
func (s *Service) UpdateApplicant(ctx context.Context, a Actor, id string, version int, m Applicant) (Case, error) {
	if err := a.May(PermUpdateApplicant); err != nil {
		return Case{}, err
	}
	var p Problems
	validateMember(&p, "", &m, s.clock.Now().AddDate(0, 0, 1))
	if err := p.Err(); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.tx(ctx, func(tx Tx) error {
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
