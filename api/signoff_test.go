package api_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type signoffCheckOut struct {
	Allowed bool `json:"allowed"`
	Missing []struct {
		Step     string `json:"step"`
		Label    string `json:"label"`
		Deferral *struct {
			Rule, Then  string
			HoldsTravel bool `json:"holds_travel"`
		} `json:"deferral"`
	} `json:"missing"`
	Forms []struct {
		FormType string `json:"form_type"`
		Issue    bool   `json:"issue"`
		Why      string `json:"why"`
	} `json:"forms"`
}

type safetyChart struct {
	chartOut
	SignoffCheck *signoffCheckOut `json:"signoff_check"`
	Signoff      *struct {
		Deferred []struct{ Step, Label, Reason, Rule string } `json:"deferred"`
	} `json:"signoff"`
}

type boardMember struct {
	Name       string   `json:"name"`
	Status     string   `json:"status"`
	Missing    []string `json:"missing"`
	ValidUntil *string  `json:"valid_until"`
}

func boardMemberOf(t *testing.T, c *clinictest.Client, caseNumber string) boardMember {
	t.Helper()
	var b struct {
		Items []struct {
			Members []boardMember `json:"members"`
		} `json:"items"`
	}
	c.Must(200, "GET", "/api/board?q="+caseNumber, nil, &b)
	if len(b.Items) != 1 || len(b.Items[0].Members) != 1 {
		t.Fatalf("board for %s: %+v", caseNumber, b)
	}
	return b.Items[0].Members[0]
}

func onPhysicianWorklist(t *testing.T, c *clinictest.Client, id string) bool {
	var wl struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
		} `json:"items"`
	}
	c.Must(200, "GET", "/api/worklist?station=physician", nil, &wl)
	for _, it := range wl.Items {
		if it.AssessmentID == id {
			return true
		}
	}
	return false
}

