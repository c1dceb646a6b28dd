package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Consent is what a person agreed to, for one purpose, and how. It is never deleted: a
// withdrawal is recorded on it, and from then on what needs it stops.
type Consent struct {
	ID            string
	ApplicantID   string
	SiteID        string
	Purpose       string // ConsentExamination, ConsentHIVTesting, ...
	Country       string // the receiving country, for ConsentShareAuthority only
	Kind          string // written | verbal | proxy
	Witness       string // verbal: the witness's name
	ProxyName     string // proxy: the parent's or guardian's name
	ProxyRelation string // proxy: mother, father, guardian, ...
	ProxyReason   string // proxy for an adult: why the person cannot consent
	Language      string // the language it was explained in (ISO 639-1 or -3 code)
	Interpreter   bool
	// InterpreterName is who interpreted, when one did.
	InterpreterName string
	GivenOn         time.Time // the calendar day the person consented
	RecordedBy      string
	RecordedName    string
	RecordedAt      time.Time
	Withdrawn       *ConsentWithdrawal
}

// ConsentWithdrawal is the withdrawal of a consent.
type ConsentWithdrawal struct {
	On     time.Time // the calendar day
	Reason string
	By     string
	At     time.Time
}

// Standing reports whether the consent holds (it is not withdrawn).
func (c Consent) Standing() bool { return c.Withdrawn == nil }

// The purposes a consent is given for.
const (
	ConsentExamination    = "examination"
	ConsentHIVTesting     = "hiv_testing"
	ConsentShareAuthority = "share_authority" // with the receiving country's authority (Country)
	ConsentShareAgency    = "share_agency"    // fitness to travel, with the resettlement agency
	ConsentStatistics     = "statistics"      // anonymous statistics
)

// ConsentPurposes lists the purposes in the order the screens and the consent sheet show them.
var ConsentPurposes = []string{ConsentExamination, ConsentHIVTesting, ConsentShareAuthority, ConsentShareAgency, ConsentStatistics}

// ConsentKinds are the ways a consent is given.
var ConsentKinds = []string{"written", "verbal", "proxy"}

// AuthorityOf names the receiving country's authority that results are shared with.
var AuthorityOf = map[string]string{
	"US": "CDC / U.S. Department of State",
	"CA": "Immigration, Refugees and Citizenship Canada (IRCC)",
	"AU": "Department of Home Affairs (Australia)",
	"NZ": "Immigration New Zealand (INZ)",
}

// ConsentStore holds consents and the scans of signed consent sheets.
type ConsentStore interface {
	AddConsent(ctx context.Context, c Consent) error
	// ConsentsOf lists every consent of the person, withdrawn ones included, oldest first.
	ConsentsOf(ctx context.Context, applicantID string) ([]Consent, error)
	// ConsentByID loads one consent; forUpdate locks its row.
	ConsentByID(ctx context.Context, siteID, id string, forUpdate bool) (Consent, error)
	// WithdrawConsent records a withdrawal on a standing consent.
	WithdrawConsent(ctx context.Context, id string, w ConsentWithdrawal) error
	// Consenting returns which of the people hold a standing consent for the purpose (and
	// country, for sharing with an authority).
	Consenting(ctx context.Context, applicantIDs []string, purpose, country string) (map[string]bool, error)
	AddConsentScan(ctx context.Context, s ConsentScan) error
	// ConsentScansOf lists the scans of the person, newest first, without their bytes.
	ConsentScansOf(ctx context.Context, applicantID string) ([]ConsentScan, error)
	// ConsentScanByID loads one scan with its bytes.
	ConsentScanByID(ctx context.Context, applicantID, id string) (ConsentScan, error)
}

