package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Possible duplicates at registration: a person being registered who has the same document
// number as someone already registered, or a similar name (trigram similarity over a key that
// folds transliteration variants, in clinic/postgres) and a birth date within a year. The
// registrar sees them, with their photo, before saving: the same person (linked: the earlier
// record's vaccinations and photo carry over) or a different person, with the reason.

// How a possible duplicate matched.
const (
	MatchSameDocument = "same_document"
	MatchSimilarName  = "similar_name"
)

// The registrar's decisions about a possible duplicate.
const (
	DuplicateSamePerson      = "same_person"
	DuplicateDifferentPerson = "different_person"
)

// DuplicateNameSimilarity is the least trigram similarity of the name keys at which two people
// born within a year of each other are shown as possibly the same person.
const DuplicateNameSimilarity = 0.5

// DuplicateQuery is the identity of a person about to be registered.
type DuplicateQuery struct {
	Surnames, GivenNames string
	BirthDate            time.Time
	DocumentNumber       string
}

// DuplicateCandidate is a registered person who may be the one being registered.
type DuplicateCandidate struct {
	Person     Applicant
	CaseNumber string
	Match      string  // MatchSameDocument | MatchSimilarName
	Similarity float64 // of the name keys, 0–1
	HasPhoto   bool
}

// DuplicateChoice is the registrar's decision for one member of a new case.
type DuplicateChoice struct {
	Decision string // DuplicateSamePerson | DuplicateDifferentPerson
	OtherID  string // the person it is the same as (same_person)
	Reason   string // why they are different people (different_person)
}

// DuplicateDecision is a decision kept: who decided what about which two people.
type DuplicateDecision struct {
	ApplicantID, OtherID string
	Decision, Reason     string
	Match                string
	By                   string
	At                   time.Time
}

// DuplicateStore finds possible duplicates and keeps the registrar's decisions.
type DuplicateStore interface {
	// FindDuplicates lists the site's people with the document number, or with a similar name
	// (DuplicateNameSimilarity) and a birth date within a year, best match first.
	FindDuplicates(ctx context.Context, siteID string, q DuplicateQuery, limit int) ([]DuplicateCandidate, error)
	AddDuplicateDecision(ctx context.Context, d DuplicateDecision) error
}

func (q *DuplicateQuery) check() error {
	q.Surnames, q.GivenNames, q.DocumentNumber = strings.TrimSpace(q.Surnames), strings.TrimSpace(q.GivenNames), strings.TrimSpace(q.DocumentNumber)
	var p Problems
	if q.Surnames == "" && q.GivenNames == "" && q.DocumentNumber == "" {
		p.Add("surnames", "required", "Enter a name or a document number.")
	}
	if len(q.Surnames)+len(q.GivenNames) > 400 || len(q.DocumentNumber) > 100 {
		p.Add("surnames", "too_long", "The name or the document number is too long.")
	}
	return p.Err()
}

