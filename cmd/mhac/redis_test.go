package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// TestRedisThroughSentinel: with MHAC_REDIS_SENTINELS set, the queue's Redis is the master a real
// Redis Sentinel names: a task enqueued through the configuration lands on that master, and the
// readiness ping answers through it.
func TestRedisThroughSentinel(t *testing.T) {
	master := clinictest.StartRedis(t)
	host, port, _ := net.SplitHostPort(master.Addr)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sentinel := ln.Addr().String()
	ln.Close()
	_, sport, _ := net.SplitHostPort(sentinel)
	dir := t.TempDir()
	conf := filepath.Join(dir, "sentinel.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf("port %s\nbind 127.0.0.1\ndir %s\nsentinel monitor mhac-test %s %s 1\n", sport, dir, host, port)), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("redis-server", conf, "--sentinel")
	if err := cmd.Start(); err != nil {
		t.Fatalf("redis-server --sentinel: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	t.Setenv("MHAC_REDIS_SENTINELS", sentinel)
	t.Setenv("MHAC_REDIS_MASTER", "mhac-test")
	t.Setenv("MHAC_REDIS_ADDR", "127.0.0.1:1") // not used when Sentinels are named
	cfg := loadConfig()
	opt := cfg.redisOpt()
	if f, ok := opt.(asynq.RedisFailoverClientOpt); !ok || f.MasterName != "mhac-test" || len(f.SentinelAddrs) != 1 {
		t.Fatalf("redisOpt with Sentinels: %#v", opt)
	}
	rdb := cfg.redisClient()
	defer rdb.Close()
	var pingErr error
	for range 50 { // the Sentinel takes a moment to listen
		if pingErr = rdb.Ping(context.Background()).Err(); pingErr == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if pingErr != nil {
		t.Fatalf("ping through the Sentinel: %v", pingErr)
	}
	client := asynq.NewClient(opt)
	defer client.Close()
	if _, err := client.Enqueue(asynq.NewTask("sentinel:probe", nil), asynq.Queue("sentinel-test")); err != nil {
		t.Fatalf("enqueue through the Sentinel: %v", err)
	}
	insp := asynq.NewInspector(asynq.RedisClientOpt{Addr: master.Addr})
	defer insp.Close()
	q, err := insp.GetQueueInfo("sentinel-test")
	if err != nil || q.Pending != 1 {
		t.Fatalf("the master holds %+v (%v), want the task enqueued through the Sentinel", q, err)
	}
}
