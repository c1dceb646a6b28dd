package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type identityOut struct {
	ID       string `json:"id"`
	Version  int    `json:"version"`
	Can      []string
	Identity struct {
		HasPhoto bool `json:"has_photo"`
		Hold     *struct {
			ID, Station, Outcome, Reason, By string
		} `json:"hold"`
		Checks []struct{ Station, Outcome, By string } `json:"checks"`
	} `json:"identity"`
}

// wantIDProblem fails unless the answer is a problem+json with this status and code (and field,
// when field is not empty).
func wantIDProblem(t *testing.T, what string, code int, raw []byte, wantStatus int, wantCode, field string) clinictest.Problem {
	t.Helper()
	if code != wantStatus {
		t.Fatalf("%s: %d %s, want %d", what, code, raw, wantStatus)
	}
	p := clinictest.ProblemOf(t, raw)
	if p.Code != wantCode {
		t.Fatalf("%s: code %q, want %q (%s)", what, p.Code, wantCode, p)
	}
	if field != "" {
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == field
		}
		if !found {
			t.Fatalf("%s: no error on field %s: %s", what, field, p)
		}
	}
	return p
}

// queueFresh registers and queues one person with a photo and no identity check yet.
func queueFresh(t *testing.T, st *clinictest.Stack, number, surname, given string) (applicantID, assessmentID string) {
	t.Helper()
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": surname, "given_names": given, "birth_date": "1991-04-04",
			"sex": "female", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	st.TakePhoto(t, cs.Members[0].ID)
	return cs.Members[0].ID, cs.Members[0].AssessmentID
}

// TestIdentityCheckBeforeEachStep: a station cannot save its step without checking the person
// against the photo and the document; the check counts for the clinic-local day; every refusal is
// a problem with its code; each check is audited with its station and outcome.
func TestIdentityCheckBeforeEachStep(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)} // 09:00 in Kigali
	st := clinictest.New(t, clinictest.Options{RedisDB: 2, Clock: clock})
	_, id := queueFresh(t, st, "RW-ID-1", "Ingabire", "Diane")
	path := "/api/assessments/" + id
	nurse, reg, lab := st.Login(t, "nurse"), st.Login(t, "registrar"), st.Login(t, "lab")
	history := map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}

	code, raw := nurse.Do("PUT", path+"/history", history, nil)
	wantIDProblem(t, "history without a check", code, raw, 409, "identity_check_required", "")

	check := func(c *clinictest.Client, station, outcome, reason string) (int, []byte) {
		return c.Do("POST", path+"/identity-checks", map[string]string{"station": station, "outcome": outcome, "reason": reason}, nil)
	}
	code, raw = check(nurse, "canteen", "match", "")
	wantIDProblem(t, "an unknown station", code, raw, 422, "validation", "station")
	code, raw = check(nurse, "history", "maybe", "")
	wantIDProblem(t, "an unknown outcome", code, raw, 422, "validation", "outcome")
	code, raw = check(nurse, "history", "mismatch", "  ")
	wantIDProblem(t, "a mismatch without a reason", code, raw, 422, "validation", "reason")
	code, raw = check(reg, "history", "match", "")
	wantIDProblem(t, "the registrar checking at a station", code, raw, 403, "forbidden", "")
	code, raw = nurse.Do("POST", "/api/assessments/00000000-0000-4000-8000-000000000000/identity-checks", map[string]string{"station": "history", "outcome": "match"}, nil)
	wantIDProblem(t, "no such assessment", code, raw, 404, "not_found", "")

	var ch identityOut
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "history", "outcome": "match"}, &ch)
	if len(ch.Identity.Checks) != 1 || ch.Identity.Checks[0].Station != "history" || ch.Identity.Hold != nil || !ch.Identity.HasPhoto {
		t.Fatalf("after the check: %+v", ch.Identity)
	}
	nurse.Must(200, "PUT", path+"/history", history, &ch)

	// A check at one station does not count at another.
	code, raw = nurse.Do("PUT", path+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, nil)
	wantIDProblem(t, "vitals with only the history's check", code, raw, 409, "identity_check_required", "")
	code, raw = lab.Do("POST", path+"/results", map[string]any{"version": ch.Version, "step": "syphilis", "value": "nonreactive"}, nil)
	wantIDProblem(t, "a lab result without the specimen check", code, raw, 409, "identity_check_required", "")

	// The next day, yesterday's check no longer counts for a step taken with the person present.
	clock.Add(24 * time.Hour)
	nurse = st.Login(t, "nurse")
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "specimen", "outcome": "match"}, nil)
	history["version"] = ch.Version
	code, raw = nurse.Do("PUT", path+"/history", history, nil)
	wantIDProblem(t, "history with yesterday's check", code, raw, 409, "identity_check_required", "")
	// A specimen result counts on the check made at collection, whatever day the result comes.
	clock.Add(48 * time.Hour)
	lab = st.Login(t, "lab")
	lab.Must(200, "POST", path+"/results", map[string]any{"version": ch.Version, "step": "syphilis", "value": "nonreactive"}, &ch)

	var n int64
	if err := st.Store.DB().WithContext(context.Background()).Raw(`SELECT count(*) FROM audit_log
		WHERE action = 'identity.check' AND record_id = ? AND detail IN ('station=history outcome=match', 'station=specimen outcome=match')
		AND username = 'nurse'`, id).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("audited identity checks: %d, want 2", n)
	}
}

