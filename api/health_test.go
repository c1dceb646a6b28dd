package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

type healthOut struct {
	Status   string `json:"status"`
	Database struct {
		Status string `json:"status"`
	} `json:"database"`
	Queue struct {
		Status            string  `json:"status"`
		Undelivered       int     `json:"undelivered"`
		OldestUndelivered *string `json:"oldest_undelivered_at"`
		PendingForms      int     `json:"pending_forms"`
		OldestPendingForm *string `json:"oldest_pending_form_at"`
	} `json:"queue"`
}

// readyz asks /readyz and checks that the answer is exactly the status, with no error text.
func readyz(t *testing.T, st *clinictest.Stack, wantCode int, wantStatus string) {
	t.Helper()
	code, body := st.NewClient(t).Do("GET", "/readyz", nil, nil)
	if want := fmt.Sprintf(`{"status":%q}`, wantStatus); code != wantCode || string(body) != want {
		t.Fatalf("/readyz: %d %s; want %d %s", code, body, wantCode, want)
	}
}

// TestReadyWithoutRedis: with Redis stopped the clinic still serves clinical work, so /readyz
// stays 200; a sign-off succeeds and its forms wait in the outbox, which the administrators'
// health page shows (queue unavailable, the backlog and its oldest message). When Redis is back
// the forms are issued and the backlog is gone.
func TestReadyWithoutRedis(t *testing.T) {
	rs := clinictest.StartRedis(t)
	st := clinictest.New(t, clinictest.Options{RedisAddr: rs.Addr, Worker: true})
	admin := st.Login(t, "admin")
	var h healthOut
	readyz(t, st, 200, "ready")
	admin.Must(200, "GET", "/api/admin/health", nil, &h)
	if h.Status != "ok" || h.Database.Status != "ok" || h.Queue.Status != "ok" || h.Queue.Undelivered != 0 {
		t.Fatalf("health with everything up: %+v", h)
	}

	rs.Stop(t)
	readyz(t, st, 200, "ready")
	ch := signOff(t, st, "RW-NOREDIS-1") // history, vitals, results, classification, sign-off
	if ch.State != "signed" {
		t.Fatalf("sign-off with Redis down: state %q", ch.State)
	}
	admin.Must(200, "GET", "/api/admin/health", nil, &h)
	if h.Status != "degraded" || h.Database.Status != "ok" || h.Queue.Status != "unavailable" ||
		h.Queue.Undelivered != len(ch.Plan.Forms) || h.Queue.OldestUndelivered == nil ||
		h.Queue.PendingForms != len(ch.Plan.Forms) || h.Queue.OldestPendingForm == nil {
		t.Fatalf("health with Redis down after a sign-off ordering %v: %+v", ch.Plan.Forms, h)
	}
	if code, _ := st.Login(t, "nurse").Do("GET", "/api/admin/health", nil, nil); code != 403 {
		t.Fatalf("a nurse reading the health page: %d", code)
	}

	rs.Start(t)
	waitForms(t, st.Login(t, "physician"), ch)
	admin.Must(200, "GET", "/api/admin/health", nil, &h)
	if h.Status != "ok" || h.Queue.Status != "ok" || h.Queue.Undelivered != 0 || h.Queue.PendingForms != 0 ||
		h.Queue.OldestUndelivered != nil || h.Queue.OldestPendingForm != nil {
		t.Fatalf("health after Redis came back: %+v", h)
	}
}

// TestNotReadyWithoutPostgres: when the server's database cannot be reached, /readyz answers 503
// without the cause; when it can again, 200. The test cluster is shared by other tests, so the
// database is made unavailable to the server alone: new connections to it are refused and the
// open ones are ended.
func TestNotReadyWithoutPostgres(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1})
	readyz(t, st, 200, "ready")
	var name string
	if err := st.Store.DB().Raw("SELECT current_database()").Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec(fmt.Sprintf("ALTER DATABASE %s ALLOW_CONNECTIONS false", pgx.Identifier{name}.Sanitize()))
	t.Cleanup(func() {
		_, _ = conn.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s ALLOW_CONNECTIONS true", pgx.Identifier{name}.Sanitize()))
	})
	exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)

	readyz(t, st, 503, "not_ready")
	readyz(t, st, 503, "not_ready") // still, with the pool's connections gone

	exec(fmt.Sprintf("ALTER DATABASE %s ALLOW_CONNECTIONS true", pgx.Identifier{name}.Sanitize()))
	readyz(t, st, 200, "ready")
}
