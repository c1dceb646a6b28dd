package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/mhac-clinic/mhac/api"
	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/lab"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/pdf"
	"github.com/mhac-clinic/mhac/pdf/pades"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
)

// config is read from the environment, with defaults that work on a developer's machine.
type config struct {
	DatabaseURL string
	RedisAddr   string
	// RedisSentinels (MHAC_REDIS_SENTINELS, host:port comma-separated): when set, the queue's Redis
	// is the master these Sentinels name RedisMaster (MHAC_REDIS_MASTER, default "mhac"),
	// followed through failovers; RedisAddr is not used.
	RedisSentinels []string
	RedisMaster    string
	Listen         string
	PublicURL      string
	DataDir        string
	KeysDir        string
	SiteCode       string
	SecretFile     string
	SigningCert    string // defaults derived from KeysDir and SiteCode
	SigningKey     string
	TrustFiles     []string
	// Hardening settings; see docs/operations.md.
	TrustedProxies  []string      // MHAC_TRUSTED_PROXIES: addresses or CIDR ranges, comma-separated
	SessionIdle     time.Duration // MHAC_SESSION_IDLE
	SessionLifetime time.Duration // MHAC_SESSION_LIFETIME
	RequestTimeout  time.Duration // MHAC_REQUEST_TIMEOUT
	// IdentityValidFor is how long a station's identity check counts (MHAC_IDENTITY_CHECK_VALID_FOR);
	// zero: until the end of the clinic-local day (docs/identity.md).
	IdentityValidFor time.Duration
	// TestClock (MHAC_TEST_CLOCK=1, browser tests only) lets POST /test/clock move the clinic's
	// clock forward; off unless set, and never set by a production configuration.
	TestClock bool
	Pool      postgres.Pool // MHAC_DB_MAX_CONNS, MHAC_DB_CONN_LIFETIME, MHAC_DB_STATEMENT_TIMEOUT
	// ReplicaURL (MHAC_DATABASE_REPLICA_URL) is a streaming replica for the reads that may lag;
	// empty: every read uses DatabaseURL. ReplicaMaxLag (MHAC_REPLICA_MAX_LAG): past this lag the
	// reads go back to the primary.
	ReplicaURL    string
	ReplicaMaxLag time.Duration
}

// durationEnv reads a duration such as "30m"; a bad value stops the program.
func durationEnv(name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		fmt.Fprintf(os.Stderr, "mhac: %s=%q: want a duration such as 30m or 12h\n", name, v)
		os.Exit(2)
	}
	return d
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func loadConfig() config {
	c := config{
		DatabaseURL: env("MHAC_DATABASE_URL", "postgres://mhac@127.0.0.1:55432/mhac?sslmode=disable"),
		RedisAddr:   env("MHAC_REDIS_ADDR", "127.0.0.1:56379"),
		Listen:      env("MHAC_LISTEN", "127.0.0.1:8080"),
		PublicURL:   strings.TrimRight(env("MHAC_PUBLIC_URL", "http://127.0.0.1:8080"), "/"),
		DataDir:     env("MHAC_DATA_DIR", ".data"),
		SiteCode:    env("MHAC_SITE", "KGL"),
	}
	c.KeysDir = env("MHAC_KEYS_DIR", filepath.Join(c.DataDir, "keys"))
	c.SecretFile = env("MHAC_SESSION_SECRET_FILE", filepath.Join(c.DataDir, "session.key"))
	c.SigningCert = os.Getenv("MHAC_SIGNING_CERT")
	c.SigningKey = os.Getenv("MHAC_SIGNING_KEY")
	if t := os.Getenv("MHAC_TRUST_FILES"); t != "" {
		c.TrustFiles = strings.Split(t, ",")
	}
	for _, s := range strings.Split(os.Getenv("MHAC_REDIS_SENTINELS"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.RedisSentinels = append(c.RedisSentinels, s)
		}
	}
	c.RedisMaster = env("MHAC_REDIS_MASTER", "mhac")
	for _, p := range strings.Split(os.Getenv("MHAC_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	if err := api.CheckTrustedProxies(c.TrustedProxies); err != nil {
		fmt.Fprintf(os.Stderr, "mhac: MHAC_TRUSTED_PROXIES: %v\n", err)
		os.Exit(2)
	}
	c.SessionIdle = durationEnv("MHAC_SESSION_IDLE", clinic.DefaultSessionIdle)
	c.IdentityValidFor = durationEnv("MHAC_IDENTITY_CHECK_VALID_FOR", 0)
	c.TestClock = os.Getenv("MHAC_TEST_CLOCK") == "1"
	c.SessionLifetime = durationEnv("MHAC_SESSION_LIFETIME", clinic.DefaultSessionLifetime)
	c.RequestTimeout = durationEnv("MHAC_REQUEST_TIMEOUT", api.DefaultRequestTimeout)
	c.Pool = postgres.ServingPool
	if v := os.Getenv("MHAC_DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "mhac: MHAC_DB_MAX_CONNS=%q: want a positive number\n", v)
			os.Exit(2)
		}
		c.Pool.MaxOpen = n
	}
	c.Pool.MaxLifetime = durationEnv("MHAC_DB_CONN_LIFETIME", c.Pool.MaxLifetime)
	c.Pool.StatementTimeout = durationEnv("MHAC_DB_STATEMENT_TIMEOUT", c.Pool.StatementTimeout)
	c.ReplicaURL = os.Getenv("MHAC_DATABASE_REPLICA_URL")
	c.ReplicaMaxLag = durationEnv("MHAC_REPLICA_MAX_LAG", 30*time.Second)
	return c
}

