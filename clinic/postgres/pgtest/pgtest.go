// Package pgtest gives each test a fresh PostgreSQL database, cloned from a template that is
// migrated once per schema version, so tests are isolated and start in milliseconds.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic/postgres"
)

// EnvAdminURL names the variable holding the admin URL of the test cluster (any database on it).
const EnvAdminURL = "MHAC_TEST_DATABASE_URL"

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// AdminURL returns the test cluster's admin URL, failing the test with instructions when unset.
func AdminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvAdminURL)
	if u == "" {
		t.Fatalf("%s is not set: start the test services with `scripts/services.sh start test` and export "+
			"%s=postgres://mhac@127.0.0.1:55433/postgres?sslmode=disable (make test does both)", EnvAdminURL, EnvAdminURL)
	}
	return u
}

// NewDatabase creates a fresh migrated database for one test and drops it when the test ends.
// It returns the database's URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	admin := AdminURL(t)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(admin) })
	if templateErr != nil {
		t.Fatalf("prepare the template database: %v", templateErr)
	}
	ctx := context.Background()
	name := "t_" + randomHex(8)
	if err := exec(ctx, admin, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_ = exec(context.Background(), admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return withDatabase(admin, name)
}

// NewEmptyDatabase creates a database without any schema (e.g. to restore a backup into) and
// drops it when the test ends. It returns the database's URL.
func NewEmptyDatabase(t testing.TB) string {
	t.Helper()
	admin := AdminURL(t)
	name := "t_" + randomHex(8)
	if err := exec(context.Background(), admin, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_ = exec(context.Background(), admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return withDatabase(admin, name)
}

// NewStore opens a store on a fresh database and closes it when the test ends.
func NewStore(t testing.TB) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), NewDatabase(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// ensureTemplate creates and migrates the template for this schema version once per cluster.
// Test binaries of several packages run at once, so an advisory lock serialises the creation.
func ensureTemplate(admin string) (string, error) {
	ctx := context.Background()
	name := fmt.Sprintf("mhac_template_v%d_%s", postgres.LatestVersion(), postgres.SchemaHash())
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7150002)"); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(7150002)")
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	s, err := postgres.Open(ctx, withDatabase(admin, building))
	if err != nil {
		return "", err
	}
	_, err = s.Migrate(ctx)
	_ = s.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	// Renaming only when complete means a crashed run never leaves a half-migrated template.
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	return name, nil
}

func exec(ctx context.Context, admin, sql string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

func withDatabase(admin, name string) string {
	u, err := url.Parse(admin)
	if err != nil {
		return admin
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
