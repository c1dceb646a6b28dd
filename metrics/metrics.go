// Package metrics exposes the clinic's operational figures in the Prometheus text format: request
// latency per route, jobs run and failed, forms drawn, login failures, the queue's depth, the
// outbox's lag and the database pool. It wraps prometheus/client_golang; the HTTP server and the
// worker report to it through plain functions, so neither imports Prometheus.
//
// The figures are served on their own listen address (MHAC_METRICS_LISTEN), never on the clinic's
// public one: see docs/operations.md, "Metrics and logs".
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds one process's metrics.
type Registry struct {
	reg           *prometheus.Registry
	requests      *prometheus.HistogramVec
	loginFailures prometheus.Counter
	jobs          *prometheus.HistogramVec
	formsDrawn    prometheus.Counter
}

// New returns a registry with the Go runtime and process collectors and the clinic's own metrics.
func New() *Registry {
	r := &Registry{reg: prometheus.NewRegistry()}
	r.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "mhac_http_request_duration_seconds",
		Help: "Time to answer an HTTP request, by route (the route pattern, never the path with its ids), method and status code.",
		// 1 ms to 10 s: the goals are p99 ≤ 20 ms for reads and ≤ 30 ms for writes.
		Buckets: []float64{.001, .0025, .005, .01, .02, .03, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method", "code"})
	r.loginFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "mhac_login_failures_total",
		Help: "Sign-ins refused (wrong password or code, unknown user, or too many attempts).",
	})
	r.jobs = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "mhac_job_duration_seconds",
		Help:    "Background jobs run by this worker, by task type and outcome (ok or failed), with their duration.",
		Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"type", "outcome"})
	r.formsDrawn = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "mhac_forms_drawn_total",
		Help: "Form-rendering jobs this worker finished: signed forms drawn and stored.",
	})
	r.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		r.requests, r.loginFailures, r.jobs, r.formsDrawn)
	return r
}

// ObserveRequest records one answered request. route is the route pattern ("" when none matched,
// recorded as "unmatched" so that unknown paths cannot create series).
func (r *Registry) ObserveRequest(route, method string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	r.requests.WithLabelValues(route, method, strconv.Itoa(status)).Observe(d.Seconds())
	if route == "/api/session" && method == http.MethodPost && (status == http.StatusUnauthorized || status == http.StatusTooManyRequests) {
		r.loginFailures.Inc()
	}
}

// ObserveJob records one background job; a job of type formType that succeeded counts as a form drawn.
func (r *Registry) ObserveJob(taskType string, err error, d time.Duration, formType string) {
	outcome := "ok"
	if err != nil {
		outcome = "failed"
	}
	r.jobs.WithLabelValues(taskType, outcome).Observe(d.Seconds())
	if err == nil && taskType == formType {
		r.formsDrawn.Inc()
	}
}

// WatchDB adds the database pool's figures (connections open, in use, idle, waits), as the
// go_sql_* series with db_name="mhac".
func (r *Registry) WatchDB(db *sql.DB) {
	r.reg.MustRegister(collectors.NewDBStatsCollector(db, "mhac"))
}

// Backlog is what the database holds for the queue: the outbox not yet handed over and the forms
// ordered and not yet drawn, with the time of the oldest of each (zero when none).
type Backlog struct {
	Undelivered, PendingForms            int
	OldestUndelivered, OldestPendingForm time.Time
}

// Queue is the depth of one queue in Redis, by task state.
type Queue struct {
	Pending, Active, Scheduled, Retry, Archived int
}

// WatchBacklog adds the outbox lag and the queue depth, read when scraped. backlog or queue may
// be nil; an error of one is reported as mhac_scrape_error{source} = 1 and its figures left out.
func (r *Registry) WatchBacklog(backlog func(context.Context) (Backlog, error), queue func(context.Context) (map[string]Queue, error), now func() time.Time) {
	r.reg.MustRegister(&backlogCollector{backlog: backlog, queue: queue, now: now})
}

// Handler serves the registry in the Prometheus text format.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{Registry: r.reg})
}