// redisOpt is the Redis of the queues: MHAC_REDIS_ADDR, or the master that the Sentinels of
// MHAC_REDIS_SENTINELS name MHAC_REDIS_MASTER; database MHAC_REDIS_DB (default 0), so that
// deployments or test runs sharing one Redis keep their tasks apart. A bad number stops the
// program rather than silently joining database 0.
func (c config) redisOpt() asynq.RedisConnOpt {
	db := 0
	if v := os.Getenv("MHAC_REDIS_DB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 15 {
			fmt.Fprintf(os.Stderr, "mhac: MHAC_REDIS_DB=%q: want a database number from 0 to 15\n", v)
			os.Exit(2)
		}
		db = n
	}
	if len(c.RedisSentinels) > 0 {
		return asynq.RedisFailoverClientOpt{MasterName: c.RedisMaster, SentinelAddrs: c.RedisSentinels, DB: db}
	}
	return asynq.RedisClientOpt{Addr: c.RedisAddr, DB: db}
}

// redisClient is a client of the queue's Redis (through the Sentinels when configured), for the
// readiness and health pings.
func (c config) redisClient() redis.UniversalClient {
	return c.redisOpt().MakeRedisClient().(redis.UniversalClient)
}

// sessionSecret reads the session key file (hex), which `make run` creates.
func (c config) sessionSecret() ([]byte, error) {
	b, err := os.ReadFile(c.SecretFile)
	if err != nil {
		return nil, fmt.Errorf("read the session secret: %w (create it with 32 random bytes in hex, e.g. `openssl rand -hex 32 > %s`)", err, c.SecretFile)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("the session secret in %s must be at least 32 bytes in hex", c.SecretFile)
	}
	return key, nil
}

// keyPaths returns the signing certificate, key and trust anchors: from the configuration when
// named there, else from the keys directory made by `mhac keys init`.
func (c config) keyPaths() (cert, key string, trust []string, err error) {
	if c.SigningCert != "" && c.SigningKey != "" {
		return c.SigningCert, c.SigningKey, c.TrustFiles, nil
	}
	p, err := pades.KeyPaths(c.KeysDir, c.SiteCode)
	if err != nil {
		return "", "", nil, fmt.Errorf("signing keys: %w (run `mhac keys init --dir %s --site %s`)", err, c.KeysDir, c.SiteCode)
	}
	return p.SiteCert, p.SiteKey, append(p.TrustFiles(), c.TrustFiles...), nil
}

// app is what serve and worker share: the store, the protocol engine and the clinic service.
type app struct {
	cfg     config
	store   *postgres.Store
	engine  *protocols.Engine
	svc     *clinic.Service
	clock   *shiftClock       // nil unless cfg.TestClock
	replica *postgres.Replica // nil unless cfg.ReplicaURL
}

// openApp connects to the database (refusing a stale schema), loads the protocols and the keys.
func openApp(ctx context.Context, cfg config) (*app, error) {
	engine, err := protocols.Load()
	if err != nil {
		return nil, fmt.Errorf("load protocols: %w", err)
	}
	store, err := postgres.OpenPool(ctx, cfg.DatabaseURL, cfg.Pool)
	if err != nil {
		return nil, err
	}
	if err := store.CheckSchema(ctx); err != nil {
		store.Close()
		return nil, err
	}
	secret, err := cfg.sessionSecret()
	if err != nil {
		store.Close()
		return nil, err
	}
	certFile, keyFile, trust, err := cfg.keyPaths()
	if err != nil {
		store.Close()
		return nil, err
	}
	signer, err := pades.LoadSigner(certFile, keyFile)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("load the signing key: %w", err)
	}
	// Each site signs its own forms with its key in the keys directory, unless one key is named.
	renderer := pdf.Renderer{Signer: signer, Clock: clinic.SystemClock{}}
	var siteKeys clinic.SiteKeys
	if cfg.SigningCert == "" || cfg.SigningKey == "" {
		renderer.Sites = &pades.SiteSigners{Dir: cfg.KeysDir}
		siteKeys = pdf.SiteKeys{Dir: cfg.KeysDir}
	}
	roots, err := pades.LoadRoots(trust...)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("load the trust anchors: %w", err)
	}
	immunizer, err := vaccination.NewImmunizer()
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("load the CDSi vaccination data: %w", err)
	}
	labCatalog, err := lab.Catalog()
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("load the lab catalog: %w", err)
	}
	var clock clinic.Clock = clinic.SystemClock{}
	var shift *shiftClock
	if cfg.TestClock {
		shift = &shiftClock{}
		clock = shift
	}
	deps := clinic.Deps{Store: store, Clock: clock, Assessor: engine, Hasher: password.Hasher{}, TOTP: password.TOTP{}, Immunizer: immunizer, Lab: labCatalog,
		Renderer: renderer, ConsentSheets: pdf.ConsentSheets{}, Verifier: pdf.Verifier{Roots: roots},
		SessionSecret: secret, PublicURL: cfg.PublicURL, SessionIdle: cfg.SessionIdle, SessionLifetime: cfg.SessionLifetime,
		IdentityValidFor: cfg.IdentityValidFor, SiteKeys: siteKeys}
	replica, err := openReplica(ctx, cfg)
	if err != nil {
		store.Close()
		return nil, err
	}
	if replica != nil {
		deps.Replica = replica
	}
	svc, err := clinic.NewService(deps)
	if err != nil {
		store.Close()
		return nil, err
	}
	return &app{cfg: cfg, store: store, engine: engine, svc: svc, clock: shift, replica: replica}, nil
}
