package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// flightInput is a flight as the movement officer enters or corrects it.
type flightInput struct {
	Number             string   `json:"number"`
	Date               string   `json:"date"` // YYYY-MM-DD
	DepartureTime      string   `json:"departure_time"`
	DepartureAirport   string   `json:"departure_airport"`
	DestinationAirport string   `json:"destination_airport"`
	Connections        []string `json:"connections"`
	Version            int      `json:"version,omitempty"` // for a correction
}

type passengerJSON struct {
	ApplicantID  string `json:"applicant_id"`
	CaseID       string `json:"case_id"`
	CaseNumber   string `json:"case_number"`
	Name         string `json:"name"`
	BirthDate    string `json:"birth_date"`
	State        string `json:"state"`
	AssessmentID string `json:"assessment_id"`
	BookedAt     string `json:"booked_at"`
}

type flightOut struct {
	ID                 string          `json:"id"`
	Number             string          `json:"number"`
	Date               string          `json:"date"`
	DepartureTime      string          `json:"departure_time"`
	DepartureAirport   string          `json:"departure_airport"`
	DestinationAirport string          `json:"destination_airport"`
	Connections        []string        `json:"connections"`
	PassengerCount     int             `json:"passenger_count"`
	Passengers         []passengerJSON `json:"passengers,omitempty"`
	Version            int             `json:"version"`
}

// flightsResponse is the list of flights; Next is always null (a date range is one page).
type flightsResponse struct {
	Items []flightOut `json:"items"`
	Next  *string     `json:"next"`
}

type rebookRequest struct {
	ApplicantID string `json:"applicant_id"` // one person; "" the whole case
	FlightID    string `json:"flight_id"`    // "" off their flight
	Version     int    `json:"version"`      // the case's version
}

func toFlightOut(f clinic.Flight) flightOut {
	out := flightOut{ID: f.ID, Number: f.Number, Date: f.Date.Format(time.DateOnly), DepartureTime: f.DepartureTime,
		DepartureAirport: f.DepartureAirport, DestinationAirport: f.DestinationAirport, Connections: f.Connections,
		PassengerCount: f.PassengerCount, Version: f.Version}
	if out.Connections == nil {
		out.Connections = []string{}
	}
	for _, p := range f.Passengers {
		out.Passengers = append(out.Passengers, passengerJSON{ApplicantID: p.ApplicantID, CaseID: p.CaseID, CaseNumber: p.CaseNumber,
			Name: fullName(p.Surnames, p.GivenNames), BirthDate: p.BirthDate.Format(time.DateOnly), State: string(p.State),
			AssessmentID: p.AssessmentID, BookedAt: p.BookedAt.UTC().Format(time.RFC3339)})
	}
	return out
}

func fullName(surnames, given string) string {
	switch {
	case given == "":
		return surnames
	case surnames == "":
		return given
	}
	return surnames + ", " + given
}

func (in flightInput) domain() (clinic.NewFlight, error) {
	var p clinic.Problems
	d := dateField(&p, "date", in.Date)
	if err := p.Err(); err != nil {
		return clinic.NewFlight{}, err
	}
	return clinic.NewFlight{Number: in.Number, Date: d, DepartureTime: in.DepartureTime, DepartureAirport: in.DepartureAirport,
		DestinationAirport: in.DestinationAirport, Connections: in.Connections}, nil
}

func (s *Server) listFlights(c *gin.Context) {
	var p clinic.Problems
	f := clinic.FlightFilter{From: dateField(&p, "from", c.Query("from")), To: dateField(&p, "to", c.Query("to"))}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	flights, err := s.svc.Flights(c.Request.Context(), actor(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	out := flightsResponse{Items: []flightOut{}}
	for _, fl := range flights {
		out.Items = append(out.Items, toFlightOut(fl))
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) getFlight(c *gin.Context) {
	f, err := s.svc.Flight(c.Request.Context(), actor(c), c.Param("flight"))
	if err != nil {
		fail(c, err)
		return
	}
	etag(c, f.Version)
	c.JSON(http.StatusOK, toFlightOut(f))
}

func (s *Server) createFlight(c *gin.Context) {
	var req flightInput
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	n, err := req.domain()
	if err != nil {
		fail(c, err)
		return
	}
	f, err := s.svc.CreateFlight(c.Request.Context(), actor(c), n)
	if err != nil {
		fail(c, err)
		return
	}
	etag(c, f.Version)
	c.JSON(http.StatusCreated, toFlightOut(f))
}

func (s *Server) updateFlight(c *gin.Context) {
	var req flightInput
	v, ifMatch, ok := bindVersioned(c, &req, &req.Version)
	if !ok {
		return
	}
	n, err := req.domain()
	if err != nil {
		fail(c, err)
		return
	}
	f, err := s.svc.UpdateFlight(c.Request.Context(), actor(c), c.Param("flight"), v, n)
	if err != nil {
		fail(c, stale(err, ifMatch))
		return
	}
	etag(c, f.Version)
	c.JSON(http.StatusOK, toFlightOut(f))
}

func (s *Server) rebook(c *gin.Context) {
	var req rebookRequest
	v, ifMatch, ok := bindVersioned(c, &req, &req.Version)
	if !ok {
		return
	}
	cs, err := s.svc.Rebook(c.Request.Context(), actor(c), clinic.Rebooking{CaseID: c.Param("id"), ApplicantID: req.ApplicantID,
		FlightID: req.FlightID, CaseVersion: v})
	if err != nil {
		fail(c, stale(err, ifMatch))
		return
	}
	etag(c, cs.Version)
	c.JSON(http.StatusOK, toCaseJSON(cs, actor(c)))
}
