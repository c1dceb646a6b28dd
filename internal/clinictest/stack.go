// Package clinictest assembles the whole clinic for integration tests: a fresh PostgreSQL
// database, the real protocol engine, signing keys, Redis with the asynq worker, and the HTTP
// server, with one demo login per role.
package clinictest

import (
	"context"
	"crypto/x509"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"
	"github.com/redis/go-redis/v9"

	"github.com/mhac-clinic/mhac/api"
	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/lab"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/pdf"
	"github.com/mhac-clinic/mhac/pdf/pades"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
	"github.com/mhac-clinic/mhac/workers"
)

// Password is every test login's password.
const Password = "test-password-2026"

// Stack is a running clinic.
type Stack struct {
	Svc       *clinic.Service
	Store     *postgres.Store
	Engine    *protocols.Engine
	Immunizer *vaccination.Immunizer
	Roots     *x509.CertPool
	Signer    *pades.Signer
	KeysDir   string // the keys directory of `mhac keys init`: the CA and site KGL's key
	RedisOpt  asynq.RedisClientOpt
	URL       string // the HTTP server's base URL
	Server    *api.Server
	Actors    map[string]clinic.Actor
	Replica   *postgres.Replica // nil unless Options.ReplicaURL
}

// Options choose the parts to run.
type Options struct {
	RedisDB int  // the Redis database this test package owns (1–15), so packages never share tasks
	Worker  bool // run the asynq worker and the outbox dispatcher
	// TrustedProxies are passed to the server: the proxies whose X-Forwarded-For it believes.
	TrustedProxies []string
	// Clock is the service's clock (the system clock when nil).
	Clock clinic.Clock
	// SessionIdle and SessionLifetime are the session settings (the defaults when zero).
	SessionIdle, SessionLifetime time.Duration
	// IdentityValidFor is how long a station's identity check counts (zero: the clinic-local day).
	IdentityValidFor time.Duration
	// RequestTimeout is the server's deadline per request (the default when zero).
	RequestTimeout time.Duration
	// ObserveRequest is passed to the server: it is told of every answered request (metrics).
	ObserveRequest func(route, method string, status int, d time.Duration)
	// DatabaseURL receives the URL of the test's database, for tests that act on it directly.
	DatabaseURL *string
	// RedisAddr is the Redis to use instead of the shared test instance, e.g. a StartRedis
	// server that the test stops.
	RedisAddr string
	// SiteSigners signs each form with its own site's key from KeysDir, as `mhac serve` does
	// (otherwise KGL's key signs every form).
	SiteSigners bool
	// ReplicaURL, when set, is the service's read replica (e.g. another database of the test
	// cluster, to see which reads go where); its state is checked once at start, then by Check.
	ReplicaURL string
	// ReplicaMaxLag is the replica's lag limit (none when zero).
	ReplicaMaxLag time.Duration
}

