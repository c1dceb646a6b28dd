package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestResultDisclosureRequiredByTheRules: Canada's rule file of 2026-12-04 requires the disclosure
// of medical surveillance (ca.tb.surveillance_disclosure); the plan lists it, sign-off waits for it
// (the check names it and the sign-off is refused), and a TB post-test counselling record with the
// result disclosed completes it.
func TestResultDisclosureRequiredByTheRules(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 4, 7, 0, 0, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 2, Clock: clock})
	ch := examine(t, st, "RW-CA-DISC", "CA", false)
	ctx := context.Background()
	st.CounselHIV(t, ch.ID)
	for _, step := range ch.Plan.Pending {
		r := clinic.Result{Step: step, Text: "negative"}
		who := st.Actors["lab"]
		switch step {
		case "cxr":
			r.Text, who = "inactive_tb", st.Actors["radiology"]
		case "syphilis":
			r.Text = "nonreactive"
		case "urinalysis":
			r.Text = "normal"
		case "creatinine":
			v := 70.0
			r.Text, r.Number = "", &v
		}
		cur, err := st.Svc.Chart(ctx, who, ch.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Svc.RecordResult(ctx, who, ch.ID, cur.Assessment.Version, r); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	st.CounselHIV(t, ch.ID) // post-test, now that the HIV result is in

	doc := st.Login(t, "physician")
	doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
	required := false
	for _, r := range ch.Plan.Required {
		required = required || r.Step == "result_disclosure" && r.Rule == "ca.tb.surveillance_disclosure" && r.Source.Doc != ""
	}
	if !required {
		t.Fatalf("the plan does not require result_disclosure: %+v", ch.Plan.Required)
	}
	doc.Must(200, "PUT", "/api/assessments/"+ch.ID+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	missing := func() []string {
		var out []string
		for _, m := range ch.SignoffCheck.Missing {
			out = append(out, m.Step)
		}
		return out
	}
	if c := ch.SignoffCheck; c == nil || c.Allowed || !listed(missing(), "result_disclosure") {
		t.Fatalf("sign-off check before the disclosure: %+v", ch.SignoffCheck)
	}
	code, raw := doc.Do("POST", "/api/assessments/"+ch.ID+"/signoff", map[string]any{"version": ch.Version}, nil)
	if p := clinictest.ProblemOf(t, raw); code < 400 || p.Code == "" {
		t.Fatalf("sign-off without the disclosure: %d %s", code, raw)
	}

	nurse := st.Login(t, "nurse")
	nurse.Must(200, "POST", "/api/assessments/"+ch.ID+"/counselling", map[string]any{"version": ch.Version, "topic": "tb", "stage": "post_test",
		"language": "rw", "interpreter": true, "result_disclosed": true, "referral": "Provincial public health within 30 days of arrival"}, nil)
	doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
	if c := ch.SignoffCheck; c == nil || listed(missing(), "result_disclosure") {
		t.Fatalf("sign-off check after the disclosure: %+v", ch.SignoffCheck)
	}
}
