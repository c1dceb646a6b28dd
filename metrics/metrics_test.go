package metrics_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/metrics"
)

func scrape(t *testing.T, r *metrics.Registry) string {
	t.Helper()
	srv := httptest.NewServer(r.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("scrape: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return string(b)
}

// TestMetrics records requests, sign-in failures and jobs, and reads the backlog and the queue at
// scrape time: the text format carries each with its labels and values.
func TestMetrics(t *testing.T) {
	r := metrics.New()
	r.ObserveRequest("/api/worklist", "GET", 200, 12*time.Millisecond)
	r.ObserveRequest("/api/worklist", "GET", 200, 40*time.Millisecond)
	r.ObserveRequest("/api/session", "POST", 401, 80*time.Millisecond)
	r.ObserveRequest("/api/session", "POST", 429, time.Millisecond)
	r.ObserveRequest("/api/session", "POST", 200, 90*time.Millisecond)
	r.ObserveRequest("", "GET", 404, time.Millisecond)
	r.ObserveJob("form:render", nil, 2*time.Second, "form:render")
	r.ObserveJob("form:render", errors.New("draw failed"), time.Second, "form:render")
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	r.WatchBacklog(func(context.Context) (metrics.Backlog, error) {
		return metrics.Backlog{Undelivered: 3, OldestUndelivered: now.Add(-90 * time.Second), PendingForms: 2, OldestPendingForm: now.Add(-time.Minute)}, nil
	}, func(context.Context) (map[string]metrics.Queue, error) {
		return nil, errors.New("redis: connection refused")
	}, func() time.Time { return now })
	out := scrape(t, r)
	for _, want := range []string{
		`mhac_http_request_duration_seconds_count{code="200",method="GET",route="/api/worklist"} 2`,
		`mhac_http_request_duration_seconds_bucket{code="200",method="GET",route="/api/worklist",le="0.02"} 1`,
		`mhac_http_request_duration_seconds_count{code="404",method="GET",route="unmatched"} 1`,
		"mhac_login_failures_total 2",
		`mhac_job_duration_seconds_count{outcome="ok",type="form:render"} 1`,
		`mhac_job_duration_seconds_count{outcome="failed",type="form:render"} 1`,
		"mhac_forms_drawn_total 1",
		"mhac_outbox_undelivered 3",
		"mhac_outbox_lag_seconds 90",
		"mhac_forms_pending 2",
		"mhac_forms_pending_oldest_seconds 60",
		`mhac_scrape_error{source="database"} 0`,
		`mhac_scrape_error{source="redis"} 1`,
		"go_goroutines",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the scrape lacks %q", want)
		}
	}
	if strings.Contains(out, "mhac_queue_tasks{") {
		t.Error("the queue's figures are given though Redis did not answer")
	}

	// With the queue answering, its depth is there by state.
	r2 := metrics.New()
	r2.WatchBacklog(nil, func(context.Context) (map[string]metrics.Queue, error) {
		return map[string]metrics.Queue{"forms": {Pending: 4, Retry: 1}}, nil
	}, time.Now)
	out = scrape(t, r2)
	for _, want := range []string{`mhac_queue_tasks{queue="forms",state="pending"} 4`, `mhac_queue_tasks{queue="forms",state="retry"} 1`, `mhac_scrape_error{source="redis"} 0`} {
		if !strings.Contains(out, want) {
			t.Errorf("the scrape lacks %q", want)
		}
	}
}

// TestReplicaMetrics: the replica's state, lag and transactions are read from its status.
func TestReplicaMetrics(t *testing.T) {
	r := metrics.New()
	r.WatchReplica(func() metrics.Replica {
		return metrics.Replica{Up: true, InRecovery: true, LagSeconds: 0.25, CheckedSeconds: 1.5, Served: 40, Refused: 2}
	})
	out := scrape(t, r)
	for _, want := range []string{
		"mhac_replica_up 1",
		"mhac_replica_lag_seconds 0.25",
		"mhac_replica_in_recovery 1",
		"mhac_replica_checked_seconds 1.5",
		`mhac_replica_transactions_total{outcome="served"} 40`,
		`mhac_replica_transactions_total{outcome="refused"} 2`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the scrape lacks %q", want)
		}
	}
}