// checkConsent validates a consent as recorded; bornOn is the person's birth date, for the
// proxy rule (a proxy for an adult needs the reason the person cannot consent).
func checkConsent(c *Consent, bornOn time.Time, today time.Time) error {
	var p Problems
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, s := range []*string{&c.Purpose, &c.Country, &c.Kind, &c.Witness, &c.ProxyName, &c.ProxyRelation, &c.ProxyReason, &c.Language, &c.InterpreterName} {
		trim(s)
	}
	c.Country, c.Language = strings.ToUpper(c.Country), strings.ToLower(c.Language)
	if !oneOf(c.Purpose, ConsentPurposes) {
		p.Add("purpose", "not_allowed", "Choose one of: "+strings.Join(ConsentPurposes, ", ")+".")
	}
	if c.Purpose == ConsentShareAuthority {
		if _, ok := AuthorityOf[c.Country]; !ok {
			p.Add("country", "required", "Choose the receiving country whose authority gets the results: US, CA, AU or NZ.")
		}
	} else if c.Country != "" {
		p.Add("country", "not_allowed", "A country is given only for sharing results with a receiving country's authority.")
	}
	switch c.Kind {
	case "written":
	case "verbal":
		if c.Witness == "" {
			p.Add("witness", "required", "A verbal consent needs the name of the witness.")
		}
	case "proxy":
		if c.ProxyName == "" {
			p.Add("proxy_name", "required", "Give the name of the parent or guardian who consents.")
		}
		if c.ProxyRelation == "" {
			p.Add("proxy_relation", "required", "Give the proxy's relation to the person (mother, father, guardian, ...).")
		}
		if AgeOn(bornOn, c.GivenOn) >= 18 && c.ProxyReason == "" {
			p.Add("proxy_reason", "required", "The person is 18 or older: say why they cannot consent themselves.")
		}
	default:
		p.Add("kind", "not_allowed", "Choose one of: "+strings.Join(ConsentKinds, ", ")+".")
	}
	if n := len(c.Language); n < 2 || n > 3 || strings.Trim(c.Language, "abcdefghijklmnopqrstuvwxyz") != "" {
		p.Add("language", "required", "Give the language it was explained in as a 2- or 3-letter code (rw, fr, en, sw, ...).")
	}
	if !c.Interpreter && c.InterpreterName != "" {
		p.Add("interpreter_name", "not_allowed", "An interpreter's name is given only when an interpreter was used.")
	}
	switch {
	case c.GivenOn.IsZero():
		p.Add("given_on", "required", "Give the date of the consent.")
	case c.GivenOn.After(today):
		p.Add("given_on", "in_future", "The date of the consent is after today.")
	case c.GivenOn.Before(bornOn):
		p.Add("given_on", "before_birth", "The date of the consent is before the person's birth.")
	}
	for f, s := range map[string]string{"witness": c.Witness, "proxy_name": c.ProxyName, "proxy_relation": c.ProxyRelation, "interpreter_name": c.InterpreterName} {
		if len(s) > 200 {
			p.Add(f, "too_long", "At most 200 characters.")
		}
	}
	if len(c.ProxyReason) > 1000 {
		p.Add("proxy_reason", "too_long", "At most 1000 characters.")
	}
	return p.Err()
}

// RecordConsent records a consent of a person. One standing consent per purpose (and country):
// recording it again is refused until the standing one is withdrawn.
//
// Errors: forbidden, validation (purpose, country, kind, witness, proxy_*, language, given_on),
// not_found (no such person at the actor's site), duplicate (a standing consent for the purpose).
func (s *Service) RecordConsent(ctx context.Context, a Actor, c Consent) (Consent, error) {
	if err := a.May(PermRecordConsent); err != nil {
		return Consent{}, err
	}
	now := s.clock.Now()
	err := s.store.Tx(ctx, func(tx Tx) error {
		ap, err := tx.ApplicantByID(ctx, a.SiteID, c.ApplicantID)
		if err != nil {
			return err
		}
		if err := checkConsent(&c, ap.BirthDate, now); err != nil {
			return err
		}
		have, err := tx.ConsentsOf(ctx, c.ApplicantID)
		if err != nil {
			return err
		}
		for _, h := range have {
			if h.Standing() && h.Purpose == c.Purpose && h.Country == c.Country {
				return Errorf(EDuplicate, "%s already has a standing consent for %s; withdraw it first to record another.", ap.FullName(), ConsentLabel(c.Purpose, c.Country))
			}
		}
		c.ID, c.SiteID, c.RecordedBy, c.RecordedName, c.RecordedAt, c.Withdrawn = NewID(), a.SiteID, a.UserID, a.Name, now, nil
		if err := tx.AddConsent(ctx, c); err != nil {
			return err
		}
		e := s.audit(a, "consent.record", "applicant", c.ApplicantID)
		e.Detail = c.Purpose + " " + c.Country
		return tx.Audit(ctx, e)
	})
	return c, err
}

