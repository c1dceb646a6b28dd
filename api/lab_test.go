package api_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type labChart struct {
	Version int `json:"version"`
	Results []struct {
		Step  string `json:"step"`
		Value any    `json:"value"`
	} `json:"results"`
	Plan struct {
		Pending []string `json:"pending"`
		Outcome struct {
			Codes []string `json:"codes"`
			Final bool     `json:"final"`
		} `json:"outcome"`
		Clearance struct {
			BlockedBy []struct {
				Code     string  `json:"code"`
				Earliest *string `json:"earliest"`
			} `json:"blocked_by"`
		} `json:"clearance"`
	} `json:"plan"`
}

// latest is the chart's newest value of a step, as text.
func (ch labChart) latest(step string) string {
	out := ""
	for _, r := range ch.Results {
		if r.Step == step {
			out = fmt.Sprint(r.Value)
		}
	}
	return out
}

// labCase registers one US refugee with a cough (sputum required) and returns the assessment.
func labCase(t *testing.T, st *clinictest.Stack, number, surname string) (caseID, assessmentID string) {
	t.Helper()
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": number, "destination": "US", "program": "refugee",
		"members": []map[string]any{{"surnames": surname, "given_names": "Jean Paul", "birth_date": "1990-03-04",
			"sex": "male", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, &cs)
	id := cs.Members[0].AssessmentID
	// The person is checked against the photo at each station (docs/identity.md).
	st.PassIdentity(t, id, "history", "exam", "specimen", "sputum")
	st.ConsentAll(t, cs.ID)
	nurse := st.Login(t, "nurse")
	var ch labChart
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1,
		"answers": []map[string]any{{"code": "cough_2_weeks", "answer": true, "details": "three weeks"}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 170, "weight_kg": 60}, nil)
	return cs.ID, id
}

type labOrderOut struct {
	ID        string    `json:"id"`
	Step      string    `json:"step"`
	Rule      string    `json:"rule"`
	OrderedBy string    `json:"ordered_by"`
	OrderedAt time.Time `json:"ordered_at"`
	Status    string    `json:"status"`
	Source    struct {
		Doc string `json:"doc"`
	} `json:"source"`
}

type specimenOut struct {
	ID           string   `json:"id"`
	Accession    string   `json:"accession"`
	Type         string   `json:"type"`
	Tests        []string `json:"tests"`
	Seq          int      `json:"seq"`
	Status       string   `json:"status"`
	RejectReason string   `json:"reject_reason"`
	Replaces     string   `json:"replaces"`
}

type labResultOut struct {
	ID         string `json:"id"`
	Value      string `json:"value"`
	Flag       string `json:"flag"`
	Amends     string `json:"amends"`
	Superseded bool   `json:"superseded"`
	AckBy      string `json:"acknowledged_by"`
	Components []struct {
		Code     string   `json:"code"`
		Number   *float64 `json:"number"`
		Computed bool     `json:"computed"`
		Flag     string   `json:"flag"`
	} `json:"components"`
}

type labRecordOut struct {
	Orders    []labOrderOut  `json:"orders"`
	Specimens []specimenOut  `json:"specimens"`
	Results   []labResultOut `json:"results"`
	Critical  []labResultOut `json:"critical"`
}

type labWorkOut struct {
	Order        labOrderOut `json:"order"`
	AssessmentID string      `json:"assessment_id"`
	Name         string      `json:"name"`
	HasPhoto     bool        `json:"has_photo"`
	ExpectedBy   *time.Time  `json:"expected_by"`
	Overdue      bool        `json:"overdue"`
}

