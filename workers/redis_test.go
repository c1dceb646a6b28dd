package workers_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/workers"
)

// TestRedisDownDuringSignOffs: clinical work must not wait for the queue. With Redis stopped,
// sign-offs succeed and their outbox rows wait in PostgreSQL; when Redis is back (empty: it keeps
// nothing on disk), the dispatcher sends them and the forms are issued.
func TestRedisDownDuringSignOffs(t *testing.T) {
	t.Parallel()
	st := clinictest.New(t, clinictest.Options{RedisDB: 6})
	db := st.Store.DB()
	rs := startRedis(t) // our own instance: the shared one is never stopped
	runWorker(t, workers.NewWorker(st.Svc, asynq.RedisClientOpt{Addr: rs.addr}, 2))

	before := signBatch(t, st, 4, "UP")
	allIssued(t, db, 60*time.Second)
	issuedBefore := tally(t, db).Valid

	rs.stop(t)
	// Signing 20 people takes a second or more, so the dispatcher fails several rounds meanwhile.
	during := signBatch(t, st, 20, "DOWN")
	c := tally(t, db)
	if c.Valid != issuedBefore || c.Pending == 0 || c.Undelivered != c.Pending || c.Failed != 0 {
		t.Fatalf("with Redis down: %s; want %d valid and every new form pending with its outbox row", c, issuedBefore)
	}
	t.Logf("Redis down: %s", c)

	rs.start(t)
	after := allIssued(t, db, 90*time.Second)
	if after.Valid != issuedBefore+c.Pending {
		t.Errorf("after Redis came back: %s; want %d valid", after, issuedBefore+c.Pending)
	}
	checkIssuedOnce(t, st, append(before, during...), st.Roots, 5)
}

// redisServer is a private redis-server on a free loopback port, with no persistence.
type redisServer struct {
	addr, dir string
	cmd       *exec.Cmd
	done      chan struct{}
}

func startRedis(t testing.TB) *redisServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rs := &redisServer{addr: ln.Addr().String(), dir: t.TempDir()}
	ln.Close()
	rs.start(t)
	t.Cleanup(func() {
		if rs.cmd != nil {
			rs.stop(t)
		}
	})
	return rs
}

func (rs *redisServer) start(t testing.TB) {
	t.Helper()
	_, port, _ := net.SplitHostPort(rs.addr)
	rs.cmd = exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", rs.dir, "--logfile", filepath.Join(rs.dir, "redis.log"))
	rs.cmd.Stdout, rs.cmd.Stderr = os.Stderr, os.Stderr
	if err := rs.cmd.Start(); err != nil {
		t.Fatalf("redis-server: %v", err)
	}
	rs.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { _ = cmd.Wait(); close(done) }(rs.cmd, rs.done)
	rdb := redis.NewClient(&redis.Options{Addr: rs.addr, MaxRetries: -1})
	defer rdb.Close()
	waitFor(t, 10*time.Second, "redis-server answers on "+rs.addr, func() (bool, string) {
		err := rdb.Ping(context.Background()).Err()
		return err == nil, fmt.Sprint(err)
	})
}

// stop ends redis-server and waits until it is gone; with --save "" nothing is kept.
func (rs *redisServer) stop(t testing.TB) {
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
