// Package backup writes and reads the clinic's backup archive: the database in pg_dump's custom
// format (which holds every record, the signed PDFs and the audit chain), the signing keys and
// the session secret, each with its SHA-256 in a manifest, in one tar file. Restore checks every
// checksum before it writes anything, refuses a database that is not empty, and then compares the
// restored row counts with those the backup recorded.
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
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Format names the archive layout; Restore refuses any other.
const Format = "mhac-backup/1"

const (
	manifestName = "MANIFEST.json"
	databaseName = "database.pgdump"
	keysPrefix   = "keys/"
	secretName   = "session.key"
)

// Manifest is the archive's first entry.
type Manifest struct {
	Format        string           `json:"format"`
	CreatedAt     time.Time        `json:"created_at"`
	SchemaVersion int              `json:"schema_version"`
	Counts        map[string]int64 `json:"counts"` // rows per table at the time of the dump
	Entries       []Entry          `json:"entries"`
}

// Entry is one file of the archive with its checksum.
type Entry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Source is what a backup reads.
type Source struct {
	DatabaseURL string
	KeysDir     string // every file below it is kept (certificates, keys, trust anchors)
	SecretFile  string // the session secret; skipped when empty or missing
}

// Create writes the archive of src to out and returns its manifest.
func Create(ctx context.Context, src Source, out io.Writer) (Manifest, error) {
	tmp, err := os.MkdirTemp("", "mhac-backup-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	// The counts are read before the dump; the dump is one snapshot, so rows written between the
	// two can only make the dump larger, and Restore checks "at least" these counts.
	counts, version, err := countRows(ctx, src.DatabaseURL)
	if err != nil {
		return Manifest{}, err
	}
	dump := filepath.Join(tmp, databaseName)
	if err := run(ctx, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file="+dump, "--dbname="+src.DatabaseURL); err != nil {
		return Manifest{}, err
	}
	files := map[string]string{databaseName: dump}
	if src.KeysDir != "" {
		err := filepath.WalkDir(src.KeysDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src.KeysDir, p)
			files[keysPrefix+filepath.ToSlash(rel)] = p
			return nil
		})
		if err != nil {
			return Manifest{}, fmt.Errorf("read the keys directory: %w", err)
		}
	}
	if src.SecretFile != "" {
		if _, err := os.Stat(src.SecretFile); err == nil {
			files[secretName] = src.SecretFile
		}
	}
	m := Manifest{Format: Format, CreatedAt: time.Now().UTC(), SchemaVersion: version, Counts: counts}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		e, err := describe(n, files[n])
		if err != nil {
			return Manifest{}, err
		}
		m.Entries = append(m.Entries, e)
	}
	tw := tar.NewWriter(out)
	head, _ := json.MarshalIndent(m, "", "  ")
	if err := writeEntry(tw, manifestName, int64(len(head)), strings.NewReader(string(head))); err != nil {
		return Manifest{}, err
	}
	for _, e := range m.Entries {
		if err := copyFile(tw, e, files[e.Name]); err != nil {
			return Manifest{}, err
		}
	}
	return m, tw.Close()
}

func describe(name, path string) (Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func copyFile(tw *tar.Writer, e Entry, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return writeEntry(tw, e.Name, e.Size, f)
}

func writeEntry(tw *tar.Writer, name string, size int64, r io.Reader) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: time.Now(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err := io.CopyN(tw, r, size)
	return err
}

// pgBin finds a PostgreSQL client program: MHAC_PG_BIN, then Debian's PostgreSQL 15, then PATH.
// The client must be as new as the server, which is why Debian's own directory comes first.
func pgBin(name string) string {
	for _, dir := range []string{os.Getenv("MHAC_PG_BIN"), "/usr/lib/postgresql/15/bin"} {
		if dir == "" {
			continue
		}
		if p := filepath.Join(dir, name); isExecutable(p) {
			return p
		}
	}
	return name
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode()&0o111 != 0
}

func run(ctx context.Context, prog string, args ...string) error {
	cmd := exec.CommandContext(ctx, pgBin(prog), args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return fmt.Errorf("%s: %w: %s", prog, err, msg)
	}
	return nil
}

// ErrCorrupt is returned when the archive does not match its manifest.
var ErrCorrupt = errors.New("the backup archive is damaged")
