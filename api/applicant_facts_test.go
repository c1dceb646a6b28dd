package api_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// personFactsOut is the part of a person the 2026-12 rule sets read, as the API shows it.
type personFactsOut struct {
	ID              string   `json:"id"`
	Version         int      `json:"version"`
	AssessmentID    string   `json:"assessment_id"`
	Nationality     string   `json:"nationality"`
	Citizenships    []string `json:"citizenships"`
	Stays           []map[string]string
	Occupation      string `json:"occupation"`
	IMEType         string `json:"ime_type"`
	PreviousCXRDate string `json:"previous_cxr_date"`
}

type factsCaseOut struct {
	ID      string           `json:"id"`
	Members []personFactsOut `json:"members"`
}

// factsNames are unrelated names, one per registration, so that none is a possible duplicate.
var factsNames = map[string][2]string{"NZ-FACTS-1": {"Mukamana", "Odile"}, "AU-FACTS-1": {"Niyigena", "Bosco"},
	"AU-FACTS-2": {"Tuyishime", "Grace"}, "CA-FACTS-1": {"Hakizimana", "Didier"}, "CA-FACTS-2": {"Ishimwe", "Aline"}}

func registerWithFacts(t *testing.T, st *clinictest.Stack, number, dest, program string, facts map[string]any) personFactsOut {
	t.Helper()
	reg := st.Login(t, "registrar")
	name := factsNames[number]
	m := map[string]any{"surnames": name[0], "given_names": name[1], "birth_date": "1990-05-06", "sex": "female",
		"nationality": "RW", "residence_country": "RW"}
	for k, v := range facts {
		m[k] = v
	}
	var cs factsCaseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": dest, "program": program,
		"members": []map[string]any{m}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	return cs.Members[0]
}

