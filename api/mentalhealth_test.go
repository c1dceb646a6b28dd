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
