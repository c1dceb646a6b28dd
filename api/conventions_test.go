package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// registerOne registers and queues a one-person US refugee case and returns its assessment id.
func registerOne(t *testing.T, st *clinictest.Stack, number string) (caseID, assessmentID string) {
	t.Helper()
	reg := st.Login(t, "registrar")
	var cs caseOut
	body := map[string]any{"case_number": number, "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Mukamana", "given_names": "Claudine", "birth_date": "1992-05-05",
			"sex": "female", "residence_country": "RW"}}}
	// A test registers many people of this name: the registrar goes on with the reason.
	if others := clinictest.Duplicates(t, reg, "Mukamana", "Claudine", "1992-05-05", ""); len(others) > 0 {
		body["duplicates"] = []map[string]any{{"member": 0, "decision": "different_person", "reason": "Another person of the same name (test case " + number + ")"}}
	}
	reg.Must(201, "POST", "/api/cases", body, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	st.PassIdentity(t, cs.Members[0].AssessmentID)
	st.ConsentAll(t, cs.ID) // the person agrees to everything (consent_test.go refuses without)
	return cs.ID, cs.Members[0].AssessmentID
}

// photograph takes the photo of every member of a case, as the registrar does (the US forms are
// not issued without it).
func photograph(t *testing.T, st *clinictest.Stack, caseID string) {
	t.Helper()
	var cs caseOut
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	for _, m := range cs.Members {
		st.TakePhoto(t, m.ID)
	}
}

// TestBadInput checks that every kind of bad input gets a clear 4xx problem, never a 500, and
// that nothing already saved is lost.
func TestBadInput(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := registerOne(t, st, "RW-BAD-1")
	nurse := st.Login(t, "nurse")
	reg := st.Login(t, "registrar")
	vitals := "/api/assessments/" + id + "/vitals"
	nurse.Must(200, "PUT", vitals, map[string]any{"version": 1, "height_cm": 160, "weight_kg": 55}, nil)

	cases := []struct {
		name      string
		c         *clinictest.Client
		method    string
		path      string
		body      any
		status    int
		code      string
		field     string
		inMessage string
	}{
		{"malformed JSON", nurse, "PUT", vitals, []byte(`{"version": 2, "height_cm": 16`), 400, "bad_json", "", "ends too early"},
		{"not JSON", nurse, "PUT", vitals, []byte(`height=160`), 400, "bad_json", "", "not valid JSON"},
		{"empty body", nurse, "PUT", vitals, []byte(``), 400, "bad_json", "", "needs a JSON body"},
		{"wrong type", nurse, "PUT", vitals, []byte(`{"version": 2, "height_cm": "tall"}`), 400, "bad_json", "height_cm", "must be a number"},
		{"unknown field", nurse, "PUT", vitals, []byte(`{"version": 2, "heigth_cm": 160}`), 400, "bad_json", "heigth_cm", "Unknown field"},
		{"two values", nurse, "PUT", vitals, []byte(`{"version": 2} {}`), 400, "bad_json", "", "more than one"},
		{"missing version", nurse, "PUT", vitals, map[string]any{"height_cm": 160, "weight_kg": 50}, 422, "validation", "version", "version"},
		{"out of range", nurse, "PUT", vitals, map[string]any{"version": 2, "height_cm": 160, "weight_kg": 500}, 422, "validation", "weight_kg", "0.5 to 350"},
		{"unknown assessment", nurse, "GET", "/api/assessments/00000000-0000-4000-8000-000000000000", nil, 404, "not_found", "", "not found"},
		{"id that is not a uuid", nurse, "GET", "/api/assessments/nonsense", nil, 404, "not_found", "", "not found"},
		{"unknown route", nurse, "GET", "/api/nothing-here", nil, 404, "not_found", "", "route"},
		{"wrong method", nurse, "DELETE", "/api/worklist", nil, 405, "method_not_allowed", "", "not allowed"},
		{"unknown station", nurse, "GET", "/api/worklist?station=kitchen", nil, 422, "validation", "station", "Choose a station"},
		{"bad result value", st.Login(t, "lab"), "POST", "/api/assessments/" + id + "/results", map[string]any{"version": 2, "step": "syphilis", "value": "maybe"}, 422, "validation", "value", "reactive"},
		{"unknown result step", st.Login(t, "lab"), "POST", "/api/assessments/" + id + "/results", map[string]any{"version": 2, "step": "blood_type", "value": "A"}, 422, "validation", "step", "not a test"},
		{"case without members", reg, "POST", "/api/cases", map[string]any{"case_number": "X-1", "destination": "US", "program": "refugee"}, 422, "validation", "members", "at least one"},
		{"bad date", reg, "POST", "/api/cases", map[string]any{"case_number": "X-2", "destination": "US", "program": "refugee",
			"members": []map[string]any{{"surnames": "A", "birth_date": "02/04/1990", "sex": "male", "residence_country": "RW"}}}, 422, "validation", "members[0].birth_date", "YYYY-MM-DD"},
		{"unknown destination", reg, "POST", "/api/cases", map[string]any{"case_number": "X-3", "destination": "FR", "program": "refugee",
			"members": []map[string]any{{"surnames": "A", "birth_date": "1990-01-01", "sex": "male", "residence_country": "RW"}}}, 422, "validation", "destination", "US, CA, AU or NZ"},
		{"duplicate case number", reg, "POST", "/api/cases", map[string]any{"case_number": "RW-BAD-1", "destination": "US", "program": "refugee",
			"members": []map[string]any{{"surnames": "A", "birth_date": "1990-01-01", "sex": "male", "residence_country": "RW"}}}, 409, "duplicate", "case_number", "same key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, raw := tc.c.Do(tc.method, tc.path, tc.body, nil)
			p := clinictest.ProblemOf(t, raw)
			if code != tc.status || p.Code != tc.code || !strings.Contains(string(raw), tc.inMessage) {
				t.Fatalf("got %d %s, want %d %s containing %q", code, raw, tc.status, tc.code, tc.inMessage)
			}
			if tc.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tc.field) {
				t.Fatalf("field errors %+v, want one on %q", p.Errors, tc.field)
			}
		})
	}
	// Nothing saved before was lost by the bad requests.
	var ch chartOut
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.Version != 2 {
		t.Fatalf("version %d after rejected writes, want 2", ch.Version)
	}
}

