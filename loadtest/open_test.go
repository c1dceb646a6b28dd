package loadtest_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/loadtest"
)

// TestOpenLoopSendsAtTheRateWhateverTheAnswers: every due request is sent (or counted as
// dropped), each kind of the mix is made as its role, and the vitals writes really change charts.
func TestOpenLoopSendsAtTheRateWhateverTheAnswers(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 11})
	reg := st.Login(t, "registrar")
	// Four different people (similar names born within a year would be refused as possible duplicates).
	for i, name := range [][2]string{{"Mukamana", "Aline"}, {"Uwase", "Bella"}, {"Ishimwe", "Claire"}, {"Niyonsaba", "Diane"}} {
		var cs struct{ ID string }
		reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": fmt.Sprintf("OL-%d", i), "destination": "US", "program": "refugee",
			"members": []map[string]any{{"surnames": name[0], "given_names": name[1], "birth_date": "1990-03-03",
				"sex": "female", "residence_country": "RW"}}}, &cs)
		reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, nil)
	}
	nurse := st.Login(t, "nurse")
	var list struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
		} `json:"items"`
	}
	nurse.Must(200, "GET", "/api/worklist?station=nurse", nil, &list)
	if len(list.Items) != 4 {
		t.Fatalf("%d charts on the nurse's worklist, want 4", len(list.Items))
	}
	r, err := loadtest.Open(context.Background(), loadtest.OpenOptions{BaseURL: st.URL, Password: clinictest.Password,
		Rate: 40, Duration: 2 * time.Second, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if r.Sent != 80 {
		t.Errorf("sent %d requests, want 80 (40/s for 2s)", r.Sent)
	}
	seen := map[loadtest.Kind]loadtest.KindReport{}
	for _, k := range r.Kinds {
		seen[k.Kind] = k
		// A write may lose a race with another write of the same chart (409); anything else is a fault.
		if k.Errors != k.Conflicts || k.Dropped != 0 {
			t.Errorf("%s: %d errors (%d conflicts), %d dropped", k.Kind, k.Errors, k.Conflicts, k.Dropped)
		}
		if k.Requests > 0 && (k.P50 <= 0 || k.Max < k.P99 || k.P99 < k.P50) {
			t.Errorf("%s: percentiles out of order: %+v", k.Kind, k)
		}
	}
	for kind := range loadtest.DefaultMix {
		if seen[kind].Requests == 0 {
			t.Errorf("no %s request in 80 (mix %v)", kind, loadtest.DefaultMix)
		}
	}
	if w := seen[loadtest.KindVitals]; w.Requests-w.Conflicts == 0 {
		t.Fatal("no vitals write succeeded")
	}
	moved := 0
	for _, it := range list.Items {
		var chart struct {
			Version int `json:"version"`
		}
		nurse.Must(200, "GET", "/api/assessments/"+it.AssessmentID, nil, &chart)
		if chart.Version > 1 {
			moved++
		}
	}
	if moved == 0 {
		t.Error("the vitals writes left every chart at its first version")
	}
}

func TestOpenLoopRefusesOtherHosts(t *testing.T) {
	_, err := loadtest.Open(context.Background(), loadtest.OpenOptions{BaseURL: "http://10.1.2.3:8080", Rate: 1, Duration: time.Second})
	if err == nil {
		t.Fatal("aimed at another machine")
	}
}

// TestOpenLoopLogsAcknowledgedWrites: every write the clinic acknowledged is logged with its
// chart, the version it returned and its request id, and each is in the database: the audit row
// of that request (written in the write's transaction) and a chart at that version or later.
func TestOpenLoopLogsAcknowledgedWrites(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 11})
	reg := st.Login(t, "registrar")
	for i, name := range [][2]string{{"Mukamana", "Aline"}, {"Uwase", "Bella"}} {
		var cs struct{ ID string }
		reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": fmt.Sprintf("AK-%d", i), "destination": "US", "program": "refugee",
			"members": []map[string]any{{"surnames": name[0], "given_names": name[1], "birth_date": "1990-03-03",
				"sex": "female", "residence_country": "RW"}}}, &cs)
		reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, nil)
	}
	var acked bytes.Buffer
	r, err := loadtest.Open(context.Background(), loadtest.OpenOptions{BaseURL: st.URL, Password: clinictest.Password,
		Rate: 20, Duration: 2 * time.Second, Seed: 3, Mix: map[loadtest.Kind]int{loadtest.KindVitals: 1, loadtest.KindChart: 1}, Acked: &acked})
	if err != nil {
		t.Fatal(err)
	}
	var w loadtest.KindReport
	for _, k := range r.Kinds {
		if k.Kind == loadtest.KindVitals {
			w = k
		}
	}
	lines := strings.Split(strings.TrimSpace(acked.String()), "\n")
	if w.Requests == 0 || len(lines) != w.Requests-w.Errors {
		t.Fatalf("%d writes acknowledged (%d sent, %d refused), %d logged:\n%s", w.Requests-w.Errors, w.Requests, w.Errors, len(lines), acked.String())
	}
	seen := map[string]bool{}
	for _, line := range lines {
		f := strings.Split(line, ",")
		if len(f) != 4 || f[0] != "vitals" || f[3] == "" || seen[f[3]] {
			t.Fatalf("acknowledged line %q", line)
		}
		seen[f[3]] = true
		version, _ := strconv.Atoi(f[2])
		var audited, stored int64
		db := st.Store.DB()
		if err := db.Raw("SELECT count(*) FROM audit_log WHERE request_id = ? AND action = 'assessment.vitals' AND record_id = ?", f[3], f[1]).Scan(&audited).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Raw("SELECT count(*) FROM assessments WHERE id = ? AND version >= ?", f[1], version).Scan(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if audited != 1 || stored != 1 {
			t.Errorf("%s: audit rows %d, chart at version %d or later %d", line, audited, version, stored)
		}
	}
}
