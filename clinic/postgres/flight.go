package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type flightRow struct {
	ID                 string `gorm:"primaryKey"`
	SiteID             string
	Number             string
	DepartureDate      time.Time
	DepartureTime      string
	DepartureAirport   string
	DestinationAirport string
	Connections        codeArray `gorm:"type:text[]"`
	Version            int
	CreatedAt          time.Time
	PassengerCount     int `gorm:"->;-:migration"` // counted in Flights and FlightByID
}

func (flightRow) TableName() string { return "flights" }

func flightToRow(f clinic.Flight) flightRow {
	r := flightRow{ID: f.ID, SiteID: f.SiteID, Number: f.Number, DepartureDate: f.Date, DepartureTime: f.DepartureTime,
		DepartureAirport: f.DepartureAirport, DestinationAirport: f.DestinationAirport, Connections: codeArray(f.Connections),
		Version: f.Version, CreatedAt: f.CreatedAt}
	if r.Connections == nil {
		r.Connections = codeArray{}
	}
	return r
}

func (r flightRow) domain() clinic.Flight {
	d := dateUTC(&r.DepartureDate)
	return clinic.Flight{ID: r.ID, SiteID: r.SiteID, Number: r.Number, Date: *d, DepartureTime: r.DepartureTime,
		DepartureAirport: r.DepartureAirport, DestinationAirport: r.DestinationAirport, Connections: append([]string{}, r.Connections...),
		Version: r.Version, CreatedAt: r.CreatedAt, PassengerCount: r.PassengerCount}
}

const flightColumns = "flights.*, (SELECT count(*) FROM flight_passengers p WHERE p.flight_id = flights.id) AS passenger_count"

func (t *tx) CreateFlight(ctx context.Context, f *clinic.Flight) error {
	r := flightToRow(*f)
	return mapErr(t.g.Omit("passenger_count").Create(&r).Error, "flight")
}

func (t *tx) FlightByID(ctx context.Context, siteID, id string) (clinic.Flight, error) {
	var r flightRow
	if err := t.g.Table("flights").Select(flightColumns).Where("id = ? AND site_id = ?", id, siteID).Take(&r).Error; err != nil {
		return clinic.Flight{}, mapErr(err, "flight")
	}
	f := r.domain()
	var ps []struct {
		ApplicantID, CaseID, CaseNumber, Surnames, GivenNames, State, AssessmentID string
		BirthDate, BookedAt                                                        time.Time
	}
	err := t.g.Raw(`SELECT p.applicant_id, p.case_id, c.case_number, a.surnames, a.given_names, a.birth_date,
			coalesce(s.state, '') AS state, coalesce(a.assessment_id::text, '') AS assessment_id, p.booked_at
		FROM flight_passengers p
		JOIN applicants a ON a.id = p.applicant_id
		JOIN cases c ON c.id = p.case_id
		LEFT JOIN assessments s ON s.id = a.assessment_id
		WHERE p.flight_id = ?
		ORDER BY c.case_number, a.position`, id).Scan(&ps).Error
	if err != nil {
		return clinic.Flight{}, mapErr(err, "flight")
	}
	for _, p := range ps {
		f.Passengers = append(f.Passengers, clinic.Passenger{ApplicantID: p.ApplicantID, CaseID: p.CaseID, CaseNumber: p.CaseNumber,
			Surnames: p.Surnames, GivenNames: p.GivenNames, BirthDate: *dateUTC(&p.BirthDate), State: clinic.State(p.State),
			AssessmentID: p.AssessmentID, BookedAt: p.BookedAt})
	}
	return f, nil
}

func (t *tx) FlightByNumber(ctx context.Context, siteID, number string, date time.Time) (clinic.Flight, error) {
	var r flightRow
	err := t.g.Table("flights").Select(flightColumns).
		Where("site_id = ? AND number = ? AND departure_date = ?", siteID, number, date.Format(time.DateOnly)).Take(&r).Error
	if err != nil {
		return clinic.Flight{}, mapErr(err, "flight")
	}
	return r.domain(), nil
}

