package clinic

import (
	"context"
	"time"
)

// SetFlight books every member of a case on a flight, found by its number and date at the site
// or recorded then; an empty number takes them off their flights. Each move is audited.
//
// Errors: forbidden, validation, not_found, conflict (a stale version, or the Idempotency-Key).
func (s *Service) SetFlight(ctx context.Context, a Actor, id string, version int, flight string, departure *time.Time) (Case, error) {
	if err := a.May(PermSetFlight); err != nil {
		return Case{}, err
	}
	n := NewFlight{Number: flight}
	if departure != nil {
		n.Date = *departure
	}
	if NormaliseFlightNumber(flight) != "" {
		if err := n.Validate(); err != nil {
			return Case{}, renameFlightFields(err)
		}
	}
	var c Case
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.CaseByID(ctx, a.SiteID, id); err != nil {
			return err
		}
		if c.Version != version {
			return Conflict("case", c.Version)
		}
		flightID := ""
		if n.Number != "" {
			if err := s.refusePastDeparture(ctx, tx, a, n.Date, "departure_date"); err != nil {
				return err
			}
			f, err := s.findOrCreateFlight(ctx, tx, a, n)
			if err != nil {
				return err
			}
			flightID = f.ID
		}
		ids := make([]string, len(c.Members))
		for i, m := range c.Members {
			ids[i] = m.ID
		}
		if err := s.book(ctx, tx, a, c.ID, flightID, ids); err != nil {
			return err
		}
		if err := tx.SyncCaseFlight(ctx, &c, version); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "case.flight", "case", id))
	})
	return c.DisclosedTo(a), err
}

// renameFlightFields names a flight's problems as the case's flight route names its fields.
func renameFlightFields(err error) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	for i, f := range e.Fields {
		switch f.Field {
		case "number":
			e.Fields[i].Field = "flight_number"
		case "date":
			e.Fields[i].Field = "departure_date"
		}
	}
	return e
}

// findOrCreateFlight returns the site's flight with the number and date, recording it first if
// there is none.
func (s *Service) findOrCreateFlight(ctx context.Context, tx Tx, a Actor, n NewFlight) (Flight, error) {
	f, err := tx.FlightByNumber(ctx, a.SiteID, n.Number, n.Date)
	if err == nil {
		return f, nil
	}
	if !IsCode(err, ENotFound) {
		return Flight{}, err
	}
	f = Flight{ID: NewID(), SiteID: a.SiteID, Version: 1, CreatedAt: s.clock.Now()}
	n.apply(&f)
	if err := tx.CreateFlight(ctx, &f); err != nil {
		return Flight{}, err
	}
	return f, tx.Audit(ctx, s.audit(a, "flight.create", "flight", f.ID))
}

// book moves people of one case onto a flight ("" off any) and audits each move that changed
// something, naming the flight before and after.
func (s *Service) book(ctx context.Context, tx Tx, a Actor, caseID, flightID string, ids []string) error {
	before, err := tx.Book(ctx, a.SiteID, caseID, flightID, ids, s.clock.Now())
	if err != nil {
		return err
	}
	for _, id := range ids {
		if before[id] == flightID {
			continue
		}
		e := s.audit(a, "flight.rebook", "applicant", id)
		e.Detail = "from " + orNone(before[id]) + " to " + orNone(flightID)
		if err := tx.Audit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

func orNone(id string) string {
	if id == "" {
		return "none"
	}
	return id
}

// Rebooking moves a whole case, or one person of it, to another flight.
type Rebooking struct {
	CaseID      string // the case whose members move (all of them unless ApplicantID is set)
	ApplicantID string // one person of the case; "" every member
	FlightID    string // the flight they move to; "" off their flight
	CaseVersion int    // the case's version as the caller read it
}

// Rebook moves a case or one of its people between flights; each move is audited with the flight
// before and after.
//
// Errors: forbidden, validation, not_found, conflict (a stale version, or the Idempotency-Key).
func (s *Service) Rebook(ctx context.Context, a Actor, r Rebooking) (Case, error) {
	if err := a.May(PermSetFlight); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.CaseByID(ctx, a.SiteID, r.CaseID); err != nil {
			return err
		}
		if c.Version != r.CaseVersion {
			return Conflict("case", c.Version)
		}
		if r.FlightID != "" {
			if _, err := tx.FlightByID(ctx, a.SiteID, r.FlightID); err != nil {
				return err
			}
		}
		var ids []string
		for _, m := range c.Members {
			if r.ApplicantID == "" || m.ID == r.ApplicantID {
				ids = append(ids, m.ID)
			}
		}
		if len(ids) == 0 {
			var p Problems
			p.Add("applicant_id", "not_in_case", "This person is not a member of the case.")
			return p.Err()
		}
		if err := s.book(ctx, tx, a, c.ID, r.FlightID, ids); err != nil {
			return err
		}
		return tx.SyncCaseFlight(ctx, &c, r.CaseVersion)
	})
	return c.DisclosedTo(a), err
}