// New builds and starts the stack; everything stops when the test ends.
func New(t testing.TB, o Options) *Stack {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	dbURL := pgtest.NewDatabase(t)
	if o.DatabaseURL != nil {
		*o.DatabaseURL = dbURL
	}
	store, err := postgres.OpenPool(ctx, dbURL, postgres.ServingPool)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	st := &Stack{Store: store, Actors: map[string]clinic.Actor{}}
	if st.Engine, err = protocols.Load(); err != nil {
		t.Fatalf("load protocols: %v", err)
	}
	st.KeysDir = t.TempDir()
	paths, err := pades.InitKeys(st.KeysDir, "KGL", "Kigali MHAC", false)
	if err != nil {
		t.Fatalf("keys: %v", err)
	}
	if st.Signer, err = pades.LoadSigner(paths.SiteCert, paths.SiteKey); err != nil {
		t.Fatalf("signer: %v", err)
	}
	if st.Roots, err = pades.LoadRoots(paths.TrustFiles()...); err != nil {
		t.Fatalf("roots: %v", err)
	}
	if o.RedisAddr == "" {
		o.RedisAddr = RedisAddr(t)
	}
	st.RedisOpt = asynq.RedisClientOpt{Addr: o.RedisAddr, DB: o.RedisDB}
	rdb := redis.NewClient(&redis.Options{Addr: st.RedisOpt.Addr, DB: o.RedisDB})
	t.Cleanup(func() { rdb.Close() })
	if err := rdb.FlushDB(ctx).Err(); err != nil {
		t.Fatalf("redis at %s: %v", st.RedisOpt.Addr, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	st.URL = "http://" + ln.Addr().String()
	if st.Immunizer, err = vaccination.NewImmunizer(); err != nil {
		t.Fatalf("load CDSi: %v", err)
	}
	labCatalog, err := lab.Catalog()
	if err != nil {
		t.Fatalf("load the lab catalog: %v", err)
	}
	renderer := pdf.Renderer{Signer: st.Signer, Clock: clinic.SystemClock{}}
	if o.SiteSigners {
		renderer.Sites = &pades.SiteSigners{Dir: st.KeysDir}
	}
	deps := clinic.Deps{Store: st.Store, Assessor: st.Engine, Immunizer: st.Immunizer, Lab: labCatalog,
		Hasher:   password.Hasher{P: password.Params{Memory: 8 * 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}},
		SiteKeys: pdf.SiteKeys{Dir: st.KeysDir},
		Renderer: renderer, ConsentSheets: pdf.ConsentSheets{}, Verifier: pdf.Verifier{Roots: st.Roots},
		SessionSecret: []byte("0123456789abcdef0123456789abcdef-test"), PublicURL: st.URL, Clock: o.Clock, TOTP: password.TOTP{},
		SessionIdle: o.SessionIdle, SessionLifetime: o.SessionLifetime, IdentityValidFor: o.IdentityValidFor}
	var replicaState func() string
	if o.ReplicaURL != "" {
		if st.Replica, err = postgres.OpenReplica(ctx, o.ReplicaURL, postgres.ServingPool, o.ReplicaMaxLag); err != nil {
			t.Fatalf("open the replica: %v", err)
		}
		t.Cleanup(func() { _ = st.Replica.Close() })
		deps.Replica, replicaState = st.Replica, st.Replica.State
	}
	if st.Svc, err = clinic.NewService(deps); err != nil {
		t.Fatal(err)
	}
	st.seedUsers(t)
	admin := workers.NewAdmin(st.RedisOpt, st.Svc)
	t.Cleanup(func() { admin.Close() })
	mon := asynqmon.New(asynqmon.Options{RootPath: "/admin/queues", RedisConnOpt: st.RedisOpt})
	t.Cleanup(func() { mon.Close() })
	srv := api.New(api.Config{Service: st.Svc, Protocols: protocols.Catalog{E: st.Engine}, Jobs: admin, QueueMonitor: mon,
		RedisPing: func(ctx context.Context) error { return rdb.Ping(ctx).Err() }, TrustedProxies: o.TrustedProxies,
		RequestTimeout: o.RequestTimeout, ObserveRequest: o.ObserveRequest, ReplicaState: replicaState})
	st.Server = srv
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	if o.Worker {
		done := make(chan struct{})
		go func() { _ = workers.NewWorker(st.Svc, st.RedisOpt, 2).Run(ctx); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
	}
	return st
}

// Routes lists the routes the server serves.
func (st *Stack) Routes() []string { return st.Server.Routes() }

// RedisAddr is the test Redis, from MHAC_TEST_REDIS_ADDR.
func RedisAddr(t testing.TB) string {
	a := os.Getenv("MHAC_TEST_REDIS_ADDR")
	if a == "" {
		t.Fatalf("MHAC_TEST_REDIS_ADDR is not set: start the test services (make test does) and export MHAC_TEST_REDIS_ADDR=127.0.0.1:56380")
	}
	return a
}

// AtSite returns the stack as seen from another site (which must exist): one account per demo
// staff role of that site (username.code, e.g. nurse.nbo), in Actors under the demo usernames,
// so the helpers (SignPeople, TakePhoto, PassIdentity) work there unchanged.
func (st *Stack) AtSite(t testing.TB, code string) *Stack {
	t.Helper()
	at := *st
	at.Actors = map[string]clinic.Actor{}
	for _, nu := range demo.Users {
		if nu.Role == clinic.RolePanel || nu.DeploymentWide {
			continue
		}
		name := nu.Username
		nu.Username += "." + strings.ToLower(code)
		nu.SiteCode, nu.Password = code, Password
		u, err := st.Svc.CreateUser(context.Background(), clinic.Actor{}, nu)
		if err != nil {
			t.Fatalf("user %s: %v", nu.Username, err)
		}
		at.Actors[name] = clinic.ActorOf(u, "test", "127.0.0.1")
	}
	return &at
}

func (st *Stack) seedUsers(t testing.TB) {
	ctx := context.Background()
	if _, err := st.Svc.EnsureSite(ctx, demo.Site); err != nil {
		t.Fatal(err)
	}
	for _, nu := range demo.Users {
		nu.SiteCode, nu.Password = "KGL", Password
		u, err := st.Svc.CreateUser(ctx, clinic.Actor{}, nu)
		if err != nil {
			t.Fatalf("user %s: %v", nu.Username, err)
		}
		st.Actors[u.Username] = clinic.ActorOf(u, "test", "127.0.0.1")
	}
}
