package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/interop/fhir"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
)

func init() {
	register("export", "export signed assessments as FHIR R4 Bulk Data NDJSON (fhir)", runExport)
}

const exportUsage = `usage:
  mhac export fhir (--flight ID | --from DATE --to DATE) --out DIR [--as USER] [--validate]
      writes one NDJSON file per FHIR resource type and manifest.json (FHIR Bulk Data layout)
      for the signed assessments of one flight, or signed between two dates (YYYY-MM-DD, both
      included). The export is scoped and audited as USER (default admin): staff export their
      own site, a panel account its own country. --validate checks every document with the FHIR
      library first and exits 1 naming the resource and the element when one is not valid R4.`

func runExport(ctx context.Context, args []string) int {
	cfg := loadConfig()
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac export:", err)
		return 1
	}
	defer store.Close()
	svc, err := exportService(ctx, store, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac export:", err)
		return 1
	}
	return runVerbs("export", exportUsage, map[string]verb{
		"fhir": func(args []string, stdout, stderr io.Writer) error {
			return exportFHIR(ctx, svc, args, stdout, stderr)
		},
	}, args, os.Stdout, os.Stderr)
}

func exportService(ctx context.Context, store *postgres.Store, cfg config) (*clinic.Service, error) {
	if err := store.CheckSchema(ctx); err != nil {
		return nil, err
	}
	engine, err := protocols.Load()
	if err != nil {
		return nil, err
	}
	immunizer, err := vaccination.NewImmunizer()
	if err != nil {
		return nil, err
	}
	secret, err := cfg.sessionSecret()
	if err != nil {
		return nil, err
	}
	return clinic.NewService(clinic.Deps{Store: store, Assessor: engine, Hasher: password.Hasher{}, Immunizer: immunizer,
		SessionSecret: secret, PublicURL: cfg.PublicURL})
}

// exportFHIR is `mhac export fhir` on a running service.
func exportFHIR(ctx context.Context, svc *clinic.Service, args []string, stdout, stderr io.Writer) error {
	fs := verbFlags("export fhir", exportUsage, stderr)
	flight := fs.String("flight", "", "the flight number")
	from := fs.String("from", "", "first sign-off date (YYYY-MM-DD)")
	to := fs.String("to", "", "last sign-off date (YYYY-MM-DD)")
	out := fs.String("out", "", "directory to write to (created if missing)")
	as := fs.String("as", "admin", "the user the export is scoped and audited as")
	validate := fs.Bool("validate", false, "validate every document with the FHIR library before writing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || (*flight == "") == (*from == "" && *to == "") {
		fs.Usage()
		return errUsage
	}
	f := clinic.ExportFilter{Flight: strings.ToUpper(*flight)}
	for _, d := range []struct {
		name, v string
		to      **time.Time
	}{{"from", *from, &f.From}, {"to", *to, &f.To}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.v)
		if err != nil {
			return fmt.Errorf("--%s %q is not a date (YYYY-MM-DD)", d.name, d.v)
		}
		*d.to = &t
	}
	u, err := svc.UserNamed(ctx, *as)
	if err != nil {
		return fmt.Errorf("user %s: %w", *as, err)
	}
	var v *fhir.Validator
	if *validate {
		if v, err = fhir.NewValidator(); err != nil {
			return err
		}
	}
	bulk, err := fhir.NewBulkIn(*out)
	if err != nil {
		return err
	}
	defer bulk.Close()
	people := 0
	err = svc.ExportAssessments(ctx, clinic.ActorOf(u, "cli-export", "127.0.0.1"), f, "assessment.fhir_bulk", false, func(rec clinic.ExportRecord) error {
		doc, err := fhir.Map(rec)
		if err != nil {
			return err
		}
		if v != nil {
			if err := v.Document(doc); err != nil {
				return fmt.Errorf("assessment %s: %w", rec.AssessmentID, err)
			}
		}
		people++
		return bulk.Add(doc)
	})
	var ce *clinic.Error
	if errors.As(err, &ce) && ce.Code == clinic.ENotFound {
		return fmt.Errorf("nothing to export: %s", ce.Message)
	}
	if err != nil {
		return err
	}
	m := bulk.Manifest(svc.Now(), "mhac export fhir "+strings.Join(args, " "), false)
	if err := bulk.WriteDir(*out, m); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d signed assessments to %s:\n", people, *out)
	for _, o := range m.Output {
		fmt.Fprintf(stdout, "  %-28s %6d\n", o.URL, o.Count)
	}
	return nil
}
