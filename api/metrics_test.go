package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/metrics"
)

// TestMetricsOfRequests wires the server to a metrics registry as `mhac serve` does: requests are
// counted under their route pattern (never the path with its ids), a refused sign-in counts as a
// login failure, and the database pool's figures come from the real pool.
func TestMetricsOfRequests(t *testing.T) {
	reg := metrics.New()
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, ObserveRequest: reg.ObserveRequest})
	sqlDB, err := st.Store.DB().DB()
	if err != nil {
		t.Fatal(err)
	}
	reg.WatchDB(sqlDB)

	if _, code, _ := st.LoginWith(t, "nurse", "not the password", ""); code != 401 {
		t.Fatalf("a wrong password: %d, want 401", code)
	}
	nurse := st.Login(t, "nurse")
	nurse.Must(200, "GET", "/api/worklist?station=nurse", nil, nil)
	nurse.Must(404, "GET", "/api/assessments/00000000-0000-0000-0000-000000000009", nil, nil)

	srv := httptest.NewServer(reg.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	out := string(b)
	for _, want := range []string{
		`mhac_http_request_duration_seconds_count{code="200",method="GET",route="/api/worklist"} 1`,
		`mhac_http_request_duration_seconds_count{code="404",method="GET",route="/api/assessments/:id"} 1`,
		`mhac_http_request_duration_seconds_count{code="401",method="POST",route="/api/session"} 1`,
		"mhac_login_failures_total 1",
		`go_sql_max_open_connections{db_name="mhac"}`,
		`go_sql_open_connections{db_name="mhac"}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the scrape lacks %q", want)
		}
	}
	if strings.Contains(out, "00000000-0000-0000-0000-000000000009") {
		t.Error("a record's id appears in the metrics")
	}
}
