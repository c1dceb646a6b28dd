package clinictest

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisServer is a private redis-server on a free loopback port, with no persistence, for tests
// that stop Redis (the shared test instance is never stopped).
type RedisServer struct {
	Addr string
	dir  string
	cmd  *exec.Cmd
	done chan struct{}
}

// StartRedis starts a private redis-server; it is stopped when the test ends.
func StartRedis(t testing.TB) *RedisServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rs := &RedisServer{Addr: ln.Addr().String(), dir: t.TempDir()}
	ln.Close()
	rs.Start(t)
	t.Cleanup(func() {
		if rs.cmd != nil {
			rs.Stop(t)
		}
	})
	return rs
}

// Start (re)starts the server on its port and waits until it answers; it starts empty.
func (rs *RedisServer) Start(t testing.TB) {
	t.Helper()
	_, port, _ := net.SplitHostPort(rs.Addr)
	rs.cmd = exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", rs.dir, "--logfile", filepath.Join(rs.dir, "redis.log"))
	rs.cmd.Stdout, rs.cmd.Stderr = os.Stderr, os.Stderr
	if err := rs.cmd.Start(); err != nil {
		t.Fatalf("redis-server: %v", err)
	}
	rs.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { _ = cmd.Wait(); close(done) }(rs.cmd, rs.done)
	rdb := redis.NewClient(&redis.Options{Addr: rs.Addr, MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := rdb.Ping(context.Background()).Err()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server does not answer on %s: %v", rs.Addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop ends redis-server and waits until it is gone; with --save "" nothing is kept.
func (rs *RedisServer) Stop(t testing.TB) {
	t.Helper()
	_ = rs.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-rs.done:
	case <-time.After(10 * time.Second):
		_ = rs.cmd.Process.Kill()
		<-rs.done
	}
	rs.cmd = nil
}