// FindDuplicates lists the registered people who may be the person being registered, for the
// registrar to compare before saving.
//
// Errors: forbidden, validation (neither a name nor a document number).
func (s *Service) FindDuplicates(ctx context.Context, a Actor, q DuplicateQuery) ([]DuplicateCandidate, error) {
	if err := a.May(PermFindDuplicates); err != nil {
		return nil, err
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	var out []DuplicateCandidate
	err := s.readLagging(ctx, func(tx Tx) error {
		var err error
		out, err = tx.FindDuplicates(ctx, a.SiteID, q, 20)
		return err
	}, func() AuditEntry { return s.audit(a, "applicant.duplicates", "site", a.SiteID) })
	return out, err
}

// checkDuplicates looks for possible duplicates of each new member and checks the registrar's
// decision against them: a member with candidates and no decision is refused with them listed
// (possible_duplicate); a decision names one of the candidates, and a different person needs the
// reason. It returns the decisions to keep once the members have their ids.
func checkDuplicates(ctx context.Context, tx Tx, a Actor, members []Applicant, choices map[int]DuplicateChoice) ([]DuplicateDecision, error) {
	var undecided, invalid Problems
	var out []DuplicateDecision
	for i, m := range members {
		cands, err := tx.FindDuplicates(ctx, a.SiteID, DuplicateQuery{Surnames: m.Surnames, GivenNames: m.GivenNames,
			BirthDate: m.BirthDate, DocumentNumber: m.DocumentNumber}, 20)
		if err != nil {
			return nil, err
		}
		field := fmt.Sprintf("members[%d].duplicate", i)
		ch, decided := choices[i]
		if len(cands) == 0 {
			if decided {
				invalid.Add(field, "not_allowed", "No one registered resembles this person; there is nothing to decide.")
			}
			continue
		}
		if !decided {
			names := make([]string, len(cands))
			for k, c := range cands {
				names[k] = candidateWords(c)
			}
			undecided.Add(field, "possible_duplicate", "Possibly already registered: "+strings.Join(names, "; ")+
				". Compare the photo and the document, then link as the same person or go on with the reason.")
			continue
		}
		switch ch.Decision {
		case DuplicateSamePerson:
			found := false
			for _, c := range cands {
				if c.Person.ID == ch.OtherID {
					found = true
					out = append(out, DuplicateDecision{ApplicantID: m.ID, OtherID: c.Person.ID, Decision: ch.Decision, Match: c.Match, By: a.UserID})
				}
			}
			if !found {
				invalid.Add(field+".other_id", "not_allowed", "Choose one of the people shown as possibly the same.")
			}
		case DuplicateDifferentPerson:
			reason := strings.TrimSpace(ch.Reason)
			if reason == "" || len(reason) > 500 {
				invalid.Add(field+".reason", "required", "Say why this is a different person (at most 500 characters).")
				continue
			}
			for _, c := range cands {
				out = append(out, DuplicateDecision{ApplicantID: m.ID, OtherID: c.Person.ID, Decision: ch.Decision, Reason: reason, Match: c.Match, By: a.UserID})
			}
		default:
			invalid.Add(field+".decision", "not_allowed", "Use same_person or different_person.")
		}
	}
	if err := invalid.Err(); err != nil {
		return nil, err
	}
	if len(undecided) > 0 {
		return nil, &Error{Code: EPossibleDuplicate, Message: "Someone registered may be the same person. Decide before saving.", Fields: undecided}
	}
	return out, nil
}

// candidateWords names a candidate for the registrar: "UWIMANA Hélène, born 1990-01-01, case
// RW-2026-0101 (same document number)".
func candidateWords(c DuplicateCandidate) string {
	why := "similar name, born within a year"
	if c.Match == MatchSameDocument {
		why = "same document number"
	}
	return fmt.Sprintf("%s %s, born %s, case %s (%s)", strings.ToUpper(c.Person.Surnames), c.Person.GivenNames,
		c.Person.BirthDate.Format(time.DateOnly), c.CaseNumber, why)
}

// keepDuplicateDecisions records the decisions of a registration; for a person linked as the
// same, the earlier record's current photo is carried over (the vaccinations are read through the
// link).
func (s *Service) keepDuplicateDecisions(ctx context.Context, tx Tx, a Actor, ds []DuplicateDecision, now time.Time) error {
	for _, d := range ds {
		d.At = now
		if err := tx.AddDuplicateDecision(ctx, d); err != nil {
			return err
		}
		e := s.audit(a, "applicant.duplicate_decision", "applicant", d.ApplicantID)
		e.Detail = d.Decision + " other=" + d.OtherID
		if err := tx.Audit(ctx, e); err != nil {
			return err
		}
		if d.Decision != DuplicateSamePerson {
			continue
		}
		p, err := tx.CurrentPhoto(ctx, d.OtherID)
		if IsCode(err, ENotFound) {
			continue
		}
		if err != nil {
			return err
		}
		p.ID, p.ApplicantID, p.SiteID, p.TakenAt, p.ReplacedAt = NewID(), d.ApplicantID, a.SiteID, now, nil
		if err := tx.AddPhoto(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
