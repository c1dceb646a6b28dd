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
	Drug         string  // the drug code the rules use: albendazole, ivermectin, ...; DrugVaccine for a vaccine lot
	CVX          string  // a vaccine lot: the vaccine (CVX code)
	MVX          string  // a vaccine lot: the manufacturer (HL7 MVX code)
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
	// VaccineForms are the presentations of a vaccine lot, counted in doses.
	VaccineForms = []string{"vial", "multi_dose_vial", "prefilled_syringe", "oral"}
)

// DrugVaccine is the drug code of a vaccine lot: its vaccine is the CVX code, its unit a dose.
const DrugVaccine = "vaccine"

// ReceiveBatch adds a batch to the stock of the caller's site.
//
// A vaccine lot is a batch of drug DrugVaccine naming its CVX and MVX codes, counted in doses.
//
// Errors: forbidden, validation (a missing or impossible field).
func (s *Service) ReceiveBatch(ctx context.Context, a Actor, b MedicineBatch) (MedicineBatch, error) {
	if err := a.May(PermReceiveStock); err != nil {
		return MedicineBatch{}, err
	}
	b.Drug, b.Lot, b.Form, b.StrengthUnit = strings.TrimSpace(b.Drug), strings.TrimSpace(b.Lot), strings.TrimSpace(b.Form), strings.TrimSpace(b.StrengthUnit)
	b.CVX, b.MVX = strings.TrimSpace(b.CVX), strings.ToUpper(strings.TrimSpace(b.MVX))
	err := s.store.Tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		check := checkBatch
		if b.Drug == DrugVaccine {
			check = s.checkVaccineLot
		}
		if err := check(b, site.Today(s.clock.Now())); err != nil {
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
	if b.CVX != "" || b.MVX != "" {
		p.Add("cvx", "not_allowed", "Only a vaccine lot (drug vaccine) names a CVX and an MVX code.")
	}
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

// checkVaccineLot validates a vaccine lot: a vaccine the CDSi data knows (a specific product), its
// manufacturer, and whole doses.
func (s *Service) checkVaccineLot(b MedicineBatch, today time.Time) error {
	var p Problems
	switch {
	case s.immunizer == nil:
		p.Add("cvx", "unavailable", "Vaccination is not configured on this server.")
	case b.CVX == "":
		p.Add("cvx", "required", "Choose the vaccine (CVX code).")
	default:
		if v, ok := s.immunizer.Vaccine(b.CVX); !ok {
			p.Add("cvx", "unknown", "CVX "+b.CVX+" is not a vaccine the CDSi data knows.")
		} else if v.Unspecified {
			p.Add("cvx", "unspecified", "A lot is one product; "+v.Name+" names no formulation.")
		}
	}
	if !mvxCode.MatchString(b.MVX) {
		p.Add("mvx", "invalid", "Enter the manufacturer's MVX code: 2 to 4 letters, e.g. SKB.")
	}
	if textField(&p, "lot", b.Lot, 40, true) && !lotCode.MatchString(b.Lot) {
		p.Add("lot", "invalid", "A lot number has letters, digits, spaces, dots, slashes and hyphens.")
	}
	if !contains(VaccineForms, b.Form) {
		p.Add("form", "not_allowed", "Use one of "+strings.Join(VaccineForms, ", ")+".")
	}
	if b.StrengthUnit != "dose" || b.Strength != 1 {
		p.Add("strength_unit", "not_allowed", "A vaccine lot counts doses: strength 1, strength_unit dose.")
	}
	if b.Received < 1 || b.Received > 1e6 || b.Received != math.Trunc(b.Received) {
		p.Add("received", "out_of_range", "Enter the number of doses received (a whole number, at least 1).")
	}
	switch {
	case b.ExpiresOn.IsZero():
		p.Add("expires_on", "required", "Enter the expiry date.")
	case b.ExpiresOn.Before(today):
		p.Add("expires_on", "expired", "This lot has expired; it cannot enter the stock.")
	}
	return p.Err()
}

// takeVaccineDose checks the lot a dose given here came from, counts one dose out of it, and
// copies its lot and manufacturer onto the dose.
func takeVaccineDose(ctx context.Context, tx Tx, siteID string, d *Dose, today time.Time) error {
	b, err := tx.BatchByID(ctx, siteID, d.BatchID, true)
	if IsCode(err, ENotFound) {
		return (&Problems{{Field: "batch_id", Code: "unknown", Message: "No such lot in this site's stock."}}).Err()
	}
	if err != nil {
		return err
	}
	var p Problems
	switch {
	case b.Drug != DrugVaccine || b.CVX != d.CVX:
		p.Add("batch_id", "wrong_vaccine", "Lot "+b.Lot+" is not CVX "+d.CVX+".")
	case b.Expired(today):
		p.Add("batch_id", "expired", "Lot "+b.Lot+" expired on "+b.ExpiresOn.Format(time.DateOnly)+"; do not give it.")
	case b.Remaining < 1:
		p.Add("batch_id", "empty", "Lot "+b.Lot+" has no doses left.")
	case d.Lot != "" && d.Lot != b.Lot:
		p.Add("lot", "mismatch", "The lot entered is not lot "+b.Lot+" of the stock.")
	case d.MVX != "" && d.MVX != b.MVX:
		p.Add("mvx", "mismatch", "Lot "+b.Lot+" is from "+b.MVX+", not "+d.MVX+".")
	}
	if err := p.Err(); err != nil {
		return err
	}
	d.Lot, d.MVX = b.Lot, b.MVX
	return tx.TakeFromBatch(ctx, b.ID, 1)
}
