package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/lab"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/protocols/vaccination"
)

func init() {
	register("seed", "load demo data: the Kigali site, one login per role, demo cases", runSeed)
}

func runSeed(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	extra := fs.Int("cases", 0, "also register this many generated cases (for load tests)")
	bulk := bulkFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg := loadConfig()
	if err := seed(ctx, cfg, *extra); err != nil {
		fmt.Fprintln(os.Stderr, "mhac seed:", err)
		return 1
	}
	if bulk.applicants > 0 {
		if err := seedBulk(ctx, cfg, bulk); err != nil {
			fmt.Fprintln(os.Stderr, "mhac seed:", err)
			return 1
		}
	}
	fmt.Printf("\nDemo logins at %s (site %s, %s), password %q:\n", cfg.PublicURL, demo.Site.Code, demo.Site.Name, demo.Password)
	for _, u := range demo.Users {
		fmt.Printf("  %-11s %s\n", u.Username, u.Role)
	}
	return 0
}

// seedService opens the store and the clinic service the seeds write through; the clock is the
// clinic's (a bulk seed moves it to each sign-off's day).
func seedService(ctx context.Context, cfg config, clock clinic.Clock) (*clinic.Service, *postgres.Store, error) {
	store, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	svc, err := func() (*clinic.Service, error) {
		if err := store.CheckSchema(ctx); err != nil {
			return nil, err
		}
		engine, err := protocols.Load()
		if err != nil {
			return nil, err
		}
		secret, err := cfg.sessionSecret()
		if err != nil {
			return nil, err
		}
		immunizer, err := vaccination.NewImmunizer()
		if err != nil {
			return nil, err
		}
		labCatalog, err := lab.Catalog()
		if err != nil {
			return nil, err
		}
		return clinic.NewService(clinic.Deps{Store: store, Assessor: engine, Hasher: password.Hasher{}, Immunizer: immunizer, Lab: labCatalog,
			SessionSecret: secret, PublicURL: cfg.PublicURL, Clock: clock})
	}()
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return svc, store, nil
}

func seed(ctx context.Context, cfg config, extra int) error {
	svc, store, err := seedService(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	site, err := svc.EnsureSite(ctx, demo.Site)
	if err != nil {
		return err
	}
	actors := map[clinic.Role]clinic.Actor{}
	created := 0
	for _, nu := range demo.Users {
		nu.SiteCode, nu.Password = site.Code, demo.Password
		u, err := svc.CreateUser(ctx, clinic.Actor{}, nu)
		if clinic.IsCode(err, clinic.EDuplicate) {
			u, err = svc.UserNamed(ctx, nu.Username) // seeded before: act as the existing user
		} else if err == nil {
			created++
		}
		if err != nil {
			return fmt.Errorf("user %s: %w", nu.Username, err)
		}
		actors[u.Role] = clinic.ActorOf(u, "seed", "127.0.0.1")
	}
	if created == 0 && extra == 0 {
		fmt.Println("demo data exists already; nothing added")
		return nil
	}
	return seedCases(ctx, svc, actors, extra, created > 0)
}