// TestPersonFactsFeedTheRules: the citizenships, stays, occupation, IME type and last chest X-ray
// certificate recorded at registration are kept, shown, corrected with the person's version, and
// read by the rules (NZ new CXR after six months in a high-TB country; AU hepatitis C for a
// health-care worker; CA streamlined IME without the HIV test).
func TestPersonFactsFeedTheRules(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 6})
	reg, nurse := st.Login(t, "registrar"), st.Login(t, "nurse")
	chart := func(id string) chartOut {
		var ch chartOut
		nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
		return ch
	}

	// NZ temporary: a certificate from 2025-06-01 serves (less than 36 months), no new CXR...
	nz := registerWithFacts(t, st, "NZ-FACTS-1", "NZ", "temporary", map[string]any{
		"previous_cxr_date": "2025-06-01", "citizenships": []string{"rw", "BE"}})
	if nz.PreviousCXRDate != "2025-06-01" || !slices.Equal(nz.Citizenships, []string{"BE"}) || len(nz.Stays) != 0 {
		t.Fatalf("registered facts %+v", nz)
	}
	if ch := chart(nz.AssessmentID); ch.requires("cxr") {
		t.Fatalf("NZ temporary with a certificate from 2025-06-01 must not need a new CXR: %+v", ch.Plan.Required)
	}
	// ...until the person is recorded as having spent six months in Kenya since then.
	body := map[string]any{"surnames": "Mukamana", "given_names": "Odile", "birth_date": "1990-05-06", "sex": "female",
		"nationality": "RW", "residence_country": "RW", "previous_cxr_date": "2025-06-01", "citizenships": []string{"BE"},
		"stays": []map[string]any{{"country": "KE", "from": "2025-09-01", "to": "2026-03-15"}}, "version": nz.Version}
	var cs factsCaseOut
	reg.Must(200, "PUT", "/api/applicants/"+nz.ID, body, &cs)
	got := cs.Members[0]
	if len(got.Stays) != 1 || got.Stays[0]["country"] != "KE" || got.Stays[0]["to"] != "2026-03-15" || got.Version != nz.Version+1 {
		t.Fatalf("corrected facts %+v", got)
	}
	ch := chart(nz.AssessmentID)
	rule := ""
	for _, r := range ch.Plan.Required {
		if r.Step == "cxr" {
			rule = r.Rule
		}
	}
	if rule != "nz.tb.cxr_after_high_tb_stay" {
		t.Fatalf("after six months in KE the CXR rule is %q: %+v", rule, ch.Plan.Required)
	}
	// The same version again is stale.
	code, raw := reg.Do("PUT", "/api/applicants/"+nz.ID, body, nil)
	wantProblem(t, "a stale correction", code, raw, 409, "conflict", "")

	// AU: a health-care worker gets hepatitis C; another occupation does not.
	au := registerWithFacts(t, st, "AU-FACTS-1", "AU", "immigrant", map[string]any{"occupation": "health_worker"})
	if au.Occupation != "health_worker" || !chart(au.AssessmentID).requires("hepatitis_c") {
		t.Fatalf("AU health-care worker: %+v %+v", au, chart(au.AssessmentID).Plan.Required)
	}
	au2 := registerWithFacts(t, st, "AU-FACTS-2", "AU", "immigrant", map[string]any{"occupation": "other"})
	if chart(au2.AssessmentID).requires("hepatitis_c") {
		t.Fatal("AU: hepatitis C asked of a person who is not a health-care worker")
	}

	// CA: the streamlined IME asks no HIV test; the full one does.
	ca := registerWithFacts(t, st, "CA-FACTS-1", "CA", "immigrant", map[string]any{"ime_type": "streamlined"})
	if ca.IMEType != "streamlined" || chart(ca.AssessmentID).requires("hiv") || !chart(ca.AssessmentID).requires("cxr") {
		t.Fatalf("CA streamlined: %+v %+v", ca, chart(ca.AssessmentID).Plan.Required)
	}
	if full := registerWithFacts(t, st, "CA-FACTS-2", "CA", "immigrant", nil); !chart(full.AssessmentID).requires("hiv") {
		t.Fatal("CA full IME without the HIV test")
	}

	// Bad input: each a field-level problem.
	bad := []struct {
		facts map[string]any
		field string
	}{
		{map[string]any{"stays": []map[string]any{{"country": "KE", "from": "2025-05-01", "to": "2025-04-01"}}}, "members[0].stays[0].to"},
		{map[string]any{"stays": []map[string]any{{"country": "Kenya", "from": "2025-05-01"}}}, "members[0].stays[0].country"},
		{map[string]any{"stays": []map[string]any{{"country": "KE", "to": "2025-05-01"}}}, "members[0].stays[0].from"},
		{map[string]any{"stays": []map[string]any{{"country": "KE", "from": "01/05/2025"}}}, "members[0].stays[0].from"},
		{map[string]any{"stays": []map[string]any{{"country": "KE", "from": "2099-01-01"}}}, "members[0].stays[0].from"},
		{map[string]any{"occupation": "pilot"}, "members[0].occupation"},
		{map[string]any{"ime_type": "quick"}, "members[0].ime_type"},
		{map[string]any{"citizenships": []string{"RWA"}}, "members[0].citizenships[0]"},
		{map[string]any{"previous_cxr_date": "2099-01-01"}, "members[0].previous_cxr_date"},
	}
	for i, b := range bad {
		m := map[string]any{"surnames": "Ingabire", "given_names": "Claire", "birth_date": "1991-01-01", "sex": "female", "residence_country": "RW"}
		for k, v := range b.facts {
			m[k] = v
		}
		code, raw := reg.Do("POST", "/api/cases", map[string]any{"case_number": "BAD-FACTS-" + string(rune('A'+i)), "destination": "AU",
			"program": "refugee", "members": []map[string]any{m}}, nil)
		wantProblem(t, b.field, code, raw, 422, "validation", b.field)
	}
}

// TestDepartureFromTheFlightsTime: a flight recorded with its departure time gives the checks
// before departure real times from it (in the site's zone), not the start of the day.
func TestDepartureFromTheFlightsTime(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 6})
	caseID, _, id := registerBare(t, st, "US-DEPT-1", "US", "1986-03-04")
	cw, nurse := st.Login(t, "caseworker"), st.Login(t, "nurse")
	day := time.Now().UTC().AddDate(0, 0, 40).Format(time.DateOnly)
	cw.Must(201, "POST", "/api/flights", map[string]any{"number": "ET 812", "date": day, "departure_time": "06:30", "departure_airport": "KGL"}, nil)
	var c struct{ Version int }
	cw.Must(200, "GET", "/api/cases/"+caseID, nil, &c)
	cw.Must(200, "PUT", "/api/cases/"+caseID+"/flight", map[string]any{"flight_number": "ET812", "departure_date": day, "version": c.Version}, nil)
	var ch struct {
		Plan struct {
			Departure []struct {
				Check    string  `json:"check"`
				NotAfter *string `json:"not_after"`
			} `json:"departure"`
		} `json:"plan"`
	}
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	found := false
	for _, d := range ch.Plan.Departure {
		if d.Check == "pre_embarkation_check" {
			found = true
			if d.NotAfter == nil || !strings.HasPrefix(*d.NotAfter, day+"T06:30:00") {
				t.Fatalf("PEC window ends %v, want %sT06:30 in the site's zone", d.NotAfter, day)
			}
		}
	}
	if !found {
		t.Fatalf("no pre-embarkation check for a US refugee with a flight: %+v", ch.Plan.Departure)
	}
}
