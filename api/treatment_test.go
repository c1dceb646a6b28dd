package api_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// txChart is the part of the chart the treatment test reads.
type txChart struct {
	chartOut
	Treatments []struct {
		Drug        string `json:"drug"`
		Recommended bool   `json:"recommended"`
		Status      string `json:"status"`
		Dose        *struct {
			Amount float64 `json:"amount"`
			Unit   string  `json:"unit"`
			Doses  int     `json:"doses"`
			Basis  string  `json:"basis"`
			Source struct {
				Doc string `json:"doc"`
			} `json:"source"`
		} `json:"dose"`
		Records []struct {
			Status   string  `json:"status"`
			Lot      string  `json:"lot"`
			Quantity float64 `json:"quantity"`
			Observed bool    `json:"observed"`
		} `json:"records"`
	} `json:"treatments"`
	Unrecorded []string `json:"unrecorded_treatments"`
}

type batchOut struct {
	ID        string  `json:"id"`
	Lot       string  `json:"lot"`
	Remaining float64 `json:"remaining"`
}

// TestTreatments: a refugee adult living in the DR Congo (sub-Saharan Africa, Loa loa country)
// is ordered albendazole, praziquantel and artemether-lumefantrine with doses for her weight,
// and ivermectin is withheld by rule. The nurse gives albendazole from a batch (the stock counts
// down; an expired batch and a wrong quantity are refused), confirms ivermectin withheld for Loa
// loa, records praziquantel refused, and records nothing for artemether-lumefantrine; the signed
// DS-2054 prints exactly that.
func TestTreatments(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	reg, nurse, doc := st.Login(t, "registrar"), st.Login(t, "nurse"), st.Login(t, "physician")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "CD-TX-1", "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": "Mwamba", "given_names": "Esther", "birth_date": "1990-03-03",
			"sex": "female", "residence_country": "CD"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	id := cs.Members[0].AssessmentID
	path := "/api/assessments/" + id
	st.TakePhoto(t, cs.Members[0].ID)
	clinictest.PassIdentity(t, nurse, id)
	var ch txChart
	nurse.Must(200, "PUT", path+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", path+"/vitals", map[string]any{"version": ch.Version, "height_cm": 162, "weight_kg": 55}, &ch)

	dose := map[string]float64{}
	for _, o := range ch.Treatments {
		if o.Dose != nil {
			dose[o.Drug] = o.Dose.Amount
			if o.Dose.Source.Doc == "" || o.Dose.Basis == "" {
				t.Errorf("%s: a dose without its source or band: %+v", o.Drug, o.Dose)
			}
		}
		if o.Drug == "ivermectin" && o.Recommended {
			t.Error("ivermectin is recommended for someone who lives in a Loa loa country")
		}
	}
	// 400 mg from age 24 months; 20 mg/kg × 55 kg = 1100, to the nearest 150 mg; 4 tablets from 35 kg.
	want := map[string]float64{"albendazole": 400, "praziquantel": 1050, "artemether_lumefantrine": 4}
	for drug, amount := range want {
		if dose[drug] != amount {
			t.Errorf("%s dose %v, want %v (all: %v)", drug, dose[drug], amount, dose)
		}
	}

	var good batchOut
	nurse.Must(201, "POST", "/api/medicines/batches", map[string]any{"drug": "albendazole", "lot": "ALB-2291", "strength": 400,
		"strength_unit": "mg", "form": "chewable_tablet", "expires_on": time.Now().AddDate(1, 0, 0).Format(time.DateOnly), "received": 100}, &good)
	code, raw := nurse.Do("POST", "/api/medicines/batches", map[string]any{"drug": "albendazole", "lot": "OLD-1", "strength": 400,
		"strength_unit": "mg", "form": "tablet", "expires_on": "2020-01-01", "received": 10}, nil)
	expectProblem(t, code, raw, "expires_on", "expired")
	expired := clinic.MedicineBatch{ID: clinic.NewID(), SiteID: st.Actors["nurse"].SiteID, Drug: "albendazole", Lot: "OLD-2",
		Strength: 400, StrengthUnit: "mg", Form: "tablet", ExpiresOn: time.Now().AddDate(0, 0, -2), Received: 10, Remaining: 10,
		ReceivedBy: st.Actors["nurse"].UserID, ReceivedName: "Nurse", ReceivedAt: time.Now()}
	if err := st.Store.Tx(context.Background(), func(tx clinic.Tx) error { return tx.CreateBatch(context.Background(), expired) }); err != nil {
		t.Fatal(err)
	}

	now := time.Now().UTC().Format(time.RFC3339)
	give := func(batch string, qty float64) map[string]any {
		return map[string]any{"version": ch.Version, "drug": "albendazole", "status": "given", "dose_amount": 400, "dose_unit": "mg",
			"route": "oral", "batch_id": batch, "quantity": qty, "at": now, "observed": true}
	}
	code, raw = nurse.Do("POST", path+"/treatments", give(expired.ID, 1), nil)
	expectProblem(t, code, raw, "batch_id", "expired")
	code, raw = nurse.Do("POST", path+"/treatments", give(good.ID, 2), nil)
	expectProblem(t, code, raw, "quantity", "dose_mismatch")
	code, raw = nurse.Do("POST", path+"/treatments", map[string]any{"version": ch.Version, "drug": "ivermectin", "status": "given",
		"dose_amount": 9, "dose_unit": "mg", "route": "oral", "batch_id": good.ID, "quantity": 1, "at": now}, nil)
	expectProblem(t, code, raw, "status", "withheld_by_rule")
	code, raw = nurse.Do("POST", path+"/treatments", map[string]any{"version": ch.Version, "drug": "ivermectin", "status": "withheld", "at": now}, nil)
	expectProblem(t, code, raw, "reason_code", "required")
	code, raw = nurse.Do("POST", path+"/treatments", map[string]any{"version": ch.Version, "drug": "albendazole", "status": "given", "at": "yesterday"}, nil)
	expectProblem(t, code, raw, "at", "invalid_time")

	stale := give(good.ID, 1)
	nurse.Must(200, "POST", path+"/treatments", give(good.ID, 1), &ch)
	if code, raw := nurse.Do("POST", path+"/treatments", stale, nil); code != 409 {
		t.Fatalf("a stale treatment write: %d %s", code, raw)
	}
	code, raw = nurse.Do("POST", path+"/treatments", give(good.ID, 1), nil)
	expectProblem(t, code, raw, "status", "course_complete")
	nurse.Must(200, "POST", path+"/treatments", map[string]any{"version": ch.Version, "drug": "ivermectin", "status": "withheld",
		"reason_code": "loa_loa", "at": now}, &ch)
	nurse.Must(200, "POST", path+"/treatments", map[string]any{"version": ch.Version, "drug": "praziquantel", "status": "refused",
		"reason": "Prefers to wait until after travel.", "at": now}, &ch)
	if strings.Join(ch.Unrecorded, ",") != "artemether_lumefantrine" {
		t.Fatalf("unrecorded treatments %v, want artemether_lumefantrine", ch.Unrecorded)
	}
	var stock struct{ Items []batchOut }
	nurse.Must(200, "GET", "/api/medicines/batches?drug=albendazole", nil, &stock)
	for _, b := range stock.Items {
		if b.ID == good.ID && b.Remaining != 99 {
			t.Fatalf("batch %s has %v left after one tablet of 100", b.Lot, b.Remaining)
		}
	}
	var audits int
	if err := st.Store.DB().Raw(`SELECT count(*) FROM audit_log WHERE action = 'assessment.treatment' AND record_id = ?`, id).Scan(&audits).Error; err != nil || audits != 3 {
		t.Fatalf("audit rows of the treatments: %d, %v", audits, err)
	}

	for _, step := range ch.Plan.Pending {
		who, value := st.Login(t, "lab"), "nonreactive"
		if step == "cxr" {
			who, value = st.Login(t, "radiology"), "normal"
		}
		who.Must(200, "POST", path+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
	}
	doc.Must(200, "PUT", path+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	doc.Must(200, "POST", path+"/signoff", map[string]any{"version": ch.Version}, &ch)
	if code, raw := nurse.Do("POST", path+"/treatments", map[string]any{"version": ch.Version, "drug": "artemether_lumefantrine",
		"status": "refused", "at": now}, nil); code != 409 && code != 423 && code != 422 {
		t.Fatalf("a treatment recorded after sign-off: %d %s", code, raw)
	}
	signed := waitForms(t, doc, ch.chartOut)
	text := flatText(t, doc.Must(200, "GET", "/api/forms/"+formOf(t, signed, "DS-2054").ID+"/pdf", nil, nil))
	for _, want := range []string{
		"Albendazole — Given: 400 mg oral, lot ALB-2291, swallowing observed, by",
		"Ivermectin — Withheld: lived in a Loa loa-endemic country, by",
		"Praziquantel — Refused by the applicant: Prefers to wait until after travel.",
		"Artemether lumefantrine — Recommended; not recorded.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the DS-2054 does not say %q:\n%s", want, text)
		}
	}
	for _, never := range []string{"Praziquantel — Given", "Artemether lumefantrine — Given", "Ivermectin — Given"} {
		if strings.Contains(text, never) {
			t.Errorf("the DS-2054 says %q", never)
		}
	}
}

func expectProblem(t *testing.T, code int, raw []byte, field, fieldCode string) {
	t.Helper()
	if code != 422 {
		t.Fatalf("want 422 on %s, got %d %s", field, code, raw)
	}
	for _, e := range clinictest.ProblemOf(t, raw).Errors {
		if e.Field == field && e.Code == fieldCode {
			return
		}
	}
	t.Fatalf("no %s problem on %s: %s", fieldCode, field, raw)
}

var spaces = regexp.MustCompile(`\s+`)

// flatText is a form's text with runs of white space made one space.
func flatText(t *testing.T, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return spaces.ReplaceAllString(string(out), " ")
}
