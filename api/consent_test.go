package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type consentOut struct {
	ID        string `json:"id"`
	Purpose   string `json:"purpose"`
	Country   string `json:"country"`
	Kind      string `json:"kind"`
	ProxyName string `json:"proxy_name"`
	Standing  bool   `json:"standing"`
	Withdrawn *struct {
		On     string `json:"on"`
		Reason string `json:"reason"`
	} `json:"withdrawn"`
}

type counselChart struct {
	ID          string   `json:"id"`
	Version     int      `json:"version"`
	Incomplete  []string `json:"incomplete"`
	Counselling []struct {
		Topic, Stage string
	} `json:"counselling"`
}

// registerBare registers and queues one person bound for dest, without any consent.
func registerBare(t *testing.T, st *clinictest.Stack, number, dest, born string) (caseID, applicantID, assessmentID string) {
	t.Helper()
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": dest, "program": "refugee",
		"members": []map[string]any{{"surnames": "Uwera", "given_names": "Solange", "birth_date": born, "sex": "female", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	return cs.ID, cs.Members[0].ID, cs.Members[0].AssessmentID
}

func wantProblem(t *testing.T, what string, code int, raw []byte, wantStatus int, wantCode, wantField string) {
	t.Helper()
	p := clinictest.ProblemOf(t, raw)
	if code != wantStatus || p.Code != wantCode {
		t.Fatalf("%s: %d %s, want %d %s", what, code, raw, wantStatus, wantCode)
	}
	if wantField == "" {
		return
	}
	for _, f := range p.Errors {
		if f.Field == wantField {
			return
		}
	}
	t.Fatalf("%s: no problem on field %q: %s", what, wantField, raw)
}

// TestConsentRecording: each kind of consent is checked for what it needs; a second standing
// consent for a purpose is refused; a withdrawal keeps the record.
func TestConsentRecording(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, adult, _ := registerBare(t, st, "RW-CONS-1", "US", "1990-02-03")
	reg := st.Login(t, "registrar")
	today := time.Now().UTC().Format(time.DateOnly)
	base := func(extra map[string]any) map[string]any {
		m := map[string]any{"purpose": "examination", "kind": "written", "language": "rw", "given_on": today}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	path := "/api/applicants/" + adult + "/consents"
	for _, c := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"verbal without a witness", base(map[string]any{"kind": "verbal"}), "witness"},
		{"proxy for an adult without a reason", base(map[string]any{"kind": "proxy", "proxy_name": "Jean Uwera", "proxy_relation": "brother"}), "proxy_reason"},
		{"proxy without a name", base(map[string]any{"kind": "proxy", "proxy_relation": "mother", "proxy_reason": "unconscious"}), "proxy_name"},
		{"sharing without a country", base(map[string]any{"purpose": "share_authority"}), "country"},
		{"unknown purpose", base(map[string]any{"purpose": "marketing"}), "purpose"},
		{"no language", base(map[string]any{"language": ""}), "language"},
		{"a date in the future", base(map[string]any{"given_on": time.Now().UTC().AddDate(0, 0, 3).Format(time.DateOnly)}), "given_on"},
		{"a date that is not one", base(map[string]any{"given_on": "03/12/2026"}), "given_on"},
	} {
		code, raw := reg.Do("POST", path, c.body, nil)
		wantProblem(t, c.name, code, raw, 422, "validation", c.field)
	}
	var verbal consentOut
	reg.Must(201, "POST", path, base(map[string]any{"kind": "verbal", "witness": "Eric Niyonzima", "interpreter": true, "interpreter_name": "A. Mugabo"}), &verbal)
	code, raw := reg.Do("POST", path, base(nil), nil)
	wantProblem(t, "a second standing consent", code, raw, 409, "duplicate", "")

	// A child: the mother consents by proxy; no reason is needed under 18.
	_, child, _ := registerBare(t, st, "RW-CONS-2", "US", time.Now().UTC().AddDate(-6, 0, 0).Format(time.DateOnly))
	var proxy consentOut
	reg.Must(201, "POST", "/api/applicants/"+child+"/consents", base(map[string]any{"kind": "proxy", "proxy_name": "Solange Uwera", "proxy_relation": "mother"}), &proxy)
	if proxy.Kind != "proxy" || proxy.ProxyName != "Solange Uwera" || !proxy.Standing {
		t.Fatalf("proxy consent: %+v", proxy)
	}

	// Withdrawal: a reason is needed; the consent stays, withdrawn; a second withdrawal is refused.
	code, raw = reg.Do("POST", "/api/consents/"+verbal.ID+"/withdraw", map[string]any{"on": today}, nil)
	wantProblem(t, "withdrawal without a reason", code, raw, 422, "validation", "reason")
	var w consentOut
	reg.Must(200, "POST", "/api/consents/"+verbal.ID+"/withdraw", map[string]any{"on": today, "reason": "changed her mind"}, &w)
	code, raw = reg.Do("POST", "/api/consents/"+verbal.ID+"/withdraw", map[string]any{"on": today, "reason": "again"}, nil)
	wantProblem(t, "a second withdrawal", code, raw, 409, "invalid_state", "")
	var list struct{ Items []consentOut }
	reg.Must(200, "GET", path, nil, &list)
	if len(list.Items) != 1 || list.Items[0].Standing || list.Items[0].Withdrawn == nil || list.Items[0].Withdrawn.Reason != "changed her mind" {
		t.Fatalf("consents after the withdrawal: %+v", list.Items)
	}
	// Withdrawn, the purpose may be consented to again.
	reg.Must(201, "POST", path, base(nil), nil)
	if code, _ := st.Login(t, "caseworker").Do("POST", path, base(nil), nil); code != 403 {
		t.Fatalf("a caseworker recorded a consent: %d", code)
	}
}

// TestHIVResultNeedsConsentAndCounselling: the lab cannot record an HIV result without the
// person's consent to HIV testing, then without pre-test counselling; post-test counselling is
// then required before sign-off (Canada, rule ca.hiv.pre_test_counselling).
func TestHIVResultNeedsConsentAndCounselling(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, ap, id := registerBare(t, st, "RW-HIV-1", "CA", "1990-02-03")
	lab, nurse, reg := st.Login(t, "lab"), st.Login(t, "nurse"), st.Login(t, "registrar")
	var ch counselChart
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	hiv := func() (int, []byte) {
		return lab.Do("POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": "hiv", "value": "negative"}, nil)
	}
	st.PassIdentity(t, id, "specimen")
	code, raw := hiv()
	wantProblem(t, "HIV result without consent", code, raw, 403, "consent_required", "consent.hiv_testing")

	reg.Must(201, "POST", "/api/applicants/"+ap+"/consents", map[string]any{"purpose": "hiv_testing", "kind": "written", "language": "fr",
		"given_on": time.Now().UTC().Format(time.DateOnly)}, nil)
	code, raw = hiv()
	wantProblem(t, "HIV result without pre-test counselling", code, raw, 409, "counselling_required", "counselling.hiv.pre_test")

	code, raw = nurse.Do("POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "hiv", "stage": "post_test", "language": "fr", "result_disclosed": true}, nil)
	wantProblem(t, "post-test counselling before a result", code, raw, 422, "validation", "stage")
	code, raw = nurse.Do("POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "tb", "stage": "pre_test", "language": "fr"}, nil)
	wantProblem(t, "pre-test counselling on TB", code, raw, 422, "validation", "stage")
	nurse.Must(200, "POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "hiv", "stage": "pre_test", "language": "fr", "interpreter": true}, &ch)
	if slices.Contains(ch.Incomplete, "hiv_counselling") {
		t.Fatalf("pre-test counselling done, no result yet, and still incomplete: %v", ch.Incomplete)
	}
	lab.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": "hiv", "value": "negative"}, &ch)
	if !slices.Contains(ch.Incomplete, "hiv_counselling") {
		t.Fatalf("an HIV result without post-test counselling, and the step is not missing: %v", ch.Incomplete)
	}
	nurse.Must(200, "POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "hiv", "stage": "post_test", "language": "fr",
		"result_disclosed": true, "referral": ""}, &ch)
	if slices.Contains(ch.Incomplete, "hiv_counselling") || len(ch.Counselling) != 2 {
		t.Fatalf("after post-test counselling: incomplete %v, counselling %+v", ch.Incomplete, ch.Counselling)
	}
	if code, _ := lab.Do("POST", "/api/assessments/"+id+"/counselling", map[string]any{"version": ch.Version, "topic": "hiv", "stage": "pre_test", "language": "fr"}, nil); code != 403 {
		t.Fatalf("the lab recorded counselling: %d", code)
	}
}

// TestSharingNeedsConsent: a panel sees and downloads a form, and a FHIR export is made, only
// while the person consents to share with that country; the board shows "consent to share
// missing" for a person without consent for the agency.
func TestSharingNeedsConsent(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-SHARE-1")
	us, reg, cw := st.Login(t, "panel.us"), st.Login(t, "registrar"), st.Login(t, "caseworker")
	form := ch.Forms[0].ID
	if code, raw := us.Do("GET", "/api/forms/"+form+"/pdf", nil, nil); code != 200 {
		t.Fatalf("download with consent: %d %.200s", code, raw)
	}
	var cs struct {
		Members []struct {
			ID string `json:"id"`
		} `json:"members"`
	}
	var board struct {
		Items []struct {
			CaseID  string `json:"id"`
			Members []struct {
				Status string `json:"status"`
				Label  string `json:"status_label"`
			} `json:"members"`
		} `json:"items"`
	}
	cw.Must(200, "GET", "/api/board?q=RW-SHARE-1", nil, &board)
	if len(board.Items) != 1 || board.Items[0].Members[0].Status == "consent_to_share_missing" {
		t.Fatalf("board with consent: %+v", board)
	}
	reg.Must(200, "GET", "/api/cases/"+board.Items[0].CaseID, nil, &cs)
	var list struct{ Items []consentOut }
	reg.Must(200, "GET", "/api/applicants/"+cs.Members[0].ID+"/consents", nil, &list)
	today := time.Now().UTC().Format(time.DateOnly)
	for _, c := range list.Items {
		if c.Purpose == "share_authority" || c.Purpose == "share_agency" {
			reg.Must(200, "POST", "/api/consents/"+c.ID+"/withdraw", map[string]any{"on": today, "reason": "asked to stop sharing"}, nil)
		}
	}
	code, raw := us.Do("GET", "/api/forms/"+form+"/pdf", nil, nil)
	wantProblem(t, "panel download after withdrawal", code, raw, 403, "consent_required", "consent.share_authority_US")
	code, raw = us.Do("GET", "/api/assessments/"+ch.ID+"/fhir", nil, nil)
	wantProblem(t, "FHIR document after withdrawal", code, raw, 403, "consent_required", "consent.share_authority_US")
	code, raw = st.Login(t, "physician").Do("GET", "/api/assessments/"+ch.ID+"/fhir", nil, nil)
	wantProblem(t, "FHIR document by staff after withdrawal", code, raw, 403, "consent_required", "")
	code, raw = us.Do("GET", "/api/assessments/"+ch.ID+"/package.zip", nil, nil)
	wantProblem(t, "submission package after withdrawal", code, raw, 403, "consent_required", "consent.share_authority_US")
	var panel struct {
		Items []struct {
			CaseNumber     string `json:"case_number"`
			Forms          []any  `json:"forms"`
			ConsentMissing bool   `json:"consent_missing"`
		} `json:"items"`
	}
	us.Must(200, "GET", "/api/panel/applicants", nil, &panel)
	if len(panel.Items) != 1 || !panel.Items[0].ConsentMissing || len(panel.Items[0].Forms) != 0 {
		t.Fatalf("panel list after withdrawal: %+v", panel)
	}
	cw.Must(200, "GET", "/api/board?q=RW-SHARE-1", nil, &board)
	if m := board.Items[0].Members[0]; m.Status != "consent_to_share_missing" || m.Label != "consent to share missing" {
		t.Fatalf("board after withdrawal: %+v", m)
	}
}

// TestConsentSheetAndScan: the sheet is a valid PDF with the texts in English, French and
// Kinyarwanda and what the record holds; a scan must be a PDF or a JPEG by its bytes.
func TestConsentSheetAndScan(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, ap, _ := registerBare(t, st, "RW-SHEET-1", "CA", "1990-02-03")
	reg := st.Login(t, "registrar")
	reg.Must(201, "POST", "/api/applicants/"+ap+"/consents", map[string]any{"purpose": "share_authority", "country": "CA", "kind": "written",
		"language": "rw", "interpreter": true, "given_on": time.Now().UTC().Format(time.DateOnly)}, nil)
	code, sheet := reg.Do("GET", "/api/applicants/"+ap+"/consent-sheet", nil, nil)
	if code != 200 || !strings.HasPrefix(string(sheet), "%PDF-") {
		t.Fatalf("consent sheet: %d %.100s", code, sheet)
	}
	f := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(f, sheet, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text := flatText(t, sheet)
	for _, want := range []string{
		"Consent sheet · Fiche de consentement · Urupapuro rwo kwemera",
		"I agree to be tested for HIV.", "J'accepte le test du VIH.", "Nemeye gupimwa virusi itera SIDA.",
		"sent to Immigration, Refugees and Citizenship Canada (IRCC)", "transmis à Immigration, Refugees and Citizenship Canada (IRCC)",
		"byoherezwa kuri Immigration, Refugees and Citizenship Canada (IRCC)",
		"Solange Uwera", "RW-SHEET-1",
		"consent given on " + time.Now().UTC().Format(time.DateOnly) + ", written, explained in rw, with an interpreter",
		"On record: not recorded.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, text)
		}
	}

	code, raw := reg.Upload("/api/applicants/"+ap+"/consent-scans", []byte("\x89PNG\r\n\x1a\nnot a scan"), nil)
	wantProblem(t, "a PNG scan", code, raw, 422, "validation", "file")
	code, raw = reg.Upload("/api/applicants/"+ap+"/consent-scans", append([]byte("%PDF-1.4\n"), make([]byte, 4<<20)...), nil)
	wantProblem(t, "a scan just over 4 MiB", code, raw, 422, "validation", "file")
	code, raw = reg.Upload("/api/applicants/"+ap+"/consent-scans", append([]byte("%PDF-1.4\n"), make([]byte, 5<<20)...), nil)
	wantProblem(t, "a scan of 5 MiB", code, raw, 413, "too_large", "file")
	var scan struct {
		ID          string `json:"id"`
		ContentType string `json:"content_type"`
	}
	code, raw = reg.Upload("/api/applicants/"+ap+"/consent-scans", sheet, &scan)
	if code != 201 || scan.ContentType != "application/pdf" {
		t.Fatalf("a PDF scan: %d %.200s", code, raw)
	}
	code, back := reg.Do("GET", "/api/applicants/"+ap+"/consent-scans/"+scan.ID, nil, nil)
	if code != 200 || string(back) != string(sheet) {
		t.Fatalf("the scan read back: %d, %d bytes of %d", code, len(back), len(sheet))
	}
}
