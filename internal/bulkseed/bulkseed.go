// Package bulkseed fills a database with a realistic volume of applicants for scale and load
// tests: families on many sites, ages, destinations and programmes in IOM-like proportions, years
// of history at every stage of the assessment, and flights.
//
// Every record is a copy of an archetype that the clinic's own workflow wrote (registration,
// history, vitals, results, classification, sign-off through clinic.Service), so each copy has
// exactly the shapes the code reads; the copies differ in people, sites, dates and users and are
// written with PostgreSQL COPY. Assessments signed in the most recent days are signed through the
// clinic's own sign-off instead, so the worker draws and signs their forms as in real use.
package bulkseed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// Stage is how far an assessment has gone.
type Stage int

const (
	Queued     Stage = iota // queued at the nurse
	Examined                // history and vitals recorded
	Resulted                // every result recorded
	Classified              // the physician's classification, not yet signed
	Signed                  // signed (copied with its sign-off; no forms drawn)
	SignedHere              // copied as Classified, then signed through the clinic's sign-off
	stages
)

func (s Stage) String() string {
	return [...]string{"queued", "examined", "resulted", "classified", "signed", "signed with forms"}[s]
}

// Maker walks archetypes through the clinic's own workflow (cmd/mhac implements it with
// clinic.Service and the demo users of the first site).
type Maker interface {
	// Make registers one person in a case of their own and walks them to the stage (Queued to
	// Signed) as the clinic's staff would; it returns the assessment's id.
	Make(ctx context.Context, caseNumber, dest, program, sex string, birth time.Time, to Stage) (string, error)
	// SignOff signs an assessment (a copy at Classified) as its site's physician at the given time.
	SignOff(ctx context.Context, assessmentID string, physician Person, at time.Time) error
}

// Options describe one seed.
type Options struct {
	DatabaseURL string
	Applicants  int
	Sites       int       // the first is the existing demo site
	FormsDays   int       // assessments signed in these most recent days get forms drawn by the worker
	Today       time.Time // the seed's "today" (a date)
	Seed        uint64
	Progress    func(format string, args ...any)
}

// Report says what was written.
type Report struct {
	Sites, Users, Cases, Applicants, Results, Flights int
	ByStage                                           map[Stage]int
	SignedHere, SignOffRefused                        int
	CopyTime, SignOffTime                             time.Duration
}

// perYear is the scale the proportions aim at: about 400,000 assessments a year over all sites.
const perYear = 400_000

// Run seeds the database. It adds to what is there (case numbers are unique per run).
func Run(ctx context.Context, m Maker, o Options) (Report, error) {
	if o.Applicants < 1 || o.Sites < 1 {
		return Report{}, fmt.Errorf("applicants and sites must be at least 1")
	}
	if o.Progress == nil {
		o.Progress = func(string, ...any) {}
	}
	w, err := openWriter(ctx, o.DatabaseURL)
	if err != nil {
		return Report{}, err
	}
	defer w.close(ctx)
	rep := Report{ByStage: map[Stage]int{}}
	sites, err := w.ensureSites(ctx, o.Sites)
	if err != nil {
		return rep, err
	}
	rep.Sites, rep.Users = len(sites), len(sites)*len(siteRoles)
	o.Progress("%d sites with their users", len(sites))
	arch, err := makeArchetypes(ctx, m, w, sites[0])
	if err != nil {
		return rep, fmt.Errorf("archetypes: %w", err)
	}
	o.Progress("%d archetypes walked through the clinic's workflow", len(arch.byKey))
	r := rand.New(rand.NewPCG(o.Seed, uint64(o.Applicants)))
	span := max(30, o.Applicants*365/perYear) // days of history the volume makes
	run := time.Now().UTC().Format("0102150405")
	t0 := time.Now()
	var toSign []signJob
	b := newBatch(w.flights)
	for people, n := 0, 0; people < o.Applicants; n++ {
		daysAgo := r.IntN(span) // as many a day: today's queue is one day's share
		f := newFamily(r, len(sites), o.Today, daysAgo, o.FormsDays)
		if len(f.members) > o.Applicants-people {
			f.members = f.members[:o.Applicants-people]
		}
		jobs, err := b.addFamily(r, arch, sites[f.site], f, caseNumber(sites[f.site].Code+run, n))
		if err != nil {
			return rep, err
		}
		toSign = append(toSign, jobs...)
		people += len(f.members)
		rep.ByStage[f.stage] += len(f.members)
		if b.size() >= 20_000 || people >= o.Applicants {
			if err := w.flush(ctx, b, &rep); err != nil {
				return rep, err
			}
			b = newBatch(w.flights)
			o.Progress("%d of %d applicants written (%.0fs)", people, o.Applicants, time.Since(t0).Seconds())
		}
	}
	if err := w.analyze(ctx); err != nil {
		return rep, err
	}
	rep.CopyTime = time.Since(t0)
	t1 := time.Now()
	for i, j := range toSign {
		if err := m.SignOff(ctx, j.assessmentID, j.physician, j.at); err != nil {
			rep.SignOffRefused++ // stays classified, waiting for the physician, as real charts do
		} else {
			rep.SignedHere++
		}
		if (i+1)%1000 == 0 {
			o.Progress("%d of %d recent assessments signed through the clinic (%.0fs)", i+1, len(toSign), time.Since(t1).Seconds())
		}
	}
	rep.SignOffTime = time.Since(t1)
	return rep, nil
}

// signJob is a copy to sign through the clinic's sign-off.
type signJob struct {
	assessmentID string
	physician    Person
	at           time.Time
}