type listOut[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

func (r labRecordOut) order(step string) labOrderOut {
	for _, o := range r.Orders {
		if o.Step == step {
			return o
		}
	}
	return labOrderOut{}
}

// collect takes the open orders of the given steps as one collection.
func collect(t *testing.T, c *clinictest.Client, id string, body map[string]any, steps ...string) []specimenOut {
	t.Helper()
	var rec labRecordOut
	c.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	var ids []string
	for _, s := range steps {
		if o := rec.order(s); o.Status == "open" {
			ids = append(ids, o.ID)
		}
	}
	body["order_ids"] = ids
	var out listOut[specimenOut]
	c.Must(201, "POST", "/api/assessments/"+id+"/specimens", body, &out)
	return out.Items
}

// TestLabTBPathway: the plan's orders on the worklist with their rule; serum and sputum × 3 on
// consecutive days with labels; receipt by scan; coded results feed the steps; cultures hold the
// classification, the board gives the expected date, the lab sees them overdue after eight weeks,
// and negative cultures make the outcome final.
func TestLabTBPathway(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 5, 30, 0, 0, time.UTC)} // 07:30 in Kigali
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	caseID, id := labCase(t, st, "RW-LAB-1", "Habimana")
	lab := st.Login(t, "lab")

	var wl listOut[labWorkOut]
	lab.Must(200, "GET", "/api/lab/worklist", nil, &wl)
	steps := map[string]labWorkOut{}
	for i, it := range wl.Items {
		steps[it.Order.Step] = it
		if i > 0 && it.Order.OrderedAt.Before(wl.Items[i-1].Order.OrderedAt) {
			t.Errorf("worklist not oldest first: %v", wl.Items)
		}
	}
	for _, s := range []string{"syphilis", "sputum_smears", "sputum_cultures", "mtb_naat"} {
		it, ok := steps[s]
		if !ok {
			t.Fatalf("no %s order on the worklist: %+v", s, wl.Items)
		}
		if it.Order.Rule == "" || it.Order.Source.Doc == "" || it.Order.OrderedBy == "" || it.Name != "Jean Paul Habimana" {
			t.Errorf("%s order does not say why, from which source or by whom: %+v", s, it)
		}
	}
	if steps["syphilis"].Order.Rule != "us.sti.syphilis_age_15" {
		t.Errorf("syphilis ordered by %q", steps["syphilis"].Order.Rule)
	}

	nurse := st.Login(t, "nurse")
	serum := collect(t, nurse, id, map[string]any{}, "syphilis")
	if len(serum) != 1 || serum[0].Type != "serum" || !strings.HasPrefix(serum[0].Accession, "L2612-") {
		t.Fatalf("serum specimen %+v", serum)
	}
	day1 := collect(t, nurse, id, map[string]any{"observed": true, "early_morning": true}, "sputum_smears", "sputum_cultures", "mtb_naat")
	if len(day1) != 1 || day1[0].Seq != 1 || len(day1[0].Tests) != 3 {
		t.Fatalf("sputum day 1 %+v", day1)
	}
	// The same day again is not the next specimen of the series.
	var rec labRecordOut
	nurse.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	code, raw := nurse.Do("POST", "/api/assessments/"+id+"/specimens", map[string]any{"order_ids": []string{rec.order("sputum_smears").ID, rec.order("sputum_cultures").ID}, "observed": true}, nil)
	if code != 422 || !strings.Contains(string(raw), `"not_consecutive"`) {
		t.Fatalf("a second sputum specimen the same day: %d %s", code, raw)
	}
	clock.Add(24 * time.Hour)
	nurse = st.Login(t, "nurse")
	day2 := collect(t, nurse, id, map[string]any{"observed": true}, "sputum_smears", "sputum_cultures")
	clock.Add(24 * time.Hour)
	nurse = st.Login(t, "nurse")
	day3 := collect(t, nurse, id, map[string]any{"observed": true}, "sputum_smears", "sputum_cultures")
	if day2[0].Seq != 2 || day3[0].Seq != 3 {
		t.Fatalf("series %d, %d", day2[0].Seq, day3[0].Seq)
	}
	all := []specimenOut{serum[0], day1[0], day2[0], day3[0]}

	// The label sheet prints every accession, one 50 × 25 mm label each.
	q := ""
	for _, sp := range all {
		q += "&accession=" + sp.Accession
	}
	pdfBytes := nurse.Must(200, "GET", "/api/specimens/labels.pdf?"+q[1:], nil, nil)
	file := filepath.Join(t.TempDir(), "labels.pdf")
	if err := os.WriteFile(file, pdfBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range all {
		if !strings.Contains(string(text), sp.Accession) {
			t.Errorf("labels lack %s", sp.Accession)
		}
	}
	if !strings.Contains(string(text), "JP-H") || !strings.Contains(string(text), "DOB 1990-03-04") || !strings.Contains(string(text), "sputum 3/3") {
		t.Errorf("label text:\n%s", text)
	}

	lab = st.Login(t, "lab")
	for _, sp := range all {
		lab.Must(200, "POST", "/api/specimens/"+sp.Accession+"/receive", nil, nil)
	}
	if code, raw := lab.Do("POST", "/api/specimens/"+serum[0].Accession+"/receive", nil, nil); code != 409 || !strings.Contains(string(raw), "already") {
		t.Errorf("a second receipt: %d %s", code, raw)
	}
	var ch labChart
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if got := ch.latest("sputum_cultures"); got != "[pending pending pending]" {
		t.Errorf("cultures set up read %q", got)
	}
	lab.Must(201, "POST", "/api/specimens/"+serum[0].Accession+"/results", map[string]any{"values": map[string]string{"screen": "nonreactive"}}, nil)
	for _, sp := range []specimenOut{day1[0], day2[0], day3[0]} {
		lab.Must(201, "POST", "/api/specimens/"+sp.Accession+"/results", map[string]any{"test": "afb_smear", "values": map[string]string{"smear": "negative"}}, nil)
	}
	lab.Must(201, "POST", "/api/specimens/"+day1[0].Accession+"/results", map[string]any{"test": "mtb_naat", "values": map[string]string{"naat": "not_detected"}}, nil)

	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.latest("syphilis") != "nonreactive" || ch.latest("sputum_smears") != "[negative negative negative]" || ch.latest("mtb_naat") != "not_detected" {
		t.Errorf("steps fed: %+v", ch.Results)
	}
	if ch.Plan.Outcome.Final {
		t.Errorf("the outcome is final while cultures grow: %+v", ch.Plan.Outcome)
	}
	expected := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 56).Format(time.DateOnly)
	held := false
	for _, b := range ch.Plan.Clearance.BlockedBy {
		held = held || (b.Code == "culture_pending" && b.Earliest != nil && *b.Earliest == expected)
	}
	if !held {
		t.Errorf("no culture hold until %s: %+v", expected, ch.Plan.Clearance.BlockedBy)
	}
	// The caseworker reads neutral words and the date, no disease.
	board := st.Login(t, "caseworker").Must(200, "GET", "/api/board?q=RW-LAB-1", nil, nil)
	if !strings.Contains(string(board), `"results_expected"`) || !strings.Contains(string(board), expected) || strings.Contains(strings.ToLower(string(board)), "tb") || strings.Contains(strings.ToLower(string(board)), "culture") {
		t.Errorf("board for %s: %s", caseID, board)
	}

	var overdue listOut[labWorkOut]
	lab.Must(200, "GET", "/api/lab/overdue", nil, &overdue)
	if len(overdue.Items) != 0 {
		t.Errorf("overdue before eight weeks: %+v", overdue.Items)
	}
	clock.Add(57 * 24 * time.Hour)
	lab = st.Login(t, "lab")
	lab.Must(200, "GET", "/api/lab/overdue", nil, &overdue)
	if len(overdue.Items) != 1 || overdue.Items[0].Order.Step != "sputum_cultures" || !overdue.Items[0].Overdue || overdue.Items[0].ExpectedBy == nil {
		t.Fatalf("overdue cultures: %+v", overdue.Items)
	}
	for _, sp := range []specimenOut{day1[0], day2[0], day3[0]} {
		lab.Must(201, "POST", "/api/specimens/"+sp.Accession+"/results", map[string]any{"test": "mtb_culture", "values": map[string]string{"culture": "negative"}}, nil)
	}
	lab.Must(200, "GET", "/api/lab/overdue", nil, &overdue)
	if len(overdue.Items) != 0 {
		t.Errorf("still overdue after the results: %+v", overdue.Items)
	}
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if ch.latest("sputum_cultures") != "[negative negative negative]" {
		t.Errorf("cultures %q", ch.latest("sputum_cultures"))
	}
	for _, b := range ch.Plan.Clearance.BlockedBy {
		if b.Code == "culture_pending" {
			t.Errorf("culture hold remains: %+v", ch.Plan.Clearance.BlockedBy)
		}
	}
	lab.Must(200, "GET", "/api/lab/worklist", nil, &wl)
	for _, it := range wl.Items {
		if it.AssessmentID == id && it.Order.Step != "cxr" {
			t.Errorf("order still open after its results: %+v", it.Order)
		}
	}
}
