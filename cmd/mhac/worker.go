package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/mhac-clinic/mhac/workers"
)

func init() {
	register("worker", "run the background worker: form rendering and the outbox dispatcher", runWorker)
}

func runWorker(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	concurrency := fs.Int("concurrency", 0, "tasks at once (0: four per CPU)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	setLogger()
	cfg := loadConfig()
	cfg.ReplicaURL = "" // the worker reads what it writes: the primary only
	a, err := openApp(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac worker:", err)
		return 1
	}
	defer a.store.Close()
	slog.Info("mhac worker running", "redis", a.cfg.RedisAddr, "sentinels", a.cfg.RedisSentinels, "master", a.cfg.RedisMaster)
	go sealAudit(ctx, a.store)
	reg, err := startMetrics(ctx, a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac worker:", err)
		return 1
	}
	w := workers.NewWorker(a.svc, a.cfg.redisOpt(), *concurrency)
	observeJobs(w, reg)
	if dir := os.Getenv("MHAC_RADIOLOGY_INBOX"); dir != "" {
		// Teleradiology reports dropped as files (docs/radiology.md).
		w.SetRadiologyInbox(dir, 5*time.Second)
		slog.Info("watching the radiology inbox", "dir", dir)
	}
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "mhac worker:", err)
		return 1
	}
	return 0
}
