package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type studyOut struct {
	ID             string `json:"id"`
	Accession      string `json:"accession"`
	Rule           string `json:"rule"`
	Source         string `json:"source"`
	Form           string `json:"form"`
	PregnancyAsked bool   `json:"pregnancy_asked"`
	Pregnancy      string `json:"pregnancy"`
	Status         string `json:"status"`
	SecondRead     string `json:"second_read"`
	Final          string `json:"final"`
	Turnaround     *int64 `json:"turnaround_seconds"`
	Version        int    `json:"version"`
	Hidden         int    `json:"hidden_readings"`
	Readings       []struct {
		Kind, Result, Reader, Remarks string
		ReportedBy                    string `json:"reported_by"`
		Findings                      []string
	} `json:"readings"`
	Reports []struct {
		ID, Status, Reader, Report string
		ControlID                  string `json:"control_id"`
	} `json:"reports"`
}

type problemOut struct {
	Code   string `json:"code"`
	Errors []struct {
		Field, Code string
	} `json:"errors"`
}

// queuedPerson registers one US refugee and queues them; it returns the assessment id.
func queuedPerson(t *testing.T, st *clinictest.Stack, number, sex, birth string) string {
	t.Helper()
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Imaging " + strings.ReplaceAll(strings.TrimPrefix(number, "RX-"), "-", " "), "given_names": "Test", "birth_date": birth,
			"sex": sex, "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	return cs.Members[0].AssessmentID
}

// orderCXR orders the plan's X-ray and returns its one study.
func orderCXR(t *testing.T, st *clinictest.Stack, assessmentID string) studyOut {
	t.Helper()
	var list struct{ Items []studyOut }
	st.Login(t, "nurse").Must(200, "POST", "/api/assessments/"+assessmentID+"/imaging", nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("%d studies ordered, want 1", len(list.Items))
	}
	return list.Items[0]
}

func problemOf(t *testing.T, raw []byte) problemOut {
	t.Helper()
	var p problemOut
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("not problem+json: %s", raw)
	}
	return p
}

func hasStep(ch chartOut, step string) bool { return ch.requires(step) }

