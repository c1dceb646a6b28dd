package postgres_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

func TestSchemaCheck(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	// Empty the database: drop everything the template put there.
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); err == nil || !strings.Contains(err.Error(), "run `mhac migrate`") {
		t.Fatalf("an empty database passed the schema check: %v", err)
	}
	applied, err := s.Migrate(ctx)
	if err != nil || len(applied) == 0 || applied[0] != 1 || applied[len(applied)-1] != postgres.LatestVersion() {
		t.Fatalf("migrate: %v %v", applied, err)
	}
	again, err := s.Migrate(ctx)
	if err != nil || len(again) != 0 {
		t.Fatalf("a second migrate applied %v, %v", again, err)
	}
	if err := s.CheckSchema(ctx); err != nil {
		t.Fatalf("schema check after migrate: %v", err)
	}
}

// TestRoundTrip writes a case and an assessment with every section and reads them back.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	site := clinic.Site{ID: clinic.NewID(), Code: "KGL", Name: "Kigali MHAC", Timezone: "Africa/Kigali"}
	dep := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	c := clinic.Case{ID: clinic.NewID(), SiteID: site.ID, CaseNumber: "RW-RT-1", Destination: "US", Program: "refugee",
		FlightNumber: "RW484", DepartureDate: &dep, Version: 1, CreatedAt: now}
	ap := clinic.Applicant{ID: clinic.NewID(), CaseID: c.ID, SiteID: site.ID, Surnames: "Nshimiyimana", GivenNames: "Émilienne Hélène",
		BirthDate: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), BirthDateEstimated: true, Sex: "female", Relationship: "principal",
		ResidenceCountry: "RW", CountriesLived: []string{"CD", "RW"}, Version: 1, CreatedAt: now}
	c.Members = []clinic.Applicant{ap}
	tst := 12.0
	as := clinic.Assessment{ID: clinic.NewID(), ApplicantID: ap.ID, CaseID: c.ID, SiteID: site.ID, State: clinic.StateInExam,
		ExamDate: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), ProtocolID: "US", ProtocolVersion: "2021-09-03", Version: 1,
		QueuedAt: now, UpdatedAt: now,
		History:        &clinic.History{Answers: []clinic.HistoryAnswer{{Code: "fever", Yes: true, Details: "3 days"}}, RecordedBy: "n", RecordedAt: now},
		Vitals:         &clinic.Vitals{HeightCm: 160.5, WeightKg: 52, Pregnant: true, RecordedAt: now},
		Findings:       clinic.Findings{TBSymptoms: true, TBContact: true},
		Classification: &clinic.Classification{Codes: []string{"class_b2_ltbi"}, Notes: "n", At: now}}
	err := s.Tx(ctx, func(tx clinic.Tx) error {
		if err := tx.CreateSite(ctx, &site); err != nil {
			return err
		}
		if err := tx.CreateCase(ctx, &c); err != nil {
			return err
		}
		if err := tx.CreateAssessment(ctx, &as); err != nil {
			return err
		}
		if err := tx.SetCurrentAssessment(ctx, ap.ID, as.ID); err != nil {
			return err
		}
		return tx.AddResult(ctx, as.ID, clinic.Result{Step: "tst", Number: &tst, Unit: "mm", RecordedBy: clinic.NewID(), ByName: "lab", RecordedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	var gotCase clinic.Case
	var gotAs clinic.Assessment
	err = s.Tx(ctx, func(tx clinic.Tx) error {
		var err error
		if gotCase, err = tx.CaseByID(ctx, site.ID, c.ID); err != nil {
			return err
		}
		gotAs, err = tx.AssessmentByID(ctx, site.ID, as.ID, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m := gotCase.Members[0]
	if m.GivenNames != ap.GivenNames || !reflect.DeepEqual(m.CountriesLived, ap.CountriesLived) || !m.BirthDate.Equal(ap.BirthDate) ||
		!m.BirthDateEstimated || m.AssessmentID != as.ID || m.State != clinic.StateInExam || gotCase.FlightNumber != "RW484" || !gotCase.DepartureDate.Equal(dep) {
		t.Errorf("case round trip: %+v", gotCase)
	}
	if !reflect.DeepEqual(gotAs.History.Answers, as.History.Answers) || gotAs.Vitals.HeightCm != 160.5 || !gotAs.Vitals.Pregnant ||
		gotAs.Findings != as.Findings || gotAs.Classification.Codes[0] != "class_b2_ltbi" || len(gotAs.Results) != 1 ||
		*gotAs.Results[0].Number != 12 || !gotAs.ExamDate.Equal(as.ExamDate) {
		t.Errorf("assessment round trip: %+v", gotAs)
	}
	// A stale save is a conflict and changes nothing.
	err = s.Tx(ctx, func(tx clinic.Tx) error {
		gotAs.Vitals.HeightCm = 170
		return tx.SaveAssessment(ctx, &gotAs, 7)
	})
	if !clinic.IsCode(err, clinic.EConflict) {
		t.Fatalf("stale save: %v", err)
	}
}