// TestConcurrentEdits checks that a stale write changes nothing: 409 with the body's version,
// 412 with If-Match.
func TestConcurrentEdits(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := registerOne(t, st, "RW-CONC-1")
	a, b := st.Login(t, "nurse"), st.Login(t, "physician")
	vitals := "/api/assessments/" + id + "/vitals"
	a.Must(200, "PUT", vitals, map[string]any{"version": 1, "height_cm": 160, "weight_kg": 55}, nil)
	code, raw := b.Do("PUT", vitals, map[string]any{"version": 1, "height_cm": 150, "weight_kg": 45}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 409 || p.Code != "conflict" || p.CurrentVersion != 2 {
		t.Fatalf("stale body version: %d %s", code, raw)
	}
	b.Header.Set("If-Match", `"1"`)
	code, raw = b.Do("PUT", vitals, map[string]any{"height_cm": 150, "weight_kg": 45}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 412 || p.Code != "precondition_failed" {
		t.Fatalf("stale If-Match: %d %s", code, raw)
	}
	var ch struct {
		Vitals struct {
			HeightCm float64 `json:"height_cm"`
		} `json:"vitals"`
	}
	a.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.Vitals.HeightCm != 160 {
		t.Fatalf("a stale write overwrote the record: height %v", ch.Vitals.HeightCm)
	}
	b.Header.Set("If-Match", `"2"`)
	b.Must(200, "PUT", vitals, map[string]any{"height_cm": 150, "weight_kg": 45}, nil)
}

// TestAccess checks sessions, CSRF, roles and the login rate limit.
func TestAccess(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := registerOne(t, st, "RW-ACC-1")
	anon := st.NewClient(t)
	if code, raw := anon.Do("GET", "/api/worklist?station=nurse", nil, nil); code != 401 || clinictest.ProblemOf(t, raw).Code != "unauthenticated" {
		t.Fatalf("no session: %d %s", code, raw)
	}
	nurse := st.Login(t, "nurse")
	nurse.DropCSRF()
	if code, raw := nurse.Do("PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": 1, "height_cm": 160, "weight_kg": 55}, nil); code != 403 || clinictest.ProblemOf(t, raw).Code != "csrf_failed" {
		t.Fatalf("write without CSRF token: %d %s", code, raw)
	}
	for _, tc := range []struct{ user, method, path string }{
		{"caseworker", "GET", "/api/assessments/" + id},
		{"panel.us", "GET", "/api/assessments/" + id},
		{"lab", "PUT", "/api/assessments/" + id + "/classification"},
		{"nurse", "POST", "/api/assessments/" + id + "/signoff"},
		{"registrar", "GET", "/api/board"},
		{"physician", "GET", "/api/users"},
	} {
		code, raw := st.Login(t, tc.user).Do(tc.method, tc.path, map[string]any{"version": 1}, nil)
		if code != 403 || clinictest.ProblemOf(t, raw).Code != "forbidden" {
			t.Errorf("%s %s %s: %d %s, want 403 forbidden", tc.user, tc.method, tc.path, code, raw)
		}
	}
	bad := st.NewClient(t)
	for i := 0; i < 5; i++ {
		if code, _ := bad.Do("POST", "/api/session", map[string]string{"username": "nurse", "password": "wrong password"}, nil); code != 401 {
			t.Fatalf("wrong password %d: %d, want 401", i, code)
		}
	}
	if code, raw := bad.Do("POST", "/api/session", map[string]string{"username": "nurse", "password": clinictest.Password}, nil); code != 429 {
		t.Fatalf("sixth attempt with the right password: %d %s, want 429", code, raw)
	}
}

// TestReadsAreAudited checks that reading a chart writes an audit row with the request id.
func TestReadsAreAudited(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := registerOne(t, st, "RW-AUD-1")
	doc := st.Login(t, "physician")
	doc.Header.Set("X-Request-ID", "audit-probe-1")
	doc.Must(200, "GET", "/api/assessments/"+id, nil, nil)
	var n int
	err := st.Store.DB().WithContext(context.Background()).Raw(`SELECT count(*) FROM audit_log
		WHERE action = 'assessment.read' AND record_id = ? AND username = 'physician' AND request_id = 'audit-probe-1' AND role = 'physician'`, id).Scan(&n).Error
	if err != nil || n != 1 {
		t.Fatalf("audit rows for the read: %d, %v", n, err)
	}
}

// TestOpenAPIMatchesRoutes checks that the published description lists exactly the routes served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	st.NewClient(t).Must(200, "GET", "/api/openapi.json", nil, &doc)
	described := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			described[strings.ToUpper(m)+" "+p] = true
		}
	}
	served := map[string]bool{}
	for _, r := range st.Routes() {
		served[r] = true
		if !described[r] {
			t.Errorf("served but not described: %s", r)
		}
	}
	for r := range described {
		if !served[r] {
			t.Errorf("described but not served: %s", r)
		}
	}
	if len(served) < 30 {
		t.Fatalf("only %d routes served", len(served))
	}
}

