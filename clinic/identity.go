package clinic

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// IdentityStation is a place where a station records a step for a person in front of it, and so
// first checks the person against the photo and the identity document.
type IdentityStation string

// The stations that check identity before recording their step.
const (
	IDHistory     IdentityStation = "history"     // medical history (nurse)
	IDExam        IdentityStation = "exam"        // vitals and the physical examination
	IDSpecimen    IdentityStation = "specimen"    // blood and urine specimen collection (lab)
	IDXray        IdentityStation = "xray"        // chest X-ray (radiology)
	IDVaccination IdentityStation = "vaccination" // a dose given here
	IDSputum      IdentityStation = "sputum"      // sputum collection
	IDPEC         IdentityStation = "pec"         // the pre-embarkation check
)

// IdentityStations lists the stations in the order of a visit.
var IdentityStations = []IdentityStation{IDHistory, IDExam, IDSpecimen, IDXray, IDVaccination, IDSputum, IDPEC}

var identityStationWords = map[IdentityStation]string{
	IDHistory: "medical history", IDExam: "vitals and examination", IDSpecimen: "specimen collection",
	IDXray: "chest X-ray", IDVaccination: "vaccination", IDSputum: "sputum collection", IDPEC: "pre-embarkation check",
}

// Label is the station in plain English.
func (s IdentityStation) Label() string {
	if w, ok := identityStationWords[s]; ok {
		return w
	}
	return string(s)
}

// collected reports whether the station collects something (a specimen, an image) whose result
// is recorded later: the result then needs the check made when it was collected, at any time of
// this assessment, not one made on the day the result arrives.
func (s IdentityStation) collected() bool {
	return s == IDSpecimen || s == IDXray || s == IDSputum
}

// The outcomes of an identity check.
const (
	IdentityMatch    = "match"
	IdentityMismatch = "mismatch"
)

// IdentityCheck is one station's check of the person against the photo and the document.
type IdentityCheck struct {
	ID           string
	AssessmentID string
	ApplicantID  string
	SiteID       string
	Station      IdentityStation
	Outcome      string // IdentityMatch | IdentityMismatch
	Reason       string // what did not match (a mismatch)
	By, ByName   string
	At           time.Time
	// A mismatch holds the assessment until the registrar or the physician resolves it.
	ResolvedBy, ResolvedName string
	ResolvedAt               *time.Time
	Resolution               string
}

// Holds reports whether the check is a mismatch not yet resolved.
func (c IdentityCheck) Holds() bool { return c.Outcome == IdentityMismatch && c.ResolvedAt == nil }

// IdentityHold is an unresolved mismatch with the person and case it holds, for the registrar.
type IdentityHold struct {
	Check      IdentityCheck
	Person     string // SURNAMES Given names
	CaseID     string
	CaseNumber string
}

// IdentityStore holds the identity checks.
type IdentityStore interface {
	AddIdentityCheck(ctx context.Context, c IdentityCheck) error
	// IdentityChecksOf lists an assessment's checks, newest first.
	IdentityChecksOf(ctx context.Context, assessmentID string) ([]IdentityCheck, error)
	// IdentityChecksOfMany is IdentityChecksOf for a page of assessments, by assessment.
	IdentityChecksOfMany(ctx context.Context, assessmentIDs []string) (map[string][]IdentityCheck, error)
	// ResolveIdentityCheck records the resolution of a mismatch; not_found when the check is not
	// an open mismatch of the assessment.
	ResolveIdentityCheck(ctx context.Context, c IdentityCheck) error
	// IdentityHolds lists the site's unresolved mismatches, oldest first.
	IdentityHolds(ctx context.Context, siteID string) ([]IdentityHold, error)
}

// identityHold returns the chart's unresolved mismatch, if any.
func identityHold(checks []IdentityCheck) *IdentityCheck {
	for i := range checks {
		if checks[i].Holds() {
			return &checks[i]
		}
	}
	return nil
}

// holdError says why a held assessment cannot move.
func holdError(h *IdentityCheck) error {
	return Errorf(EIdentityHold, "Held: the identity check at %s on %s found a mismatch (%s, by %s). The registrar or the physician must resolve it first.",
		h.Station.Label(), h.At.UTC().Format("2006-01-02 15:04 UTC"), h.Reason, h.ByName)
}

// requireIdentityCheck is the one rule every station write path calls before it records its step
// for a person: the station's check of the person against the photo and the document must be on
// record and still count (see identityCounts), and no mismatch may hold the assessment. It runs
// inside the change's transaction, on the chart loaded under the row lock.
//
// Errors: identity_hold (an unresolved mismatch), identity_check_required (no check that counts).
func (s *Service) requireIdentityCheck(ctx context.Context, tx Tx, ch *Chart, station IdentityStation, now time.Time) error {
	if h := identityHold(ch.IdentityChecks); h != nil {
		return holdError(h)
	}
	since, err := s.identitySince(ctx, tx, ch, station, now)
	if err != nil {
		return err
	}
	for _, c := range ch.IdentityChecks {
		if c.Station == station && c.Outcome == IdentityMatch && !c.At.Before(since) {
			return nil
		}
	}
	return Errorf(EIdentityCheck, "Check the person against the photo and the document at %s before saving: no identity check counts for this visit.", station.Label())
}

// requireIdentityOf is requireIdentityCheck for a write path that holds another row than the
// chart (a specimen, an imaging study): it reads the assessment's chart in the same transaction.
//
// Errors: not_found, identity_hold, identity_check_required.
func (s *Service) requireIdentityOf(ctx context.Context, tx Tx, siteID, assessmentID string, station IdentityStation, now time.Time) error {
	ch, err := s.loadChart(ctx, tx, siteID, assessmentID, false)
	if err != nil {
		return err
	}
	return s.requireIdentityCheck(ctx, tx, &ch, station, now)
}

