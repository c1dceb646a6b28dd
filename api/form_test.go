package api_test

import (
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// signedAdult drives one adult through the exam to sign-off over HTTP and waits for the forms.
func signedAdult(t *testing.T, st *clinictest.Stack, number string) chartOut {
	t.Helper()
	return waitForms(t, st.Login(t, "physician"), signOff(t, st, number))
}

// signOff drives one adult through the exam to sign-off over HTTP: the forms are ordered.
func signOff(t *testing.T, st *clinictest.Stack, number string) chartOut {
	t.Helper()
	caseID, id := registerOne(t, st, number)
	photograph(t, st, caseID)
	nurse, doc := st.Login(t, "nurse"), st.Login(t, "physician")
	var ch chartOut
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
	for _, step := range ch.Plan.Pending {
		who, value := st.Login(t, "lab"), "nonreactive"
		if step == "cxr" {
			who, value = st.Login(t, "radiology"), "normal"
		}
		who.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
	}
	doc.Must(200, "PUT", "/api/assessments/"+id+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	doc.Must(200, "POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, &ch)
	return ch
}

// TestAddendumAndRevocation checks that an addendum reissues the forms from a new snapshot and
// supersedes the old ones, and that a revoked form says so on its public page.
func TestAddendumAndRevocation(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-ADD-1")
	doc := st.Login(t, "physician")
	old := formOf(t, ch, "DS-2054")
	doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/addenda", map[string]any{"version": ch.Version, "text": "Weight re-measured: 56 kg."}, &ch)
	ch = waitForms(t, doc, ch)
	reissued := formOf(t, ch, "DS-2054")
	if reissued.ID == old.ID {
		t.Fatal("the addendum did not reissue the DS-2054")
	}
	public := st.NewClient(t)
	var v struct{ Status string }
	public.Must(200, "GET", "/api/verify/"+token(old), nil, &v)
	if v.Status != "superseded" {
		t.Fatalf("the old form's page says %q", v.Status)
	}
	if code, raw := st.Login(t, "nurse").Do("POST", "/api/forms/"+reissued.ID+"/revoke", map[string]any{"reason": "x"}, nil); code != 403 {
		t.Fatalf("a nurse revoking: %d %s", code, raw)
	}
	if code, raw := doc.Do("POST", "/api/forms/"+reissued.ID+"/revoke", map[string]any{"reason": " "}, nil); code != 422 {
		t.Fatalf("revoking without a reason: %d %s", code, raw)
	}
	doc.Must(200, "POST", "/api/forms/"+reissued.ID+"/revoke", map[string]any{"reason": "Issued for the wrong person."}, nil)
	public.Must(200, "GET", "/api/verify/"+token(reissued), nil, &v)
	if v.Status != "revoked" {
		t.Fatalf("the revoked form's page says %q", v.Status)
	}
	pdf := doc.Must(200, "GET", "/api/forms/"+reissued.ID+"/pdf", nil, nil)
	var up struct {
		Matches bool
		Reason  string
	}
	if code, raw := public.Upload("/api/verify/"+token(reissued), pdf, &up); code != 200 || !up.Matches || !strings.Contains(up.Reason, "revoked") {
		t.Fatalf("upload of a revoked form: %d %s", code, raw)
	}
}

func token(f formOut) string { return f.VerifyURL[strings.LastIndex(f.VerifyURL, "/")+1:] }

// TestReexamine checks that a signed person can be examined again: a new queued assessment
// becomes current, the old one and its forms stay, and a second reopening waits for sign-off.
func TestReexamine(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	old := signedAdult(t, st, "RW-REX-1")
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(200, "GET", "/api/cases/"+caseIDOf(t, st, "RW-REX-1"), nil, &cs)
	person := cs.Members[0].ID
	reg.Must(200, "POST", "/api/applicants/"+person+"/reexamine", nil, &cs)
	fresh := cs.Members[0].AssessmentID
	if fresh == "" || fresh == old.ID {
		t.Fatalf("no new assessment: %+v", cs.Members[0])
	}
	var ch chartOut
	nurse := st.Login(t, "nurse")
	nurse.Must(200, "GET", "/api/assessments/"+fresh, nil, &ch)
	if ch.State != "queued" {
		t.Fatalf("the new assessment is %s", ch.State)
	}
	nurse.Must(200, "GET", "/api/assessments/"+old.ID, nil, &ch)
	if ch.State != "signed" || len(ch.Forms) == 0 {
		t.Fatalf("the old assessment: %s with %d forms", ch.State, len(ch.Forms))
	}
	if code, raw := reg.Do("POST", "/api/applicants/"+person+"/reexamine", nil, nil); code != 409 || clinictest.ProblemOf(t, raw).Code != "invalid_state" {
		t.Fatalf("reopening an open assessment: %d %s", code, raw)
	}
}
