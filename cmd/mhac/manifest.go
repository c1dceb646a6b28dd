package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/interop/sheets"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
)

const manifestUsage = `usage:
  mhac import manifest FILE [--dry-run] [--user USERNAME]
      books the cases and people of a flight manifest (CSV or XLSX; columns in docs/flights.md)
      on their flights, as USERNAME (a caseworker or registrar; default $MHAC_IMPORT_USER).
      Prints one JSON summary:
      {"flights": N, "passengers": M, "unchanged": K, "errors": [{"line": L, "column": "...", "message": "..."}]}
      Exit 0: no problems (imported, unless --dry-run); 1: problems, nothing imported; 2: not a
      readable manifest (or a usage mistake).`

func manifestMain(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "manifest" {
		fmt.Fprintln(stderr, manifestUsage)
		return 2
	}
	fs := verbFlags("import manifest", manifestUsage, stderr)
	dryRun := fs.Bool("dry-run", false, "check the file and print what would change; change nothing")
	user := fs.String("user", os.Getenv("MHAC_IMPORT_USER"), "the caseworker or registrar the import is recorded under")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil || len(pos) != 1 || *user == "" {
		if err == nil {
			fmt.Fprintln(stderr, manifestUsage)
		}
		return 2
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return printManifest(stdout, clinic.ManifestSummary{Errors: []clinic.ManifestProblem{{Message: err.Error()}}}, 2)
	}
	in, err := sheets.ReadManifest(filepath.Base(pos[0]), data)
	if errors.Is(err, sheets.ErrBadFile) {
		return printManifest(stdout, clinic.ManifestSummary{Errors: []clinic.ManifestProblem{{Message: err.Error()}}}, 2)
	}
	if err != nil {
		fmt.Fprintln(stderr, "mhac import manifest:", err)
		return 1
	}
	sum, err := importManifest(ctx, cfg, *user, in, *dryRun)
	if err != nil {
		fmt.Fprintln(stderr, "mhac import manifest:", err)
		return 1
	}
	code := 0
	if len(sum.Errors) > 0 {
		code = 1
	}
	return printManifest(stdout, sum, code)
}

func printManifest(w io.Writer, s clinic.ManifestSummary, code int) int {
	if s.Errors == nil {
		s.Errors = []clinic.ManifestProblem{}
	}
	b, _ := json.Marshal(s)
	fmt.Fprintln(w, string(b))
	return code
}

// importManifest runs the import as the named user; it draws no forms, so it needs no keys.
func importManifest(ctx context.Context, cfg config, username string, in clinic.ManifestImport, dryRun bool) (clinic.ManifestSummary, error) {
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return clinic.ManifestSummary{}, err
	}
	defer store.Close()
	if err := store.CheckSchema(ctx); err != nil {
		return clinic.ManifestSummary{}, err
	}
	engine, err := protocols.Load()
	if err != nil {
		return clinic.ManifestSummary{}, err
	}
	immunizer, err := vaccination.NewImmunizer()
	if err != nil {
		return clinic.ManifestSummary{}, err
	}
	secret := make([]byte, 32) // the import opens no session; the service wants a key all the same
	if _, err := rand.Read(secret); err != nil {
		return clinic.ManifestSummary{}, err
	}
	svc, err := clinic.NewService(clinic.Deps{Store: store, Assessor: engine, Hasher: password.Hasher{}, Immunizer: immunizer,
		SessionSecret: secret, PublicURL: cfg.PublicURL})
	if err != nil {
		return clinic.ManifestSummary{}, err
	}
	u, err := svc.UserNamed(ctx, username)
	if err != nil {
		return clinic.ManifestSummary{}, fmt.Errorf("user %s: %w", username, err)
	}
	return svc.ImportManifest(ctx, clinic.ActorOf(u, "import", "127.0.0.1"), in, dryRun)
}
