package clinic

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Specimen statuses.
const (
	SpecimenCollected = "collected" // taken (a skin test: placed), not yet at the lab
	SpecimenReceived  = "received"  // scanned in at the lab
	SpecimenRejected  = "rejected"  // not usable; its orders are open again for re-collection
)

// RejectReasons are why the lab may refuse a specimen.
var RejectReasons = []string{"haemolysed", "unlabelled", "insufficient", "leaking", "not_read_in_time", "other"}

// Specimen is one tube, cup or skin test, with its accession number: what the label carries and
// the lab scans.
type Specimen struct {
	ID            string
	Accession     string // e.g. L2612-000042
	SiteID        string
	AssessmentID  string
	ApplicantID   string
	Type          string   // blood | serum | urine | sputum | skin | swab
	OrderIDs      []string // the orders this specimen serves
	Tests         []string // their tests' catalog codes
	Seq           int      // sputum: 1, 2 or 3 of the series; 1 otherwise
	EarlyMorning  bool     // sputum: an early-morning specimen
	Observed      bool     // sputum: collection observed by staff
	CollectedAt   time.Time
	CollectedBy   string
	CollectedName string
	Status        string
	ReceivedAt    *time.Time
	ReceivedBy    string
	RejectReason  string
	RejectNote    string
	RejectedAt    *time.Time
	RejectedBy    string
	Replaces      string // the rejected specimen this one re-collects
	Version       int
}

// Collection is what the collector sends: the orders picked for one person, and for sputum how
// the specimen was taken.
type Collection struct {
	OrderIDs     []string
	CollectedAt  time.Time // zero: now
	EarlyMorning bool
	Observed     bool
}

// CollectSpecimens takes specimens for the picked orders of one assessment: one specimen, with
// its own accession number, per specimen type. A sputum specimen is one of a series of three on
// consecutive days, at least one early in the morning, each collection observed. The collector
// first checks the person against the photo (station specimen, or sputum for a sputum specimen);
// that check counts for the results read later from the specimen.
//
// Errors: forbidden, not_found, validation (no order picked, an order not open, a sputum day out
// of series), unavailable (no lab catalog), locked (signed), identity_check_required (no check at
// the station), identity_hold (an identity mismatch holds the assessment).
func (s *Service) CollectSpecimens(ctx context.Context, a Actor, assessmentID string, c Collection) ([]Specimen, error) {
	if err := a.May(PermCollectSpecimen); err != nil {
		return nil, err
	}
	if err := s.labReady(); err != nil {
		return nil, err
	}
	if len(c.OrderIDs) == 0 {
		return nil, (&Problems{{Field: "order_ids", Code: "required", Message: "Pick at least one order."}}).Err()
	}
	var out []Specimen
	err := s.tx(ctx, func(tx Tx) error {
		ch, err := s.loadChart(ctx, tx, a.SiteID, assessmentID, true)
		if err != nil {
			return err
		}
		if ch.Assessment.State.Locked() {
			return Errorf(ELocked, "The assessment is signed; no specimen can be added to it.")
		}
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		at := c.CollectedAt
		if at.IsZero() {
			at = now
		}
		if at.After(now.Add(5 * time.Minute)) {
			return (&Problems{{Field: "collected_at", Code: "in_future", Message: "The collection time is after now."}}).Err()
		}
		orders, err := tx.LabOrdersOf(ctx, assessmentID)
		if err != nil {
			return err
		}
		have, err := tx.SpecimensOf(ctx, assessmentID)
		if err != nil {
			return err
		}
		groups, err := pickOrders(orders, c.OrderIDs)
		if err != nil {
			return err
		}
		for _, typ := range sortedKeys(groups) {
			if err := s.requireIdentityCheck(ctx, tx, &ch, specimenStation(typ), now); err != nil {
				return err
			}
		}
		for _, typ := range sortedKeys(groups) {
			sp, err := s.lab.newSpecimen(groups[typ], have, c, at, site.Location())
			if err != nil {
				return err
			}
			n, err := tx.NextAccession(ctx)
			if err != nil {
				return err
			}
			sp.ID, sp.Accession, sp.SiteID, sp.AssessmentID, sp.ApplicantID = NewID(), accession(site.Today(now), n), a.SiteID, assessmentID, ch.Applicant.ID
			sp.CollectedBy, sp.CollectedName, sp.Status, sp.Version = a.UserID, a.Name, SpecimenCollected, 1
			if typ == "skin" { // a skin test is placed and read in the clinic; nothing travels to the lab
				sp.ReceivedAt, sp.ReceivedBy = &at, a.UserID
			}
			if err := tx.AddSpecimen(ctx, sp); err != nil {
				return err
			}
			have = append(have, sp)
			out = append(out, sp)
		}
		if err := tx.Audit(ctx, s.audit(a, "specimen.collect", "assessment", assessmentID)); err != nil {
			return err
		}
		return s.syncLabOrders(ctx, tx, a, ch, now)
	})
	return out, err
}

