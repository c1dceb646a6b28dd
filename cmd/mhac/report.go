package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/mhac-clinic/mhac/api"
	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
)

func init() {
	register("report", "the clinic's reports from its records (tb-indicators)", runReport)
}

const reportUsage = `usage:
  mhac report tb-indicators --site CODE --month YYYY-MM [--format json|csv] [--as USER]
      a site's monthly TB indicators, throughput, turnaround, forms issued and PEC outcomes,
      counted from the records (docs/reports.md). The report is scoped and audited as USER
      (default admin, who may name any site; a physician sees their own site only).`

func runReport(ctx context.Context, args []string) int {
	cfg := loadConfig()
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac report:", err)
		return 1
	}
	defer store.Close()
	svc, err := exportService(ctx, store, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac report:", err)
		return 1
	}
	return runVerbs("report", reportUsage, map[string]verb{
		"tb-indicators": func(args []string, stdout, stderr io.Writer) error {
			return reportTBIndicators(ctx, svc, args, stdout, stderr)
		},
	}, args, os.Stdout, os.Stderr)
}

// reportTBIndicators is `mhac report tb-indicators` on a running service.
func reportTBIndicators(ctx context.Context, svc *clinic.Service, args []string, stdout, stderr io.Writer) error {
	fs := verbFlags("report tb-indicators", reportUsage, stderr)
	site := fs.String("site", "", "the site's code")
	month := fs.String("month", "", "the month, YYYY-MM")
	format := fs.String("format", "json", "json or csv")
	as := fs.String("as", "admin", "the user the report is scoped and audited as")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *site == "" || *month == "" || (*format != "json" && *format != "csv") {
		fs.Usage()
		return errUsage
	}
	u, err := svc.UserNamed(ctx, *as)
	if err != nil {
		return fmt.Errorf("user %s: %w", *as, err)
	}
	r, err := svc.TBIndicators(ctx, clinic.ActorOf(u, "cli-report", "127.0.0.1"), *site, *month)
	if err != nil {
		return err
	}
	if *format == "csv" {
		return api.WriteTBIndicatorsCSV(csv.NewWriter(stdout), r)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(api.ToTBIndicatorsJSON(r))
}
