package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hibiken/asynqmon"

	"github.com/mhac-clinic/mhac/api"
	"github.com/mhac-clinic/mhac/frontend"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/workers"
)

func init() {
	register("serve", "serve the API and the web app (--with-worker: also run the worker)", runServe)
}

func runServe(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	withWorker := fs.Bool("with-worker", false, "also run the background worker and outbox dispatcher in this process")
	concurrency := fs.Int("concurrency", 0, "worker concurrency (0: four per CPU)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	setLogger()
	cfg := loadConfig()
	a, err := openApp(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac serve:", err)
		return 1
	}
	defer a.store.Close()
	var replicaState func() string
	if a.replica != nil {
		defer a.replica.Close()
		replicaState = a.replica.State
	}
	rdb := cfg.redisClient()
	defer rdb.Close()
	reg, err := startMetrics(ctx, a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac serve:", err)
		return 1
	}
	var observe func(string, string, int, time.Duration)
	if reg != nil {
		observe = reg.ObserveRequest
	}
	admin := workers.NewAdmin(cfg.redisOpt(), a.svc)
	defer admin.Close()
	// The dashboard's buttons work: api adds the session's CSRF token to its writes and checks it.
	mon := asynqmon.New(asynqmon.Options{RootPath: "/admin/queues", RedisConnOpt: cfg.redisOpt()})
	defer mon.Close()
	srv := api.New(api.Config{Service: a.svc, Protocols: protocols.Catalog{E: a.engine}, Jobs: admin, UI: frontend.Handler(),
		QueueMonitor: mon, SecureCookie: strings.HasPrefix(cfg.PublicURL, "https://"),
		TrustedProxies: cfg.TrustedProxies, RequestTimeout: cfg.RequestTimeout, ObserveRequest: observe,
		RedisPing: func(ctx context.Context) error { return rdb.Ping(ctx).Err() }, ReplicaState: replicaState})
	handler := srv.Handler()
	if a.clock != nil {
		slog.Warn("MHAC_TEST_CLOCK=1: POST /test/clock moves the clinic's clock (browser tests only)")
		handler = withTestClock(handler, a.clock)
	}
	hs := &http.Server{Addr: cfg.Listen, Handler: handler, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac serve:", err)
		return 1
	}
	var background func(context.Context) error
	if *withWorker {
		background = func(ctx context.Context) error {
			go sealAudit(ctx, a.store)
			w := workers.NewWorker(a.svc, cfg.redisOpt(), *concurrency)
			observeJobs(w, reg)
			return w.Run(ctx)
		}
	}
	slog.Info("mhac serving", "url", cfg.PublicURL, "listen", cfg.Listen, "worker", *withWorker)
	if err := serveAndDrain(ctx, hs, ln, background, 20*time.Second); err != nil {
		fmt.Fprintln(os.Stderr, "mhac serve:", err)
		return 1
	}
	slog.Info("mhac stopped", "worker", *withWorker)
	return 0
}

// serveAndDrain serves hs on ln until ctx ends or serving fails. It then drains the HTTP server
// (requests under way finish, within grace), and only then ends background's context and waits
// for it to return, so that the worker's tasks under way finish too (the worker gives them its
// own shutdown timeout). background may be nil.
func serveAndDrain(ctx context.Context, hs *http.Server, ln net.Listener, background func(context.Context) error, grace time.Duration) error {
	errc := make(chan error, 2)
	go func() { errc <- hs.Serve(ln) }()
	bgCtx, stopBackground := context.WithCancel(context.Background())
	defer stopBackground()
	bgDone := make(chan error, 1)
	// watch is bgDone while a worker runs; without one it stays nil, so the select below never
	// takes it (a serve process without a worker serves until ctx ends).
	var watch chan error
	if background != nil {
		go func() { bgDone <- background(bgCtx) }()
		watch = bgDone
	} else {
		bgDone <- nil
	}
	var failed error
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			failed = err
		}
	case err := <-watch:
		failed = fmt.Errorf("the worker stopped unexpectedly: %v", err)
		bgDone <- err
	}
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && failed == nil {
		failed = fmt.Errorf("draining the HTTP server: %w", err)
	}
	stopBackground()
	if err := <-bgDone; err != nil && failed == nil {
		failed = fmt.Errorf("the worker: %w", err)
	}
	return failed
}