// specimenStation is the identity-check station that collects a specimen of this type.
func specimenStation(typ string) IdentityStation {
	if typ == "sputum" {
		return IDSputum
	}
	return IDSpecimen
}

// accession numbers a specimen: L, the year and month, and the sequence.
func accession(today time.Time, n int64) string {
	return fmt.Sprintf("L%s-%06d", today.Format("0601"), n)
}

// pickOrders groups the picked orders by specimen type; each must be open.
func pickOrders(orders []LabOrder, ids []string) (map[string][]LabOrder, error) {
	groups := map[string][]LabOrder{}
	var p Problems
	for i, id := range ids {
		var found *LabOrder
		for j := range orders {
			if orders[j].ID == id {
				found = &orders[j]
			}
		}
		switch {
		case found == nil:
			p.Add(fmt.Sprintf("order_ids[%d]", i), "unknown", "No such order for this assessment.")
		case found.Status != OrderOpen:
			p.Add(fmt.Sprintf("order_ids[%d]", i), "not_open", "This order is "+strings.ReplaceAll(found.Status, "_", " ")+"; nothing is left to collect.")
		default:
			groups[found.Specimen] = append(groups[found.Specimen], *found)
		}
	}
	return groups, p.Err()
}

func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// newSpecimen makes the specimen for orders of one type, checking a sputum series.
func (c *LabCatalog) newSpecimen(orders []LabOrder, have []Specimen, col Collection, at time.Time, zone *time.Location) (Specimen, error) {
	sp := Specimen{Type: orders[0].Specimen, CollectedAt: at, Seq: 1}
	for _, o := range orders {
		sp.OrderIDs, sp.Tests = append(sp.OrderIDs, o.ID), append(sp.Tests, o.Test)
	}
	// A re-collection replaces the latest rejected specimen of the same orders.
	for _, h := range have {
		if h.Status == SpecimenRejected && h.Type == sp.Type && overlaps(h.OrderIDs, sp.OrderIDs) {
			sp.Replaces = h.ID
		}
	}
	if sp.Type != "sputum" {
		return sp, nil
	}
	sp.EarlyMorning, sp.Observed = col.EarlyMorning, col.Observed
	var prev []Specimen
	for _, h := range have {
		if h.Type == "sputum" && h.Status != SpecimenRejected && overlaps(h.OrderIDs, sp.OrderIDs) {
			prev = append(prev, h)
		}
	}
	sp.Seq = len(prev) + 1
	var p Problems
	if !col.Observed {
		p.Add("observed", "required", "A sputum specimen is collected under observation; confirm it was observed.")
	}
	if n := len(prev); n > 0 {
		last := prev[n-1].CollectedAt.In(zone)
		day := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, zone)
		if got := at.In(zone); got.Year() != day.Year() || got.YearDay() != day.YearDay() {
			p.Add("collected_at", "not_consecutive", fmt.Sprintf("Sputum specimen %d is collected on %s, the day after specimen %d.",
				sp.Seq, day.Format(time.DateOnly), n))
		}
	}
	early := sp.EarlyMorning
	for _, h := range prev {
		early = early || h.EarlyMorning
	}
	if sp.Seq == 3 && !early {
		p.Add("early_morning", "required", "At least one of the three sputum specimens is an early-morning specimen; this is the last.")
	}
	return sp, p.Err()
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// ReceiveSpecimen marks a specimen received at the lab, found by the accession its label carries.
// A culture started on a sputum specimen shows as pending in the protocol's results.
//
// Errors: forbidden, not_found (no such accession at the site), invalid_state (already received,
// or rejected), locked (signed), unavailable (no lab catalog).
func (s *Service) ReceiveSpecimen(ctx context.Context, a Actor, accessionNo string) (Specimen, error) {
	if err := a.May(PermReceiveSpecimen); err != nil {
		return Specimen{}, err
	}
	if err := s.labReady(); err != nil {
		return Specimen{}, err
	}
	var sp Specimen
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if sp, err = tx.SpecimenByAccession(ctx, a.SiteID, strings.TrimSpace(accessionNo), true); err != nil {
			return err
		}
		if sp.Status != SpecimenCollected || (sp.ReceivedAt != nil && sp.Type != "skin") {
			return Errorf(EInvalidState, "Specimen %s is already %s.", sp.Accession, sp.Status)
		}
		if sp.Type == "skin" {
			return Errorf(EInvalidState, "Specimen %s is a skin test: it is read where it was placed.", sp.Accession)
		}
		now := s.clock.Now()
		sp.Status, sp.ReceivedAt, sp.ReceivedBy = SpecimenReceived, &now, a.UserID
		if err := tx.SaveSpecimen(ctx, &sp, sp.Version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "specimen.receive", "specimen", sp.ID)); err != nil {
			return err
		}
		return s.feedSteps(ctx, tx, a, sp.AssessmentID, now)
	})
	return sp, err
}

