package api_test

import (
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestExamBySystem records the examination by body system with visual acuity and hearing,
// refuses what does not fit beside its field, and finds it on the signed DS-3026.
func TestExamBySystem(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	caseID, id := registerOne(t, st, "RW-EXAM-1")
	photograph(t, st, caseID)
	nurse, doc := st.Login(t, "nurse"), st.Login(t, "physician")
	path := "/api/assessments/" + id
	var ch chartOut
	nurse.Must(200, "PUT", path+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	systems := []map[string]any{
		{"system": "general_appearance", "status": "normal"},
		{"system": "skin", "status": "abnormal", "finding": "Healed scar on the left forearm"},
		{"system": "genitourinary", "status": "not_examined", "finding": "Declined"},
		{"system": "lungs", "status": "normal"},
	}
	vitals := func(change func(map[string]any)) map[string]any {
		v := map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55, "respiratory_rate": 16, "spo2": 98,
			"systems": systems, "visual_acuity": map[string]any{"right_uncorrected": "6/9", "left_uncorrected": "6/12",
				"right_corrected": "6/6", "left_corrected": "6/6"},
			"hearing": map[string]any{"right": "normal", "left": "impaired", "method": "whispered voice"}}
		if change != nil {
			change(v)
		}
		return v
	}
	bad := []struct {
		change      func(map[string]any)
		field, code string
	}{
		{func(v map[string]any) {
			v["systems"] = []map[string]any{{"system": "heart", "status": "abnormal"}}
		}, "systems[0].finding", "required"},
		{func(v map[string]any) {
			v["systems"] = []map[string]any{{"system": "heart", "status": "normal"}, {"system": "heart", "status": "normal"}}
		}, "systems[1].system", "duplicate"},
		{func(v map[string]any) { v["systems"] = []map[string]any{{"system": "spleen", "status": "normal"}} }, "systems[0].system", "not_allowed"},
		{func(v map[string]any) { v["visual_acuity"] = map[string]any{"right_uncorrected": "good"} }, "visual_acuity.right_uncorrected", "invalid"},
		{func(v map[string]any) { v["hearing"] = map[string]any{"right": "fine", "left": "normal"} }, "hearing.right", "not_allowed"},
		{func(v map[string]any) { v["spo2"] = 120 }, "spo2", "out_of_range"},
		{func(v map[string]any) { v["respiratory_rate"] = 2 }, "respiratory_rate", "out_of_range"},
	}
	for _, tc := range bad {
		code, raw := nurse.Do("PUT", path+"/vitals", vitals(tc.change), nil)
		expectProblem(t, code, raw, tc.field, tc.code)
	}
	var got struct {
		chartOut
		Vitals struct {
			ExamNormal bool `json:"exam_normal"`
			Systems    []struct{ System, Label, Status, Finding string }
		} `json:"vitals"`
	}
	nurse.Must(200, "PUT", path+"/vitals", vitals(nil), &got)
	if got.Vitals.ExamNormal || len(got.Vitals.Systems) != 4 || got.Vitals.Systems[1].Label != "Skin" {
		t.Fatalf("the examination as saved: %+v", got.Vitals)
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
	for _, want := range []string{"Healed scar on the left forearm", "Not examined", "Declined", "6/9 / 6/6", "6/12 / 6/6",
		"Impaired", "16 /min", "98 %", "General appearance", "Genitourinary"} {
		if !strings.Contains(text, want) {
			t.Errorf("the DS-3026 does not say %q:\n%s", want, text)
		}
	}
}
