package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestReferralRequiredByTheRules: New Zealand's rule file of 2026-12-04 requires a nephrologist's
// report when the eGFR is under 30 (nz.renal.nephrologist_report). The plan lists the step with
// its rule and source; the physician's worklist lists the person; the sign-off check names it and the board says tests are pending; sign-off is refused; a referral
// to another specialty answered does not complete it; a nephrology referral, while open, does not
// either; once its report is recorded the step is done (on the chart and on the board) and the
// sign-off goes through.
func TestReferralRequiredByTheRules(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 4, 7, 0, 0, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 5, Clock: clock})
	ch := examine(t, st, "RW-NZ-NEPH", "NZ", false)
	ctx := context.Background()
	st.CounselHIV(t, ch.ID)
	for _, step := range ch.Plan.Pending {
		r := clinic.Result{Step: step, Text: "negative"}
		who := st.Actors["lab"]
		switch step {
		case "cxr":
			r.Text, who = "normal", st.Actors["radiology"]
		case "syphilis":
			r.Text = "nonreactive"
		case "urinalysis":
			r.Text = "normal"
		case "creatinine":
			v := 24.0
			r.Step, r.Text, r.Number = "egfr", "", &v
		case "hba1c":
			v := 40.0
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
	st.CounselHIV(t, ch.ID) // post-test, when the HIV result asks for it

	doc := st.Login(t, "physician")
	doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
	required := false
	for _, r := range ch.Plan.Required {
		required = required || r.Step == "referral_nephrology" && r.Rule == "nz.renal.nephrologist_report" && r.Source.Doc != ""
	}
	if !required || !listed(ch.Plan.Pending, "referral_nephrology") {
		t.Fatalf("the plan does not require the nephrologist's report: required %+v pending %v", ch.Plan.Required, ch.Plan.Pending)
	}
	doc.Must(200, "PUT", "/api/assessments/"+ch.ID+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	waits := func() bool {
		t.Helper()
		doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
		var missing []string
		for _, m := range ch.SignoffCheck.Missing {
			missing = append(missing, m.Step)
		}
		if ch.SignoffCheck == nil {
			t.Fatal("no sign-off check")
		}
		board := boardMemberOf(t, st.Login(t, "caseworker"), "RW-NZ-NEPH")
		// The board never names the step (it would tell the caseworker what a test found).
		chart, onBoard := listed(missing, "referral_nephrology"), listed(board.Missing, clinic.MissingTests)
		if chart != onBoard {
			t.Fatalf("the chart (%v) and the board (%v) disagree on the nephrologist's report", missing, board.Missing)
		}
		return chart
	}
	if !onPhysicianWorklist(t, doc, ch.ID) {
		t.Fatal("the physician's worklist does not list the person waiting for the referral the rules require")
	}
	if !waits() || ch.SignoffCheck.Allowed {
		t.Fatalf("sign-off check before any referral: %+v", ch.SignoffCheck)
	}
	code, raw := doc.Do("POST", "/api/assessments/"+ch.ID+"/signoff", map[string]any{"version": ch.Version}, nil)
	if p := clinictest.ProblemOf(t, raw); code < 400 || p.Code == "" {
		t.Fatalf("sign-off without the nephrologist's report: %d %s", code, raw)
	}

	refer := func(specialty string) string {
		var out referralChart
		doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/referrals", map[string]any{"version": ch.Version, "specialty": specialty,
			"reason": "eGFR 24 mL/min/1.73 m²", "urgency": "routine", "due_on": "2026-12-18", "rule": "nz.renal.nephrologist_report"}, &out)
		ch.Version = out.Version
		for _, r := range out.Referrals {
			if r.Status == "open" {
				return r.ID
			}
		}
		t.Fatalf("no open referral after referring: %+v", out.Referrals)
		return ""
	}
	answer := func(rid string) {
		var out referralChart
		doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/referrals/"+rid+"/answer", map[string]any{"version": ch.Version,
			"report": "Chronic kidney disease stage 4; follow-up arranged; fit to travel.", "pdf": ""}, &out)
		ch.Version = out.Version
	}
	answer(refer("Cardiology"))
	if !waits() {
		t.Fatal("a cardiologist's report completed the nephrologist's report")
	}
	neph := refer(" Nephrology ")
	if !waits() {
		t.Fatal("an open nephrology referral completed the step")
	}
	answer(neph)
	if waits() {
		t.Fatalf("the nephrologist's report is recorded and the sign-off still waits for it: %+v", ch.SignoffCheck)
	}
	if listed(ch.Plan.Pending, "referral_nephrology") {
		t.Fatalf("still pending: %v", ch.Plan.Pending)
	}
	doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/signoff", map[string]any{"version": ch.Version}, &ch)
	if ch.Signoff == nil {
		t.Fatal("not signed")
	}
}