// TestIdentityMismatchHolds: a mismatch holds the assessment (no station saves, no sign-off), the
// physician's worklist and the chart say why, the registrar sees it in the holds; resolving it
// with what was found lets the work go on after a new check.
func TestIdentityMismatchHolds(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 3})
	_, id := queueFresh(t, st, "RW-ID-2", "Mutesi", "Grace")
	path := "/api/assessments/" + id
	nurse, reg, doc := st.Login(t, "nurse"), st.Login(t, "registrar"), st.Login(t, "physician")
	clinictest.PassIdentity(t, nurse, id, clinic.IDHistory)
	var ch identityOut
	nurse.Must(200, "PUT", path+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)

	why := "The person at the scale is not the person in the photo"
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "exam", "outcome": "mismatch", "reason": why}, &ch)
	if ch.Identity.Hold == nil || ch.Identity.Hold.Reason != why || ch.Identity.Hold.Station != "exam" {
		t.Fatalf("chart after the mismatch: %+v", ch.Identity)
	}
	for _, p := range ch.Can {
		if p == "record_vitals" || p == "record_history" {
			t.Fatalf("a held chart still offers %s: %v", p, ch.Can)
		}
	}
	// Even a match recorded later does not lift the hold: only a resolution does.
	nurse.Must(200, "POST", path+"/identity-checks", map[string]string{"station": "exam", "outcome": "match"}, &ch)
	code, raw := nurse.Do("PUT", path+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, nil)
	p := wantIDProblem(t, "vitals while held", code, raw, 409, "identity_hold", "")
	if !strings.Contains(p.Detail, why) {
		t.Fatalf("the hold does not say why: %s", p.Detail)
	}
	code, raw = doc.Do("PUT", path+"/classification", map[string]any{"version": ch.Version, "codes": []string{"no_class"}}, nil)
	wantIDProblem(t, "classification while held", code, raw, 409, "identity_hold", "")

	// The physician and the registrar are told why.
	var wl struct {
		Items []struct {
			AssessmentID string                            `json:"assessment_id"`
			IdentityHold *struct{ Reason, Station string } `json:"identity_hold"`
		} `json:"items"`
	}
	nurse.Must(200, "GET", "/api/worklist?station=nurse", nil, &wl)
	found := false
	for _, it := range wl.Items {
		if it.AssessmentID == id {
			found = it.IdentityHold != nil && it.IdentityHold.Reason == why
		}
	}
	if !found {
		t.Fatalf("the worklist does not show the hold: %+v", wl.Items)
	}
	var holds struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
			CaseNumber   string `json:"case_number"`
			Check        struct{ ID, Reason string }
		} `json:"items"`
	}
	reg.Must(200, "GET", "/api/identity/holds", nil, &holds)
	if len(holds.Items) != 1 || holds.Items[0].AssessmentID != id || holds.Items[0].CaseNumber != "RW-ID-2" || holds.Items[0].Check.Reason != why {
		t.Fatalf("registrar's holds: %+v", holds.Items)
	}
	code, raw = nurse.Do("GET", "/api/identity/holds", nil, nil)
	wantIDProblem(t, "the nurse listing holds", code, raw, 403, "forbidden", "")

	resolve := path + "/identity-checks/" + holds.Items[0].Check.ID + "/resolve"
	code, raw = nurse.Do("POST", resolve, map[string]string{"resolution": "x"}, nil)
	wantIDProblem(t, "the nurse resolving", code, raw, 403, "forbidden", "")
	code, raw = reg.Do("POST", resolve, map[string]string{"resolution": " "}, nil)
	wantIDProblem(t, "a resolution without words", code, raw, 422, "validation", "resolution")
	code, raw = reg.Do("POST", path+"/identity-checks/00000000-0000-4000-8000-000000000000/resolve", map[string]string{"resolution": "x"}, nil)
	wantIDProblem(t, "resolving no such mismatch", code, raw, 404, "not_found", "")
	reg.Must(200, "POST", resolve, map[string]string{"resolution": "A relative had taken her place in the queue; the right person came back"}, nil)
	code, raw = reg.Do("POST", resolve, map[string]string{"resolution": "again"}, nil)
	wantIDProblem(t, "resolving twice", code, raw, 404, "not_found", "")

	nurse.Must(200, "GET", path, nil, &ch)
	if ch.Identity.Hold != nil {
		t.Fatalf("still held after the resolution: %+v", ch.Identity.Hold)
	}
	nurse.Must(200, "PUT", path+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
}

// TestUSFormsNeedThePhoto: without a photo on file the sign-off check lists every US DS form as
// not issued, saying why (the rule us.photo.ds_forms); with the photo they are issued.
func TestUSFormsNeedThePhoto(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 4})
	caseID, id := registerOne(t, st, "RW-PHOTO-US")
	doc := st.Login(t, "physician")
	st.Login(t, "nurse").Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1,
		"answers": []map[string]any{{"code": "fever", "answer": false}}}, nil)
	var ch struct {
		SignoffCheck struct {
			Forms []struct {
				FormType string `json:"form_type"`
				Issue    bool   `json:"issue"`
				Why      string `json:"why"`
			} `json:"forms"`
		} `json:"signoff_check"`
	}
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if len(ch.SignoffCheck.Forms) == 0 {
		t.Fatal("no forms in the sign-off check")
	}
	for _, f := range ch.SignoffCheck.Forms {
		if f.Issue || !strings.Contains(f.Why, "photo") || !strings.Contains(f.Why, "us.photo.ds_forms") {
			t.Errorf("without a photo, %s: issue %v, %q", f.FormType, f.Issue, f.Why)
		}
	}
	photograph(t, st, caseID)
	ch.SignoffCheck.Forms = nil // "why" is left out when empty: decode afresh
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	for _, f := range ch.SignoffCheck.Forms {
		if strings.Contains(f.Why, "photo") {
			t.Errorf("with the photo, %s: %q", f.FormType, f.Why)
		}
	}
}
