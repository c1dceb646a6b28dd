package clinic

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Flight is one departure the clinic's people are booked on: the airline's flight number on one
// date, with the airports and its passengers.
type Flight struct {
	ID                 string
	SiteID             string
	Number             string    // normalised: "rwa 9b" is RWA9B (see NormaliseFlightNumber)
	Date               time.Time // the departure date, 00:00 UTC
	DepartureTime      string    // "HH:MM", local time at the departure airport; "" not recorded
	DepartureAirport   string    // IATA airport code; "" not recorded
	DestinationAirport string    // IATA airport code; "" not recorded
	Connections        []string  // IATA airport codes of the stops, in order
	Version            int
	CreatedAt          time.Time
	Passengers         []Passenger // filled by FlightByID
	PassengerCount     int         // filled by Flights and FlightByID
}

// Passenger is one person on a flight, with the case they travel with.
type Passenger struct {
	ApplicantID string
	CaseID      string
	CaseNumber  string
	Surnames    string
	GivenNames  string
	BirthDate   time.Time
	State       State // the current assessment's state; "" none yet
	// AssessmentID is the current assessment's id; "" none yet.
	AssessmentID string
	BookedAt     time.Time
}

// FlightStore holds flights and their passengers.
type FlightStore interface {
	// CreateFlight adds a flight; a flight with the same number and date at the site is a duplicate.
	CreateFlight(ctx context.Context, f *Flight) error
	// FlightByID loads a flight with its passengers, ordered by case number and position.
	FlightByID(ctx context.Context, siteID, id string) (Flight, error)
	// FlightByNumber finds a flight by its normalised number and date.
	FlightByNumber(ctx context.Context, siteID, number string, date time.Time) (Flight, error)
	// Flights lists the site's flights departing in [From, To], by date and number.
	Flights(ctx context.Context, siteID string, f FlightFilter) ([]Flight, error)
	// UpdateFlight writes the flight's details if still at expectedVersion, and bumps it.
	UpdateFlight(ctx context.Context, f *Flight, expectedVersion int) error
	// Book puts people of one case on a flight (flightID "" takes them off any flight) and
	// returns the flight each was on before ("" none). The case's flight columns follow.
	Book(ctx context.Context, siteID, caseID, flightID string, applicantIDs []string, at time.Time) (before map[string]string, err error)
}

// FlightFilter narrows the list of flights; zero dates leave that end open.
type FlightFilter struct {
	From, To time.Time
	Limit    int
}

var flightNumberPattern = regexp.MustCompile(`^[A-Z0-9]{2}[A-Z]?[0-9]{1,4}[A-Z]?$`)
var airportPattern = regexp.MustCompile(`^[A-Z]{3}$`)
var timePattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// NormaliseFlightNumber writes a flight number as airlines print it on a boarding pass: upper
// case, without spaces or hyphens ("rwa 9b" and "RWA-9B" are RWA9B).
func NormaliseFlightNumber(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
}

// ValidFlightNumber: a two-character airline designator (or a three-letter ICAO code), one to
// four digits, and an optional suffix letter.
func ValidFlightNumber(n string) bool { return flightNumberPattern.MatchString(n) }

// NewFlight is a flight as the movement officer enters it.
type NewFlight struct {
	Number             string
	Date               time.Time
	DepartureTime      string
	DepartureAirport   string
	DestinationAirport string
	Connections        []string
}

// Validate normalises the fields and checks them; fields are named as in the API.
func (n *NewFlight) Validate() error {
	var p Problems
	n.Number = NormaliseFlightNumber(n.Number)
	switch {
	case n.Number == "":
		p.Add("number", "required", "Enter the flight number, e.g. RWA9B.")
	case !ValidFlightNumber(n.Number):
		p.Add("number", "invalid", "A flight number is the airline's code and one to four digits, e.g. RWA9B or KQ101.")
	}
	if n.Date.IsZero() {
		p.Add("date", "required", "Enter the departure date.")
	}
	n.DepartureTime = strings.TrimSpace(n.DepartureTime)
	if n.DepartureTime != "" && !timePattern.MatchString(n.DepartureTime) {
		p.Add("departure_time", "invalid", "Write the departure time as HH:MM (24 hours).")
	}
	for field, v := range map[string]*string{"departure_airport": &n.DepartureAirport, "destination_airport": &n.DestinationAirport} {
		*v = strings.ToUpper(strings.TrimSpace(*v))
		if *v != "" && !airportPattern.MatchString(*v) {
			p.Add(field, "invalid", "Write the airport as its three-letter IATA code, e.g. KGL.")
		}
	}
	if len(n.Connections) > 6 {
		p.Add("connections", "too_many", "A flight has at most 6 connections.")
	}
	for i := range n.Connections {
		n.Connections[i] = strings.ToUpper(strings.TrimSpace(n.Connections[i]))
		if !airportPattern.MatchString(n.Connections[i]) {
			p.Add(fmt.Sprintf("connections[%d]", i), "invalid", "Write the airport as its three-letter IATA code, e.g. AMS.")
		}
	}
	return p.Err()
}

