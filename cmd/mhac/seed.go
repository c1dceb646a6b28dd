package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/internal/wiring"
	"github.com/mhac-clinic/mhac/password"
	"github.com/mhac-clinic/mhac/protocols"
)

func init() {
	register("seed", "load demo data: the Kigali site, one login per role, demo cases", runSeed)
}

// demoPassword is the password of every demo login; printed by seed and in README.md.
const demoPassword = "mhac-demo-2026"

var demoSite = clinic.Site{Code: "KGL", Name: "Kigali MHAC", City: "Kigali", Country: "RW", Timezone: "Africa/Kigali",
	Organisation: "Migration Health Assessment Centre"}

var demoUsers = []clinic.NewUser{
	{Username: "registrar", Name: "Claudine Mukamana", Role: clinic.RoleRegistrar},
	{Username: "nurse", Name: "Jean-Paul Habimana", Role: clinic.RoleNurse},
	{Username: "lab", Name: "Esther Uwera", Role: clinic.RoleLab},
	{Username: "radiology", Name: "Eric Niyonzima", Role: clinic.RoleRadiology},
	{Username: "physician", Name: "Dr Aline Uwase", Role: clinic.RolePhysician, RegistrationID: "RMDC-04127"},
	{Username: "caseworker", Name: "Grace Ingabire", Role: clinic.RoleCaseworker},
	{Username: "panel.us", Name: "US panel reviewer", Role: clinic.RolePanel, Country: "US"},
	{Username: "panel.ca", Name: "Canada panel reviewer", Role: clinic.RolePanel, Country: "CA"},
	{Username: "panel.au", Name: "Australia panel reviewer", Role: clinic.RolePanel, Country: "AU"},
	{Username: "panel.nz", Name: "New Zealand panel reviewer", Role: clinic.RolePanel, Country: "NZ"},
	{Username: "admin", Name: "Clinic administrator", Role: clinic.RoleAdmin},
}

func runSeed(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	extra := fs.Int("cases", 0, "also register this many generated cases (for load tests)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg := loadConfig()
	if err := seed(ctx, cfg, *extra); err != nil {
		fmt.Fprintln(os.Stderr, "mhac seed:", err)
		return 1
	}
	fmt.Printf("\nDemo logins at %s (site %s, %s), password %q:\n", cfg.PublicURL, demoSite.Code, demoSite.Name, demoPassword)
	for _, u := range demoUsers {
		fmt.Printf("  %-11s %s\n", u.Username, u.Role)
	}
	return 0
}

func seed(ctx context.Context, cfg config, extra int) error {
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
	secret, err := cfg.sessionSecret()
	if err != nil {
		return err
	}
	immunizer, err := wiring.NewImmunizer()
	if err != nil {
		return err
	}
	svc, err := clinic.NewService(clinic.Deps{Store: store, Assessor: engine, Hasher: password.Hasher{}, Immunizer: immunizer,
		SessionSecret: secret, PublicURL: cfg.PublicURL})
	if err != nil {
		return err
	}
	site, err := svc.EnsureSite(ctx, demoSite)
	if err != nil {
		return err
	}
	actors := map[clinic.Role]clinic.Actor{}
	created := 0
	for _, nu := range demoUsers {
		nu.SiteCode, nu.Password = site.Code, demoPassword
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
