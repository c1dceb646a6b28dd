package clinic

import (
	"context"
	"sort"
	"time"
)

// Fitness is the caseworker's one-word answer for a passenger.
type Fitness string

// The answers: fit, not fit, or not yet known.
const (
	Fit     Fitness = "fit"
	NotFit  Fitness = "not_fit"
	Pending Fitness = "pending"
)

// ClearanceKind says how the medical clearance stands against a flight.
type ClearanceKind string

// The clearance against a flight's date.
const (
	ClearanceUnknown       ClearanceKind = "unknown"               // no end can be said yet
	ClearanceValid         ClearanceKind = "valid"                 // it serves through the flight
	ClearanceBeforeFlight  ClearanceKind = "expires_before_flight" // it ends before the flight departs
	ClearanceAlreadyExpiry ClearanceKind = "expired"               // it ended before today
)

// ClearanceValidity is the clearance against one flight: "expires before the flight", or
// "expires in N days", and whether a re-examination is to be offered.
type ClearanceValidity struct {
	Kind      ClearanceKind
	Until     *time.Time // the last day the exam serves
	DaysLeft  int        // days from today to Until (0: today is the last day); valid only with Until
	Reexamine bool       // a new examination is needed before this flight
}

// ClearanceFor compares the last day an exam serves with a flight's date. The exam serves on its
// last day: a flight on that day is within it; a flight the day after is not.
func ClearanceFor(until *time.Time, flight, today time.Time) ClearanceValidity {
	if until == nil {
		return ClearanceValidity{Kind: ClearanceUnknown}
	}
	u, f, t := dayOf(*until), dayOf(flight), dayOf(today)
	cv := ClearanceValidity{Until: &u, DaysLeft: int(u.Sub(t).Hours() / 24)}
	switch {
	case u.Before(t):
		cv.Kind, cv.Reexamine = ClearanceAlreadyExpiry, true
	case f.After(u):
		cv.Kind, cv.Reexamine = ClearanceBeforeFlight, true
	default:
		cv.Kind = ClearanceValid
	}
	return cv
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// FlightPassengerStatus is one passenger's line on the caseworker's flight page.
type FlightPassengerStatus struct {
	MemberStatus
	CaseID     string
	CaseNumber string
	Fitness    Fitness
	Clearance  ClearanceValidity
	// AtRisk: not yet fit, and something stands in the way of this flight: not fit, on hold, a
	// clearance ending before it, or a thing due or able to clear only on or after its date.
	AtRisk bool
}

// FlightBoard is the caseworker's view of one flight.
type FlightBoard struct {
	Flight     Flight
	Passengers []FlightPassengerStatus // those at risk first, then by case number and name
}

// FitnessOf puts a travel status in one word.
func FitnessOf(t TravelStatus) Fitness {
	switch t {
	case TravelFit:
		return Fit
	case TravelNotFit, TravelExpired:
		return NotFit
	}
	return Pending
}

// FlightBoard answers, for every passenger of a flight, fit / not fit / pending, what is missing
// and by when, and whether they are at risk of missing the flight.
//
// Errors: forbidden, not_found.
func (s *Service) FlightBoard(ctx context.Context, a Actor, flightID string) (FlightBoard, error) {
	if err := a.May(PermReadBoard); err != nil {
		return FlightBoard{}, err
	}
	now := s.clock.Now()
	var fb FlightBoard
	err := s.store.Tx(ctx, func(tx Tx) error {
		f, err := tx.FlightByID(ctx, a.SiteID, flightID)
		if err != nil {
			return err
		}
		fb.Flight = f
		cases := map[string]Case{}
		var ids []string
		for _, p := range f.Passengers {
			if _, ok := cases[p.CaseID]; ok {
				continue
			}
			c, err := tx.CaseByID(ctx, a.SiteID, p.CaseID)
			if err != nil {
				return err
			}
			dep := f.Date // each passenger is judged against this flight, whatever else the case has
			c.DepartureDate = &dep
			cases[c.ID], ids = c, append(ids, c.ID)
		}
		items := map[string]WorkItem{}
		var work []WorkItem
		if len(ids) > 0 {
			var err error
			if work, err = tx.Worklist(ctx, a.SiteID, WorkFilter{CaseIDs: ids, Limit: 100 * len(ids)}); err != nil {
				return err
			}
			for _, it := range work {
				items[it.Assessment.ID] = it
			}
		}
		loaded, err := s.loadListPage(ctx, tx, itemCharts(work))
		if err != nil {
			return err
		}
		zone, err := siteZone(ctx, tx, a.SiteID)
		if err != nil {
			return err
		}
		list := make([]Case, 0, len(cases))
		for _, c := range cases {
			list = append(list, c)
		}
		consented, err := agencyConsents(ctx, tx, list)
		if err != nil {
			return err
		}
		for _, p := range f.Passengers {
			c := cases[p.CaseID]
			for _, m := range c.Members {
				if m.ID != p.ApplicantID {
					continue
				}
				ms, err := s.memberStatus(ctx, tx, loaded, items, c, m, now, zone, consented[m.ID])
				if err != nil {
					return err
				}
				fb.Passengers = append(fb.Passengers, passengerStatus(ms, c, f.Date, now))
			}
		}
		return tx.Audit(ctx, s.audit(a, "flight.board", "flight", flightID))
	})
	sort.SliceStable(fb.Passengers, func(i, j int) bool {
		pi, pj := fb.Passengers[i], fb.Passengers[j]
		if pi.AtRisk != pj.AtRisk {
			return pi.AtRisk
		}
		if pi.CaseNumber != pj.CaseNumber {
			return pi.CaseNumber < pj.CaseNumber
		}
		return pi.Name < pj.Name
	})
	return fb, err
}

func passengerStatus(ms MemberStatus, c Case, flight, now time.Time) FlightPassengerStatus {
	ps := FlightPassengerStatus{MemberStatus: ms, CaseID: c.ID, CaseNumber: c.CaseNumber, Fitness: FitnessOf(ms.Status),
		Clearance: ClearanceFor(ms.ValidUntil, flight, now)}
	if ps.Fitness == Fit {
		return ps
	}
	day := dayOf(flight)
	switch {
	case ps.Fitness == NotFit, ms.Status == TravelOnHold, ms.Status == TravelConsentMissing, ps.Clearance.Reexamine:
		ps.AtRisk = true
	case ms.By != nil && dayOf(*ms.By).After(day):
		ps.AtRisk = true
	}
	for _, h := range ms.Holds {
		if h.Earliest == nil && h.Code != "departure_check" || h.Earliest != nil && !dayOf(*h.Earliest).Before(day) {
			ps.AtRisk = true
		}
	}
	return ps
}
