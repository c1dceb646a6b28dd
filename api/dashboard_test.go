package api_test

import (
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestDashboard: one person queued waits at the nurse station; a flight in three days carries
// them, not yet fit; a nurse may not open the dashboard.
func TestDashboard(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	caseID, _ := registerOne(t, st, "RW-DASH-1")
	cw := st.Login(t, "caseworker")
	var cs caseOut
	cw.Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	day := time.Now().UTC().AddDate(0, 0, 3).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "KQ101", "departure_date": day, "version": cs.Version}, nil)
	var d struct {
		Queues []struct {
			Station    string   `json:"station"`
			Waiting    int      `json:"waiting"`
			LongestMin *float64 `json:"longest_minutes"`
		} `json:"queues"`
		Flights []struct {
			Number     string `json:"number"`
			Passengers int    `json:"passengers"`
			NotYetFit  []struct {
				CaseNumber string `json:"case_number"`
				State      string `json:"state"`
			} `json:"not_yet_fit"`
		} `json:"flights"`
		NotRecorded []string `json:"not_recorded"`
	}
	st.Login(t, "physician").Must(200, "GET", "/api/dashboard", nil, &d)
	waiting := map[string]int{}
	for _, q := range d.Queues {
		waiting[q.Station] = q.Waiting
		if q.Waiting > 0 && (q.LongestMin == nil || *q.LongestMin < 0) {
			t.Errorf("%s: a wait without its time: %+v", q.Station, q)
		}
	}
	if len(d.Queues) != 5 || waiting["nurse"] != 1 || waiting["physician"] != 0 || waiting["pec"] != 0 {
		t.Fatalf("queues: %+v", d.Queues)
	}
	if len(d.Flights) != 1 || d.Flights[0].Number != "KQ101" || d.Flights[0].Passengers != 1 ||
		len(d.Flights[0].NotYetFit) != 1 || d.Flights[0].NotYetFit[0].CaseNumber != "RW-DASH-1" {
		t.Fatalf("flights: %+v", d.Flights)
	}
	if len(d.NotRecorded) != 2 {
		t.Fatalf("not recorded: %v", d.NotRecorded)
	}
	st.Login(t, "nurse").Must(403, "GET", "/api/dashboard", nil, nil)
}
