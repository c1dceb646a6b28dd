package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestSearchCases: a search stays in the reader's site whatever it matches, and matches document
// numbers only when asked to (readers who may see them).
func TestSearchCases(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	sites := []clinic.Site{{ID: clinic.NewID(), Code: "KGL", Name: "Kigali"}, {ID: clinic.NewID(), Code: "NBO", Name: "Nairobi"}}
	err := s.Tx(ctx, func(tx clinic.Tx) error {
		for _, site := range sites {
			if err := tx.CreateSite(ctx, &site); err != nil {
				return err
			}
			c := clinic.Case{ID: clinic.NewID(), SiteID: site.ID, CaseNumber: "RW-SRCH-1", Destination: "CA", Program: "refugee",
				Version: 1, CreatedAt: now, Members: []clinic.Applicant{{ID: clinic.NewID(), SiteID: site.ID, Surnames: "Habimana",
					GivenNames: "Eric", BirthDate: now.AddDate(-30, 0, 0), Sex: "male", Relationship: "principal",
					ResidenceCountry: "RW", DocumentNumber: "DOC-" + site.Code, Version: 1, CreatedAt: now}}}
			c.Members[0].CaseID = c.ID
			if err := tx.CreateCase(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query      string
		byDocument bool
		want       int
	}{
		{"rw-srch", false, 1}, {"habimana", false, 1}, {"doc-kgl", false, 0}, {"doc-kgl", true, 1}, {"doc-nbo", true, 0},
	} {
		var got []clinic.Case
		err := s.Tx(ctx, func(tx clinic.Tx) error {
			var err error
			got, err = tx.SearchCases(ctx, sites[0].ID, clinic.CaseFilter{Query: tc.query, ByDocument: tc.byDocument, Limit: 10})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want {
			t.Errorf("%q (documents %v): %d cases, want %d", tc.query, tc.byDocument, len(got), tc.want)
		}
		for _, c := range got {
			if c.SiteID != sites[0].ID {
				t.Errorf("%q: a case of another site", tc.query)
			}
		}
	}
}
