package api_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestPECWithAssistanceIssuesMEDIF records a PEC with a wheelchair and oxygen: the check issues
// the PEC form and a MEDIF, both signed (pdfsig calls the signature valid); the caseworker finds
// the MEDIF on the flight's list and downloads it; a later check without needs retires it.
func TestPECWithAssistanceIssuesMEDIF(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-MEDIF-1")
	cw, nurse := st.Login(t, "caseworker"), st.Login(t, "nurse")
	var cs caseOut
	caseID := caseIDOf(t, st, "RW-MEDIF-1")
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	soon := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RWA9B", "departure_date": soon, "version": cs.Version}, nil)

	pec := map[string]any{"version": ch.Version, "temperature_c": 36.7, "pulse": 92, "systolic_bp": 124, "diastolic_bp": 78, "spo2": 91,
		"symptom_answers": []map[string]any{{"code": "fever"}, {"code": "cough"}, {"code": "rash"}, {"code": "diarrhoea"}, {"code": "sick_contact"}},
		"pregnancy_weeks": 20, "new_medicines": "Salbutamol inhaler", "outcome": "fit_with_assistance",
		"travel_needs": map[string]any{"wheelchair": "WCHC", "oxygen_lpm": 2, "escort": "IOM nurse"}}
	// An unknown wheelchair code is a field problem, not a 500.
	bad := map[string]any{}
	for k, v := range pec {
		bad[k] = v
	}
	bad["travel_needs"] = map[string]any{"wheelchair": "WCHZ"}
	if code, raw := nurse.Do("POST", "/api/assessments/"+ch.ID+"/pec", bad, nil); code != 422 || !strings.Contains(string(raw), "travel_needs.wheelchair") {
		t.Fatalf("a wrong wheelchair code: %d %s", code, raw)
	}
	var out struct {
		chartOut
		PEC struct {
			Outcome        string   `json:"outcome"`
			Medif          bool     `json:"medif"`
			PregnancyLimit *string  `json:"pregnancy_limit"`
			NeedLabels     []string `json:"travel_need_labels"`
		} `json:"pec"`
	}
	nurse.Must(200, "POST", "/api/assessments/"+ch.ID+"/pec", pec, &out)
	if out.PEC.Outcome != "fit_with_assistance" || !out.PEC.Medif || out.PEC.PregnancyLimit == nil ||
		!strings.Contains(*out.PEC.PregnancyLimit, "IATA") || len(out.PEC.NeedLabels) != 3 {
		t.Fatalf("PEC answer: %+v", out.PEC)
	}
	medif := waitForm(t, st.Login(t, "physician"), ch.ID, "MEDIF")
	waitForm(t, st.Login(t, "physician"), ch.ID, "PEC")

	var flights struct {
		Items []struct{ ID, Number string } `json:"items"`
	}
	cw.Must(200, "GET", "/api/flights?from="+soon+"&to="+soon, nil, &flights)
	if len(flights.Items) != 1 {
		t.Fatalf("flights: %+v", flights)
	}
	fid := flights.Items[0].ID
	var list struct {
		Items []struct {
			Name  string   `json:"name"`
			Needs []string `json:"needs"`
			PDF   string   `json:"pdf"`
			Form  formOut  `json:"form"`
		} `json:"items"`
	}
	cw.Must(200, "GET", "/api/flights/"+fid+"/medifs", nil, &list)
	if len(list.Items) != 1 || list.Items[0].Form.ID != medif.ID || !strings.Contains(strings.Join(list.Items[0].Needs, "|"), "Oxygen in flight: 2 L/min") {
		t.Fatalf("the flight's MEDIFs: %+v", list)
	}
	code, pdf := cw.Do("GET", list.Items[0].PDF, nil, nil)
	if code != 200 {
		t.Fatalf("MEDIF download: %d %s", code, pdf)
	}
	checkPDF(t, pdf)
	text := pdfText(t, pdf)
	for _, want := range []string{"Medical Information Form (MEDIF)", "WCHC", "2 litres per minute", "IOM nurse", "20 weeks", "Not recorded"} {
		if !strings.Contains(text, want) {
			t.Errorf("the MEDIF lacks %q", want)
		}
	}
	// A nurse has no business in the movement list; another form id is not found.
	nurse.Must(403, "GET", "/api/flights/"+fid+"/medifs", nil, nil)
	cw.Must(404, "GET", "/api/flights/"+fid+"/medifs/"+url.PathEscape(waitForm(t, st.Login(t, "physician"), ch.ID, "DS-2054").ID)+"/pdf", nil, nil)

	// A new check with no assistance needs retires the MEDIF.
	var now chartOut
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+ch.ID, nil, &now)
	nurse.Must(200, "POST", "/api/assessments/"+ch.ID+"/pec", map[string]any{"version": now.Version, "temperature_c": 36.5, "outcome": "fit"}, nil)
	cw.Must(200, "GET", "/api/flights/"+fid+"/medifs", nil, &list)
	if len(list.Items) != 0 {
		t.Fatalf("a retired MEDIF is still listed: %+v", list)
	}
}

// waitForm waits for the valid form of a type on an assessment.
func waitForm(t *testing.T, c *clinictest.Client, id, typ string) formOut {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ch chartOut
		c.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
		for _, f := range ch.Forms {
			if f.FormType == typ && f.Status == "valid" {
				return f
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no valid %s within a minute: %+v", typ, ch.Forms)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
