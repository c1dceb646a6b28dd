package api_test

import (
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestLabWorklistWithNurse: the lab's worklist says which people are still waiting for the nurse
// (history or vitals not recorded); once both are recorded it no longer does.
func TestLabWorklistWithNurse(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	_, id := registerOne(t, st, "RW-LABN-1")
	lab := st.Login(t, "lab")
	withNurse := func() (n, all int) {
		var wl listOut[struct {
			AssessmentID string `json:"assessment_id"`
			WithNurse    bool   `json:"with_nurse"`
		}]
		lab.Must(200, "GET", "/api/lab/worklist?limit=200", nil, &wl)
		for _, it := range wl.Items {
			if it.AssessmentID == id {
				all++
				if it.WithNurse {
					n++
				}
			}
		}
		return n, all
	}
	if n, all := withNurse(); all == 0 || n != all {
		t.Fatalf("before the nurse: %d of %d orders say with the nurse", n, all)
	}
	nurse := st.Login(t, "nurse")
	var ch chartOut
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	if n, all := withNurse(); n != all {
		t.Fatalf("history only: %d of %d orders say with the nurse", n, all)
	}
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
	if n, all := withNurse(); all == 0 || n != 0 {
		t.Fatalf("after the nurse: %d of %d orders say with the nurse", n, all)
	}
}
