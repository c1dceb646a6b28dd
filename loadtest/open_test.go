package loadtest_test

import (
	"context"
	"fmt"
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
