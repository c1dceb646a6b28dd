package clinic

import (
	"context"
	"math"
	"strings"
	"time"
)

// MedicineBatch is one batch (lot) of a medicine in a site's stock. Remaining counts down as
// doses are given from it; an expired batch stays on record but nothing is given from it.
type MedicineBatch struct {
	ID           string
	SiteID       string
	Drug         string  // the drug code the rules use: albendazole, ivermectin, ...
	Lot          string  // the manufacturer's batch or lot number
	Strength     float64 // amount of drug in one unit, in StrengthUnit (400 for a 400 mg tablet)
	StrengthUnit string  // mg | tablet (a fixed-dose combination counted in tablets)
	Form         string  // tablet | chewable_tablet | suspension
	ExpiresOn    time.Time
	Received     float64 // units received
	Remaining    float64 // units left
	ReceivedBy   string
	ReceivedName string
	ReceivedAt   time.Time
}

// Expired reports whether the batch may no longer be given on the site's date today.
func (b MedicineBatch) Expired(today time.Time) bool { return today.After(b.ExpiresOn) }

// MedicineStore holds the sites' medicine stock.
type MedicineStore interface {
	CreateBatch(ctx context.Context, b MedicineBatch) error
	// BatchesOf lists a site's batches of drug ("" for all), earliest expiry first.
	BatchesOf(ctx context.Context, siteID, drug string) ([]MedicineBatch, error)
	// BatchByID loads one batch of a site; forUpdate locks it.
	BatchByID(ctx context.Context, siteID, id string, forUpdate bool) (MedicineBatch, error)
	// TakeFromBatch counts units out of a batch that still holds them.
	TakeFromBatch(ctx context.Context, id string, units float64) error
}

// Medicine forms a batch may come in, and the units the stock counts.
var (
	MedicineForms = []string{"tablet", "chewable_tablet", "suspension"}
	StrengthUnits = []string{"mg", "tablet"}
)

// ReceiveBatch adds a batch to the stock of the caller's site.
//
// Errors: forbidden, validation (a missing or impossible field).
func (s *Service) ReceiveBatch(ctx context.Context, a Actor, b MedicineBatch) (MedicineBatch, error) {
	if err := a.May(PermReceiveStock); err != nil {
		return MedicineBatch{}, err
	}
	b.Drug, b.Lot, b.Form, b.StrengthUnit = strings.TrimSpace(b.Drug), strings.TrimSpace(b.Lot), strings.TrimSpace(b.Form), strings.TrimSpace(b.StrengthUnit)
	err := s.store.Tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		if err := checkBatch(b, site.Today(s.clock.Now())); err != nil {
			return err
		}
		now := s.clock.Now()
		b.ID, b.SiteID, b.Remaining = NewID(), a.SiteID, b.Received
		b.ReceivedBy, b.ReceivedName, b.ReceivedAt = a.UserID, a.Name, now
		if err := tx.CreateBatch(ctx, b); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "medicine.receive", "medicine_batch", b.ID))
	})
	return b, err
}

// Batches lists the stock of the caller's site (drug "" for every drug).
//
// Errors: forbidden.
func (s *Service) Batches(ctx context.Context, a Actor, drug string) ([]MedicineBatch, error) {
	if err := a.May(PermReadStock); err != nil {
		return nil, err
	}
	var out []MedicineBatch
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		out, err = tx.BatchesOf(ctx, a.SiteID, strings.TrimSpace(drug))
		return err
	})
	return out, err
}

func checkBatch(b MedicineBatch, today time.Time) error {
	var p Problems
	if !drugCode.MatchString(b.Drug) {
		p.Add("drug", "invalid", "Enter the drug's code, e.g. albendazole.")
	}
	if textField(&p, "lot", b.Lot, 40, true) && !lotCode.MatchString(b.Lot) {
		p.Add("lot", "invalid", "A lot number has letters, digits, spaces, dots, slashes and hyphens.")
	}
	if !contains(MedicineForms, b.Form) {
		p.Add("form", "not_allowed", "Use one of "+strings.Join(MedicineForms, ", ")+".")
	}
	if !contains(StrengthUnits, b.StrengthUnit) {
		p.Add("strength_unit", "not_allowed", "Use one of "+strings.Join(StrengthUnits, ", ")+".")
	}
	if b.Strength <= 0 || b.Strength > 100000 {
		p.Add("strength", "out_of_range", "Enter the amount of drug in one unit, e.g. 400 for a 400 mg tablet.")
	}
	if b.Received <= 0 || b.Received > 1e6 || !quarterUnits(b.Received) {
		p.Add("received", "out_of_range", "Enter the number of units received (more than 0, in quarters at most).")
	}
	switch {
	case b.ExpiresOn.IsZero():
		p.Add("expires_on", "required", "Enter the expiry date.")
	case b.ExpiresOn.Before(today):
		p.Add("expires_on", "expired", "This batch has expired; it cannot enter the stock.")
	}
	return p.Err()
}

// quarterUnits reports whether x is a whole number of quarter units (tablets are split in
// quarters at most).
func quarterUnits(x float64) bool {
	q := x * 4
	return math.Abs(q-math.Round(q)) < 1e-9
}