// TestProtocolsAPI checks the rule-set list and one set, readable, for the UI.
func TestProtocolsAPI(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	c := st.Login(t, "nurse")
	var page struct {
		Items []struct{ Country, Version string }
	}
	c.Must(200, "GET", "/api/protocols", nil, &page)
	sets := page.Items
	found := map[string]bool{}
	for _, s := range sets {
		found[s.Country] = true
	}
	for _, country := range []string{"US", "CA", "AU", "NZ"} {
		if !found[country] {
			t.Errorf("no %s rule set in %+v", country, sets)
		}
	}
	raw := c.Must(200, "GET", "/api/protocols/"+sets[0].Country+"/"+sets[0].Version, nil, nil)
	if !strings.Contains(string(raw), `"sources"`) {
		t.Errorf("a rule set without its sources: %.300s", raw)
	}
	if code, raw := c.Do("GET", "/api/protocols/US/1999-01-01", nil, nil); code != 404 {
		t.Errorf("unknown version: %d %s", code, raw)
	}
}

// TestCorrectApplicant checks that the registrar can correct a person until sign-off, with
// versions, and that the plan follows the corrected birth date.
func TestCorrectApplicant(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	caseID, id := registerOne(t, st, "RW-FIX-1")
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	person := map[string]any{"surnames": "Mukamana", "given_names": "Claudine", "birth_date": "2016-05-05",
		"sex": "female", "residence_country": "RW", "version": 1}
	reg.Must(200, "PUT", "/api/applicants/"+cs.Members[0].ID, person, &cs)
	if cs.Members[0].AgeYears > 11 {
		t.Fatalf("the corrected birth date did not take: %+v", cs.Members[0])
	}
	if code, raw := reg.Do("PUT", "/api/applicants/"+cs.Members[0].ID, person, nil); code != 409 || clinictest.ProblemOf(t, raw).CurrentVersion != 2 {
		t.Fatalf("stale correction: %d %s", code, raw)
	}
	person["version"], person["birth_date"] = 2, "31-12-2016"
	if code, raw := reg.Do("PUT", "/api/applicants/"+cs.Members[0].ID, person, nil); code != 422 || clinictest.ProblemOf(t, raw).Errors[0].Field != "birth_date" {
		t.Fatalf("bad date: %d %s", code, raw)
	}
	var ch chartOut
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.requires("cxr") || !ch.requires("igra") {
		t.Fatalf("the plan of a ten-year-old from Rwanda: %+v", ch.Plan.Required)
	}
}