func (n NewFlight) apply(f *Flight) {
	f.Number, f.Date, f.DepartureTime = n.Number, n.Date, n.DepartureTime
	f.DepartureAirport, f.DestinationAirport = n.DepartureAirport, n.DestinationAirport
	f.Connections = append([]string{}, n.Connections...)
}

// CreateFlight records a flight of the actor's site.
//
// A departure date before today (in the site's time zone) is refused.
//
// Errors: forbidden, validation, duplicate (the same number and date), conflict (the Idempotency-Key).
func (s *Service) CreateFlight(ctx context.Context, a Actor, n NewFlight) (Flight, error) {
	if err := a.May(PermManageFlights); err != nil {
		return Flight{}, err
	}
	if err := n.Validate(); err != nil {
		return Flight{}, err
	}
	f := Flight{ID: NewID(), SiteID: a.SiteID, Version: 1, CreatedAt: s.clock.Now()}
	n.apply(&f)
	err := s.tx(ctx, func(tx Tx) error {
		if err := s.refusePastDeparture(ctx, tx, a, n.Date, "date"); err != nil {
			return err
		}
		if err := tx.CreateFlight(ctx, &f); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "flight.create", "flight", f.ID))
	})
	return f, err
}

// UpdateFlight corrects a flight's details (a new departure time, a connection).
//
// Errors: forbidden, validation, not_found, conflict (a stale version, or the Idempotency-Key).
func (s *Service) UpdateFlight(ctx context.Context, a Actor, id string, version int, n NewFlight) (Flight, error) {
	if err := a.May(PermManageFlights); err != nil {
		return Flight{}, err
	}
	if err := n.Validate(); err != nil {
		return Flight{}, err
	}
	var f Flight
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.FlightByID(ctx, a.SiteID, id); err != nil {
			return err
		}
		if f.Version != version {
			return Conflict("flight", f.Version)
		}
		if !sameDay(f.Date, n.Date) {
			if err := s.refusePastDeparture(ctx, tx, a, n.Date, "date"); err != nil {
				return err
			}
		}
		n.apply(&f)
		if err := tx.UpdateFlight(ctx, &f, version); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "flight.update", "flight", id))
	})
	return f, err
}

// Flights lists the site's flights in a date range.
//
// Errors: forbidden.
func (s *Service) Flights(ctx context.Context, a Actor, f FlightFilter) ([]Flight, error) {
	if err := a.May(PermReadFlights); err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 200
	}
	var out []Flight
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if out, err = tx.Flights(ctx, a.SiteID, f); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "flight.list", "flight", ""))
	})
	return out, err
}

// Flight loads one flight with its passengers (names and assessment states).
//
// Errors: forbidden, not_found.
func (s *Service) Flight(ctx context.Context, a Actor, id string) (Flight, error) {
	if err := a.May(PermReadFlights); err != nil {
		return Flight{}, err
	}
	var f Flight
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.FlightByID(ctx, a.SiteID, id); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "flight.read", "flight", id))
	})
	return f, err
}

// NormalizeFlight normalises a flight number typed in a filter or a form and says whether it is
// one ("" is: no flight).
func NormalizeFlight(s string) (string, bool) {
	n := NormaliseFlightNumber(s)
	return n, n == "" || ValidFlightNumber(n)
}

// DepartureInPast says whether a departure day is before today in the site's time zone: a flight
// that has already left cannot be booked.
func DepartureInPast(day, now time.Time, zone *time.Location) bool {
	if zone == nil {
		zone = time.UTC
	}
	t := now.In(zone)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC).Before(today)
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// refusePastDeparture answers a validation problem on field when day is before the site's today.
func (s *Service) refusePastDeparture(ctx context.Context, tx Tx, a Actor, day time.Time, field string) error {
	zone, err := siteZone(ctx, tx, a.SiteID)
	if err != nil {
		return err
	}
	if DepartureInPast(day, s.clock.Now(), zone) {
		var p Problems
		p.Add(field, "in_past", "The departure date is before today; the flight has already left.")
		return p.Err()
	}
	return nil
}
