package clinic

import (
	"context"
	"fmt"
	"time"
)

// StoredDose is one stored dose with what a data check compares it to: the person's birth date
// and, for a dose given from the stock, its lot.
type StoredDose struct {
	Dose
	BirthDate time.Time
	Batch     *MedicineBatch
}

// VaccinationCheckStore reads every stored dose, a page at a time.
type VaccinationCheckStore interface {
	// StoredDosesAfter lists up to limit doses whose id sorts after the given one, by id.
	StoredDosesAfter(ctx context.Context, afterID string, limit int) ([]StoredDose, error)
}

// DoseFinding is one problem a data check finds in a stored dose.
type DoseFinding struct {
	DoseID      string
	ApplicantID string
	Date        time.Time
	CVX         string
	Field       string
	Code        string
	Message     string
}

// CheckStoredDoses reads every dose not entered in error and reports what the data cannot
// support: a CVX code the CDSi data does not know, a malformed MVX code, a date before the
// birth date or after today, a dose given here without its lot, and a dose from the stock whose
// lot is not a vaccine lot of that CVX, names another lot number or had expired on the day.
//
// Errors: forbidden, unavailable (vaccination not configured).
func (s *Service) CheckStoredDoses(ctx context.Context, a Actor) ([]DoseFinding, error) {
	if err := a.May(PermCheckVaccinationData); err != nil {
		return nil, err
	}
	if s.immunizer == nil {
		return nil, Errorf(EUnavailable, "Vaccination is not configured on this server.")
	}
	y, m, d := s.clock.Now().UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []DoseFinding
	err := s.store.Tx(ctx, func(tx Tx) error {
		out = nil
		after := ""
		for {
			page, err := tx.StoredDosesAfter(ctx, after, 1000)
			if err != nil {
				return err
			}
			for _, sd := range page {
				if sd.InError == nil {
					out = append(out, s.checkStored(sd, today)...)
				}
			}
			if len(page) < 1000 {
				break
			}
			after = page[len(page)-1].ID
		}
		return tx.Audit(ctx, s.audit(a, "vaccination.check", "vaccination_doses", fmt.Sprintf("%d findings", len(out))))
	})
	return out, err
}

func (s *Service) checkStored(sd StoredDose, today time.Time) []DoseFinding {
	var out []DoseFinding
	add := func(field, code, msg string) {
		out = append(out, DoseFinding{DoseID: sd.ID, ApplicantID: sd.ApplicantID, Date: sd.Date, CVX: sd.CVX, Field: field, Code: code, Message: msg})
	}
	if _, ok := s.immunizer.Vaccine(sd.CVX); !ok {
		add("cvx", "unknown", fmt.Sprintf("CVX %q is not a vaccine the CDSi data knows.", sd.CVX))
	}
	if sd.MVX != "" && !mvxCode.MatchString(sd.MVX) {
		add("mvx", "invalid", fmt.Sprintf("MVX %q is not an MVX code (2 to 4 letters).", sd.MVX))
	}
	switch {
	case sd.Date.Before(sd.BirthDate):
		add("date", "before_birth", "Dated "+sd.Date.Format(time.DateOnly)+", before the birth date "+sd.BirthDate.Format(time.DateOnly)+".")
	case sd.Date.After(today):
		add("date", "in_future", "Dated "+sd.Date.Format(time.DateOnly)+", after today.")
	}
	if sd.Origin == OriginClinic && sd.Lot == "" {
		add("lot", "required", "Given here without a lot number.")
	}
	if b := sd.Batch; b != nil {
		switch {
		case b.Drug != DrugVaccine || b.CVX != sd.CVX:
			add("batch_id", "wrong_vaccine", "Stock lot "+b.Lot+" is not CVX "+sd.CVX+".")
		case b.Lot != sd.Lot:
			add("lot", "mismatch", "The dose names lot "+sd.Lot+"; its stock lot is "+b.Lot+".")
		case sd.Date.After(b.ExpiresOn):
			add("batch_id", "expired", "Stock lot "+b.Lot+" expired on "+b.ExpiresOn.Format(time.DateOnly)+", before the dose.")
		}
	}
	return out
}
