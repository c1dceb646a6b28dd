package backup_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/backup"
	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
)

// source is a migrated database with a site, users and their audit rows, and a keys directory.
func source(t *testing.T) backup.Source {
	t.Helper()
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	store, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	engine, err := protocols.Load()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := clinic.NewService(clinic.Deps{Store: store, Assessor: engine,
		Hasher:        password.Hasher{P: password.Params{Memory: 8 * 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}},
		SessionSecret: bytes.Repeat([]byte("k"), 32), PublicURL: "http://127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.EnsureSite(ctx, demo.Site); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"reg1", "reg2", "reg3"} {
		if _, err := svc.CreateUser(ctx, clinic.Actor{}, clinic.NewUser{Username: u, Name: u, Role: clinic.RoleRegistrar,
			SiteCode: demo.Site.Code, Password: "a-long-test-password"}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	write(t, filepath.Join(keys, "KGL", "site.key"), "private key bytes")
	write(t, filepath.Join(keys, "ca.crt"), "certificate bytes")
	secret := filepath.Join(dir, "session.key")
	write(t, secret, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
	return backup.Source{DatabaseURL: url, KeysDir: keys, SecretFile: secret}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, url, table string) int64 {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int64
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func TestBackupThenRestoreGivesTheSameRecordsAndKeys(t *testing.T) {
	ctx := context.Background()
	src := source(t)
	var archive bytes.Buffer
	m, err := backup.Create(ctx, src, &archive)
	if err != nil {
		t.Fatal(err)
	}
	if m.SchemaVersion != postgres.LatestVersion() || m.Counts["users"] != 3 || m.Counts["audit_log"] == 0 {
		t.Fatalf("manifest: version %d, counts %v", m.SchemaVersion, m.Counts)
	}
	dst := t.TempDir()
	target := backup.Target{DatabaseURL: pgtest.NewEmptyDatabase(t), KeysDir: filepath.Join(dst, "keys"), SecretFile: filepath.Join(dst, "session.key")}
	if _, err := backup.Restore(ctx, bytes.NewReader(archive.Bytes()), target); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"users", "sites", "audit_log", "schema_migrations"} {
		if got, want := count(t, target.DatabaseURL, table), count(t, src.DatabaseURL, table); got != want {
			t.Errorf("%s: %d rows restored, %d in the source", table, got, want)
		}
	}
	store, err := postgres.Open(ctx, target.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.CheckSchema(ctx); err != nil {
		t.Errorf("restored schema: %v", err)
	}
	for _, rel := range []string{"KGL/site.key", "ca.crt"} {
		got, _ := os.ReadFile(filepath.Join(target.KeysDir, rel))
		want, _ := os.ReadFile(filepath.Join(src.KeysDir, rel))
		if !bytes.Equal(got, want) || len(got) == 0 {
			t.Errorf("key file %s: %q restored, %q in the source", rel, got, want)
		}
	}
	if got, _ := os.ReadFile(target.SecretFile); len(got) != 64 {
		t.Errorf("session secret: %q", got)
	}
}

func TestRestoreRefusesADamagedArchiveAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	var archive bytes.Buffer
	if _, err := backup.Create(ctx, source(t), &archive); err != nil {
		t.Fatal(err)
	}
	b := archive.Bytes()
	// Flip one byte inside the database dump (past the manifest and the tar headers).
	i := bytes.Index(b, []byte("PGDMP"))
	if i < 0 {
		t.Fatal("no pg_dump entry in the archive")
	}
	b[i+600] ^= 0xff
	dst := t.TempDir()
	target := backup.Target{DatabaseURL: pgtest.NewEmptyDatabase(t), KeysDir: filepath.Join(dst, "keys")}
	_, err := backup.Restore(ctx, bytes.NewReader(b), target)
	if !errors.Is(err, backup.ErrCorrupt) {
		t.Fatalf("want ErrCorrupt, got %v", err)
	}
	if n := count(t, target.DatabaseURL, "pg_tables WHERE schemaname = 'public'"); n != 0 {
		t.Errorf("%d tables written from a damaged archive", n)
	}
	if _, err := os.Stat(target.KeysDir); !os.IsNotExist(err) {
		t.Errorf("keys written from a damaged archive: %v", err)
	}
}

func TestRestoreRefusesADatabaseInUseAndExistingKeys(t *testing.T) {
	ctx := context.Background()
	src := source(t)
	var archive bytes.Buffer
	if _, err := backup.Create(ctx, src, &archive); err != nil {
		t.Fatal(err)
	}
	// The source itself is not empty: restoring over it is refused.
	if _, err := backup.Restore(ctx, bytes.NewReader(archive.Bytes()), backup.Target{DatabaseURL: src.DatabaseURL}); err == nil {
		t.Error("restored over a database that has tables")
	}
	// Keys are never overwritten, and the database stays untouched when they would be.
	empty := pgtest.NewEmptyDatabase(t)
	if _, err := backup.Restore(ctx, bytes.NewReader(archive.Bytes()), backup.Target{DatabaseURL: empty, KeysDir: src.KeysDir}); err == nil {
		t.Error("restored over existing key files")
	}
	if n := count(t, empty, "pg_tables WHERE schemaname = 'public'"); n != 0 {
		t.Errorf("%d tables written although the keys were refused", n)
	}
}
