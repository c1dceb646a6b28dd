package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
)

const dosesUsage = `usage:
  mhac vaccines doses check [--as USER]
      checks every stored vaccine dose (docs/vaccination-day.md): unknown CVX, malformed MVX,
      dates before birth or in the future, doses given here without a lot, stock lots of another
      vaccine, another lot number or expired on the day. One JSON line per finding; exit 1 when
      there is any. Audited as USER (default admin).`

func runVaccineDoses(ctx context.Context, args []string) int {
	cfg := loadConfig()
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac vaccines doses:", err)
		return 1
	}
	defer store.Close()
	svc, err := exportService(ctx, store, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac vaccines doses:", err)
		return 1
	}
	found := false
	code := runVerbs("vaccines doses", dosesUsage, map[string]verb{
		"check": func(args []string, stdout, stderr io.Writer) error {
			n, err := checkDoses(ctx, svc, args, stdout, stderr)
			found = n > 0
			return err
		},
	}, args, os.Stdout, os.Stderr)
	if code == 0 && found {
		return 1
	}
	return code
}

type doseFindingJSON struct {
	DoseID      string `json:"dose_id"`
	ApplicantID string `json:"applicant_id"`
	Date        string `json:"date"`
	CVX         string `json:"cvx"`
	Field       string `json:"field"`
	Code        string `json:"code"`
	Message     string `json:"message"`
}

// checkDoses is `mhac vaccines doses check` on a running service; it answers how many findings
// it printed.
func checkDoses(ctx context.Context, svc *clinic.Service, args []string, stdout, stderr io.Writer) (int, error) {
	fs := verbFlags("vaccines doses check", dosesUsage, stderr)
	as := fs.String("as", "admin", "the user the check is audited as")
	if err := fs.Parse(args); err != nil {
		return 0, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 0, errUsage
	}
	u, err := svc.UserNamed(ctx, *as)
	if err != nil {
		return 0, fmt.Errorf("user %s: %w", *as, err)
	}
	fs2, err := svc.CheckStoredDoses(ctx, clinic.ActorOf(u, "cli-vaccines", "127.0.0.1"))
	if err != nil {
		return 0, err
	}
	enc := json.NewEncoder(stdout)
	for _, f := range fs2 {
		if err := enc.Encode(doseFindingJSON{DoseID: f.DoseID, ApplicantID: f.ApplicantID, Date: f.Date.Format(time.DateOnly),
			CVX: f.CVX, Field: f.Field, Code: f.Code, Message: f.Message}); err != nil {
			return 0, err
		}
	}
	fmt.Fprintf(stderr, "vaccines doses check: %d findings\n", len(fs2))
	return len(fs2), nil
}
