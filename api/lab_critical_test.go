package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// refused checks a problem+json answer: its status, code and, when given, its field.
func refused(t *testing.T, c *clinictest.Client, method, path string, body any, status int, code, field string) {
	t.Helper()
	got, raw := c.Do(method, path, body, nil)
	var p problemOut
	_ = json.Unmarshal(raw, &p)
	if got != status || p.Code != code {
		t.Errorf("%s %s: %d %s, want %d %s", method, path, got, raw, status, code)
		return
	}
	if field == "" {
		return
	}
	for _, e := range p.Errors {
		if e.Field == field {
			return
		}
	}
	t.Errorf("%s %s: no problem on %s: %s", method, path, field, raw)
}

// TestLabCriticalValue: a positive smear is critical: the physician's worklist shows a badge, the
// chart's lab record a banner, until the physician acknowledges it (who and when are kept); the
// lab may not acknowledge. An amendment keeps the earlier value, who changed it and why, and the
// outcome follows the amended value.
func TestLabCriticalValue(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 5, 30, 0, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	_, id := labCase(t, st, "RW-LAB-2", "Nsengimana")
	nurse := st.Login(t, "nurse")
	sp := collect(t, nurse, id, map[string]any{"observed": true, "early_morning": true}, "sputum_smears", "sputum_cultures", "mtb_naat")[0]
	lab := st.Login(t, "lab")
	lab.Must(200, "POST", "/api/specimens/"+sp.Accession+"/receive", nil, nil)
	var r labResultOut
	lab.Must(201, "POST", "/api/specimens/"+sp.Accession+"/results", map[string]any{"test": "afb_smear", "values": map[string]string{"smear": "positive"}}, &r)
	if r.Flag != "critical" || r.Value != "positive" {
		t.Fatalf("positive smear %+v", r)
	}

	physician := st.Login(t, "physician")
	var wl listOut[struct {
		AssessmentID string   `json:"assessment_id"`
		Critical     int      `json:"critical"`
		Pending      []string `json:"pending"`
	}]
	physician.Must(200, "GET", "/api/worklist?station=physician", nil, &wl)
	badge := false
	for _, it := range wl.Items {
		badge = badge || (it.AssessmentID == id && it.Critical == 1 && strings.Contains(strings.Join(it.Pending, ","), "acknowledge_critical"))
	}
	if !badge {
		t.Errorf("no critical badge on the physician's worklist: %+v", wl.Items)
	}
	var rec labRecordOut
	physician.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	if len(rec.Critical) != 1 || rec.Critical[0].ID != r.ID {
		t.Fatalf("banner %+v", rec.Critical)
	}
	var ch labChart
	physician.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if !strings.Contains(strings.Join(ch.Plan.Outcome.Codes, ","), "class_a") {
		t.Errorf("a positive smear leaves the outcome %v", ch.Plan.Outcome.Codes)
	}

	refused(t, lab, "POST", "/api/lab-results/"+r.ID+"/acknowledge", nil, 403, "forbidden", "")
	var acked labResultOut
	physician.Must(200, "POST", "/api/lab-results/"+r.ID+"/acknowledge", nil, &acked)
	if acked.AckBy == "" {
		t.Errorf("acknowledged by no one: %+v", acked)
	}
	refused(t, physician, "POST", "/api/lab-results/"+r.ID+"/acknowledge", nil, 409, "invalid_state", "")
	physician.Must(200, "GET", "/api/worklist?station=physician", nil, &wl)
	for _, it := range wl.Items {
		if it.AssessmentID == id && it.Critical != 0 {
			t.Errorf("badge after acknowledgement: %+v", it)
		}
	}
	physician.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	if len(rec.Critical) != 0 {
		t.Errorf("banner after acknowledgement: %+v", rec.Critical)
	}

	// The smear was misread: the amendment keeps the first reading and says who and why.
	refused(t, lab, "POST", "/api/lab-results/"+r.ID+"/amend", map[string]any{"values": map[string]string{"smear": "negative"}}, 422, "validation", "reason")
	var amended labResultOut
	lab.Must(201, "POST", "/api/lab-results/"+r.ID+"/amend", map[string]any{"reason": "Slide re-read by the senior technologist", "values": map[string]string{"smear": "negative"}}, &amended)
	if amended.Amends != r.ID || amended.Value != "negative" || amended.Flag != "normal" {
		t.Errorf("amendment %+v", amended)
	}
	refused(t, lab, "POST", "/api/lab-results/"+r.ID+"/amend", map[string]any{"reason": "again", "values": map[string]string{"smear": "negative"}}, 409, "conflict", "")
	physician.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	kept := false
	for _, x := range rec.Results {
		kept = kept || (x.ID == r.ID && x.Superseded && x.Value == "positive")
	}
	if !kept {
		t.Errorf("the earlier value is not kept: %+v", rec.Results)
	}
	physician.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.latest("sputum_smears") != "[negative]" || strings.Contains(strings.Join(ch.Plan.Outcome.Codes, ","), "class_a") {
		t.Errorf("after the amendment: smears %q outcome %v", ch.latest("sputum_smears"), ch.Plan.Outcome.Codes)
	}
}

