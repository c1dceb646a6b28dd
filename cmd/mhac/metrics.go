package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/metrics"
	"github.com/mhac-clinic/mhac/workers"
)

// setLogger makes the process log as JSON lines (MHAC_LOG_FORMAT=json, the default) or as
// key=value text (MHAC_LOG_FORMAT=text), at MHAC_LOG_LEVEL (debug, info, warn, error; info by
// default). Every HTTP line carries the request's id.
func setLogger() {
	var level slog.Level
	if err := level.UnmarshalText([]byte(env("MHAC_LOG_LEVEL", "info"))); err != nil {
		fmt.Fprintf(os.Stderr, "mhac: MHAC_LOG_LEVEL=%q: want debug, info, warn or error\n", os.Getenv("MHAC_LOG_LEVEL"))
		os.Exit(2)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch f := env("MHAC_LOG_FORMAT", "json"); f {
	case "json":
		slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, opts)))
	case "text":
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, opts)))
	default:
		fmt.Fprintf(os.Stderr, "mhac: MHAC_LOG_FORMAT=%q: want json or text\n", f)
		os.Exit(2)
	}
}

// startMetrics serves this process's metrics on MHAC_METRICS_LISTEN until ctx ends; it returns
// nil (and serves nothing) when the variable is empty. The address is meant for the monitoring
// network only (a loopback or private address): it has no sign-in.
func startMetrics(ctx context.Context, a *app) (*metrics.Registry, error) {
	addr := os.Getenv("MHAC_METRICS_LISTEN")
	if addr == "" {
		return nil, nil
	}
	reg := metrics.New()
	if sqlDB, err := a.store.DB().DB(); err == nil {
		reg.WatchDB(sqlDB)
	}
	if a.replica != nil {
		reg.WatchReplica(replicaMetrics(a.replica))
	}
	insp := asynq.NewInspector(a.cfg.redisOpt())
	reg.WatchBacklog(func(ctx context.Context) (metrics.Backlog, error) {
		var b clinic.Backlog
		err := a.store.Tx(ctx, func(tx clinic.Tx) error {
			var err error
			b, err = tx.Backlog(ctx)
			return err
		})
		out := metrics.Backlog{Undelivered: b.Undelivered, PendingForms: b.PendingForms}
		if b.OldestUndelivered != nil {
			out.OldestUndelivered = *b.OldestUndelivered
		}
		if b.OldestPendingForm != nil {
			out.OldestPendingForm = *b.OldestPendingForm
		}
		return out, err
	}, func(ctx context.Context) (map[string]metrics.Queue, error) {
		return queueDepth(ctx, insp)
	}, time.Now)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		insp.Close()
		return nil, fmt.Errorf("MHAC_METRICS_LISTEN: %w", err)
	}
	hs := &http.Server{Handler: monitoringMux(reg.Handler()), ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("the metrics listener stopped", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		hs.Close()
		insp.Close()
	}()
	slog.Info("metrics", "listen", ln.Addr().String(), "path", "/metrics")
	return reg, nil
}

// monitoringMux serves the metrics and, beside them, the Go profiler: where a slow page spends
// its CPU is read from the same monitoring address (docs/operations.md, "Profiling").
func monitoringMux(metrics http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/metrics", metrics)
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// queueDepth reads the form queue's depth; asynq's inspector takes no context, so it runs aside
// and the scrape stops waiting at the context's deadline (Redis down).
func queueDepth(ctx context.Context, insp *asynq.Inspector) (map[string]metrics.Queue, error) {
	type answer struct {
		q   *asynq.QueueInfo
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		q, err := insp.GetQueueInfo(workers.QueueForms)
		ch <- answer{q, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case a := <-ch:
		if a.err != nil {
			if errors.Is(a.err, asynq.ErrQueueNotFound) {
				return map[string]metrics.Queue{workers.QueueForms: {}}, nil // nothing queued yet
			}
			return nil, a.err
		}
		return map[string]metrics.Queue{workers.QueueForms: {Pending: a.q.Pending, Active: a.q.Active,
			Scheduled: a.q.Scheduled, Retry: a.q.Retry, Archived: a.q.Archived}}, nil
	}
}

// observeJobs has the worker report its tasks to reg (nothing when reg is nil).
func observeJobs(w *workers.Worker, reg *metrics.Registry) {
	if reg == nil {
		return
	}
	w.SetObserver(func(taskType string, err error, d time.Duration) {
		reg.ObserveJob(taskType, err, d, workers.TypeRenderForm)
	})
}
