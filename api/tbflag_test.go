package api_test

import (
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestTBScreeningFlaggedToPhysician: a positive TB screening answer in the nurse's history
// reaches the physician's chart as a flag (findings.tb_symptoms), shown in the chart's summary.
func TestTBScreeningFlaggedToPhysician(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := registerOne(t, st, "RW-TBF-1")
	var ch struct {
		Version  int `json:"version"`
		Findings struct {
			TBSymptoms bool `json:"tb_symptoms"`
		} `json:"findings"`
	}
	doc := st.Login(t, "physician")
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.Findings.TBSymptoms {
		t.Fatal("flagged before any answer")
	}
	st.Login(t, "nurse").Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": ch.Version,
		"answers": []map[string]any{{"code": "cough_2_weeks", "answer": true, "details": "three weeks"}}}, nil)
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if !ch.Findings.TBSymptoms {
		t.Error("a cough of three weeks is not flagged to the physician")
	}
}
