package api_test

import (
	"math"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestChartShowsChildGrowth: a three-year-old boy at the WHO median weight and height scores
// about z = 0 (50th percentile) on each indicator of his age; an adult's chart has none.
func TestChartShowsChildGrowth(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	reg, nurse := st.Login(t, "registrar"), st.Login(t, "nurse")
	birth := time.Now().AddDate(-3, 0, 0).Format(time.DateOnly)
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-GROW-1", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Habimana", "given_names": "Growthtest", "birth_date": birth,
			"sex": "male", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	id := cs.Members[0].AssessmentID
	st.PassIdentity(t, id)
	st.ConsentAll(t, cs.ID)
	type growth struct {
		Indicator  string
		Measured   float64
		Z          float64
		Percentile float64
	}
	var ch struct {
		chartOut
		Vitals struct {
			Growth []growth `json:"growth"`
		} `json:"vitals"`
	}
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 96.1,
		"weight_kg": 14.3, "exam_normal": true}, &ch)
	want := []string{"weight_for_age", "height_for_age", "bmi_for_age", "weight_for_height"}
	if len(ch.Vitals.Growth) != len(want) {
		t.Fatalf("growth: %+v", ch.Vitals.Growth)
	}
	for i, g := range ch.Vitals.Growth {
		if g.Indicator != want[i] || math.Abs(g.Z) > 0.3 || math.Abs(g.Percentile-50) > 12 {
			t.Errorf("%s: %+v, want about z 0", want[i], g)
		}
	}
	if ch.Vitals.Growth[0].Measured != 14.3 || ch.Vitals.Growth[1].Measured != 96.1 {
		t.Errorf("measured: %+v", ch.Vitals.Growth)
	}

	_, adult := registerOne(t, st, "RW-GROW-2")
	nurse.Must(200, "GET", "/api/assessments/"+adult, nil, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+adult+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160,
		"weight_kg": 55, "exam_normal": true}, &ch)
	if len(ch.Vitals.Growth) != 0 {
		t.Fatalf("an adult's growth: %+v", ch.Vitals.Growth)
	}
}
