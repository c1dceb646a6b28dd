package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hibiken/asynqmon"
	"github.com/redis/go-redis/v9"

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
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	cfg := loadConfig()
	a, err := openApp(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac serve:", err)
		return 1
	}
	defer a.store.Close()
	rdb := redis.NewClient(&redis.Options{Addr: cfg.RedisAddr})
	defer rdb.Close()
	admin := workers.NewAdmin(cfg.redisOpt())
	defer admin.Close()
	// Read-only: the dashboard's own buttons would send writes without the CSRF token; failed
	// tasks are retried through /api/admin/jobs instead.
	mon := asynqmon.New(asynqmon.Options{RootPath: "/admin/queues", RedisConnOpt: cfg.redisOpt(), ReadOnly: true})
	defer mon.Close()
	srv := api.New(api.Config{Service: a.svc, Protocols: protocols.Catalog{E: a.engine}, Jobs: admin, UI: frontend.Handler(),
		QueueMonitor: mon, SecureCookie: strings.HasPrefix(cfg.PublicURL, "https://"),
		TrustedProxies: cfg.TrustedProxies, RequestTimeout: cfg.RequestTimeout,
		RedisPing: func(ctx context.Context) error { return rdb.Ping(ctx).Err() }})
	hs := &http.Server{Addr: cfg.Listen, Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 2)
	go func() { errc <- hs.ListenAndServe() }()
	// The worker runs on its own context, ended only after the HTTP server has drained, so that
	// shutdown waits for the tasks under way as well as for the requests.
	workerCtx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	workerDone := make(chan struct{})
	if *withWorker {
		go func() {
			defer close(workerDone)
			if err := workers.NewWorker(a.svc, cfg.redisOpt(), *concurrency).Run(workerCtx); err != nil {
				errc <- err
			}
		}()
		go sealAudit(workerCtx, a.store)
	} else {
		close(workerDone)
	}
	slog.Info("mhac serving", "url", cfg.PublicURL, "listen", cfg.Listen, "worker", *withWorker)
	select {
	case <-ctx.Done():
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "mhac serve:", err)
			return 1
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	stopWorker()
	select {
	case <-workerDone:
		slog.Info("mhac stopped", "worker", *withWorker)
	case <-time.After(30 * time.Second):
		slog.Warn("the worker did not stop within 30 s; exiting")
	}
	return 0
}
