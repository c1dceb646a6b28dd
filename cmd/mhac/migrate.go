package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mhac-clinic/mhac/clinic/postgres"
)

func init() { register("migrate", "apply the database migrations this mhac carries", runMigrate) }

func runMigrate(ctx context.Context, args []string) int {
	cfg := loadConfig()
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac migrate:", err)
		return 1
	}
	defer store.Close()
	applied, err := store.Migrate(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac migrate:", err)
		return 1
	}
	if len(applied) == 0 {
		fmt.Printf("schema is up to date (version %d)\n", postgres.LatestVersion())
	} else {
		fmt.Printf("applied migrations %v; schema is at version %d\n", applied, postgres.LatestVersion())
	}
	return 0
}