func (t *tx) Flights(ctx context.Context, siteID string, f clinic.FlightFilter) ([]clinic.Flight, error) {
	q := t.g.Table("flights").Select(flightColumns).Where("site_id = ?", siteID)
	if !f.From.IsZero() {
		q = q.Where("departure_date >= ?", f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		q = q.Where("departure_date <= ?", f.To.Format(time.DateOnly))
	}
	var rows []flightRow
	if err := q.Order("departure_date, departure_time, number").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "flight")
	}
	out := make([]clinic.Flight, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) UpdateFlight(ctx context.Context, f *clinic.Flight, expected int) error {
	r := flightToRow(*f)
	res := t.g.Model(&flightRow{}).Where("id = ? AND version = ?", f.ID, expected).Updates(map[string]any{
		"departure_time": r.DepartureTime, "departure_airport": r.DepartureAirport,
		"destination_airport": r.DestinationAirport, "connections": r.Connections, "version": expected + 1})
	if res.Error != nil {
		return mapErr(res.Error, "flight")
	}
	if res.RowsAffected == 0 {
		return clinic.Conflict("flight", expected)
	}
	f.Version = expected + 1
	return nil
}

func (t *tx) Book(ctx context.Context, siteID, caseID, flightID string, ids []string, at time.Time) (map[string]string, error) {
	before := map[string]string{}
	if len(ids) == 0 {
		return before, nil
	}
	var rows []struct{ ApplicantID, FlightID string }
	err := t.g.Raw(`SELECT p.applicant_id, p.flight_id FROM flight_passengers p
		JOIN applicants a ON a.id = p.applicant_id
		WHERE p.applicant_id IN ? AND a.case_id = ? AND a.site_id = ? FOR UPDATE OF p`, ids, caseID, siteID).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "booking")
	}
	for _, r := range rows {
		before[r.ApplicantID] = r.FlightID
	}
	if flightID == "" {
		err = t.g.Exec("DELETE FROM flight_passengers WHERE applicant_id IN ? AND case_id = ?", ids, caseID).Error
		return before, mapErr(err, "booking")
	}
	err = t.g.Exec(`INSERT INTO flight_passengers (applicant_id, flight_id, case_id, booked_at)
		SELECT a.id, f.id, a.case_id, ? FROM applicants a JOIN flights f ON f.id = ? AND f.site_id = a.site_id
		WHERE a.id IN ? AND a.case_id = ? AND a.site_id = ?
		ON CONFLICT (applicant_id) DO UPDATE SET flight_id = excluded.flight_id, booked_at = excluded.booked_at
		WHERE flight_passengers.flight_id <> excluded.flight_id`, at, flightID, ids, caseID, siteID).Error
	return before, mapErr(err, "booking")
}

func (t *tx) SyncCaseFlight(ctx context.Context, c *clinic.Case, expected int) error {
	var next struct {
		Number string
		Date   *time.Time
	}
	err := t.g.Raw(`SELECT f.number, f.departure_date AS date FROM flight_passengers p JOIN flights f ON f.id = p.flight_id
		WHERE p.case_id = ? ORDER BY f.departure_date, f.number LIMIT 1`, c.ID).Scan(&next).Error
	if err != nil {
		return mapErr(err, "case")
	}
	res := t.g.Model(&caseRow{}).Where("id = ? AND version = ?", c.ID, expected).
		Updates(map[string]any{"flight_number": next.Number, "departure_date": next.Date, "version": expected + 1})
	if res.Error != nil {
		return mapErr(res.Error, "case")
	}
	if res.RowsAffected == 0 {
		return clinic.Conflict("case", expected)
	}
	c.FlightNumber, c.DepartureDate, c.Version = next.Number, dateUTC(next.Date), expected+1
	return nil
}

func (t *tx) PeopleForManifest(ctx context.Context, siteID string, caseNumbers, applicantIDs []string) ([]clinic.ManifestPerson, error) {
	if len(caseNumbers) == 0 && len(applicantIDs) == 0 {
		return nil, nil
	}
	if caseNumbers == nil {
		caseNumbers = []string{}
	}
	if applicantIDs == nil {
		applicantIDs = []string{}
	}
	var out []clinic.ManifestPerson
	err := t.g.Raw(`SELECT a.id AS applicant_id, c.id AS case_id, c.case_number, c.version AS case_version,
			coalesce(p.flight_id::text, '') AS flight_id
		FROM applicants a JOIN cases c ON c.id = a.case_id
		LEFT JOIN flight_passengers p ON p.applicant_id = a.id
		WHERE a.site_id = ? AND (c.case_number IN ? OR a.id::text IN ?)
		ORDER BY c.case_number, a.position
		FOR UPDATE OF c`, siteID, caseNumbers, applicantIDs).Scan(&out).Error
	return out, mapErr(err, "manifest")
}
