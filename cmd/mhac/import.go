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

func init() {
	register("import", "import resettlement case lists or flight manifests (CSV or XLSX)", runImport)
}

const importUsage = `usage:
  mhac import manifest FILE [--dry-run] [--user USERNAME]   (flight manifests: docs/flights.md)
  mhac import cases FILE [--dry-run] [--user USERNAME]
      registers the cases of a case list (CSV or XLSX; columns in docs/import.md) as the
      registrar USERNAME (default $MHAC_IMPORT_USER). Prints one JSON summary:
      {"cases": N, "people": M, "unchanged": K, "errors": [{"line": L, "column": "...", "message": "..."}]}
      Exit 0: no problems (imported, unless --dry-run); 1: problems, nothing imported; 2: not a
      readable case list (or a usage mistake).`

// importSummary is what the command prints.
type importSummary struct {
	Cases     int                    `json:"cases"`
	People    int                    `json:"people"`
	Unchanged int                    `json:"unchanged"`
	Errors    []clinic.ImportProblem `json:"errors"`
}

// runImport dispatches on the verb: cases (docs/import.md) or manifest (docs/flights.md).
func runImport(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == "manifest" {
		return manifestMain(ctx, loadConfig(), args, os.Stdout, os.Stderr)
	}
	return importMain(ctx, loadConfig(), args, os.Stdout, os.Stderr)
}

func importMain(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "cases" {
		fmt.Fprintln(stderr, importUsage)
		return 2
	}
	f, ok := importArgs("import cases", importUsage, args, stderr)
	if !ok {
		return 2
	}
	if f.err != nil {
		return printImport(stdout, importSummary{Errors: []clinic.ImportProblem{{Message: f.err.Error()}}}, 2)
	}
	in, err := sheets.Read(f.name, f.data)
	if errors.Is(err, sheets.ErrBadFile) {
		return printImport(stdout, importSummary{Errors: []clinic.ImportProblem{{Message: err.Error()}}}, 2)
	}
	if err != nil {
		fmt.Fprintln(stderr, "mhac import cases:", err)
		return 1
	}
	sum, err := importCases(ctx, cfg, f.user, in, f.dryRun)
	if err != nil {
		fmt.Fprintln(stderr, "mhac import cases:", err)
		return 1
	}
	code := 0
	if len(sum.Errors) > 0 {
		code = 1
	}
	return printImport(stdout, importSummary{Cases: sum.Cases, People: sum.People, Unchanged: sum.Unchanged, Errors: sum.Errors}, code)
}

// importFile is what the spreadsheet imports (case lists, manifests) take from the command line.
type importFile struct {
	name   string // the file's base name: its extension says CSV or XLSX
	data   []byte
	err    error // the file could not be read
	dryRun bool
	user   string
}

// importArgs parses the flags the spreadsheet imports share and reads the one file they name;
// false is a usage mistake, already explained on stderr.
func importArgs(verb, usage string, args []string, stderr io.Writer) (importFile, bool) {
	fs := verbFlags(verb, usage, stderr)
	dryRun := fs.Bool("dry-run", false, "check the file and print what would change; change nothing")
	user := fs.String("user", os.Getenv("MHAC_IMPORT_USER"), "the user the import is recorded under")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil || len(pos) != 1 || *user == "" {
		if err == nil {
			fmt.Fprintln(stderr, usage)
		}
		return importFile{}, false
	}
	f := importFile{name: filepath.Base(pos[0]), dryRun: *dryRun, user: *user}
	f.data, f.err = os.ReadFile(pos[0])
	return f, true
}

func printImport(w io.Writer, s importSummary, code int) int {
	if s.Errors == nil {
		s.Errors = []clinic.ImportProblem{}
	}
	b, _ := json.Marshal(s)
	fmt.Fprintln(w, string(b))
	return code
}

// importCases runs the import as the named user.
func importCases(ctx context.Context, cfg config, username string, in clinic.CaseImport, dryRun bool) (clinic.ImportSummary, error) {
	var sum clinic.ImportSummary
	err := asImportUser(ctx, cfg, username, func(svc *clinic.Service, a clinic.Actor) (err error) {
		sum, err = svc.ImportCases(ctx, a, in, dryRun)
		return err
	})
	return sum, err
}

// asImportUser opens the service the imports (case lists, manifests) run on, and runs fn as the
// named user. The imports draw no forms and open no session, so they need no keys.
func asImportUser(ctx context.Context, cfg config, username string, fn func(*clinic.Service, clinic.Actor) error) error {
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.CheckSchema(ctx); err != nil {
		return err
	}
	engine, err := protocols.Load()
	if err != nil {
		return err
	}
	immunizer, err := vaccination.NewImmunizer()
	if err != nil {
		return err
	}
	secret := make([]byte, 32) // the import opens no session; the service wants a key all the same
	if _, err := rand.Read(secret); err != nil {
		return err
	}
	svc, err := clinic.NewService(clinic.Deps{Store: store, Assessor: engine, Hasher: password.Hasher{}, Immunizer: immunizer,
		SessionSecret: secret, PublicURL: cfg.PublicURL})
	if err != nil {
		return err
	}
	u, err := svc.UserNamed(ctx, username)
	if err != nil {
		return fmt.Errorf("user %s: %w", username, err)
	}
	return fn(svc, clinic.ActorOf(u, "import", "127.0.0.1"))
}
