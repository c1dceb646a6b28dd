package postgres

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: the name must start with its number, e.g. 0002_forms.sql", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	// Numbers are reserved per change while several are under way, so a number may be missing
	// for a while; two files with one number never are.
	for i, m := range out {
		if m.version < 1 || i > 0 && m.version == out[i-1].version {
			return nil, fmt.Errorf("migration %s: the number must be 1 or more and used once", m.name)
		}
	}
	return out, nil
}

// LatestVersion is the schema version this code needs.
func LatestVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// Migrate applies every migration the database lacks, each in its own transaction, under an
// advisory lock so two processes never migrate at once. It returns the versions applied.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	var applied []int
	err = s.db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("SELECT pg_advisory_lock(7150001)").Error; err != nil {
			return err
		}
		defer conn.Exec("SELECT pg_advisory_unlock(7150001)")
		if err := conn.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`).Error; err != nil {
			return err
		}
		var done []int
		if err := conn.Raw("SELECT version FROM schema_migrations").Scan(&done).Error; err != nil {
			return err
		}
		for _, m := range ms {
			if slices.Contains(done, m.version) {
				continue
			}
			err := conn.Transaction(func(t *gorm.DB) error {
				if err := t.Exec(m.sql).Error; err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
				return t.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
					m.version, m.name, time.Now().UTC()).Error
			})
			if err != nil {
				return err
			}
			applied = append(applied, m.version)
		}
		return nil
	})
	return applied, err
}

// SchemaVersion returns the version of the database's schema (0 for an empty database).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(s.db.WithContext(ctx))
}

func schemaVersion(db *gorm.DB) (int, error) {
	var exists bool
	if err := db.Raw("SELECT to_regclass('schema_migrations') IS NOT NULL").Scan(&exists).Error; err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := db.Raw("SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v).Error
	return v, err
}

// CheckSchema refuses a database whose schema is older (or newer) than the code.
func (s *Store) CheckSchema(ctx context.Context) error {
	have, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("read the schema version: %w", err)
	}
	want := LatestVersion()
	switch {
	case have < want:
		return fmt.Errorf("the database schema is at version %d but this mhac needs version %d: run `mhac migrate` first", have, want)
	case have > want:
		return fmt.Errorf("the database schema is at version %d, newer than this mhac knows (%d): run a newer mhac", have, want)
	}
	return nil
}

// SchemaHash identifies the migrations' content, so a test template is rebuilt when any changes.
func SchemaHash() string {
	ms, err := migrations()
	if err != nil {
		return "invalid"
	}
	h := sha256.New()
	for _, m := range ms {
		h.Write([]byte(m.name))
		h.Write([]byte(m.sql))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
