package clinic

import (
	"context"
	"strings"
)

// MEDIFEntry is one passenger's current MEDIF on a flight, for the movement officer who sends it
// to the airline: who, which form, and the assistance it asks for, in words.
type MEDIFEntry struct {
	ApplicantID string
	CaseNumber  string
	Name        string // "SURNAMES, Given names"
	Form        Form
	Needs       []string // the check's travel needs in words
}

// FlightMEDIFs lists the current MEDIFs of a flight's passengers (those found fit with
// assistance at the pre-embarkation check). Each read is audited.
//
// Errors: forbidden, not_found (no such flight at the site).
func (s *Service) FlightMEDIFs(ctx context.Context, a Actor, flightID string) ([]MEDIFEntry, error) {
	if err := a.May(PermReadMEDIFs); err != nil {
		return nil, err
	}
	out := []MEDIFEntry{}
	err := s.store.Tx(ctx, func(tx Tx) error {
		f, err := tx.FlightByID(ctx, a.SiteID, flightID)
		if err != nil {
			return err
		}
		for _, p := range f.Passengers {
			e, ok, err := passengerMEDIF(ctx, tx, a, p)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, e)
			}
		}
		return tx.Audit(ctx, s.audit(a, "flight.medifs", "flight", flightID))
	})
	return out, err
}

// MEDIFFile returns the signed PDF of a MEDIF of one of the flight's passengers.
//
// Errors: forbidden, not_found (no such flight, or the form is not a current MEDIF of one of its
// passengers), invalid_state (no signed file yet).
func (s *Service) MEDIFFile(ctx context.Context, a Actor, flightID, formID string) (Form, []byte, error) {
	if err := a.May(PermReadMEDIFs); err != nil {
		return Form{}, nil, err
	}
	var form Form
	var pdf []byte
	err := s.store.Tx(ctx, func(tx Tx) error {
		f, err := tx.FlightByID(ctx, a.SiteID, flightID)
		if err != nil {
			return err
		}
		if form, err = tx.FormByID(ctx, formID); err != nil {
			return err
		}
		onFlight := false
		for _, p := range f.Passengers {
			onFlight = onFlight || p.AssessmentID == form.AssessmentID && p.ApplicantID == form.ApplicantID
		}
		if !onFlight || form.FormType != FormMEDIF || form.SiteID != a.SiteID || form.Status == FormSuperseded || form.Status == FormRevoked {
			return NotFound("MEDIF")
		}
		if !issued(form) {
			return Errorf(EInvalidState, "This MEDIF is %s; there is no signed file yet.", form.Status)
		}
		if pdf, err = tx.FormFile(ctx, formID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "medif.download", "form", formID))
	})
	return form, pdf, err
}

func passengerMEDIF(ctx context.Context, tx Tx, a Actor, p Passenger) (MEDIFEntry, bool, error) {
	if p.AssessmentID == "" {
		return MEDIFEntry{}, false, nil
	}
	forms, err := tx.FormsOf(ctx, p.AssessmentID)
	if err != nil {
		return MEDIFEntry{}, false, err
	}
	for _, fm := range forms {
		if fm.FormType != FormMEDIF || fm.SiteID != a.SiteID || fm.Status == FormSuperseded || fm.Status == FormRevoked {
			continue
		}
		as, err := tx.AssessmentByID(ctx, a.SiteID, p.AssessmentID, false)
		if err != nil {
			return MEDIFEntry{}, false, err
		}
		e := MEDIFEntry{ApplicantID: p.ApplicantID, CaseNumber: p.CaseNumber,
			Name: strings.ToUpper(p.Surnames) + ", " + p.GivenNames, Form: fm}
		if as.PEC != nil {
			e.Needs = as.PEC.Needs.Lines()
		}
		return e, true, nil
	}
	return MEDIFEntry{}, false, nil
}
