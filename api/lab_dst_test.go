package api_test

import (
	"slices"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestLabDSTFromPositiveCulture: a positive culture read at the lab makes the rules require drug
// susceptibility testing (us.tb.dst_positive_culture), and the lab's DST order on the isolate
// appears at once, with its rule and source; negative cultures order none.
func TestLabDSTFromPositiveCulture(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 12, 3, 5, 30, 0, 0, time.UTC)}
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Clock: clock})
	_, id := labCase(t, st, "RW-DST-1", "Habimana")
	nurse := st.Login(t, "nurse")
	var series []specimenOut
	for day := 0; day < 3; day++ {
		if day > 0 {
			clock.Add(24 * time.Hour)
			st.PassIdentity(t, id, "sputum")
			nurse = st.Login(t, "nurse")
		}
		series = append(series, collect(t, nurse, id, map[string]any{"observed": true, "early_morning": day == 0}, "sputum_smears", "sputum_cultures")...)
	}
	lab := st.Login(t, "lab")
	for _, sp := range series {
		lab.Must(200, "POST", "/api/specimens/"+sp.Accession+"/receive", nil, nil)
	}
	var rec labRecordOut
	lab.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	if o := rec.order("dst"); o.ID != "" {
		t.Fatalf("DST ordered before any culture is positive: %+v", o)
	}
	clock.Add(21 * 24 * time.Hour)
	lab = st.Login(t, "lab")
	lab.Must(201, "POST", "/api/specimens/"+series[1].Accession+"/results", map[string]any{"test": "mtb_culture", "values": map[string]string{"culture": "positive"}}, nil)
	lab.Must(200, "GET", "/api/assessments/"+id+"/lab", nil, &rec)
	o := rec.order("dst")
	if o.ID == "" || o.Rule != "us.tb.dst_positive_culture" || o.Status == "" || o.Source.Doc == "" {
		t.Fatalf("DST order after a positive culture: %+v (orders %+v)", o, rec.Orders)
	}
	var ch labChart
	st.Login(t, "physician").Must(200, "GET", "/api/assessments/"+id, nil, &ch)
	if !slices.Contains(ch.Plan.Pending, "dst") {
		t.Errorf("the plan does not wait for DST: %+v", ch.Plan.Pending)
	}
}
