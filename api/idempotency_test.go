package api_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestIdempotencyRace sends two registrations with one Idempotency-Key at the same moment: the
// key is claimed in the registration's own transaction, so one case is made and both requests
// get its answer. The race is forced, not hoped for: the test holds a lock on the cases table
// until both requests wait inside the database (the first at the table, the second at the key).
func TestIdempotencyRace(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	a, b := st.Login(t, "registrar"), st.Login(t, "registrar")
	for _, c := range []*clinictest.Client{a, b} {
		c.Header.Set("Idempotency-Key", "race-1")
	}
	body := map[string]any{"case_number": "RW-RACE-1", "destination": "CA", "program": "immigrant",
		"members": []map[string]any{{"surnames": "Uwase", "birth_date": "1990-03-03", "sex": "female", "residence_country": "RW"}}}

	db := st.Store.DB()
	lock := db.Begin()
	if err := lock.Exec("LOCK TABLE cases IN SHARE MODE").Error; err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	codes, answers := make([]int, 2), make([]string, 2)
	for i, c := range []*clinictest.Client{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, raw := c.Do("POST", "/api/cases", body, nil)
			codes[i], answers[i] = code, string(raw)
		}()
	}
	waiting := 0
	for deadline := time.Now().Add(30 * time.Second); waiting < 2 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err := db.Raw(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO%'`).Scan(&waiting).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := lock.Commit().Error; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if waiting < 2 {
		t.Fatalf("the two requests never waited in the database together (%d waiting)", waiting)
	}
	if codes[0] != 201 || codes[1] != 201 || answers[0] != answers[1] {
		t.Fatalf("two answers:\n%d %s\n%d %s", codes[0], answers[0], codes[1], answers[1])
	}
	var n int
	if err := db.Raw("SELECT count(*) FROM cases WHERE case_number = 'RW-RACE-1'").Scan(&n).Error; err != nil || n != 1 {
		t.Fatalf("%d cases made, %v", n, err)
	}

	// The same key for another request: 422, and never the first answer.
	other := map[string]any{"case_number": "RW-RACE-2", "destination": "CA", "program": "immigrant",
		"members": []map[string]any{{"surnames": "Uwase", "birth_date": "1990-03-03", "sex": "female", "residence_country": "RW"}}}
	code, raw := a.Do("POST", "/api/cases", other, nil)
	p := clinictest.ProblemOf(t, raw)
	if code != 422 || p.Code != "idempotency_key_reused" || len(p.Errors) == 0 || p.Errors[0].Field != "Idempotency-Key" ||
		strings.Contains(string(raw), "RW-RACE-1") {
		t.Fatalf("a reused key: %d %s", code, raw)
	}

	// A refused change keeps no key: the corrected request may use it.
	a.Header.Set("Idempotency-Key", "race-2")
	// (Another person each time: the same person again would be a possible duplicate.)
	bad := map[string]any{"case_number": "RW-RACE-3", "destination": "FR", "program": "immigrant",
		"members": []map[string]any{{"surnames": "Kamanzi", "birth_date": "1975-08-08", "sex": "male", "residence_country": "RW"}}}
	if code, raw := a.Do("POST", "/api/cases", bad, nil); code != 422 {
		t.Fatalf("a bad registration: %d %s", code, raw)
	}
	bad["destination"] = "CA"
	var first, again caseOut
	a.Must(201, "POST", "/api/cases", bad, &first)
	a.Must(201, "POST", "/api/cases", bad, &again)
	if first.ID == "" || again.ID != first.ID {
		t.Fatalf("after a refusal, the key made %q then %q", first.ID, again.ID)
	}

	// Keys are per user: another registrar's "race-2" is a request of its own.
	if _, err := st.Svc.CreateUser(context.Background(), clinic.Actor{}, clinic.NewUser{Username: "registrar2",
		Name: "Second registrar", Role: clinic.RoleRegistrar, SiteCode: "KGL", Password: clinictest.Password}); err != nil {
		t.Fatal(err)
	}
	r2 := st.Login(t, "registrar2")
	r2.Header.Set("Idempotency-Key", "race-2")
	var theirs caseOut
	other["case_number"] = "RW-RACE-4"
	other["members"] = []map[string]any{{"surnames": "Mugabo", "birth_date": "1961-02-02", "sex": "male", "residence_country": "RW"}}
	r2.Must(201, "POST", "/api/cases", other, &theirs)
	if theirs.ID == "" || theirs.ID == first.ID {
		t.Fatalf("another user's key replayed %q", theirs.ID)
	}
}
