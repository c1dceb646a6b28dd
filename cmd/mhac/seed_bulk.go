package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/internal/bulkseed"
	"github.com/mhac-clinic/mhac/internal/demo"
	"github.com/mhac-clinic/mhac/pdf/pades"
)

type bulkOptions struct {
	applicants, sites, formsDays int
	seed                         uint64
}

func bulkFlags(fs *flag.FlagSet) *bulkOptions {
	o := &bulkOptions{}
	fs.IntVar(&o.applicants, "applicants", 0, "scale: also write this many applicants in families across --sites (COPY)")
	fs.IntVar(&o.sites, "sites", 1, "scale: the number of sites, the demo site first")
	fs.IntVar(&o.formsDays, "forms-days", 30, "scale: assessments signed in these last days are signed through the clinic, so the worker draws their forms")
	fs.Uint64Var(&o.seed, "seed", 1, "scale: the random seed (the same seed draws the same people)")
	return o
}

// seedBulk writes the scale data set (internal/bulkseed) through a clinic service whose clock
// the sign-offs move to their day.
func seedBulk(ctx context.Context, cfg config, o *bulkOptions) error {
	clock := &movableClock{}
	svc, store, err := seedService(ctx, cfg, clock)
	if err != nil {
		return err
	}
	defer store.Close()
	actors := map[clinic.Role]clinic.Actor{}
	for _, nu := range demo.Users {
		u, err := svc.UserNamed(ctx, nu.Username)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", nu.Username, err)
		}
		actors[u.Role] = clinic.ActorOf(u, "seed", "127.0.0.1")
	}
	site := actors[clinic.RoleRegistrar]
	t0 := time.Now()
	rep, err := bulkseed.Run(ctx, &clinicMaker{svc: svc, actors: actors, clock: clock}, bulkseed.Options{
		DatabaseURL: cfg.DatabaseURL, Applicants: o.applicants, Sites: o.sites, FormsDays: o.formsDays, Seed: o.seed,
		Today:    time.Now().In(time.UTC).Truncate(24 * time.Hour),
		Progress: func(f string, a ...any) { fmt.Printf("seed: "+f+"\n", a...) }})
	if err != nil {
		return err
	}
	fmt.Printf("seed: %d applicants in %d cases on %d sites (first %s), %d results, %d flights: copied in %.0fs\n",
		rep.Applicants, rep.Cases, rep.Sites, site.SiteCode, rep.Results, rep.Flights, rep.CopyTime.Seconds())
	for st := bulkseed.Queued; st <= bulkseed.SignedHere; st++ {
		fmt.Printf("seed:   %-18s %d\n", st, rep.ByStage[st])
	}
	fmt.Printf("seed: %d recent assessments signed through the clinic in %.0fs (%d refused by the rules, left for the physician); %.0fs in all\n",
		rep.SignedHere, rep.SignOffTime.Seconds(), rep.SignOffRefused, time.Since(t0).Seconds())
	if err := siteKeys(cfg, store); err != nil {
		return err
	}
	fmt.Println("seed: the worker (mhac worker, or serve --with-worker) draws and signs their forms, each with its site's key")
	return nil
}

// siteKeys gives every site that has none a signing key and certificate under the deployment CA
// in the keys directory, as `mhac keys init` does: each site signs its own forms.
func siteKeys(cfg config, store *postgres.Store) error {
	if cfg.SigningCert != "" || cfg.KeysDir == "" {
		return nil // one configured key signs every form, or no keys directory
	}
	var sites []struct{ Code, Name string }
	if err := store.DB().Raw("SELECT code, name FROM sites ORDER BY code").Scan(&sites).Error; err != nil {
		return err
	}
	made := 0
	for _, s := range sites {
		_, created, err := pades.EnsureSiteKeys(cfg.KeysDir, s.Code, s.Name)
		if err != nil {
			return fmt.Errorf("signing key of site %s: %w", s.Code, err)
		}
		if created {
			made++
		}
	}
	if made > 0 {
		fmt.Printf("seed: signing keys made for %d sites in %s\n", made, cfg.KeysDir)
	}
	return nil
}

