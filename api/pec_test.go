package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestPECWindowAndHold checks that the pre-embarkation check is refused before the protocol's
// window opens, and that an outcome that holds travel can never be found fit.
func TestPECWindowAndHold(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-PEC-1")
	var cs caseOut
	cw, nurse := st.Login(t, "caseworker"), st.Login(t, "nurse")
	st.Login(t, "registrar").Must(200, "GET", "/api/cases/"+caseIDOf(t, st, "RW-PEC-1"), nil, &cs)
	far := time.Now().UTC().AddDate(0, 0, 10).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RW484", "departure_date": far, "version": cs.Version}, &cs)
	pec := map[string]any{"version": ch.Version, "temperature_c": 36.6, "fit": true}
	code, raw := nurse.Do("POST", "/api/assessments/"+ch.ID+"/pec", pec, nil)
	if code != 409 || !strings.Contains(string(raw), "at most 72 hours") {
		t.Fatalf("a PEC ten days before the flight: %d %s", code, raw)
	}
	soon := time.Now().UTC().AddDate(0, 0, 2).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RW484", "departure_date": soon, "version": cs.Version}, nil)
	nurse.Must(200, "POST", "/api/assessments/"+ch.ID+"/pec", pec, nil)

	// A physician who classifies Class A TB holds the person: no PEC can find them fit.
	held := signedWithCodes(t, st, "RW-PEC-2", []string{"class_a_tb"})
	code, raw = nurse.Do("POST", "/api/assessments/"+held.ID+"/pec", map[string]any{"version": held.Version, "temperature_c": 36.6, "fit": true}, nil)
	if code != 409 || !strings.Contains(string(raw), "holds travel") {
		t.Fatalf("a fit PEC for Class A TB: %d %s", code, raw)
	}
	var board struct {
		Items []struct {
			Members []struct{ Status string } `json:"members"`
		} `json:"items"`
	}
	cw.Must(200, "GET", "/api/board?q=RW-PEC-2", nil, &board)
	if len(board.Items) != 1 || board.Items[0].Members[0].Status != "on_hold" {
		t.Fatalf("the board for Class A TB: %+v", board)
	}
}

func caseIDOf(t *testing.T, st *clinictest.Stack, number string) string {
	var res struct {
		Items []struct{ ID string } `json:"items"`
	}
	st.Login(t, "registrar").Must(200, "GET", "/api/cases?q="+number, nil, &res)
	if len(res.Items) != 1 {
		t.Fatalf("case %s: %+v", number, res)
	}
	return res.Items[0].ID
}

// signedWithCodes takes one adult to sign-off with the physician's own classification.
func signedWithCodes(t *testing.T, st *clinictest.Stack, number string, codes []string) chartOut {
	t.Helper()
	caseID, id := registerOne(t, st, number)
	photograph(t, st, caseID)
	nurse, doc := st.Login(t, "nurse"), st.Login(t, "physician")
	var ch chartOut
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
	ch = recordPending(t, st, id, ch)
	doc.Must(200, "PUT", "/api/assessments/"+id+"/classification", map[string]any{"version": ch.Version, "codes": codes}, &ch)
	doc.Must(200, "POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, &ch)
	return ch
}

// recordPending records an unremarkable result for every test the protocol still waits for.
func recordPending(t *testing.T, st *clinictest.Stack, id string, ch chartOut) chartOut {
	t.Helper()
	values := map[string]string{"cxr": "normal", "syphilis": "nonreactive", "mtb_naat": "not_detected", "urinalysis": "normal"}
	for _, step := range ch.Plan.Pending {
		who, v := "lab", values[step]
		if step == "cxr" {
			who = "radiology"
		}
		if v == "" {
			v = "negative"
		}
		st.Login(t, who).Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": step, "value": v}, &ch)
	}
	return ch
}
