package api_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// adminExec runs one statement on the test cluster as its administrator.
func adminExec(t *testing.T, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestDatabaseDownAnswers503 cuts the clinic off its database for real: its connections are
// terminated and new ones refused. Requests then answer 503 with Retry-After, not 500; once the
// database accepts connections again the same server answers without a restart.
func TestDatabaseDownAnswers503(t *testing.T) {
	var dbURL string
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, DatabaseURL: &dbURL})
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	db := strings.TrimPrefix(u.Path, "/")
	nurse := st.Login(t, "nurse")
	nurse.Must(200, "GET", "/api/session", nil, nil)

	adminExec(t, "ALTER DATABASE "+db+" ALLOW_CONNECTIONS false")
	restored := false
	restore := func() {
		if !restored {
			adminExec(t, "ALTER DATABASE "+db+" ALLOW_CONNECTIONS true")
			restored = true
		}
	}
	t.Cleanup(restore)
	adminExec(t, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"+db+"'")

	for _, r := range []struct {
		client      *clinictest.Client
		method, url string
		body        any
	}{
		{nurse, "GET", "/api/session", nil},
		{nurse, "GET", "/api/worklist?station=nurse", nil},
		{st.NewClient(t), "POST", "/api/session", map[string]string{"username": "lab", "password": clinictest.Password}},
		{st.NewClient(t), "GET", "/api/verify/abcdefgh12345678", nil},
	} {
		code, raw := r.client.Do(r.method, r.url, r.body, nil)
		p := clinictest.ProblemOf(t, raw)
		if code != 503 || p.Code != "unavailable" || r.client.LastHeader.Get("Retry-After") == "" {
			t.Errorf("%s %s with the database down: %d %s (Retry-After %q)", r.method, r.url, code, raw, r.client.LastHeader.Get("Retry-After"))
		}
	}

	ready := st.NewClient(t)
	if code, raw := ready.Do("GET", "/readyz", nil, nil); code != 503 || ready.LastHeader.Get("Retry-After") == "" {
		t.Errorf("/readyz with the database down: %d %s", code, raw)
	}

	restore()
	// The pool replaces its dead connections on demand: the first requests may still meet one.
	var code int
	for i := 0; i < 5; i++ {
		if code, _ = nurse.Do("GET", "/api/session", nil, nil); code == 200 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if code != 200 {
		t.Fatalf("after the database came back the session answers %d", code)
	}
	st.Login(t, "lab")
	ready.Must(200, "GET", "/readyz", nil, nil)
}

// TestRequestDeadline checks that the request's deadline reaches the database: a server whose
// deadline has always passed answers 503, not 500, and holds no query open.
func TestRequestDeadline(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, RequestTimeout: time.Nanosecond})
	code, raw := st.NewClient(t).Do("POST", "/api/session", map[string]string{"username": "nurse", "password": clinictest.Password}, nil)
	if p := clinictest.ProblemOf(t, raw); code != 503 || p.Code != "unavailable" {
		t.Fatalf("login past its deadline: %d %s", code, raw)
	}
}