// movableClock is the seed's clinic clock: a sign-off is dated on its day; otherwise now.
type movableClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *movableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() {
		return time.Now().UTC()
	}
	return c.at
}

func (c *movableClock) set(t time.Time) {
	c.mu.Lock()
	c.at = t
	c.mu.Unlock()
}

// clinicMaker walks archetypes with the demo site's staff, as seedCase does for the demo cases.
type clinicMaker struct {
	svc    *clinic.Service
	actors map[clinic.Role]clinic.Actor
	clock  *movableClock
}

func (m *clinicMaker) Make(ctx context.Context, number, dest, program, sex string, birth time.Time, to bulkseed.Stage) (string, error) {
	p := person("Archetype", "Bulk", birth.Format(time.DateOnly), false, sex, "principal", "CD", "RW", "CD")
	// Every archetype has the same name: each is registered as a different person, with a reason.
	c, err := registerSeedCase(ctx, m.svc, m.actors[clinic.RoleRegistrar], clinic.NewCase{CaseNumber: number, Destination: dest, Program: program,
		Members: []clinic.Applicant{p}})
	if err != nil {
		return "", err
	}
	// The archetype consents to every purpose as the demo people do; its copies carry the consents.
	if err := demo.RecordConsents(ctx, m.svc, m.actors[clinic.RoleRegistrar], c, m.svc.Now().UTC().Truncate(24*time.Hour)); err != nil {
		return "", err
	}
	// The registrar photographs the person (a US form is not issued without the photo).
	photo, err := seedPhoto(0)
	if err != nil {
		return "", err
	}
	if _, err := m.svc.SavePhoto(ctx, m.actors[clinic.RoleRegistrar], c.Members[0].ID, photo); err != nil {
		return "", err
	}
	if c, err = m.svc.QueueCase(ctx, m.actors[clinic.RoleRegistrar], c.ID); err != nil {
		return "", err
	}
	id := c.Members[0].AssessmentID
	stage := map[bulkseed.Stage]int{bulkseed.Queued: 1, bulkseed.Examined: 2, bulkseed.Resulted: 3, bulkseed.Classified: 3, bulkseed.Signed: 4}[to]
	if err := advance(ctx, m.svc, m.actors, id, stage); err != nil {
		return "", refused(err)
	}
	if to == bulkseed.Classified {
		physician := m.actors[clinic.RolePhysician]
		ch, err := m.svc.Chart(ctx, physician, id)
		if err != nil {
			return "", err
		}
		if _, err := m.svc.Classify(ctx, physician, id, ch.Assessment.Version, clinic.Classification{Codes: ch.Plan.Outcome.Codes}); err != nil {
			return "", refused(err)
		}
	}
	return id, nil
}

func (m *clinicMaker) SignOff(ctx context.Context, id string, p bulkseed.Person, at time.Time) error {
	// The copy belongs to its own site: its physician signs it.
	a := m.actors[clinic.RolePhysician]
	a.UserID, a.Username, a.Name, a.SiteID, a.SiteCode = p.ID, p.Username, p.Name, p.SiteID, p.SiteCode
	ch, err := m.svc.Chart(ctx, a, id)
	if err == nil {
		m.clock.set(at)
		_, err = m.svc.SignOff(ctx, a, id, ch.Assessment.Version, clinic.SignoffRequest{})
		m.clock.set(time.Time{})
	}
	return refused(err)
}

// refused marks the clinic's refusals for reasons of the rules, which the seed expects.
func refused(err error) error {
	var ce *clinic.Error
	if errors.As(err, &ce) && (ce.Code == clinic.EValidation || ce.Code == clinic.EInvalidState) {
		return fmt.Errorf("%w: %v", bulkseed.ErrRefused, err)
	}
	return err
}