// WithdrawConsent records that a person withdrew a consent: nothing is deleted, and what needs
// the consent stops from now on.
//
// Errors: forbidden, validation (on, reason), not_found (no such consent at the actor's site),
// invalid_state (already withdrawn).
func (s *Service) WithdrawConsent(ctx context.Context, a Actor, id string, on time.Time, reason string) (Consent, error) {
	if err := a.May(PermRecordConsent); err != nil {
		return Consent{}, err
	}
	now := s.clock.Now()
	reason = strings.TrimSpace(reason)
	var c Consent
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.ConsentByID(ctx, a.SiteID, id, true); err != nil {
			return err
		}
		if !c.Standing() {
			return Errorf(EInvalidState, "This consent was already withdrawn on %s.", c.Withdrawn.On.Format(time.DateOnly))
		}
		var p Problems
		switch {
		case on.IsZero():
			p.Add("on", "required", "Give the date of the withdrawal.")
		case on.After(now):
			p.Add("on", "in_future", "The date of the withdrawal is after today.")
		case on.Before(c.GivenOn):
			p.Add("on", "before_consent", "The withdrawal is dated before the consent.")
		}
		if reason == "" {
			p.Add("reason", "required", "Write the reason the person gave (or \"no reason given\").")
		} else if len(reason) > 1000 {
			p.Add("reason", "too_long", "At most 1000 characters.")
		}
		if err := p.Err(); err != nil {
			return err
		}
		w := ConsentWithdrawal{On: on, Reason: reason, By: a.UserID, At: now}
		if err := tx.WithdrawConsent(ctx, id, w); err != nil {
			return err
		}
		c.Withdrawn = &w
		e := s.audit(a, "consent.withdraw", "applicant", c.ApplicantID)
		e.Detail = c.Purpose + " " + c.Country
		return tx.Audit(ctx, e)
	})
	return c, err
}

// ConsentsOf lists the consents of a person, withdrawn ones included, oldest first.
//
// Errors: forbidden, not_found (no such person at the actor's site).
func (s *Service) ConsentsOf(ctx context.Context, a Actor, applicantID string) ([]Consent, error) {
	if err := a.May(PermReadConsent); err != nil {
		return nil, err
	}
	var out []Consent
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		var err error
		if out, err = tx.ConsentsOf(ctx, applicantID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "consent.read", "applicant", applicantID))
	})
	return out, err
}

// ConsentLabel names a purpose in plain English.
func ConsentLabel(purpose, country string) string {
	switch purpose {
	case ConsentExamination:
		return "the medical examination"
	case ConsentHIVTesting:
		return "HIV testing"
	case ConsentShareAuthority:
		return "sharing results with " + AuthorityOf[country]
	case ConsentShareAgency:
		return "sharing fitness to travel with the resettlement agency"
	case ConsentStatistics:
		return "use in anonymous statistics"
	}
	return purpose
}

// requireConsent refuses, with consent_required, what needs a standing consent the person has not
// given (or withdrew).
func requireConsent(ctx context.Context, tx Tx, applicantID, purpose, country, what string) error {
	ok, err := tx.Consenting(ctx, []string{applicantID}, purpose, country)
	if err != nil {
		return err
	}
	if !ok[applicantID] {
		return &Error{Code: EConsentRequired, Message: fmt.Sprintf("No standing consent to %s: %s. Record the person's consent first (or it was withdrawn).", ConsentLabel(purpose, country), what),
			Fields: []FieldError{{Field: "consent." + consentKey(purpose, country), Code: "consent_missing", Message: "Consent to " + ConsentLabel(purpose, country) + " is missing."}}}
	}
	return nil
}

func consentKey(purpose, country string) string {
	if country != "" {
		return purpose + "_" + country
	}
	return purpose
}
