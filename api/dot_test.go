package api_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// dotChart is the part of the chart the DOT test reads.
type dotChart struct {
	chartOut
	DOT *struct {
		Regimen     string   `json:"regimen"`
		StartOn     string   `json:"start_on"`
		PlannedEnd  string   `json:"planned_end"`
		ExpectedEnd string   `json:"expected_end"`
		DosesNeeded int      `json:"doses_needed"`
		Observed    int      `json:"observed"`
		Status      string   `json:"status"`
		Missed      []string `json:"missed"`
		Drugs       []struct {
			Drug string  `json:"drug"`
			Dose float64 `json:"dose"`
		} `json:"drugs"`
		Calendar []struct {
			Day        string `json:"day"`
			Status     string `json:"status"`
			ObservedBy string `json:"observed_by"`
			Late       bool   `json:"late"`
		} `json:"calendar"`
		Events    []struct{ Severity string } `json:"adverse_events"`
		Followups []struct{ Due string }      `json:"followups"`
	} `json:"dot"`
	Can []string `json:"can"`
}

type dueOut struct {
	Items []struct {
		AssessmentID string `json:"assessment_id"`
		CaseNumber   string `json:"case_number"`
		Observed     int    `json:"observed"`
	} `json:"items"`
}

// wantDOTProblem checks one refusal: its status, code and the field error.
func wantDOTProblem(t *testing.T, c *clinictest.Client, status int, method, path string, body any, code, field, fieldCode string) {
	t.Helper()
	got, raw := c.Do(method, path, body, nil)
	if got != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, got, status, raw)
	}
	p := clinictest.ProblemOf(t, raw)
	if p.Code != code {
		t.Fatalf("%s %s: code %q, want %q: %s", method, path, p.Code, code, p)
	}
	if field == "" {
		return
	}
	for _, e := range p.Errors {
		if e.Field == field && e.Code == fieldCode {
			return
		}
	}
	t.Fatalf("%s %s: no %s/%s error in %s", method, path, field, fieldCode, p)
}