// examine registers one adult woman and records her history and examination.
func examine(t *testing.T, st *clinictest.Stack, number, dest string, pregnant bool) safetyChart {
	t.Helper()
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": dest, "program": "refugee",
		"members": []map[string]any{{"surnames": "Mukamana", "given_names": "Claudine", "birth_date": "1992-05-05",
			"sex": "female", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	st.ConsentAll(t, cs.ID)
	id := cs.Members[0].AssessmentID
	nurse := st.Login(t, "nurse")
	st.TakePhoto(t, cs.Members[0].ID)
	clinictest.PassIdentity(t, nurse, id)
	var ch safetyChart
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1,
		"answers": []map[string]any{{"code": "cough_2_weeks", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160,
		"weight_kg": 58, "bp_systolic": 118, "bp_diastolic": 76, "pulse": 72, "temperature_c": 36.7, "exam_normal": true,
		"pregnant": pregnant}, &ch)
	return ch
}

// TestUnsafeSignoffRefused: an Australian chart with five required tests not done cannot be
// signed by writing one line; the physician is told what is missing and that the 502 and 707
// would not be issued. The physician's worklist and the board agree the person waits for results.
func TestUnsafeSignoffRefused(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	ch := examine(t, st, "RW-AU-UNSAFE", "AU", false)
	doc, cw := st.Login(t, "physician"), st.Login(t, "caseworker")
	if onPhysicianWorklist(t, doc, ch.ID) {
		t.Error("the physician's worklist lists a person whose results are missing")
	}
	if m := boardMemberOf(t, cw, "RW-AU-UNSAFE"); m.Status != "waiting_results" || len(m.Missing) != 1 || m.Missing[0] != "tests_pending" || m.ValidUntil != nil {
		t.Errorf("board: %+v, want waiting for results (the neutral code, no step names) and no clearance date", m)
	}
	doc.Must(200, "PUT", "/api/assessments/"+ch.ID+"/classification", map[string]any{"version": ch.Version, "codes": []string{"no_finding"}}, &ch)
	c := ch.SignoffCheck
	if c == nil || c.Allowed {
		t.Fatalf("sign-off check: %+v", c)
	}
	var missing []string
	for _, m := range c.Missing {
		missing = append(missing, m.Step)
		if m.Deferral != nil {
			t.Errorf("%s may be deferred in AU: %+v", m.Step, m.Deferral)
		}
	}
	for _, want := range []string{"urinalysis", "cxr", "hiv", "hepatitis_b", "syphilis"} {
		if !listed(missing, want) {
			t.Errorf("missing %v lacks %s", missing, want)
		}
	}
	notIssued := map[string]string{}
	for _, f := range c.Forms {
		if !f.Issue {
			notIssued[f.FormType] = f.Why
		}
	}
	if !strings.Contains(notIssued["502"], "Chest X-ray") || !strings.Contains(notIssued["707"], "HIV test") || len(notIssued) != 2 {
		t.Errorf("forms not issued: %+v", notIssued)
	}
	body := map[string]any{"version": ch.Version, "deferrals": []map[string]any{{"step": "hiv", "reason": "Will be done later."}}}
	code, raw := doc.Do("POST", "/api/assessments/"+ch.ID+"/signoff", body, nil)
	p := clinictest.ProblemOf(t, raw)
	if code != 422 || len(p.Errors) == 0 || p.Errors[0].Field != "deferrals" {
		t.Fatalf("unsafe sign-off: %d %s", code, raw)
	}
	for _, w := range []string{"Urine test", "Chest X-ray", "HIV test", "Hepatitis B", "Syphilis"} {
		if !strings.Contains(p.Errors[0].Message, w) {
			t.Errorf("refusal %q does not name %s", p.Errors[0].Message, w)
		}
	}
	doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
	if ch.State == "signed" || ch.Signoff != nil {
		t.Fatalf("signed anyway: %s", ch.State)
	}
}

// TestDeferralSigned: a US chest X-ray in pregnancy may wait for delivery (the rule file says
// so, with its source). Without a reason the sign-off is refused; with one it is signed, every
// form and the verification page say what was not done, the board and the panel keep the person
// incomplete, and the pre-embarkation check cannot find her fit.
func TestDeferralSigned(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := examine(t, st, "RW-US-DEFER", "US", true)
	lab, doc, cw := st.Login(t, "lab"), st.Login(t, "physician"), st.Login(t, "caseworker")
	for _, step := range ch.Plan.Pending {
		if step != "cxr" {
			v := "negative"
			if step == "syphilis" {
				v = "nonreactive"
			}
			lab.Must(200, "POST", "/api/assessments/"+ch.ID+"/results", map[string]any{"version": ch.Version, "step": step, "value": v}, &ch)
		}
	}
	if !onPhysicianWorklist(t, doc, ch.ID) {
		t.Error("the physician's worklist leaves out a person whose only missing step may wait")
	}
	if m := boardMemberOf(t, cw, "RW-US-DEFER"); m.Status != "waiting_physician" {
		t.Errorf("board before sign-off: %+v", m)
	}
	doc.Must(200, "PUT", "/api/assessments/"+ch.ID+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	if c := ch.SignoffCheck; c == nil || !c.Allowed || len(c.Missing) != 1 || c.Missing[0].Step != "cxr" ||
		c.Missing[0].Deferral == nil || c.Missing[0].Deferral.Rule != "us.tb.cxr_deferral_pregnancy" || !c.Missing[0].Deferral.HoldsTravel {
		t.Fatalf("sign-off check: %+v", ch.SignoffCheck)
	}
	code, raw := doc.Do("POST", "/api/assessments/"+ch.ID+"/signoff", map[string]any{"version": ch.Version}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 422 || p.Errors[0].Field != "deferrals.cxr" {
		t.Fatalf("deferral without a reason: %d %s", code, raw)
	}
	reason := "Declined in pregnancy; after delivery"
	doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/signoff", map[string]any{"version": ch.Version,
		"deferrals": []map[string]any{{"step": "cxr", "reason": reason}}}, &ch)
	if ch.Signoff == nil || len(ch.Signoff.Deferred) != 1 || ch.Signoff.Deferred[0].Reason != reason {
		t.Fatalf("signed: %+v", ch.Signoff)
	}
	ch.chartOut = waitForms(t, doc, ch.chartOut)
	line := "Signed with steps not done: Chest X-ray — " + reason
	space := regexp.MustCompile(`\s+`)
	public := st.NewClient(t)
	for _, f := range ch.Forms {
		pdf := doc.Must(200, "GET", "/api/forms/"+f.ID+"/pdf", nil, nil)
		if text := space.ReplaceAllString(pdfText(t, pdf), " "); !strings.Contains(text, line) {
			t.Errorf("form %s does not say %q:\n%s", f.FormType, line, text)
		}
		var v struct {
			Status       string `json:"status"`
			NotDoneLine  string `json:"not_done_line"`
			SiteTimezone string `json:"site_timezone"`
		}
		public.Must(200, "GET", "/api/verify/"+f.VerifyURL[strings.LastIndex(f.VerifyURL, "/")+1:], nil, &v)
		if v.NotDoneLine != line || v.SiteTimezone == "" {
			t.Errorf("verify page of %s: %+v", f.FormType, v)
		}
	}
	m := boardMemberOf(t, cw, "RW-US-DEFER")
	if m.Status != "incomplete" || !listed(m.Missing, "steps_not_done") || listed(m.Missing, "cxr") || m.ValidUntil != nil {
		t.Errorf("board after a deferral: %+v", m)
	}
	var list struct {
		Applicants []struct {
			Incomplete bool                    `json:"incomplete"`
			NotDone    []struct{ Step string } `json:"not_done"`
		} `json:"items"`
	}
	st.Login(t, "panel.us").Must(200, "GET", "/api/panel/applicants", nil, &list)
	if len(list.Applicants) != 1 || !list.Applicants[0].Incomplete || len(list.Applicants[0].NotDone) != 1 || list.Applicants[0].NotDone[0].Step != "cxr" {
		t.Errorf("panel list: %+v", list)
	}
	var cs caseOut
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseIDOf(t, st, "RW-US-DEFER"), nil, &cs)
	soon := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RW484", "departure_date": soon, "version": cs.Version}, nil)
	code, raw = st.Login(t, "nurse").Do("POST", "/api/assessments/"+ch.ID+"/pec", map[string]any{"version": ch.Version, "temperature_c": 36.6, "fit": true}, nil)
	if code != 409 || !strings.Contains(string(raw), "steps not done") {
		t.Errorf("a fit PEC with the X-ray deferred: %d %s", code, raw)
	}
}

// TestFormNotDrawnHereIsNotOrdered: a New Zealand refugee's rules require the departure health
// check form (INZ 1262), which the clinic does not draw. Sign-off lists it as not issued here,
// with the reason, instead of ordering a task that could never succeed.
func TestFormNotDrawnHereIsNotOrdered(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 2})
	ch := examine(t, st, "NZ-1262", "NZ", false)
	var got safetyChart
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+ch.ID, nil, &got)
	if got.SignoffCheck == nil {
		t.Fatal("no sign-off check on the chart")
	}
	found := false
	for _, f := range got.SignoffCheck.Forms {
		switch {
		case f.FormType == "INZ 1262":
			found = true
			if f.Issue || !strings.Contains(f.Why, "not one the clinic draws") {
				t.Errorf("INZ 1262: issue %v, why %q; want not issued here, with the reason", f.Issue, f.Why)
			}
		case f.FormType == "INZ 1007" && (!f.Issue || f.Why != ""):
			t.Errorf("INZ 1007 (drawn here): issue %v, why %q", f.Issue, f.Why)
		}
	}
	if !found {
		t.Errorf("the NZ refugee's forms do not name INZ 1262: %+v", got.SignoffCheck.Forms)
	}
}