// TestVaccineList checks the CVX list the dose form chooses from.
func TestVaccineList(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	var page struct {
		Items []struct {
			CVX, Name   string
			Unspecified bool
		}
	}
	st.Login(t, "nurse").Must(200, "GET", "/api/vaccines", nil, &page)
	vs := page.Items
	byCVX := map[string]string{}
	for _, v := range vs {
		byCVX[v.CVX] = v.Name
	}
	if len(vs) < 100 || !strings.Contains(byCVX["08"], "Hep B") || byCVX["03"] == "" {
		t.Fatalf("%d vaccines; 08 = %q, 03 = %q", len(vs), byCVX["08"], byCVX["03"])
	}
	if code, _ := st.Login(t, "caseworker").Do("GET", "/api/vaccines", nil, nil); code != 403 {
		t.Fatalf("a caseworker listing vaccines: %d", code)
	}
}

// TestSessionCookie checks the session cookie's flags and that logging out ends the session.
func TestSessionCookie(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	resp, err := http.Post(st.URL+"/api/session", "application/json",
		strings.NewReader(`{"username": "nurse", "password": "`+clinictest.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"mhac_session=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("Set-Cookie %q lacks %s", cookie, want)
		}
	}
	// Logging out ends the session on the server: the old cookie no longer opens anything.
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "mhac_session" {
			session = c
		}
	}
	var me struct {
		CSRFToken string `json:"csrf_token"`
	}
	withCookie := func(method string, csrf string) int {
		req, _ := http.NewRequest(method, st.URL+"/api/session", nil)
		req.AddCookie(session)
		req.Header.Set("X-CSRF-Token", csrf)
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		if method == "GET" && r.StatusCode == 200 {
			_ = json.NewDecoder(r.Body).Decode(&me)
		}
		return r.StatusCode
	}
	if code := withCookie("GET", ""); code != 200 {
		t.Fatalf("the session cookie does not open the session: %d", code)
	}
	if code := withCookie("DELETE", me.CSRFToken); code != 204 {
		t.Fatalf("logout: %d", code)
	}
	if code := withCookie("GET", ""); code != 401 {
		t.Fatalf("the old cookie still works after logout: %d", code)
	}
}

// TestIdempotencyKey checks that a POST repeated with the same key creates one record and gets
// the first answer, and that the same key on another path is another request.
func TestIdempotencyKey(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	reg := st.Login(t, "registrar")
	reg.Header.Set("Idempotency-Key", "registration-form-42")
	body := map[string]any{"case_number": "RW-IDEM-1", "destination": "CA", "program": "immigrant",
		"members": []map[string]any{{"surnames": "Uwase", "birth_date": "1990-03-03", "sex": "female", "residence_country": "RW"}}}
	var first, again caseOut
	reg.Must(201, "POST", "/api/cases", body, &first)
	reg.Must(201, "POST", "/api/cases", body, &again)
	if first.ID == "" || again.ID != first.ID {
		t.Fatalf("a repeated registration made %q then %q", first.ID, again.ID)
	}
	var queued caseOut
	reg.Must(200, "POST", "/api/cases/"+first.ID+"/queue", nil, &queued)
	id := queued.Members[0].AssessmentID
	reg.Header.Del("Idempotency-Key")
	st.PassIdentity(t, id)

	lab := st.Login(t, "lab")
	lab.Header.Set("Idempotency-Key", "igra-click")
	var a, b chartOut
	nurse := st.Login(t, "nurse")
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": 1, "height_cm": 160, "weight_kg": 55}, &a)
	st.ConsentAll(t, first.ID)
	st.CounselHIV(t, id) // an HIV result needs consent and pre-test counselling
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &a)
	lab.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": a.Version, "step": "hiv", "value": "negative"}, &a)
	lab.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": a.Version - 1, "step": "hiv", "value": "negative"}, &b)
	if b.Version != a.Version {
		t.Fatalf("the repeated result was saved again: version %d then %d", a.Version, b.Version)
	}
	var results struct {
		Results []struct{ Step string } `json:"results"`
	}
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &results)
	if len(results.Results) != 1 {
		t.Fatalf("%d results stored, want 1", len(results.Results))
	}
}

// TestQueueDashboardIsForAdmins checks that asynqmon answers admins only.
func TestQueueDashboardIsForAdmins(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	if code, raw := st.Login(t, "admin").Do("GET", "/admin/queues/api/queues", nil, nil); code != 200 {
		t.Fatalf("admin: %d %.200s", code, raw)
	}
	for _, user := range []string{"nurse", "panel.us"} {
		if code, _ := st.Login(t, user).Do("GET", "/admin/queues/api/queues", nil, nil); code != 403 {
			t.Errorf("%s: %d, want 403", user, code)
		}
	}
	if code, _ := st.NewClient(t).Do("GET", "/admin/queues/", nil, nil); code != 401 {
		t.Errorf("no session: %d, want 401", code)
	}
}
