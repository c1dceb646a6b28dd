package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type flightResp struct {
	ID             string `json:"id"`
	Number         string `json:"number"`
	Date           string `json:"date"`
	PassengerCount int    `json:"passenger_count"`
	Version        int    `json:"version"`
	Passengers     []struct {
		ApplicantID string `json:"applicant_id"`
		CaseNumber  string `json:"case_number"`
	} `json:"passengers"`
}

// TestFlightsAndRebooking: booking a case by flight number finds or records the flight (the
// number normalised), lists every member as a passenger, and rebooking one person moves only
// them, with an audit row naming both flights.
func TestFlightsAndRebooking(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	reg, cw := st.Login(t, "registrar"), st.Login(t, "caseworker")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-FLT-1", "destination": "US", "program": "refugee",
		"members": []map[string]any{
			{"surnames": "Uwase", "given_names": "Alice", "birth_date": "1990-01-02", "sex": "female", "residence_country": "RW"},
			{"surnames": "Uwase", "given_names": "Bella", "birth_date": "2015-03-04", "sex": "female", "relationship": "child", "residence_country": "RW"}}}, &cs)
	day := time.Now().UTC().AddDate(0, 0, 5).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "rwa 9b", "departure_date": day, "version": cs.Version}, &cs)

	var list struct {
		Items []flightResp `json:"items"`
		Next  *string      `json:"next"`
	}
	cw.Must(200, "GET", "/api/flights?from="+day+"&to="+day, nil, &list)
	if len(list.Items) != 1 || list.Items[0].Number != "RWA9B" || list.Items[0].PassengerCount != 2 || list.Next != nil {
		t.Fatalf("flights after booking a case on 'rwa 9b': %+v", list)
	}
	first := list.Items[0]

	// The same flight written differently is the same flight.
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RWA-9B", "departure_date": day, "version": cs.Version}, &cs)
	cw.Must(200, "GET", "/api/flights", nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("RWA-9B recorded a second flight: %+v", list)
	}

	var other flightResp
	cw.Must(201, "POST", "/api/flights", map[string]any{"number": "kq 101", "date": day, "departure_time": "23:55",
		"departure_airport": "kgl", "destination_airport": "JFK", "connections": []string{"nbo", "AMS"}}, &other)
	if other.Number != "KQ101" {
		t.Fatalf("new flight: %+v", other)
	}
	code, raw := cw.Do("POST", "/api/flights", map[string]any{"number": "kq101", "date": day}, nil)
	if code != 409 {
		t.Fatalf("the same flight twice: %d %s", code, raw)
	}
	code, raw = cw.Do("POST", "/api/flights", map[string]any{"number": "9", "date": day, "departure_airport": "Kigali", "departure_time": "25:00"}, nil)
	for _, field := range []string{`"number"`, `"departure_airport"`, `"departure_time"`} {
		if code != 422 && code != 400 || !strings.Contains(string(raw), field) {
			t.Fatalf("a bad flight: %d %s (want a problem on %s)", code, raw, field)
		}
	}

	child := cs.Members[1].ID
	cw.Must(200, "POST", "/api/cases/"+cs.ID+"/rebook", map[string]any{"applicant_id": child, "flight_id": other.ID, "version": cs.Version}, &cs)
	var f1, f2 flightResp
	cw.Must(200, "GET", "/api/flights/"+first.ID, nil, &f1)
	cw.Must(200, "GET", "/api/flights/"+other.ID, nil, &f2)
	if len(f1.Passengers) != 1 || f1.Passengers[0].ApplicantID != cs.Members[0].ID || len(f2.Passengers) != 1 || f2.Passengers[0].ApplicantID != child {
		t.Fatalf("after rebooking the child: %+v / %+v", f1, f2)
	}
	var n int
	err := st.Store.DB().WithContext(context.Background()).Raw(`SELECT count(*) FROM audit_log
		WHERE action = 'flight.rebook' AND record_id = ? AND detail = ? AND username = 'caseworker'`, child, "from "+first.ID+" to "+other.ID).Scan(&n).Error
	if err != nil || n != 1 {
		t.Fatalf("audit rows for the rebooking: %d, %v", n, err)
	}
	// A stale version is refused and moves nobody.
	code, _ = cw.Do("POST", "/api/cases/"+cs.ID+"/rebook", map[string]any{"flight_id": other.ID, "version": cs.Version - 1}, nil)
	if code != 409 {
		t.Fatalf("a stale rebooking: %d", code)
	}
	// Taking the case off its flights empties both.
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "", "version": cs.Version}, &cs)
	cw.Must(200, "GET", "/api/flights", nil, &list)
	for _, f := range list.Items {
		if f.PassengerCount != 0 {
			t.Fatalf("a flight keeps passengers after the case left: %+v", f)
		}
	}
}