// TestLabRefusals: bad scans and values answer problem+json with the field; a rejected specimen
// opens its order again and its re-collection names the one it replaces.
func TestLabRefusals(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := labCase(t, st, "RW-LAB-3", "Uwase")
	nurse, lab := st.Login(t, "nurse"), st.Login(t, "lab")
	serum := collect(t, nurse, id, map[string]any{}, "syphilis")[0]
	refused(t, lab, "POST", "/api/specimens/L0000-999999/receive", nil, 404, "not_found", "")
	refused(t, lab, "POST", "/api/specimens/"+serum.Accession+"/results", map[string]any{"values": map[string]string{"screen": "nonreactive"}}, 409, "invalid_state", "")
	refused(t, nurse, "POST", "/api/specimens/"+serum.Accession+"/receive", nil, 403, "forbidden", "")
	refused(t, nurse, "POST", "/api/assessments/"+id+"/specimens", map[string]any{"order_ids": []string{}}, 422, "validation", "order_ids")
	refused(t, nurse, "POST", "/api/assessments/"+id+"/specimens", map[string]any{"order_ids": []string{"nope"}}, 422, "validation", "order_ids[0]")
	refused(t, lab, "POST", "/api/specimens/"+serum.Accession+"/reject", map[string]any{"reason": "dropped"}, 422, "validation", "reason")
	refused(t, lab, "POST", "/api/specimens/"+serum.Accession+"/reject", map[string]any{"reason": "other"}, 422, "validation", "note")
	var rej specimenOut
	lab.Must(200, "POST", "/api/specimens/"+serum.Accession+"/reject", map[string]any{"reason": "haemolysed"}, &rej)
	if rej.Status != "rejected" || rej.RejectReason != "haemolysed" {
		t.Fatalf("rejected %+v", rej)
	}
	refused(t, lab, "POST", "/api/specimens/"+serum.Accession+"/reject", map[string]any{"reason": "haemolysed"}, 409, "invalid_state", "")
	again := collect(t, nurse, id, map[string]any{}, "syphilis")
	if len(again) != 1 || again[0].Replaces != serum.ID || again[0].Accession == serum.Accession {
		t.Fatalf("re-collection %+v", again)
	}
	lab.Must(200, "POST", "/api/specimens/"+again[0].Accession+"/receive", nil, nil)
	refused(t, lab, "POST", "/api/specimens/"+again[0].Accession+"/results", map[string]any{"values": map[string]string{"screen": "maybe"}}, 422, "validation", "values.screen")
	refused(t, lab, "POST", "/api/specimens/"+again[0].Accession+"/results", map[string]any{"values": map[string]string{"screen": "reactive", "colour": "red"}}, 422, "validation", "values.colour")
	refused(t, lab, "POST", "/api/specimens/"+again[0].Accession+"/results", map[string]any{"test": "hbsag", "values": map[string]string{"hbsag": "negative"}}, 422, "validation", "test")
	// A reactive screen waits for its confirmation; the step has no value until then.
	var r labResultOut
	lab.Must(201, "POST", "/api/specimens/"+again[0].Accession+"/results", map[string]any{"values": map[string]string{"screen": "reactive"}}, &r)
	var ch labChart
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if r.Value != "" || ch.latest("syphilis") != "" {
		t.Errorf("a reactive screen alone gave %q / %q", r.Value, ch.latest("syphilis"))
	}
	lab.Must(201, "POST", "/api/specimens/"+again[0].Accession+"/results", map[string]any{"values": map[string]string{"screen": "reactive", "confirm": "reactive", "titre": "1:16"}}, &r)
	refused(t, lab, "POST", "/api/specimens/"+again[0].Accession+"/results", map[string]any{"values": map[string]string{"screen": "nonreactive"}}, 409, "invalid_state", "")
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if r.Value != "reactive" || ch.latest("syphilis") != "reactive" {
		t.Errorf("confirmed reactive gave %q / %q", r.Value, ch.latest("syphilis"))
	}
}

// TestLabIGRAComputed: a child's IGRA is entered as the four tubes; the interpretation is computed.
func TestLabIGRAComputed(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-LAB-4", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Ishimwe", "given_names": "Aline", "birth_date": "2019-06-01", "sex": "female", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	id := cs.Members[0].AssessmentID
	// The collector checks the person against the photo first; without it nothing is collected.
	var rec labRecordOut
	nurse := st.Login(t, "nurse")
	nurse.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	refused(t, nurse, "POST", "/api/assessments/"+id+"/specimens", map[string]any{"order_ids": []string{rec.order("igra").ID}}, 409, "identity_check_required", "")
	st.PassIdentity(t, id, "specimen")
	sp := collect(t, nurse, id, map[string]any{}, "igra")
	if len(sp) != 1 || sp[0].Type != "blood" {
		t.Fatalf("IGRA specimen %+v (is an IGRA ordered for a child from a high-burden country?)", sp)
	}
	lab := st.Login(t, "lab")
	lab.Must(200, "POST", "/api/specimens/"+sp[0].Accession+"/receive", nil, nil)
	refused(t, lab, "POST", "/api/specimens/"+sp[0].Accession+"/results", map[string]any{"values": map[string]string{"nil": "0.1", "tb1": "12", "tb2": "0.2", "mitogen": "5"}}, 422, "validation", "values.tb1")
	refused(t, lab, "POST", "/api/specimens/"+sp[0].Accession+"/results", map[string]any{"values": map[string]string{"nil": "0.1", "tb1": "0.2", "mitogen": "5"}}, 422, "validation", "values.tb2")
	var r labResultOut
	lab.Must(201, "POST", "/api/specimens/"+sp[0].Accession+"/results", map[string]any{"values": map[string]string{"nil": "0.08", "tb1": "0.62", "tb2": "0.20", "mitogen": "9.5"}}, &r)
	var ch labChart
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if r.Value != "positive" || ch.latest("igra") != "positive" {
		t.Errorf("IGRA computed %q, chart %q", r.Value, ch.latest("igra"))
	}
}
