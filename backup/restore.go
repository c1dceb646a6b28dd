package backup

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Target is where a restore writes.
type Target struct {
	DatabaseURL string // an empty database (no tables); Restore refuses any other
	KeysDir     string // created; existing files are never overwritten
	SecretFile  string // written when the archive has one; never overwritten
}

// Restore reads an archive made by Create into t. Every entry is checked against the manifest
// before the database is touched; the restored row counts must reach the manifest's.
func Restore(ctx context.Context, in io.Reader, t Target) (Manifest, error) {
	if err := requireEmpty(ctx, t.DatabaseURL); err != nil {
		return Manifest{}, err
	}
	tmp, err := os.MkdirTemp("", "mhac-restore-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	m, staged, err := unpack(in, tmp)
	if err != nil {
		return Manifest{}, err
	}
	for name := range staged {
		if name == secretName && t.SecretFile != "" {
			if err := refuseExisting(t.SecretFile); err != nil {
				return m, err
			}
		}
		if rel, ok := strings.CutPrefix(name, keysPrefix); ok && t.KeysDir != "" {
			if err := refuseExisting(filepath.Join(t.KeysDir, filepath.FromSlash(rel))); err != nil {
				return m, err
			}
		}
	}
	if err := run(ctx, "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
		"--dbname="+t.DatabaseURL, staged[databaseName]); err != nil {
		return m, err
	}
	counts, _, err := countRows(ctx, t.DatabaseURL)
	if err != nil {
		return m, err
	}
	for table, want := range m.Counts {
		if counts[table] < want {
			return m, fmt.Errorf("%w: table %s has %d rows after the restore, the backup recorded %d", ErrCorrupt, table, counts[table], want)
		}
	}
	for name, p := range staged {
		var dst string
		switch rel, isKey := strings.CutPrefix(name, keysPrefix); {
		case isKey && t.KeysDir != "":
			dst = filepath.Join(t.KeysDir, filepath.FromSlash(rel))
		case name == secretName && t.SecretFile != "":
			dst = t.SecretFile
		default:
			continue
		}
		if err := place(p, dst); err != nil {
			return m, err
		}
	}
	return m, nil
}

// unpack reads the manifest, then stages each entry in dir, checking size and SHA-256.
func unpack(in io.Reader, dir string) (Manifest, map[string]string, error) {
	tr := tar.NewReader(in)
	h, err := tr.Next()
	if err != nil || h.Name != manifestName {
		return Manifest{}, nil, fmt.Errorf("%w: it does not start with %s", ErrCorrupt, manifestName)
	}
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
		return Manifest{}, nil, fmt.Errorf("%w: the manifest: %v", ErrCorrupt, err)
	}
	if m.Format != Format {
		return m, nil, fmt.Errorf("%w: format %q, this mhac reads %q", ErrCorrupt, m.Format, Format)
	}
	want := map[string]Entry{}
	for _, e := range m.Entries {
		if !safeName(e.Name) {
			return m, nil, fmt.Errorf("%w: unsafe entry name %q", ErrCorrupt, e.Name)
		}
		want[e.Name] = e
	}
	staged := map[string]string{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		e, ok := want[h.Name]
		if !ok || staged[h.Name] != "" {
			return m, nil, fmt.Errorf("%w: entry %q is not in the manifest", ErrCorrupt, h.Name)
		}
		p := filepath.Join(dir, fmt.Sprintf("%03d", len(staged)))
		if err := stage(tr, p, e); err != nil {
			return m, nil, err
		}
		staged[h.Name] = p
	}
	for name := range want {
		if staged[name] == "" {
			return m, nil, fmt.Errorf("%w: entry %q is missing", ErrCorrupt, name)
		}
	}
	if staged[databaseName] == "" {
		return m, nil, fmt.Errorf("%w: no database dump", ErrCorrupt)
	}
	return m, staged, nil
}

func stage(r io.Reader, p string, e Entry) error {
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, e.Size+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n != e.Size || hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		return fmt.Errorf("%w: %s does not match its checksum", ErrCorrupt, e.Name)
	}
	return nil
}

// safeName keeps every entry inside the directory it is restored to.
func safeName(n string) bool {
	return n != "" && !path.IsAbs(n) && path.Clean(n) == n && !strings.HasPrefix(n, "../") && n != ".."
}

func refuseExisting(p string) error {
	if _, err := os.Stat(p); err == nil {
		return fmt.Errorf("%s exists already; restore writes keys and secrets only where there are none", p)
	}
	return nil
}

func place(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o600)
}

// requireEmpty refuses a database that already has tables in its public schema.
func requireEmpty(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("connect to the target database: %w", err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("the target database has %d tables; restore only into an empty database", n)
	}
	return nil
}

// countRows counts the rows of every table in the public schema, and reads the schema version.
func countRows(ctx context.Context, url string) (map[string]int64, int, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, 0, fmt.Errorf("connect to the database: %w", err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
	if err != nil {
		return nil, 0, err
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, 0, err
	}
	counts := map[string]int64{}
	version := 0
	for _, t := range tables {
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{t}.Sanitize()).Scan(&n); err != nil {
			return nil, 0, err
		}
		counts[t] = n
		if t == "schema_migrations" {
			if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&version); err != nil {
				return nil, 0, err
			}
		}
	}
	return counts, version, nil
}
