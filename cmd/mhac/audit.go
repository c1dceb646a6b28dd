package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/mhac-clinic/mhac/clinic/postgres"
)

func init() {
	register("audit", "seal the audit log's hash chain, or verify it (seal | verify)", runAudit)
}

const auditUsage = `usage:
  mhac audit seal     extend the hash chain over audit rows older than a minute
  mhac audit verify   recompute the chain; exit 0 when intact, 1 with the first mismatch`

// auditSettle leaves the newest rows unsealed, so a transaction still in flight cannot add a
// row below a seal.
const auditSettle = time.Minute

func runAudit(ctx context.Context, args []string) int {
	store, err := postgres.Open(ctx, loadConfig().DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac audit:", err)
		return 1
	}
	defer store.Close()
	return runVerbs("audit", auditUsage, map[string]verb{
		"seal": func(args []string, stdout, stderr io.Writer) error {
			n, err := store.Seal(ctx, auditSettle)
			if err == nil {
				fmt.Fprintf(stdout, "sealed %d audit rows\n", n)
			}
			return err
		},
		"verify": func(args []string, stdout, stderr io.Writer) error {
			n, err := store.VerifyAudit(ctx)
			if err != nil {
				fmt.Fprintf(stdout, "audit log NOT intact after %d rows: %v\n", n, err)
				return errNegative
			}
			fmt.Fprintf(stdout, "audit log intact: %d sealed rows verified\n", n)
			return nil
		},
	}, args, os.Stdout, os.Stderr)
}

// sealAudit seals the audit log every minute until ctx ends; the worker runs it.
func sealAudit(ctx context.Context, store *postgres.Store) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		if _, err := store.Seal(ctx, auditSettle); err != nil && ctx.Err() == nil {
			slog.Warn("audit seal failed; will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
