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

// vxChart is the part of the chart this test reads.
type vxChart struct {
	ID         string   `json:"id"`
	Version    int      `json:"version"`
	State      string   `json:"state"`
	Incomplete []string `json:"incomplete"`
	Plan       struct {
		Pending []string `json:"pending"`
		Outcome struct {
			Codes []string `json:"codes"`
		} `json:"outcome"`
		Forms []string `json:"forms"`
	} `json:"plan"`
	Forms []struct {
		ID       string `json:"id"`
		FormType string `json:"form_type"`
		Status   string `json:"status"`
	} `json:"forms"`
	Vaccination *struct {
		Doses []struct {
			ID             string `json:"id"`
			Date           string `json:"date"`
			CVX            string `json:"cvx"`
			Vaccine        string `json:"vaccine"`
			Origin         string `json:"origin"`
			EnteredInError *struct {
				Reason string `json:"reason"`
			} `json:"entered_in_error"`
			Evaluations []struct {
				VaccineGroup string `json:"vaccine_group"`
				Antigen      string `json:"antigen"`
				Status       string `json:"status"`
				Reason       string `json:"reason"`
			} `json:"evaluations"`
		} `json:"doses"`
		Forecast []struct {
			VaccineGroup string  `json:"vaccine_group"`
			Status       string  `json:"status"`
			Earliest     *string `json:"earliest"`
		} `json:"forecast"`
		DS3025 *struct {
			RulesVersion    string `json:"rules_version"`
			RequirementsMet bool   `json:"requirements_met"`
			Lines           []struct {
				Key          string `json:"key"`
				Vaccine      string `json:"vaccine"`
				Status       string `json:"status"`
				ReasonCode   string `json:"reason_code"`
				GiveToday    bool   `json:"give_today"`
				GivenAtExam  bool   `json:"given_at_exam"`
				GiveVaccines []struct {
					CVX  string `json:"cvx"`
					Name string `json:"name"`
				} `json:"give_vaccines"`
				Source string `json:"source"`
			} `json:"lines"`
		} `json:"ds3025"`
	} `json:"vaccination"`
}

func (c vxChart) line(t *testing.T, key string) (status string, giveToday, givenAtExam bool) {
	t.Helper()
	if c.Vaccination == nil || c.Vaccination.DS3025 == nil {
		t.Fatalf("chart %s has no DS-3025", c.ID)
	}
	for _, l := range c.Vaccination.DS3025.Lines {
		if l.Key == key {
			return l.Status, l.GiveToday, l.GivenAtExam
		}
	}
	t.Fatalf("no DS-3025 line %s", key)
	return
}

