package api_test

import (
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestMentalHealthScreen: a positive RHS-15 without a referral is refused; with one it is saved,
// scored from the definition's cut-off, and printed on the signed DS-3026.
func TestMentalHealthScreen(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	caseID, id := registerOne(t, st, "RW-MH-1")
	photograph(t, st, caseID)
	nurse, doc := st.Login(t, "nurse"), st.Login(t, "physician")
	path := "/api/assessments/" + id
	var def struct {
		Items []struct{ N int }
	}
	nurse.Must(200, "GET", "/api/screens/rhs15", nil, &def)
	if len(def.Items) != 14 {
		t.Fatalf("the screen has %d items", len(def.Items))
	}
	var ch chartOut
	nurse.Must(200, "PUT", path+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", path+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
	screen := map[string]any{"version": ch.Version, "language": "rw", "interpreter": true,
		"items": []int{3, 2, 3, 2, 1, 1, 2, 1, 2, 0, 0, 0, 0, 1}, "thermometer": 6,
		"assessment": "Low mood and poor sleep since displacement.", "harmful_behaviour": false}
	code, raw := nurse.Do("PUT", path+"/mental-health", screen, nil)
	expectProblem(t, code, raw, "referral", "required")
	screen["referral"] = "Psychosocial support, Kigali"
	var got struct {
		chartOut
		MentalHealth struct {
			Score    int
			Positive bool
		} `json:"mental_health"`
	}
	doc.Must(200, "PUT", path+"/mental-health", screen, &got)
	if got.MentalHealth.Score != 18 || !got.MentalHealth.Positive {
		t.Fatalf("the screen as saved: %+v", got.MentalHealth)
	}
	ch = got.chartOut
	for _, step := range ch.Plan.Pending {
		who, value := st.Login(t, "lab"), "nonreactive"
		if step == "cxr" {
			who, value = st.Login(t, "radiology"), "normal"
		}
		who.Must(200, "POST", path+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
	}
	doc.Must(200, "PUT", path+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	doc.Must(200, "POST", path+"/signoff", map[string]any{"version": ch.Version}, &ch)
	signed := waitForms(t, doc, ch)
	text := flatText(t, doc.Must(200, "GET", "/api/forms/"+formOf(t, signed, "DS-3026").ID+"/pdf", nil, nil))
	for _, want := range []string{"Refugee Health Screener-15 (RHS-15) (rw, through an interpreter): screen POSITIVE; items 1-14 total 18, distress thermometer 6.",
		"Psychosocial support, Kigali", "Low mood and poor sleep since displacement."} {
		if !strings.Contains(text, want) {
			t.Errorf("the DS-3026 does not say %q:\n%s", want, text)
		}
	}
}

// TestMentalHealthClass: the US Class A/B mental-disorder outcomes come from the rules reading the
// physician's assessment (a diagnosed disorder, harmful behaviour), never from harmful behaviour
// alone; Class A holds travel, and the DS-3026 prints the disorder.
func TestMentalHealthClass(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	caseID, id := registerOne(t, st, "RW-MH-2")
	photograph(t, st, caseID)
	doc := st.Login(t, "physician")
	path := "/api/assessments/" + id
	var ch chartOut
	doc.Must(200, "PUT", path+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	screen := func(disorder string, harmful bool) []string {
		t.Helper()
		doc.Must(200, "PUT", path+"/mental-health", map[string]any{"version": ch.Version, "language": "en",
			"items": []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "thermometer": 0, "disorder": disorder,
			"harmful_behaviour": harmful, "harmful_details": map[bool]string{true: "Assaulted a neighbour in 2025", false: ""}[harmful]}, &ch)
		return ch.Plan.Outcome.Codes
	}
	has := func(codes []string, c string) bool {
		return strings.Contains(","+strings.Join(codes, ",")+",", ","+c+",")
	}
	if got := screen("", true); has(got, "class_a_mental") || has(got, "class_b_mental") {
		t.Errorf("harmful behaviour without a disorder: outcomes %v", got)
	}
	if got := screen("Bipolar disorder, stable on treatment", false); !has(got, "class_b_mental") || has(got, "class_a_mental") {
		t.Errorf("a disorder without harmful behaviour: outcomes %v, want class_b_mental", got)
	}
	if got := screen("Bipolar disorder, stable on treatment", true); !has(got, "class_a_mental") || has(got, "class_b_mental") {
		t.Errorf("a disorder with harmful behaviour: outcomes %v, want class_a_mental", got)
	}
}
