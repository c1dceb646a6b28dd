package api_test

import (
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// A flight number is stored in one spelling and a past departure date is refused, with the field.
func TestFlightInput(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	caseID, _ := registerOne(t, st, "RW-FLIGHT-1")
	cw := st.Login(t, "caseworker")
	var cs struct {
		Version int `json:"version"`
		Flight  *struct {
			Number string `json:"number"`
		} `json:"flight"`
	}
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	past := time.Now().UTC().AddDate(0, 0, -3).Format(time.DateOnly)
	code, raw := cw.Do("PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "RWA9B", "departure_date": past, "version": cs.Version}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "departure_date" {
		t.Fatalf("a past departure: %d %s", code, raw)
	}
	code, raw = cw.Do("PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "next tuesday", "departure_date": time.Now().UTC().AddDate(0, 0, 5).Format(time.DateOnly), "version": cs.Version}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 422 || p.Errors[0].Field != "flight_number" {
		t.Fatalf("a flight number that is none: %d %s", code, raw)
	}
	soon := time.Now().UTC().AddDate(0, 0, 5).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "rwa 9b", "departure_date": soon, "version": cs.Version}, &cs)
	if cs.Flight == nil || cs.Flight.Number != "RWA9B" {
		t.Fatalf("flight stored as %+v, want RWA9B", cs.Flight)
	}
}
