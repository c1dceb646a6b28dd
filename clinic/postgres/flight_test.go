package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestFlightMigration: the migration turns the flight recorded on each case into a flight with
// every member as a passenger, one flight per number and date however the number was written.
func TestFlightMigration(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	db := s.DB().WithContext(ctx)
	// Back to the schema before flights, with cases booked the old way.
	for _, q := range []string{"DROP TABLE flight_passengers", "DROP TABLE flights", "DELETE FROM schema_migrations WHERE version = 13"} {
		if err := db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	dep := time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)
	site := clinic.Site{ID: clinic.NewID(), Code: "KGL", Name: "Kigali"}
	err := s.Tx(ctx, func(tx clinic.Tx) error {
		if err := tx.CreateSite(ctx, &site); err != nil {
			return err
		}
		for i, number := range []string{"rw 484", "RW-484", "", "KQ101"} {
			c := clinic.Case{ID: clinic.NewID(), SiteID: site.ID, CaseNumber: "RW-MIG-" + string(rune('A'+i)), Destination: "US",
				Program: "refugee", FlightNumber: number, Version: 1, CreatedAt: now}
			if number != "" {
				c.DepartureDate = &dep
			}
			for j := 0; j < 2; j++ {
				c.Members = append(c.Members, clinic.Applicant{ID: clinic.NewID(), CaseID: c.ID, SiteID: site.ID, Surnames: "Test",
					GivenNames: "P", BirthDate: now.AddDate(-30+j*20, 0, 0), Sex: "male", Relationship: []string{"principal", "child"}[j],
					ResidenceCountry: "RW", Version: 1, CreatedAt: now})
			}
			if err := tx.CreateCase(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Number     string
		Passengers int
	}
	err = db.Raw(`SELECT f.number, count(p.*) AS passengers FROM flights f LEFT JOIN flight_passengers p ON p.flight_id = f.id
		GROUP BY f.number ORDER BY f.number`).Scan(&got).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Number != "KQ101" || got[0].Passengers != 2 || got[1].Number != "RW484" || got[1].Passengers != 4 {
		t.Fatalf("flights after the migration: %+v", got)
	}
	var stale int
	if err := db.Raw("SELECT count(*) FROM cases WHERE flight_number IN ('rw 484', 'RW-484')").Scan(&stale).Error; err != nil || stale != 0 {
		t.Fatalf("cases keep the old spelling: %d %v", stale, err)
	}
}
