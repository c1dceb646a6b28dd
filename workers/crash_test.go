package workers_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/pdf/pades"
	"github.com/mhac-clinic/mhac/workers"
)

// TestWorkerKilledMidBatch signs off 200 assessments, lets the real `mhac worker` binary render
// their forms, kills it with SIGKILL part-way, starts a second one, and checks that every form
// ends up issued exactly once with a good file and signature.
//
// Timing: asynq holds each running task under a 30 s lease that a live worker extends every few
// seconds; the recoverer of any worker moves a task whose lease expired at least 30 s ago back to
// the retry set, at its start and then once a minute. The second worker, started right after the
// kill, therefore finishes the queued tasks at once, and takes back the killed worker's
// in-flight tasks on its first periodic recovery, about 60 s after the kill (plus the 2 s retry
// delay and the 5 s check of the retry set). The test allows 150 s for that.
func TestWorkerKilledMidBatch(t *testing.T) {
	t.Parallel() // mostly waiting for the lease to run out; the other tests use that time
	st := clinictest.New(t, clinictest.Options{RedisDB: 5})
	db := st.Store.DB()
	bin := buildMHAC(t)
	env, roots := workerEnv(t, st)

	began := time.Now()
	ids := signBatch(t, st, 200, "CRASH")
	total := tally(t, db).Pending
	t.Logf("signed %d assessments with %d forms in %s", len(ids), total, time.Since(began).Round(time.Millisecond))

	// Six tasks at once on two cores: several are in flight whenever the kill comes.
	first := startWorker(t, bin, env, "first", "--concurrency", "6")
	waitFor(t, 120*time.Second, "a fifth of the forms issued", func() (bool, string) {
		c := tally(t, db)
		return c.Valid >= total/5, c.String()
	})
	first.kill(t)
	killedAt := time.Now()
	atKill := tally(t, db)
	if atKill.Valid == total {
		t.Fatalf("the batch was done before the kill (%s); sign more assessments", atKill)
	}
	insp := asynq.NewInspector(st.RedisOpt)
	defer insp.Close()
	active, err := insp.ListActiveTasks(workers.QueueForms, asynq.PageSize(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(active) == 0 {
		t.Fatalf("no task was in flight at the kill (%s): nothing to recover", atKill)
	}
	t.Logf("killed at %s; %d tasks in flight", atKill, len(active))

	startWorker(t, bin, env, "second")
	allIssued(t, db, 150*time.Second)
	t.Logf("all %d forms issued %s after the kill", total, time.Since(killedAt).Round(time.Second))
	for _, a := range active {
		info, err := insp.GetTaskInfo(workers.QueueForms, a.ID)
		if err != nil || info.State != asynq.TaskStateCompleted {
			t.Errorf("in-flight task %s after recovery: %+v, %v", a.ID, info, err)
		}
	}
	checkIssuedOnce(t, st, ids, roots, 10)
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// buildMHAC builds cmd/mhac once per test binary.
func buildMHAC(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "mhac-workers-test-"); buildErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(buildDir, "mhac"), "github.com/mhac-clinic/mhac/cmd/mhac").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/mhac: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(buildDir, "mhac")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// workerEnv is the environment of an `mhac worker` on the stack's database and Redis database,
// with its own signing keys (made as `mhac keys init` makes them) and the roots that trust them.
func workerEnv(t testing.TB, st *clinictest.Stack) ([]string, *x509.CertPool) {
	t.Helper()
	dir := t.TempDir()
	paths, err := pades.InitKeys(filepath.Join(dir, "keys"), "KGL", "Kigali MHAC", false)
	if err != nil {
		t.Fatal(err)
	}
	roots, err := pades.LoadRoots(paths.TrustFiles()...)
	if err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "session.key")
	if err := os.WriteFile(secret, []byte(strings.Repeat("5a", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := st.Store.DB().Raw("SELECT current_database()").Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pgtest.AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return append(os.Environ(), "MHAC_DATABASE_URL="+u.String(), "MHAC_REDIS_ADDR="+st.RedisOpt.Addr,
		fmt.Sprintf("MHAC_REDIS_DB=%d", st.RedisOpt.DB), "MHAC_SESSION_SECRET_FILE="+secret,
		"MHAC_KEYS_DIR="+filepath.Join(dir, "keys"), "MHAC_SITE=KGL", "MHAC_PUBLIC_URL="+st.URL), roots
}

// process is a worker running as its own process, its output kept in a file shown on failure.
type process struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

func startWorker(t testing.TB, bin string, env []string, name string, args ...string) *process {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"worker"}, args...)...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, f, f
	// If this test process dies before its cleanup runs (a timeout, a kill), the worker dies
	// with it instead of living on and taking later runs' tasks from the shared Redis.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); f.Close(); close(p.done) }()
	t.Cleanup(func() {
		// A clean stop, bounded: SIGTERM lets asynq hand back what it runs.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			out, _ := os.ReadFile(logPath)
			t.Logf("%s worker's log:\n%s", name, tail(string(out), 3000))
		}
	})
	return p
}

// kill ends the worker with SIGKILL: no handler runs, no task is handed back.
func (p *process) kill(t testing.TB) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// runWorker runs the worker in this process until the test ends.
func runWorker(t testing.TB, w *workers.Worker) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}
