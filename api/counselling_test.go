package api_test

import (
	"slices"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestCanadaHIVPositiveCounsellingStep: for Canada an HIV-positive result makes post-test
// counselling a step of the plan, from the rule ca.hiv.post_test_counselling, with the signed
// IMM 5728 among the forms; the chart lists the step as missing until the post-test counselling
// with the result disclosed is recorded.
func TestCanadaHIVPositiveCounsellingStep(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 6})
	_, ap, id := registerBare(t, st, "CA-HIVPOS-1", "CA", "1988-07-09")
	lab, nurse, reg := st.Login(t, "lab"), st.Login(t, "nurse"), st.Login(t, "registrar")
	reg.Must(201, "POST", "/api/applicants/"+ap+"/consents", map[string]any{"purpose": "hiv_testing", "kind": "written", "language": "fr",
		"given_on": time.Now().UTC().Format(time.DateOnly)}, nil)
	var ch counselChart
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	nurse.Must(200, "POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "hiv", "stage": "pre_test", "language": "fr"}, &ch)
	st.PassIdentity(t, id, "specimen")
	lab.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": "hiv", "value": "positive"}, &ch)

	var plan chartOut
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &plan)
	rules := []string{}
	for _, r := range plan.Plan.Required {
		if r.Step == "hiv_counselling" {
			rules = append(rules, r.Rule)
		}
	}
	if !slices.Contains(rules, "ca.hiv.post_test_counselling") {
		t.Fatalf("HIV positive (CA): hiv_counselling from %v, want ca.hiv.post_test_counselling; plan %+v", rules, plan.Plan.Required)
	}
	if !slices.Contains(plan.Plan.Forms, "IMM 5728") {
		t.Fatalf("HIV positive (CA): forms %v without IMM 5728", plan.Plan.Forms)
	}
	if !slices.Contains(ch.Incomplete, "hiv_counselling") {
		t.Fatalf("HIV positive without post-test counselling, and the step is not missing: %v", ch.Incomplete)
	}
	nurse.Must(200, "POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "hiv", "stage": "post_test",
		"language": "fr", "result_disclosed": true, "referral": "HIV clinic, CHUK"}, &ch)
	if slices.Contains(ch.Incomplete, "hiv_counselling") {
		t.Fatalf("post-test counselling recorded, the step still missing: %v", ch.Incomplete)
	}
}
