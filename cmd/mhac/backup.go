package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mhac-clinic/mhac/backup"
)

func init() {
	register("backup", "write a backup archive: the database (pg_dump), signing keys, session secret", runBackup)
	register("restore", "restore a backup archive into an empty database and new key files", runRestore)
}

func runBackup(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := fs.String("out", "", "the archive to write (a tar file; refused if it exists)")
	if err := fs.Parse(args); err != nil || *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mhac backup --out FILE.tar   (reads MHAC_DATABASE_URL, MHAC_KEYS_DIR, MHAC_SESSION_SECRET_FILE)")
		return 2
	}
	cfg := loadConfig()
	f, err := os.OpenFile(*out, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac backup:", err)
		return 1
	}
	m, err := backup.Create(ctx, backup.Source{DatabaseURL: cfg.DatabaseURL, KeysDir: cfg.KeysDir, SecretFile: cfg.SecretFile}, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // a half-written archive must not pass for a backup
		fmt.Fprintln(os.Stderr, "mhac backup:", err)
		return 1
	}
	fmt.Printf("backup %s: schema version %d, %d files, %d forms, %d audit rows\n",
		*out, m.SchemaVersion, len(m.Entries), m.Counts["files"], m.Counts["audit_log"])
	return 0
}

func runRestore(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	from := fs.String("from", "", "the archive made by mhac backup")
	t := backup.Target{}
	fs.StringVar(&t.DatabaseURL, "database", "", "URL of an EMPTY database to restore into")
	fs.StringVar(&t.KeysDir, "keys-dir", "", "directory for the signing keys (new files only)")
	fs.StringVar(&t.SecretFile, "secret-file", "", "file for the session secret (must not exist)")
	if err := fs.Parse(args); err != nil || *from == "" || t.DatabaseURL == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mhac restore --from FILE.tar --database URL [--keys-dir DIR] [--secret-file FILE]")
		return 2
	}
	f, err := os.Open(*from)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac restore:", err)
		return 1
	}
	defer f.Close()
	m, err := backup.Restore(ctx, f, t)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac restore:", err)
		return 1
	}
	fmt.Printf("restored %s (made %s): schema version %d, %d forms, %d audit rows; keys in %s\n",
		filepath.Base(*from), m.CreatedAt.Format("2006-01-02 15:04 MST"), m.SchemaVersion, m.Counts["files"], m.Counts["audit_log"], t.KeysDir)
	fmt.Println("next: point MHAC_DATABASE_URL and MHAC_KEYS_DIR at them, then `mhac forms verify-stored` and `mhac audit verify`")
	return 0
}