// TestChestXRaySecondRead: a woman of 30 bound for the US has her X-ray ordered from the plan
// (rule and source kept); the X-ray waits for the pregnancy answer; the first read (a cavity on
// DS-3030) suggests TB and goes to a second reader blind to it; the second reader disagrees, a
// third reader decides, and only then does the plan get its cxr result and ask for sputum.
func TestChestXRaySecondRead(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	id := queuedPerson(t, st, "RX-A", "female", "1996-05-01")
	rad, rad2, doc, lab := st.Login(t, "radiology"), st.Login(t, "radiology2"), st.Login(t, "physician"), st.Login(t, "lab")
	s := orderCXR(t, st, id)
	if s.Form != "DS-3030" || s.Rule != "us.tb.cxr_age_15" || s.Source == "" || !strings.HasPrefix(s.Accession, "RXKGL") || !s.PregnancyAsked {
		t.Fatalf("study %+v", s)
	}
	again := orderCXR(t, st, id)
	if again.ID != s.ID {
		t.Error("ordering twice made a second study")
	}
	path := "/api/imaging/" + s.ID

	code, raw := rad.Do("POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{"cavitary_lesion"}}, nil)
	if code != 409 || problemOf(t, raw).Code != "invalid_state" {
		t.Errorf("reading before the pregnancy answer: %d %s", code, raw)
	}
	code, raw = rad.Do("POST", path+"/pregnancy", map[string]any{"version": s.Version, "answer": "maybe"}, nil)
	if p := problemOf(t, raw); code != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "answer" {
		t.Errorf("a bad answer: %d %s", code, raw)
	}
	// The person is in front of the radiographer: checked against the photo first (docs/identity.md).
	code, raw = rad.Do("POST", path+"/pregnancy", map[string]any{"version": s.Version, "answer": "shield"}, nil)
	if code != 409 || problemOf(t, raw).Code != "identity_check_required" {
		t.Errorf("the pregnancy answer without the X-ray's identity check: %d %s", code, raw)
	}
	st.PassIdentity(t, id, "xray")
	rad.Must(200, "POST", path+"/pregnancy", map[string]any{"version": s.Version, "answer": "shield"}, &s)

	// Refusals: unknown finding, a grade on DS-3030, a stale version, a role that does not read.
	code, raw = rad.Do("POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{"cavitary_lesion", "spots"}, "grade": "normal"}, nil)
	p := problemOf(t, raw)
	if code != 422 || len(p.Errors) != 2 || p.Errors[0].Field != "grade" || p.Errors[1].Field != "findings[1]" {
		t.Errorf("bad findings: %d %s", code, raw)
	}
	if ct := rad.LastHeader.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("content type %q", ct)
	}
	code, raw = rad.Do("POST", path+"/readings", map[string]any{"version": 1, "findings": []string{}}, nil)
	if code != 409 || problemOf(t, raw).Code != "conflict" {
		t.Errorf("stale version: %d %s", code, raw)
	}
	if code, _ = lab.Do("POST", path+"/readings", map[string]any{"version": s.Version}, nil); code != 403 {
		t.Errorf("lab reads an X-ray: %d", code)
	}

	rad.Must(200, "POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{"cavitary_lesion", "cardiac"}}, &s)
	if s.Status != "second_read" || s.SecondRead != "required" || s.Readings[0].Result != "suggestive_of_tb" {
		t.Fatalf("after the first read: %+v", s)
	}
	var ch chartOut
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if hasStep(ch, "sputum_cultures") {
		t.Error("the first read drove the plan before the second")
	}
	code, raw = rad.Do("POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{}}, nil)
	if code != 409 || problemOf(t, raw).Code != "invalid_state" {
		t.Errorf("the first reader read twice: %d %s", code, raw)
	}
	var blind studyOut
	rad2.Must(200, "GET", path, nil, &blind)
	if len(blind.Readings) != 0 || blind.Hidden != 1 {
		t.Errorf("the second reader sees the first reading: %+v", blind)
	}
	var list struct{ Items []studyOut }
	rad2.Must(200, "GET", "/api/imaging", nil, &list)
	found := false
	for _, it := range list.Items {
		if it.ID == s.ID {
			found = len(it.Readings) == 0 && it.Status == "second_read"
		}
	}
	if !found {
		t.Error("the worklist does not list the study for a blind second read")
	}
	rad2.Must(200, "POST", path+"/readings", map[string]any{"version": blind.Version, "findings": []string{"reticular_fibrosis"}}, &s)
	if s.Status != "third_read" || len(s.Readings) != 1 || s.Hidden != 1 {
		t.Fatalf("a discordant second read: %+v", s)
	}
	doc.Must(200, "POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{"infiltrate_consolidation"}}, &s)
	if s.Status != "final" || s.Final != "suggestive_of_tb" || len(s.Readings) != 3 || s.Readings[2].Kind != "third" || s.Turnaround == nil {
		t.Fatalf("after the third read: %+v", s)
	}
	doc.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if !hasStep(ch, "sputum_cultures") || !hasStep(ch, "sputum_smears") {
		t.Errorf("the final reading did not ask for sputum: %+v", ch.Plan.Required)
	}
	// The lab's orders follow the plan at once: the sputum tests are ordered, with their rule.
	var rec struct {
		Orders []struct {
			Step string `json:"step"`
			Rule string `json:"rule"`
		} `json:"orders"`
	}
	lab.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	ordered := map[string]string{}
	for _, o := range rec.Orders {
		ordered[o.Step] = o.Rule
	}
	if !strings.HasPrefix(ordered["sputum_smears"], "us.tb") || !strings.HasPrefix(ordered["sputum_cultures"], "us.tb") {
		t.Errorf("the final reading did not order sputum: %v", ordered)
	}
	code, raw = rad.Do("POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": "cxr", "value": "normal"}, nil)
	if code != 409 || problemOf(t, raw).Code != "invalid_state" {
		t.Errorf("a typed cxr result beside the study: %d %s", code, raw)
	}
	code, _ = rad.Do("POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{}}, nil)
	if code != 409 {
		t.Errorf("a reading after the final: %d", code)
	}
}

// TestChestXRayConsensus: with every X-ray sampled (100 %), a normal first read goes to a second
// reader; they disagree; a consensus without its participants is refused, with them it is final.
// A man is not asked about pregnancy.
func TestChestXRayConsensus(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	admin, rad, rad2 := st.Login(t, "admin"), st.Login(t, "radiology"), st.Login(t, "radiology2")
	code, raw := admin.Do("PUT", "/api/imaging/settings/second-read", map[string]any{"percent": 101}, nil)
	if code != 422 || problemOf(t, raw).Errors[0].Field != "percent" {
		t.Errorf("a share over 100: %d %s", code, raw)
	}
	admin.Must(200, "PUT", "/api/imaging/settings/second-read", map[string]any{"percent": 100}, nil)
	id := queuedPerson(t, st, "RX-B", "male", "1980-01-01")
	s := orderCXR(t, st, id)
	if s.PregnancyAsked {
		t.Error("a man is asked about pregnancy")
	}
	path := "/api/imaging/" + s.ID
	code, raw = rad.Do("POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{}}, nil)
	if code != 409 || problemOf(t, raw).Code != "identity_check_required" {
		t.Errorf("a reading without the X-ray's identity check: %d %s", code, raw)
	}
	st.PassIdentity(t, id, "xray") // made when the image was taken; it counts for every read
	rad.Must(200, "POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{}}, &s)
	if s.Status != "second_read" || s.SecondRead != "sampled" || s.Readings[0].Result != "normal" {
		t.Fatalf("after a normal first read at 100 %%: %+v", s)
	}
	rad2.Must(200, "POST", path+"/readings", map[string]any{"version": s.Version, "findings": []string{"smooth_pleural_thickening"}}, &s)
	if s.Status != "third_read" {
		t.Fatalf("normal against abnormal_not_tb is not discordant: %+v", s)
	}
	code, raw = rad.Do("POST", path+"/readings", map[string]any{"version": s.Version, "consensus": true, "findings": []string{}}, nil)
	if code != 422 || problemOf(t, raw).Errors[0].Field != "participants" {
		t.Errorf("a consensus without participants: %d %s", code, raw)
	}
	rad.Must(200, "POST", path+"/readings", map[string]any{"version": s.Version, "consensus": true, "participants": "E. Niyonzima, D. Mutoni",
		"findings": []string{"smooth_pleural_thickening"}}, &s)
	if s.Status != "final" || s.Final != "abnormal_not_tb" || s.Readings[2].Kind != "consensus" {
		t.Errorf("after the consensus: %+v", s)
	}
}

// oru is a teleradiology report for an accession number.
func oru(control, accession, text string) string {
	return strings.Join([]string{
		`MSH|^~\&|TELERAD|NAIROBI|MHAC|KGL|20261203101500||ORU^R01|` + control + `|P|2.5`,
		`ORC|RE||` + accession,
		`OBR|1||` + accession + `|71046^Chest X-ray|||20261203080000|||||||||||||||20261203093000|||F|||||||77&Otieno&Paul`,
		`OBX|1|TX|71046||` + text + `||||||F`,
	}, "\r\n") + "\r\n"
}

// TestTeleradiologyImport: pushed reports are matched on the accession number and shown on the
// study; the radiologist confirms one without re-typing it; a report for no X-ray and a message
// that does not parse are kept in the admin's list with the reason; a repeat is kept once.
func TestTeleradiologyImport(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	admin, rad := st.Login(t, "admin"), st.Login(t, "radiology")
	admin.Must(200, "PUT", "/api/imaging/settings/second-read", map[string]any{"percent": 0}, nil)
	id := queuedPerson(t, st, "RX-C", "male", "1975-02-02")
	st.PassIdentity(t, id, "xray")
	s := orderCXR(t, st, id)
	body := oru("TR-1", s.Accession, `Lungs clear\.br\No active disease`) + oru("TR-2", "RXNOPE0000001", "Clear") + "MSH|^~\r"
	var lines struct {
		Items []struct {
			File, Accession, Status, Reader, Report, Error string
			ControlID                                      string `json:"control_id"`
			ReadAt                                         string `json:"read_at"`
			Matched                                        bool
		}
	}
	rad.Must(200, "POST", "/api/radiology/reports", []byte(body), &lines)
	if len(lines.Items) != 3 {
		t.Fatalf("%d lines, want 3: %+v", len(lines.Items), lines)
	}
	if l := lines.Items[0]; !l.Matched || l.ControlID != "TR-1" || l.Accession != s.Accession || l.Reader != "Paul Otieno" || l.ReadAt != "2026-12-03T09:30:00Z" || l.Report != "Lungs clear\nNo active disease" {
		t.Errorf("line 1: %+v", l)
	}
	if l := lines.Items[1]; l.Matched || !strings.Contains(l.Error, "RXNOPE0000001") {
		t.Errorf("line 2: %+v", l)
	}
	if l := lines.Items[2]; l.Matched || l.Error == "" {
		t.Errorf("line 3: %+v", l)
	}
	rad.Must(200, "POST", "/api/radiology/reports", []byte(oru("TR-1", s.Accession, "Lungs clear")), nil)
	rad.Must(200, "GET", "/api/imaging/"+s.ID, nil, &s)
	if len(s.Reports) != 1 || s.Reports[0].Report != "Lungs clear\nNo active disease" || s.Reports[0].ControlID != "TR-1" {
		t.Fatalf("reports on the study: %+v", s.Reports)
	}
	var errs struct {
		Items []struct {
			Reason, Message string
			ControlID       string `json:"control_id"`
		}
	}
	admin.Must(200, "GET", "/api/admin/radiology-import-errors", nil, &errs)
	if len(errs.Items) != 2 {
		t.Fatalf("%d kept errors, want 2: %+v", len(errs.Items), errs)
	}
	for _, e := range errs.Items {
		if e.Reason == "" || e.Message == "" {
			t.Errorf("an error kept without its reason or message: %+v", e)
		}
	}
	if code, _ := rad.Do("GET", "/api/admin/radiology-import-errors", nil, nil); code != 403 {
		t.Errorf("radiology reads the admin's error list: %d", code)
	}
	rad.Must(200, "POST", "/api/imaging/"+s.ID+"/readings", map[string]any{"version": s.Version, "report_id": s.Reports[0].ID, "findings": []string{}}, &s)
	if s.Status != "final" || s.Final != "normal" || s.Readings[0].ReportedBy != "Paul Otieno" || s.Readings[0].Remarks != "Lungs clear\nNo active disease" {
		t.Errorf("after confirming the report: %+v", s)
	}
	var ch chartOut
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	for _, p := range ch.Plan.Pending {
		if p == "cxr" {
			t.Error("the confirmed report did not give the cxr result")
		}
	}
}
