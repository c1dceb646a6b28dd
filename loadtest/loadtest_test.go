package loadtest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/loadtest"
)

func TestRefusesOtherHosts(t *testing.T) {
	for _, u := range []string{"http://10.0.0.5:8080", "http://example.org", "http://192.168.1.1"} {
		_, err := loadtest.Run(context.Background(), loadtest.Options{BaseURL: u, Concurrency: 1, Duration: time.Second, MaxRequests: 1})
		if err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestRunCountsRequests(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 10})
	reg := st.Login(t, "registrar")
	var cs struct{ ID string }
	reg.Must(201, "POST", "/api/cases", map[string]any{"case_number": "LT-1", "destination": "CA", "program": "immigrant",
		"members": []map[string]any{{"surnames": "Uwase", "birth_date": "1990-03-03", "sex": "female", "residence_country": "RW"}}}, &cs)
	reg.Must(200, "POST", "/api/cases/"+cs.ID+"/queue", nil, nil)
	for _, target := range []string{"worklist", "chart"} {
		r, err := loadtest.Run(context.Background(), loadtest.Options{BaseURL: st.URL, Username: "nurse", Password: clinictest.Password,
			Target: target, Station: "nurse", Concurrency: 2, Duration: 10 * time.Second, MaxRequests: 25})
		if err != nil {
			t.Fatal(err)
		}
		if r.Requests != 25 || r.Errors != 0 || r.P50 <= 0 || r.Max < r.P99 {
			t.Errorf("%s: %+v", target, r)
		}
	}
}
