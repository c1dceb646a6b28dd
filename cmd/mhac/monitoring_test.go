package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/metrics"
)

// TestMonitoringMux: the monitoring address serves the metrics and the profiler's index and
// heap profile, and nothing of the clinic.
func TestMonitoringMux(t *testing.T) {
	srv := httptest.NewServer(monitoringMux(metrics.New().Handler()))
	defer srv.Close()
	for _, c := range []struct {
		path, want string
		status     int
	}{
		{"/metrics", "go_goroutines", http.StatusOK},
		{"/debug/pprof/", "heap", http.StatusOK},
		{"/debug/pprof/heap?debug=1", "heap profile", http.StatusOK},
		{"/api/worklist", "", http.StatusNotFound},
	} {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: %d, want %d with %q", c.path, resp.StatusCode, c.status, c.want)
		}
	}
}
