package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/sheets"
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
	f, ok := importArgs("import manifest", manifestUsage, args, stderr)
	if !ok {
		return 2
	}
	if f.err != nil {
		return printManifest(stdout, clinic.ManifestSummary{Errors: []clinic.ManifestProblem{{Message: f.err.Error()}}}, 2)
	}
	in, err := sheets.ReadManifest(f.name, f.data)
	if errors.Is(err, sheets.ErrBadFile) {
		return printManifest(stdout, clinic.ManifestSummary{Errors: []clinic.ManifestProblem{{Message: err.Error()}}}, 2)
	}
	if err != nil {
		fmt.Fprintln(stderr, "mhac import manifest:", err)
		return 1
	}
	sum, err := importManifest(ctx, cfg, f.user, in, f.dryRun)
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

// importManifest runs the import as the named user.
func importManifest(ctx context.Context, cfg config, username string, in clinic.ManifestImport, dryRun bool) (clinic.ManifestSummary, error) {
	var sum clinic.ManifestSummary
	err := asImportUser(ctx, cfg, username, func(svc *clinic.Service, a clinic.Actor) (err error) {
		sum, err = svc.ImportManifest(ctx, a, in, dryRun)
		return err
	})
	return sum, err
}