// RejectSpecimen refuses a specimen with a reason; its orders are open again for re-collection.
//
// Errors: forbidden, not_found, validation (a reason not in RejectReasons; "other" without a
// note), invalid_state (already rejected, or resulted), locked (signed), unavailable (no lab catalog).
func (s *Service) RejectSpecimen(ctx context.Context, a Actor, accessionNo, reason, note string) (Specimen, error) {
	if err := a.May(PermReceiveSpecimen); err != nil {
		return Specimen{}, err
	}
	if err := s.labReady(); err != nil {
		return Specimen{}, err
	}
	reason, note = strings.TrimSpace(reason), strings.TrimSpace(note)
	var p Problems
	switch {
	case !contains(RejectReasons, reason):
		p.Add("reason", "not_allowed", "Choose one of: "+strings.Join(RejectReasons, ", ")+".")
	case reason == "other" && note == "":
		p.Add("note", "required", "Say why the specimen cannot be used.")
	}
	textField(&p, "note", note, 500, false)
	if err := p.Err(); err != nil {
		return Specimen{}, err
	}
	var sp Specimen
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if sp, err = tx.SpecimenByAccession(ctx, a.SiteID, strings.TrimSpace(accessionNo), true); err != nil {
			return err
		}
		if sp.Status == SpecimenRejected {
			return Errorf(EInvalidState, "Specimen %s is already rejected.", sp.Accession)
		}
		results, err := tx.LabResultsOf(ctx, sp.AssessmentID)
		if err != nil {
			return err
		}
		for _, r := range results {
			if r.SpecimenID == sp.ID && !r.Superseded {
				return Errorf(EInvalidState, "Specimen %s has a result; amend the result instead.", sp.Accession)
			}
		}
		now := s.clock.Now()
		sp.Status, sp.RejectReason, sp.RejectNote, sp.RejectedAt, sp.RejectedBy = SpecimenRejected, reason, note, &now, a.UserID
		if err := tx.SaveSpecimen(ctx, &sp, sp.Version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "specimen.reject", "specimen", sp.ID)); err != nil {
			return err
		}
		return s.feedSteps(ctx, tx, a, sp.AssessmentID, now)
	})
	return sp, err
}

// SpecimenLabels returns what the labels of specimens print, found by accession: the person's
// initials and birth date, the specimen type and the collection time in the site's zone.
//
// Errors: forbidden, not_found, validation (no accession, more than 50), unavailable (no lab catalog).
func (s *Service) SpecimenLabels(ctx context.Context, a Actor, accessions []string) ([]SpecimenLabel, error) {
	if err := a.May(PermCollectSpecimen); err != nil {
		return nil, err
	}
	if err := s.labReady(); err != nil {
		return nil, err
	}
	if len(accessions) == 0 || len(accessions) > 50 {
		return nil, (&Problems{{Field: "accession", Code: "count", Message: "Give 1 to 50 accession numbers."}}).Err()
	}
	var out []SpecimenLabel
	err := s.store.Tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		for _, acc := range accessions {
			sp, err := tx.SpecimenByAccession(ctx, a.SiteID, strings.TrimSpace(acc), false)
			if err != nil {
				return err
			}
			ap, err := tx.ApplicantByID(ctx, a.SiteID, sp.ApplicantID)
			if err != nil {
				return err
			}
			out = append(out, SpecimenLabel{Accession: sp.Accession, Initials: initials(ap), BirthDate: ap.BirthDate,
				BirthDateEstimated: ap.BirthDateEstimated, Type: sp.Type, Seq: sp.Seq, CollectedAt: sp.CollectedAt.In(site.Location())})
			if err := tx.Audit(ctx, s.audit(a, "specimen.label", "specimen", sp.ID)); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// SpecimenLabel is what one barcode label prints.
type SpecimenLabel struct {
	Accession          string
	Initials           string
	BirthDate          time.Time
	BirthDateEstimated bool
	Type               string
	Seq                int // sputum: 1 to 3
	CollectedAt        time.Time
}

// initials are the first letters of the given names then the surnames, e.g. "AM-K".
func initials(ap Applicant) string {
	first := func(s string) string {
		var b strings.Builder
		for _, w := range strings.Fields(s) {
			for _, r := range w {
				b.WriteString(strings.ToUpper(string(r)))
				break
			}
		}
		return b.String()
	}
	return first(ap.GivenNames) + "-" + first(ap.Surnames)
}

// SpecimenOf finds a specimen by the accession its label carries (a scan).
//
// Errors: forbidden, not_found.
func (s *Service) SpecimenOf(ctx context.Context, a Actor, accessionNo string) (Specimen, error) {
	if err := a.May(PermReadLabRecord); err != nil {
		return Specimen{}, err
	}
	var sp Specimen
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if sp, err = tx.SpecimenByAccession(ctx, a.SiteID, strings.TrimSpace(accessionNo), false); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "specimen.read", "specimen", sp.ID))
	})
	return sp, err
}
