package postgres_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// seedAssessment writes the site, case, applicant and assessment a dose needs.
func seedAssessment(t *testing.T, tx clinic.Tx) (applicantID, assessmentID string) {
	t.Helper()
	ctx := context.Background()
	site := clinic.Site{ID: clinic.NewID(), Code: "KGL", Name: "Kigali", Timezone: "Africa/Kigali"}
	now := time.Now().UTC()
	c := clinic.Case{ID: clinic.NewID(), SiteID: site.ID, CaseNumber: "VX-1", Destination: "US", Program: "immigrant", Version: 1, CreatedAt: now,
		Members: []clinic.Applicant{{ID: clinic.NewID(), SiteID: site.ID, Surnames: "Ineza", GivenNames: "Aline", BirthDate: day("2022-03-01"),
			Sex: "female", Relationship: "principal", ResidenceCountry: "RW", Version: 1, CreatedAt: now}}}
	c.Members[0].CaseID = c.ID
	as := clinic.Assessment{ID: clinic.NewID(), ApplicantID: c.Members[0].ID, CaseID: c.ID, SiteID: site.ID, State: clinic.StateQueued,
		ExamDate: day("2026-11-24"), ProtocolID: "US", ProtocolVersion: "2021-09-03", Version: 1, QueuedAt: now, UpdatedAt: now}
	for _, err := range []error{tx.CreateSite(ctx, &site), tx.CreateCase(ctx, &c), tx.CreateAssessment(ctx, &as)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c.Members[0].ID, as.ID
}

func TestDoseStore(t *testing.T) {
	store := pgtest.NewStore(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	err := store.Tx(ctx, func(tx clinic.Tx) error {
		apID, asID := seedAssessment(t, tx)
		user := clinic.NewID()
		given := clinic.Dose{ID: clinic.NewID(), ApplicantID: apID, AssessmentID: asID, Date: day("2026-11-24"), CVX: "03", MVX: "MSD",
			Lot: "X7731AA", Site: "left_thigh", Route: "subcutaneous", Origin: clinic.OriginClinic, RecordedBy: user,
			RecordedName: "Nurse", RecordedAt: at}
		copied := clinic.Dose{ID: clinic.NewID(), ApplicantID: apID, AssessmentID: asID, Date: day("2023-03-05"), CVX: "03",
			Manufacturer: "Serum Institute of India", Origin: clinic.OriginRecord, SourceDocument: "Carnet de vaccination",
			RecordedBy: user, RecordedName: "Nurse", RecordedAt: at}
		for _, d := range []clinic.Dose{given, copied} {
			if err := tx.AddDose(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		got, err := tx.DosesOf(ctx, apID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []clinic.Dose{copied, given}; !reflect.DeepEqual(got, want) {
			t.Fatalf("doses by date:\n got %+v\nwant %+v", got, want)
		}
		mark := clinic.DoseError{Reason: "Wrong child's card", By: user, ByName: "Nurse", At: at.Add(time.Hour)}
		if err := tx.MarkDoseInError(ctx, copied.ID, mark); err != nil {
			t.Fatal(err)
		}
		if err := tx.MarkDoseInError(ctx, copied.ID, mark); !clinic.IsCode(err, clinic.ENotFound) {
			t.Errorf("marking twice: %v, want not found", err)
		}
		if err := tx.MarkDoseInError(ctx, clinic.NewID(), mark); !clinic.IsCode(err, clinic.ENotFound) {
			t.Errorf("marking an unknown dose: %v, want not found", err)
		}
		got, err = tx.DosesOf(ctx, apID)
		if err != nil {
			t.Fatal(err)
		}
		if got[0].InError == nil || *got[0].InError != mark || got[1].InError != nil {
			t.Errorf("after the mark: %+v / %+v", got[0].InError, got[1].InError)
		}
		if other, err := tx.DosesOf(ctx, clinic.NewID()); err != nil || len(other) != 0 {
			t.Errorf("another applicant's doses: %v, %v", other, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDoseStoreChecks: the schema refuses what the clinic must never write.
func TestDoseStoreChecks(t *testing.T) {
	store := pgtest.NewStore(t)
	ctx := context.Background()
	var apID, asID string
	if err := store.Tx(ctx, func(tx clinic.Tx) error { apID, asID = seedAssessment(t, tx); return nil }); err != nil {
		t.Fatal(err)
	}
	ok := clinic.Dose{ApplicantID: apID, AssessmentID: asID, Date: day("2025-01-01"), CVX: "20", Origin: clinic.OriginRecord,
		RecordedBy: clinic.NewID(), RecordedName: "Nurse", RecordedAt: time.Now().UTC()}
	tests := []struct {
		name string
		edit func(*clinic.Dose)
	}{
		{"unknown origin", func(d *clinic.Dose) { d.Origin = "rumour" }},
		{"no such applicant", func(d *clinic.Dose) { d.ApplicantID = clinic.NewID() }},
		{"no such assessment", func(d *clinic.Dose) { d.AssessmentID = clinic.NewID() }},
		{"error mark without reason", func(d *clinic.Dose) { d.InError = &clinic.DoseError{By: clinic.NewID(), At: time.Now()} }},
	}
	for _, tt := range tests {
		d := ok
		d.ID = clinic.NewID()
		tt.edit(&d)
		err := store.Tx(ctx, func(tx clinic.Tx) error { return tx.AddDose(ctx, d) })
		if err == nil {
			t.Errorf("%s: stored", tt.name)
		}
	}
	ok.ID = clinic.NewID()
	if err := store.Tx(ctx, func(tx clinic.Tx) error { return tx.AddDose(ctx, ok) }); err != nil {
		t.Errorf("a good dose: %v", err)
	}
}