// TestFlightBoard: the caseworker's flight page lists every passenger with fit / not fit /
// pending and the clearance against the flight; the CSV has the same lines.
func TestFlightBoard(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-FB-1")
	cw := st.Login(t, "caseworker")
	var cs caseOut
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseIDOf(t, st, "RW-FB-1"), nil, &cs)
	day := time.Now().UTC().AddDate(0, 0, 3).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "ET 8", "departure_date": day, "version": cs.Version}, &cs)
	var list struct {
		Items []flightResp `json:"items"`
	}
	cw.Must(200, "GET", "/api/flights", nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("flights: %+v", list)
	}
	var board struct {
		Flight     flightResp `json:"flight"`
		Passengers []struct {
			ApplicantID string `json:"applicant_id"`
			Fitness     string `json:"fitness"`
			Status      string `json:"status"`
			AtRisk      bool   `json:"at_risk"`
			Clearance   struct {
				Kind, Label string
				Until       *string
			} `json:"clearance"`
		} `json:"passengers"`
	}
	cw.Must(200, "GET", "/api/flights/"+list.Items[0].ID+"/board", nil, &board)
	if board.Flight.Number != "ET8" || len(board.Passengers) != 1 {
		t.Fatalf("flight board: %+v", board)
	}
	p := board.Passengers[0]
	if p.Fitness != "pending" || p.Status != "pec_due" || p.AtRisk {
		t.Fatalf("a signed person before the check: %+v (chart state %s)", p, ch.State)
	}
	if p.Clearance.Until != nil && (p.Clearance.Kind != "valid" || !strings.HasPrefix(p.Clearance.Label, "expires in ")) {
		t.Fatalf("clearance: %+v", p.Clearance)
	}
	code, raw := cw.Do("GET", "/api/flights/"+list.Items[0].ID+"/board.csv", nil, nil)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if code != 200 || len(lines) != 2 || !strings.HasPrefix(lines[0], "flight,date,case_number,name,fitness") || !strings.Contains(lines[1], "ET8,"+day+",RW-FB-1,") || !strings.Contains(lines[1], ",pending,no,") {
		t.Fatalf("CSV: %d %s", code, raw)
	}
	// Another site's reader, or a role without the board, sees nothing.
	if code, _ := st.Login(t, "nurse").Do("GET", "/api/flights/"+list.Items[0].ID+"/board", nil, nil); code != 403 {
		t.Fatalf("a nurse reads the flight board: %d", code)
	}
}

// TestPastDepartureRefused: a flight that has already left cannot be recorded, moved to a past
// day, or booked; today (in the site's time zone) is still accepted.
func TestPastDepartureRefused(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	reg, cw := st.Login(t, "registrar"), st.Login(t, "caseworker")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-FLT-PAST", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Mukamana", "given_names": "Ines", "birth_date": "1991-01-02", "sex": "female", "residence_country": "RW"}}}, &cs)
	past := time.Now().UTC().AddDate(0, 0, -3).Format(time.DateOnly)
	future := time.Now().UTC().AddDate(0, 0, 4).Format(time.DateOnly)

	code, raw := cw.Do("PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RWA9B", "departure_date": past, "version": cs.Version}, nil)
	if code != 422 || !strings.Contains(string(raw), `"departure_date"`) || !strings.Contains(string(raw), "in_past") {
		t.Fatalf("booking a case on a past flight: %d %s", code, raw)
	}
	code, raw = cw.Do("POST", "/api/flights", map[string]any{"number": "KQ101", "date": past}, nil)
	if code != 422 || !strings.Contains(string(raw), `"date"`) || !strings.Contains(string(raw), "in_past") {
		t.Fatalf("recording a past flight: %d %s", code, raw)
	}
	var f flightResp
	cw.Must(201, "POST", "/api/flights", map[string]any{"number": "KQ101", "date": future}, &f)
	code, raw = cw.Do("PUT", "/api/flights/"+f.ID, map[string]any{"number": "KQ101", "date": past, "version": 1}, nil)
	if code != 422 || !strings.Contains(string(raw), "in_past") {
		t.Fatalf("moving a flight to a past day: %d %s", code, raw)
	}
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "rwa 9b", "departure_date": future, "version": cs.Version}, nil)
}