// TestDOT: a US refugee with a positive smear is Class A TB; the physician starts the 6-month
// regimen (doses for her weight from the data file); the nurse ticks doses; a day left without a
// dose shows as missed (in the chart and in the site's list) and is entered late; every refusal
// answers problem+json; once every dose is observed the course completes and the rules give
// Class B0, which releases the hold. The clinic's clock runs the 168 days.
func TestDOT(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)} // 09:00 in Kigali
	long := 400 * 24 * time.Hour
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock, SessionIdle: long, SessionLifetime: long})
	reg, nurse, doc := st.Login(t, "registrar"), st.Login(t, "nurse"), st.Login(t, "physician")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "DOT-1", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Uwase", "given_names": "Claudine", "birth_date": "1988-05-05",
			"sex": "female", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	id := cs.Members[0].AssessmentID
	st.PassIdentity(t, id, "exam", "xray", "sputum")
	st.ConsentAll(t, cs.ID)
	path := "/api/assessments/" + id
	var ch dotChart
	nurse.Must(200, "PUT", path+"/vitals", map[string]any{"version": 1, "height_cm": 165, "weight_kg": 58}, &ch)

	// Before any TB disease is found, starting needs the physician's reason.
	wantDOTProblem(t, doc, 422, "POST", path+"/dot", map[string]any{"version": ch.Version, "regimen": "2HRZE/4HR", "start_on": "2026-12-03"}, "validation", "reason", "required")
	doc.Must(200, "POST", path+"/results", map[string]any{"version": ch.Version, "step": "cxr", "value": "suggestive_of_tb"}, &ch)
	doc.Must(200, "POST", path+"/results", map[string]any{"version": ch.Version, "step": "sputum_smears", "value": []string{"positive", "negative", "negative"}}, &ch)
	if !slices.Contains(ch.Plan.Outcome.Codes, "class_a_tb") {
		t.Fatalf("a positive smear gives %v, want class_a_tb", ch.Plan.Outcome.Codes)
	}
	if !slices.Contains(ch.Can, "start_dot") {
		t.Errorf("the physician's chart may do %v", ch.Can)
	}
	var nc dotChart
	nurse.Must(200, "GET", path, nil, &nc)
	if slices.Contains(nc.Can, "start_dot") || !slices.Contains(nc.Can, "observe_dot") {
		t.Errorf("the nurse's chart may do %v", nc.Can)
	}

	start := map[string]any{"version": ch.Version, "regimen": "2HRZE/4HR", "start_on": "2026-12-03"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range start {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	wantDOTProblem(t, nurse, 403, "POST", path+"/dot", start, "forbidden", "", "")
	wantDOTProblem(t, doc, 422, "POST", path+"/dot", with("regimen", "3HP"), "validation", "regimen", "unknown")
	wantDOTProblem(t, doc, 422, "POST", path+"/dot", with("start_on", "3 Dec"), "validation", "start_on", "invalid_date")
	wantDOTProblem(t, doc, 422, "POST", path+"/dot", with("start_on", "2027-02-01"), "validation", "start_on", "too_late")
	wantDOTProblem(t, doc, 422, "POST", path+"/dot", with("weight_kg", 20), "validation", "weight_kg", "no_band")
	wantDOTProblem(t, doc, 409, "POST", path+"/dot", with("version", ch.Version-1), "conflict", "", "")
	doc.Must(200, "POST", path+"/dot", start, &ch)
	d := ch.DOT
	if d == nil || d.DosesNeeded != 168 || d.StartOn != "2026-12-03" || d.PlannedEnd != "2027-05-19" || d.Status != "active" {
		t.Fatalf("course: %+v", d)
	}
	if len(d.Drugs) != 2 || d.Drugs[0].Drug != "HRZE" || d.Drugs[0].Dose != 4 || d.Drugs[1].Drug != "HR" || d.Drugs[1].Dose != 4 {
		t.Errorf("58 kg: doses %+v, want 4 tablets of HRZE then of HR (55-70 kg band)", d.Drugs)
	}
	if len(d.Followups) != 5 || d.Followups[0].Due != "2027-01-02" {
		t.Errorf("monthly sputum follow-ups: %+v", d.Followups)
	}
	wantDOTProblem(t, doc, 409, "POST", path+"/dot", with("version", ch.Version), "conflict", "", "")

	dose := func(day, at string) map[string]any {
		return map[string]any{"version": ch.Version, "day": day, "observed_at": at}
	}
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose("2026-12-04", ""), "validation", "day", "in_future")
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose("2026-12-02", "2026-12-02T08:00:00Z"), "validation", "day", "before_start")
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose("2026-12-03", "2026-12-03T12:00:00Z"), "validation", "observed_at", "in_future")
	nurse.Must(200, "POST", path+"/dot/doses", dose("2026-12-03", ""), &ch)
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose("2026-12-03", ""), "validation", "day", "already_observed")
	wantDOTProblem(t, doc, 422, "POST", path+"/dot/complete", map[string]any{"version": ch.Version}, "validation", "doses", "doses_outstanding")

	// Two days later, with no dose on the 4th: it is missed, and listed.
	clock.Add(48 * time.Hour)
	nurse.Must(200, "GET", path, nil, &ch)
	if !slices.Equal(ch.DOT.Missed, []string{"2026-12-04"}) || ch.DOT.ExpectedEnd != "2027-05-20" {
		t.Errorf("missed %v, expected end %s; want [2026-12-04] and one day later", ch.DOT.Missed, ch.DOT.ExpectedEnd)
	}
	// The caseworker reads neutral words and the expected end, not the disease.
	cw := st.Login(t, "caseworker")
	if got := boardHold(t, cw, "DOT-1"); got != "2027-05-20" {
		t.Errorf("board: treatment under observation until %q, want 2027-05-20", got)
	}
	var due dueOut
	nurse.Must(200, "GET", "/api/dot/due?day=2026-12-04", nil, &due)
	if len(due.Items) != 1 || due.Items[0].AssessmentID != id || due.Items[0].Observed != 1 {
		t.Errorf("missed on the 4th: %+v", due.Items)
	}
	nurse.Must(200, "GET", "/api/dot/due?day=2026-12-03", nil, &due)
	if len(due.Items) != 0 {
		t.Errorf("observed on the 3rd, yet listed: %+v", due.Items)
	}
	wantDOTProblem(t, nurse, 422, "GET", "/api/dot/due?day=2026-12-09", nil, "validation", "day", "in_future")
	wantDOTProblem(t, cw, 403, "GET", "/api/dot/due", nil, "forbidden", "", "")
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose("2026-12-04", ""), "validation", "observed_at", "required")
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose("2026-12-04", "2026-12-03T08:00:00Z"), "validation", "observed_at", "other_day")
	nurse.Must(200, "POST", path+"/dot/doses", dose("2026-12-04", "2026-12-04T07:30:00Z"), &ch)
	if c := ch.DOT.Calendar[1]; c.Status != "observed" || !c.Late || c.ObservedBy == "" {
		t.Errorf("the 4th entered late: %+v", c)
	}

	ev := map[string]any{"version": ch.Version, "day": "2026-12-05", "severity": "grave", "description": "nausea"}
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/adverse-events", ev, "validation", "severity", "not_allowed")
	ev["severity"], ev["description"] = "mild", ""
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/adverse-events", ev, "validation", "description", "required")
	ev["description"], ev["action"] = "Nausea after the dose", "Dose taken with food"
	nurse.Must(200, "POST", path+"/dot/adverse-events", ev, &ch)
	if len(ch.DOT.Events) != 1 {
		t.Errorf("events: %+v", ch.DOT.Events)
	}

	// Every day from the 5th on, the nurse watches the dose.
	for ch.DOT.Observed < ch.DOT.DosesNeeded {
		nurse.Must(200, "POST", path+"/dot/doses", dose(clock.Now().Format(time.DateOnly), ""), &ch)
		clock.Add(24 * time.Hour)
	}
	if !slices.Contains(ch.Plan.Outcome.Codes, "class_a_tb") {
		t.Fatalf("before completion the outcome is %v; Class A stands until the course is completed", ch.Plan.Outcome.Codes)
	}
	wantDOTProblem(t, nurse, 422, "POST", path+"/dot/doses", dose(clock.Now().Format(time.DateOnly), ""), "validation", "day", "course_complete")
	wantDOTProblem(t, nurse, 403, "POST", path+"/dot/complete", map[string]any{"version": ch.Version}, "forbidden", "", "")
	doc.Must(200, "POST", path+"/dot/complete", map[string]any{"version": ch.Version}, &ch)
	if ch.DOT.Status != "completed" || slices.Contains(ch.Plan.Outcome.Codes, "class_a_tb") || !slices.Contains(ch.Plan.Outcome.Codes, "class_b0_tb") {
		t.Fatalf("after completion: status %s, outcome %v; want completed and class_b0_tb", ch.DOT.Status, ch.Plan.Outcome.Codes)
	}
	wantDOTProblem(t, doc, 409, "POST", path+"/dot/complete", map[string]any{"version": ch.Version}, "invalid_state", "", "")
	if got := boardHold(t, cw, "DOT-1"); got != "" {
		t.Errorf("board: still under observation (%s) after completion", got)
	}
	nurse.Must(200, "GET", "/api/dot/due", nil, &due)
	if len(due.Items) != 0 {
		t.Errorf("a completed course is still listed: %+v", due.Items)
	}
}

// boardHold is the earliest day of the member's "treatment under observation" hold, "" when none.
func boardHold(t *testing.T, cw *clinictest.Client, caseNumber string) string {
	t.Helper()
	var b struct {
		Items []struct {
			Members []struct {
				Holds []struct {
					Code     string `json:"code"`
					Label    string `json:"label"`
					Earliest string `json:"earliest"`
				} `json:"holds"`
			} `json:"members"`
		} `json:"items"`
	}
	raw := cw.Must(200, "GET", "/api/board?q="+caseNumber, nil, &b)
	if strings.Contains(strings.ToLower(string(raw)), "tb") || strings.Contains(string(raw), "HRZE") {
		t.Errorf("the board names the disease or the drugs: %s", raw)
	}
	for _, it := range b.Items {
		for _, m := range it.Members {
			for _, h := range m.Holds {
				if h.Code == "treatment_under_observation" {
					return h.Earliest
				}
			}
		}
	}
	return ""
}