// identitySince is the earliest time a check still counts: for a collected specimen or image, the
// start of the assessment; otherwise IdentityValidFor before now, or, when that setting is zero,
// the start of the clinic-local day.
func (s *Service) identitySince(ctx context.Context, tx Tx, ch *Chart, station IdentityStation, now time.Time) (time.Time, error) {
	if station.collected() {
		return ch.Assessment.QueuedAt, nil
	}
	if s.identityValidFor > 0 {
		return now.Add(-s.identityValidFor), nil
	}
	zone, err := siteZone(ctx, tx, ch.Assessment.SiteID)
	if err != nil {
		return time.Time{}, err
	}
	if zone == nil {
		zone = time.UTC
	}
	local := now.In(zone)
	return time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, zone), nil
}

// resultStation is where the person is checked before a result of step is recorded: the X-ray,
// sputum collection, or specimen collection; "" for a record that is not taken from the person.
func resultStation(step string) IdentityStation {
	switch step {
	case "cxr":
		return IDXray
	case "sputum_smears", "sputum_cultures", "mtb_naat", "dst":
		return IDSputum
	case "syphilis_treated":
		return ""
	}
	return IDSpecimen
}

// CheckIdentity records a station's identity check: the person matches the photo and the document,
// or does not (with what differs), which holds the assessment. Who, when, station and outcome are
// audited.
//
// Errors: forbidden, validation (an unknown station or outcome; a mismatch without a reason),
// not_found (no such assessment at the actor's site).
func (s *Service) CheckIdentity(ctx context.Context, a Actor, assessmentID string, station IdentityStation, outcome, reason string) (Chart, error) {
	if err := a.May(PermCheckIdentity); err != nil {
		return Chart{}, err
	}
	reason = strings.TrimSpace(reason)
	var p Problems
	if !slices.Contains(IdentityStations, station) {
		p.Add("station", "not_allowed", "Choose a station: history, exam, specimen, xray, vaccination, sputum or pec.")
	}
	switch outcome {
	case IdentityMatch:
	case IdentityMismatch:
		if reason == "" {
			p.Add("reason", "required", "Say what does not match (the photo, the document, the name, the age).")
		}
	default:
		p.Add("outcome", "not_allowed", "Use match or mismatch.")
	}
	if len(reason) > 500 {
		p.Add("reason", "too_long", "At most 500 characters.")
	}
	if err := p.Err(); err != nil {
		return Chart{}, err
	}
	var out Chart
	err := s.tx(ctx, func(tx Tx) error {
		as, err := tx.AssessmentByID(ctx, a.SiteID, assessmentID, false)
		if err != nil {
			return err
		}
		c := IdentityCheck{ID: NewID(), AssessmentID: as.ID, ApplicantID: as.ApplicantID, SiteID: as.SiteID, Station: station,
			Outcome: outcome, Reason: reason, By: a.UserID, ByName: a.Name, At: s.clock.Now()}
		if err := tx.AddIdentityCheck(ctx, c); err != nil {
			return err
		}
		e := s.audit(a, "identity.check", "assessment", as.ID)
		e.Detail = fmt.Sprintf("station=%s outcome=%s", station, outcome)
		if err := tx.Audit(ctx, e); err != nil {
			return err
		}
		out, err = s.loadChart(ctx, tx, a.SiteID, as.ID, false)
		return err
	})
	return out, err
}

// ResolveIdentityHold ends the hold of a mismatch once the registrar or the physician has found
// out what happened (a wrong person at the station, a photo retaken, a document corrected), with
// what was found. The mismatch stays on record.
//
// Errors: forbidden, validation (no resolution), not_found (no open mismatch with this id on the
// assessment at the actor's site).
func (s *Service) ResolveIdentityHold(ctx context.Context, a Actor, assessmentID, checkID, resolution string) (IdentityCheck, error) {
	if err := a.May(PermResolveIdentity); err != nil {
		return IdentityCheck{}, err
	}
	resolution = strings.TrimSpace(resolution)
	if resolution == "" || len(resolution) > 500 {
		return IdentityCheck{}, (&Problems{{Field: "resolution", Code: "required",
			Message: "Say what was found and done (at most 500 characters)."}}).Err()
	}
	var out IdentityCheck
	err := s.tx(ctx, func(tx Tx) error {
		as, err := tx.AssessmentByID(ctx, a.SiteID, assessmentID, true)
		if err != nil {
			return err
		}
		checks, err := tx.IdentityChecksOf(ctx, as.ID)
		if err != nil {
			return err
		}
		for _, c := range checks {
			if c.ID == checkID && c.Holds() {
				now := s.clock.Now()
				c.ResolvedBy, c.ResolvedName, c.ResolvedAt, c.Resolution = a.UserID, a.Name, &now, resolution
				if err := tx.ResolveIdentityCheck(ctx, c); err != nil {
					return err
				}
				out = c
				e := s.audit(a, "identity.resolve", "assessment", as.ID)
				e.Detail = "station=" + string(c.Station)
				return tx.Audit(ctx, e)
			}
		}
		return NotFound("open identity mismatch")
	})
	return out, err
}

// IdentityHolds lists the site's assessments held by an identity mismatch, for the registrar and
// the physician.
//
// Errors: forbidden.
func (s *Service) IdentityHolds(ctx context.Context, a Actor) ([]IdentityHold, error) {
	if err := a.May(PermResolveIdentity); err != nil {
		return nil, err
	}
	var out []IdentityHold
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if out, err = tx.IdentityHolds(ctx, a.SiteID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "identity.holds_read", "site", a.SiteID))
	})
	return out, err
}
