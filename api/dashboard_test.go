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
	if len(d.NotRecorded) != 0 {
		t.Fatalf("not recorded: %v", d.NotRecorded)
	}
	st.Login(t, "nurse").Must(403, "GET", "/api/dashboard", nil, nil)
}

type dashAlert struct {
	Kind         string     `json:"kind"`
	AssessmentID string     `json:"assessment_id"`
	CaseNumber   string     `json:"case_number"`
	Name         string     `json:"name"`
	What         string     `json:"what"`
	Due          *time.Time `json:"due"`
}

type dashAlerts struct {
	Critical []dashAlert `json:"critical"`
	Overdue  []dashAlert `json:"overdue"`
}

func (d dashAlerts) find(list []dashAlert, kind, assessmentID string) *dashAlert {
	for i := range list {
		if list[i].Kind == kind && list[i].AssessmentID == assessmentID {
			return &list[i]
		}
	}
	return nil
}

// TestDashboardCriticalAndOverdue: a positive smear is critical until the physician acknowledges
// it; an identity mismatch is critical until resolved; the cultures are overdue once the
// catalog's turnaround has passed without their results, and no longer once they are in.
func TestDashboardCriticalAndOverdue(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 5, 30, 0, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	_, id := labCase(t, st, "RW-DASH-2", "Uwase")
	read := func() dashAlerts {
		var d dashAlerts
		st.Login(t, "physician").Must(200, "GET", "/api/dashboard", nil, &d)
		return d
	}
	if d := read(); len(d.Critical) != 0 || len(d.Overdue) != 0 {
		t.Fatalf("alerts before anything happened: %+v", d)
	}
	// Three sputum specimens on consecutive days, all received at the lab.
	var sputum []specimenOut
	for i := 0; i < 3; i++ {
		if i > 0 {
			clock.Add(24 * time.Hour)
		}
		sputum = append(sputum, collect(t, st.Login(t, "nurse"), id, map[string]any{"observed": true, "early_morning": true}, "sputum_smears", "sputum_cultures")...)
	}
	lab := st.Login(t, "lab")
	for _, sp := range sputum {
		lab.Must(200, "POST", "/api/specimens/"+sp.Accession+"/receive", nil, nil)
	}
	var smear struct {
		ID string `json:"id"`
	}
	lab.Must(201, "POST", "/api/specimens/"+sputum[0].Accession+"/results", map[string]any{"test": "afb_smear", "values": map[string]string{"smear": "positive"}}, &smear)

	d := read()
	if a := d.find(d.Critical, "critical_result", id); a == nil || a.CaseNumber != "RW-DASH-2" || a.What != "afb_smear" || a.Name != "UWASE, Jean Paul" {
		t.Fatalf("the positive smear is not critical on the dashboard: %+v", d.Critical)
	}
	st.Login(t, "physician").Must(200, "POST", "/api/lab-results/"+smear.ID+"/acknowledge", nil, nil)
	if d := read(); d.find(d.Critical, "critical_result", id) != nil {
		t.Fatalf("still critical after acknowledgement: %+v", d.Critical)
	}

	st.Login(t, "nurse").Must(200, "POST", "/api/assessments/"+id+"/identity-checks", map[string]any{"station": "exam", "outcome": "mismatch", "reason": "the face differs from the photo"}, nil)
	if d := read(); d.find(d.Critical, "identity_mismatch", id) == nil {
		t.Fatalf("the identity mismatch is not critical: %+v", d.Critical)
	}
	var holds listOut[struct {
		Check struct {
			ID string `json:"id"`
		} `json:"check"`
		AssessmentID string `json:"assessment_id"`
	}]
	reg := st.Login(t, "registrar")
	reg.Must(200, "GET", "/api/identity/holds", nil, &holds)
	for _, h := range holds.Items {
		if h.AssessmentID == id {
			reg.Must(200, "POST", "/api/assessments/"+id+"/identity-checks/"+h.Check.ID+"/resolve", map[string]any{"resolution": "the same person; the photo was old"}, nil)
		}
	}
	if d := read(); d.find(d.Critical, "identity_mismatch", id) != nil {
		t.Fatalf("still critical after the mismatch was resolved: %+v", d.Critical)
	}

	clock.Add(55 * 24 * time.Hour)
	if d := read(); d.find(d.Overdue, "culture_overdue", id) != nil {
		t.Fatalf("overdue before the turnaround: %+v", d.Overdue)
	}
	clock.Add(2 * 24 * time.Hour)
	d = read()
	a := d.find(d.Overdue, "culture_overdue", id)
	if a == nil || a.Due == nil || !a.Due.Before(clock.Now()) {
		t.Fatalf("the cultures are not overdue after the turnaround: %+v", d.Overdue)
	}
	lab = st.Login(t, "lab")
	for _, sp := range sputum {
		lab.Must(201, "POST", "/api/specimens/"+sp.Accession+"/results", map[string]any{"test": "mtb_culture", "values": map[string]string{"culture": "negative"}}, nil)
	}
	if d := read(); d.find(d.Overdue, "culture_overdue", id) != nil {
		t.Fatalf("still overdue after the result: %+v", d.Overdue)
	}
}

// TestDashboardPECWindow: a signed person with no check yet is listed once the protocol's window
// before the flight is open, not when the flight is further off.
func TestDashboardPECWindow(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signOff(t, st, "RW-DASH-3")
	var full struct {
		Case struct {
			ID string `json:"id"`
		} `json:"case"`
	}
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+ch.ID, nil, &full)
	cw := st.Login(t, "caseworker")
	book := func(days int) {
		var cs caseOut
		cw.Must(200, "GET", "/api/cases/"+full.Case.ID, nil, &cs)
		day := time.Now().UTC().AddDate(0, 0, days).Format(time.DateOnly)
		cw.Must(200, "PUT", "/api/cases/"+full.Case.ID+"/flight", map[string]any{"flight_number": "KQ303", "departure_date": day, "version": cs.Version}, nil)
	}
	read := func() dashAlerts {
		var d dashAlerts
		st.Login(t, "physician").Must(200, "GET", "/api/dashboard", nil, &d)
		return d
	}
	book(6)
	if d := read(); d.find(d.Overdue, "pec_window", ch.ID) != nil {
		t.Fatalf("a check window open six days before the flight: %+v", d.Overdue)
	}
	book(1)
	d := read()
	if a := d.find(d.Overdue, "pec_window", ch.ID); a == nil || a.CaseNumber != "RW-DASH-3" || a.Due == nil || !a.Due.After(time.Now()) {
		t.Fatalf("the open check window is not listed: %+v", d.Overdue)
	}
}
