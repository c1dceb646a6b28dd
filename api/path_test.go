package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// Shapes of the answers the path reads.
type member struct {
	ID           string `json:"id"`
	GivenNames   string `json:"given_names"`
	AgeYears     int    `json:"age_years"`
	AssessmentID string `json:"assessment_id"`
}

type caseOut struct {
	ID      string   `json:"id"`
	Version int      `json:"version"`
	Members []member `json:"members"`
}

type chartOut struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	State   string `json:"state"`
	Plan    struct {
		AgeYears int `json:"age_years"`
		Required []struct {
			Step, Rule, Reason string
			Source             struct{ Doc, Section string }
			Done               bool
		} `json:"required"`
		Pending []string `json:"pending"`
		Outcome struct {
			Codes []string `json:"codes"`
		} `json:"outcome"`
		Forms []string `json:"forms"`
	} `json:"plan"`
	Forms []formOut `json:"forms"`
}

type formOut struct {
	ID        string `json:"id"`
	FormType  string `json:"form_type"`
	Status    string `json:"status"`
	VerifyURL string `json:"verify_url"`
}

func (c chartOut) requires(step string) bool {
	for _, r := range c.Plan.Required {
		if r.Step == step {
			return true
		}
	}
	return false
}

// TestApplicantPath walks one family from registration to a panel's download, as the clinic does
// it: registrar, nurse, physician, lab, radiology, physician, worker, caseworker, nurse, panels,
// and the public verification page.
func TestApplicantPath(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	today := time.Now().UTC()
	child := today.AddDate(-8, 0, -10).Format(time.DateOnly)

	// 1. The registrar registers a US-bound refugee family and queues it.
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{
		"case_number": "RW-PATH-1", "destination": "US", "program": "refugee",
		"members": []map[string]any{
			{"surnames": "Uwimana", "given_names": "Ngabo", "birth_date": "1986-04-02", "sex": "male", "relationship": "principal", "residence_country": "RW", "countries_lived": []string{"CD"}},
			{"surnames": "Uwimana", "given_names": "Hélène", "birth_date": "1990-01-01", "birth_date_estimated": true, "sex": "female", "relationship": "spouse", "residence_country": "RW", "countries_lived": []string{"CD"}},
			{"surnames": "Uwimana", "given_names": "Émilienne", "birth_date": child, "sex": "female", "relationship": "child", "residence_country": "RW"},
		}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	st.ConsentAll(t, cs.ID)
	if len(cs.Members) != 3 || cs.Members[2].AssessmentID == "" {
		t.Fatalf("queued case: %+v", cs)
	}
	cw := st.Login(t, "caseworker")
	departure := today.AddDate(0, 0, 2).Format(time.DateOnly)
	cw.Must(200, "PUT", "/api/cases/"+cs.ID+"/flight", map[string]any{"flight_number": "RW484", "departure_date": departure, "version": cs.Version}, nil)

	// 2. The nurse records history and vitals from the worklist.
	nurse := st.Login(t, "nurse")
	var wl struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
		}
	}
	nurse.Must(200, "GET", "/api/worklist?station=nurse", nil, &wl)
	if len(wl.Items) != 3 {
		t.Fatalf("nurse worklist has %d people, want 3", len(wl.Items))
	}
	charts := map[string]chartOut{}
	for _, m := range cs.Members {
		var ch chartOut
		// The registrar photographed each person; each station checks the person against the photo
		// and the document first.
		st.TakePhoto(t, m.ID)
		clinictest.PassIdentity(t, nurse, m.AssessmentID)
		nurse.Must(200, "PUT", "/api/assessments/"+m.AssessmentID+"/history", map[string]any{"version": 1,
			"answers": []map[string]any{{"code": "cough_2_weeks", "answer": false}, {"code": "tb_contact", "answer": false}}}, &ch)
		nurse.Must(200, "PUT", "/api/assessments/"+m.AssessmentID+"/vitals", map[string]any{"version": ch.Version,
			"height_cm": 165, "weight_kg": 58, "bp_systolic": 120, "bp_diastolic": 78, "pulse": 70, "temperature_c": 36.8, "exam_normal": true}, &ch)
		charts[m.GivenNames] = ch
	}

	// 3. The physician sees what the US protocol requires for each person, and why.
	doc := st.Login(t, "physician")
	for name, ch := range charts {
		doc.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
		charts[name] = ch
	}
	adult, kid := charts["Ngabo"], charts["Émilienne"]
	if !adult.requires("cxr") || kid.requires("cxr") || !kid.requires("igra") || adult.requires("igra") {
		t.Fatalf("plans: adult %+v / child %+v", adult.Plan.Required, kid.Plan.Required)
	}
	for _, r := range adult.Plan.Required {
		if r.Step == "cxr" && (!strings.Contains(r.Reason, "15") || r.Source.Doc == "" || r.Rule == "") {
			t.Errorf("cxr rule lacks its reason or source: %+v", r)
		}
	}

	// 4. Lab and radiology record the results; the lab may not read X-rays.
	lab, rad := st.Login(t, "lab"), st.Login(t, "radiology")
	if code, raw := lab.Do("POST", "/api/assessments/"+adult.ID+"/results", map[string]any{"version": adult.Version, "step": "cxr", "value": "normal"}, nil); code != 403 {
		t.Fatalf("lab recording a chest X-ray: %d %s", code, raw)
	}
	for name, ch := range charts {
		for _, step := range ch.Plan.Pending {
			who, value := lab, any("negative")
			switch step {
			case "cxr":
				who, value = rad, "normal"
			case "syphilis":
				value = "nonreactive"
			}
			who.Must(200, "POST", "/api/assessments/"+ch.ID+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
		}
		if len(ch.Plan.Pending) != 0 {
			t.Fatalf("%s still pending %v", name, ch.Plan.Pending)
		}
		charts[name] = ch
	}

	// 5. The physician classifies and signs; the signed record is locked.
	for name, ch := range charts {
		doc.Must(200, "PUT", "/api/assessments/"+ch.ID+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
		doc.Must(200, "POST", "/api/assessments/"+ch.ID+"/signoff", map[string]any{"version": ch.Version}, &ch)
		if ch.State != "signed" {
			t.Fatalf("%s: state %s after sign-off", name, ch.State)
		}
		code, raw := nurse.Do("PUT", "/api/assessments/"+ch.ID+"/vitals", map[string]any{"version": ch.Version, "height_cm": 170, "weight_kg": 60}, nil)
		if p := clinictest.ProblemOf(t, raw); code != 409 || p.Code != "locked" {
			t.Fatalf("editing a signed chart: %d %s", code, raw)
		}
		charts[name] = ch
	}

	// 6. The worker draws and signs every form the protocol lists.
	for name, ch := range charts {
		charts[name] = waitForms(t, doc, ch)
	}

	// 7. The caseworker's board says, in plain words, that the PEC is due.
	statuses := boardStatuses(t, cw, "RW-PATH-1")
	for name, s := range statuses {
		if s != "cleared, pre-embarkation check due" {
			t.Errorf("board: %s is %q", name, s)
		}
	}

	// 8. The nurse records the pre-embarkation check: fit to travel.
	for name, ch := range charts {
		nurse.Must(200, "POST", "/api/assessments/"+ch.ID+"/pec", map[string]any{"version": ch.Version, "temperature_c": 36.6, "fit": true}, &ch)
		charts[name] = ch
	}
	for name, s := range boardStatuses(t, cw, "RW-PATH-1") {
		if s != "fit to travel" {
			t.Errorf("board after PEC: %s is %q", name, s)
		}
	}

	// 9. The US panel lists and downloads the DS-2054; the Canadian panel cannot.
	form := formOf(t, charts["Ngabo"], "DS-2054")
	us, ca := st.Login(t, "panel.us"), st.Login(t, "panel.ca")
	var list struct{ Items []struct{ Name string } }
	us.Must(200, "GET", "/api/panel/applicants?flight=RW484", nil, &list)
	if len(list.Items) != 3 {
		t.Fatalf("US panel sees %d applicants on RW484, want 3", len(list.Items))
	}
	pdf := us.Must(200, "GET", "/api/forms/"+form.ID+"/pdf", nil, nil)
	checkPDF(t, pdf)
	ca.Must(200, "GET", "/api/panel/applicants", nil, &list)
	if len(list.Items) != 0 {
		t.Fatalf("Canadian panel sees US applicants: %+v", list)
	}
	if code, _ := ca.Do("GET", "/api/forms/"+form.ID+"/pdf", nil, nil); code != 404 {
		t.Fatalf("Canadian panel downloading a US form: %d", code)
	}
	zip := us.Must(200, "GET", "/api/panel/flights/RW484/forms.zip", nil, nil)
	if len(zip) < 1000 || string(zip[:2]) != "PK" {
		t.Fatalf("flight ZIP: %d bytes", len(zip))
	}

	// 10. The QR code's page says the form is authentic, and checks an uploaded copy.
	public := st.NewClient(t)
	token := form.VerifyURL[strings.LastIndex(form.VerifyURL, "/")+1:]
	var v struct {
		Status    string `json:"status"`
		Initials  string `json:"initials"`
		BirthYear int    `json:"birth_year"`
	}
	public.Must(200, "GET", "/api/verify/"+token, nil, &v)
	if v.Status != "valid" || v.BirthYear != 1986 || v.Initials != "N.U." {
		t.Fatalf("verify page: %+v", v)
	}
	var up struct {
		Matches bool   `json:"matches"`
		Reason  string `json:"reason"`
	}
	if code, raw := public.Upload("/api/verify/"+token, pdf, &up); code != 200 || !up.Matches {
		t.Fatalf("uploading the downloaded form: %d %s", code, raw)
	}
	tampered := append([]byte(nil), pdf...)
	tampered[len(tampered)/3] ^= 0x01
	if code, raw := public.Upload("/api/verify/"+token, tampered, &up); code != 200 || up.Matches {
		t.Fatalf("a changed byte still matches: %d %s", code, raw)
	}
}

func waitForms(t *testing.T, c *clinictest.Client, ch chartOut) chartOut {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		c.Must(200, "GET", "/api/assessments/"+ch.ID, nil, &ch)
		valid := 0
		for _, f := range ch.Forms {
			if f.Status == "valid" {
				valid++
			}
		}
		if valid == len(ch.Plan.Forms) && valid > 0 {
			return ch
		}
		if time.Now().After(deadline) {
			t.Fatalf("forms of %s not issued within a minute: %+v (want %v)", ch.ID, ch.Forms, ch.Plan.Forms)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func formOf(t *testing.T, ch chartOut, typ string) formOut {
	for _, f := range ch.Forms {
		if f.FormType == typ && f.Status == "valid" {
			return f
		}
	}
	t.Fatalf("no valid %s among %+v", typ, ch.Forms)
	return formOut{}
}

func boardStatuses(t *testing.T, c *clinictest.Client, caseNumber string) map[string]string {
	t.Helper()
	var b struct {
		Items []struct {
			CaseNumber string `json:"case_number"`
			Members    []struct {
				Name        string `json:"name"`
				StatusLabel string `json:"status_label"`
			} `json:"members"`
		} `json:"items"`
	}
	c.Must(200, "GET", "/api/board?q="+caseNumber, nil, &b)
	out := map[string]string{}
	for _, cs := range b.Items {
		for _, m := range cs.Members {
			out[m.Name] = m.StatusLabel
		}
	}
	if len(out) != 3 {
		t.Fatalf("board lists %d members, want 3: %+v", len(out), b)
	}
	return out
}

// checkPDF runs the real pdfsig and qpdf on a downloaded form.
func checkPDF(t *testing.T, pdf []byte) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", f).CombinedOutput()
	for _, want := range []string{"Signature is Valid.", "Total document signed"} {
		if !strings.Contains(string(out), want) {
			t.Fatalf("pdfsig does not say %q:\n%s", want, out)
		}
	}
	if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}