func listed(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestVaccinationPath: a US immigrant child of four with a partial card. The chart asks for the
// preschool doses; sign-off needs a reason while they are due; the nurse gives them, the DS-3025
// is met, and the signed DS-3025 prints the vaccines.
func TestVaccinationPath(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 3, Worker: true})
	today := time.Now().In(mustZone(t, "Africa/Kigali"))
	dob := time.Date(today.Year()-4, today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -10)
	reg := st.Login(t, "registrar")
	var cs struct {
		ID      string `json:"id"`
		Members []struct {
			ID           string `json:"id"`
			AssessmentID string `json:"assessment_id"`
		} `json:"members"`
	}
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "RW-VX-1", "destination": "US", "program": "immigrant",
		"members": []map[string]any{{"surnames": "Ineza", "given_names": "Keza", "birth_date": dob.Format(time.DateOnly), "sex": "female",
			"relationship": "principal", "residence_country": "RW", "nationality": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	id := cs.Members[0].AssessmentID

	// 1. The nurse copies the card: DTaP ×3, IPV ×3, MMR ×1, varicella ×1, Hib, PCV and HepB complete.
	nurse := st.Login(t, "nurse")
	st.TakePhoto(t, cs.Members[0].ID)
	clinictest.PassIdentity(t, nurse, id)
	var ch vxChart
	nurse.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	card := func(months int, cvx string) map[string]any {
		return map[string]any{"version": ch.Version, "date": dob.AddDate(0, months, 0).Format(time.DateOnly), "cvx": cvx,
			"origin": "record", "source_document": "Carnet de vaccination"}
	}
	history := [][2]any{{2, "20"}, {4, "20"}, {6, "20"}, {15, "20"}, {2, "10"}, {4, "10"}, {6, "10"}, {12, "03"}, {12, "21"},
		{2, "49"}, {4, "49"}, {12, "49"}, {2, "133"}, {4, "133"}, {6, "133"}, {12, "133"}, {0, "08"}, {1, "08"}, {6, "08"}}
	for _, h := range history {
		nurse.Must(200, "POST", "/api/assessments/"+id+"/vaccinations", card(h[0].(int), h[1].(string)), &ch)
	}
	for _, key := range []string{"dtap", "polio", "mmr", "varicella"} {
		if status, give, _ := ch.line(t, key); status != "give_today" || !give {
			t.Errorf("%s with a partial card: %s", key, status)
		}
	}
	if status, _, _ := ch.line(t, "hepb"); status != "complete" {
		t.Errorf("hepb after three doses: %s", status)
	}
	if status, _, _ := ch.line(t, "rotavirus"); status != "not_required" {
		t.Errorf("rotavirus at four: %s", status)
	}
	if !listed(ch.Incomplete, "vaccination_review") || ch.Vaccination.DS3025.RequirementsMet || ch.Vaccination.DS3025.RulesVersion == "" {
		t.Errorf("incomplete %v, ds3025 %+v", ch.Incomplete, ch.Vaccination.DS3025)
	}
	if len(ch.Vaccination.Doses) != len(history) || ch.Vaccination.Doses[0].Vaccine == "" || len(ch.Vaccination.Doses[0].Evaluations) == 0 {
		t.Fatalf("dose grid: %+v", ch.Vaccination.Doses)
	}

	// 2. Bad input is a field-level problem; a stale version is a conflict; a wrong entry is marked, not deleted.
	bad := []struct {
		body        map[string]any
		status      int
		field, code string
	}{
		{map[string]any{"version": ch.Version, "date": "2026-02-30", "cvx": "20", "origin": "record", "source_document": "card"}, 422, "date", "invalid_date"},
		{map[string]any{"version": ch.Version, "date": today.Format(time.DateOnly), "cvx": "20", "origin": "clinic", "route": "intramuscular", "site": "left_thigh"}, 422, "lot", "required"},
		{map[string]any{"version": ch.Version, "date": dob.Format(time.DateOnly), "cvx": "9999", "origin": "record", "source_document": "card"}, 422, "cvx", "unknown"},
		{map[string]any{"version": ch.Version, "date": dob.Format(time.DateOnly), "cvx": "08", "origin": "record", "colour": "red"}, 400, "colour", "unknown_field"},
		{map[string]any{"version": ch.Version - 1, "date": dob.Format(time.DateOnly), "cvx": "08", "origin": "record", "source_document": "card"}, 409, "", ""},
	}
	for _, b := range bad {
		code, raw := nurse.Do("POST", "/api/assessments/"+id+"/vaccinations", b.body, nil)
		p := clinictest.ProblemOf(t, raw)
		found := b.field == ""
		for _, e := range p.Errors {
			found = found || e.Field == b.field && e.Code == b.code
		}
		if code != b.status || !found {
			t.Errorf("%v: %d %s, want %d with %s/%s", b.body, code, raw, b.status, b.field, b.code)
		}
	}
	nurse.Must(200, "POST", "/api/assessments/"+id+"/vaccinations", card(30, "21"), &ch)
	wrong := ""
	for _, d := range ch.Vaccination.Doses {
		if d.CVX == "21" && d.Date == dob.AddDate(0, 30, 0).Format(time.DateOnly) {
			wrong = d.ID
		}
	}
	nurse.Must(200, "POST", "/api/assessments/"+id+"/vaccinations/"+wrong+"/error", map[string]any{"version": ch.Version, "reason": "The brother's card"}, &ch)
	for _, d := range ch.Vaccination.Doses {
		if d.ID == wrong && (d.EnteredInError == nil || len(d.Evaluations) != 0) {
			t.Errorf("dose marked in error: %+v", d)
		}
	}
	if status, give, _ := ch.line(t, "varicella"); status != "give_today" || !give {
		t.Errorf("varicella once the wrong dose is out: %s", status)
	}
	if code, raw := nurse.Do("POST", "/api/assessments/"+id+"/vaccinations/"+wrong+"/error", map[string]any{"version": ch.Version, "reason": "again"}, nil); code != 409 {
		t.Errorf("marking twice: %d %s", code, raw)
	}

	// 3. History, vitals and results; the physician classifies, and may not sign without a reason.
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": ch.Version,
		"answers": []map[string]any{{"code": "cough_2_weeks", "answer": false}, {"code": "tb_contact", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 102, "weight_kg": 16,
		"pulse": 100, "temperature_c": 36.7, "exam_normal": true}, &ch)
	lab := st.Login(t, "lab")
	for _, step := range ch.Plan.Pending {
		value := "negative"
		if step == "syphilis" {
			value = "nonreactive"
		}
		lab.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
	}
	doc := st.Login(t, "physician")
	doc.Must(200, "PUT", "/api/assessments/"+id+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	code, raw := doc.Do("POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 422 || len(p.Errors) == 0 || p.Errors[0].Field != "deferrals" ||
		!strings.Contains(p.Errors[0].Message, "Vaccination review") || !listed(ch.Incomplete, "vaccination_review") || len(ch.Incomplete) != 1 {
		t.Fatalf("signing with doses due: %d %s (incomplete %v)", code, raw, ch.Incomplete)
	}

	// 4. The nurse gives today's doses; the worksheet is met.
	usual := map[string]string{"dtap": "20", "polio": "10", "mmr": "03", "varicella": "21", "influenza": "150"}
	for _, l := range ch.Vaccination.DS3025.Lines {
		if !l.GiveToday {
			continue
		}
		route, site := "intramuscular", "left_thigh"
		if l.Key == "mmr" || l.Key == "varicella" {
			route, site = "subcutaneous", "right_arm"
		}
		nurse.Must(200, "POST", "/api/assessments/"+id+"/vaccinations", map[string]any{"version": ch.Version, "date": today.Format(time.DateOnly),
			"cvx": usual[l.Key], "origin": "clinic", "lot": "LOT-" + usual[l.Key], "mvx": "SKB", "route": route, "site": site}, &ch)
	}
	if !ch.Vaccination.DS3025.RequirementsMet || listed(ch.Incomplete, "vaccination_review") {
		t.Fatalf("after today's doses: met %v, incomplete %v", ch.Vaccination.DS3025.RequirementsMet, ch.Incomplete)
	}
	for _, key := range []string{"dtap", "polio", "mmr", "varicella"} {
		if status, give, here := ch.line(t, key); give || status == "give_today" || !here {
			t.Errorf("%s after today's dose: %s, given at exam %v", key, status, here)
		}
	}

	// 5. Signed without a reason; the worker draws the DS-3025 with the vaccine lines.
	doc.Must(200, "POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, &ch)
	form := vxWaitForm(t, doc, id, "DS-3025")
	text := pdfText(t, doc.Must(200, "GET", "/api/forms/"+form+"/pdf", nil, nil))
	// Table cells wrap in the layout, so look for pieces that fit on one line.
	for _, want := range []string{"Vaccination Documentation Worksheet", "DTP / DTaP / DT / Td", "MMR (measles,", "Varicella",
		"Dose given at", "LOT-03", "LOT-20", "LOT-21", "Complete (written", "Not age appropriate"} {
		if !strings.Contains(text, want) {
			t.Errorf("the DS-3025 does not print %q:\n%s", want, text)
		}
	}
	if code, raw := nurse.Do("POST", "/api/assessments/"+id+"/vaccinations", card(18, "20"), nil); code != 409 || clinictest.ProblemOf(t, raw).Code != "locked" {
		t.Errorf("a dose on a signed chart: %d %s", code, raw)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// vxWaitForm polls the chart until the worker has drawn the form, and returns its id.
func vxWaitForm(t *testing.T, c *clinictest.Client, id, formType string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ch vxChart
		c.Must(200, "GET", "/api/assessments/"+id, nil, &ch)
		for _, f := range ch.Forms {
			if f.FormType == formType && f.Status == "valid" {
				return f.ID
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no valid %s within a minute: %+v", formType, ch.Forms)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pdfText runs the real pdftotext on a downloaded form.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}
