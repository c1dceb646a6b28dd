package postgres_test

import (
	"context"
	"slices"
	"testing"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// TestCaseListPlan: the site's case list (the registrar's list, the caseworker's board) reads the
// newest cases through cases_site_created, and a search of three letters or more finds its
// matches through the trigram indexes of 0027, on 10,000 ANALYZEd cases; none reads a big table
// once per row or by a sequential scan. The statements are the ones the store runs, recorded from GORM.
func TestCaseListPlan(t *testing.T) {
	st := pgtest.NewStore(t)
	db := st.DB()
	seedPanel(t, db, 10000)
	const site = "00000000-0000-4000-8000-00000000b001"
	for _, c := range []struct {
		name  string
		query string
		want  []string // indexes the first statement must use
	}{
		{"newest first", "", []string{"cases_site_created"}},
		// The case numbers' part may walk the site's cases (cases_site_created) or use
		// cases_search_site; on one site of 10,000 the planner rightly takes the first.
		{"a surname", "surname4711", []string{"applicants_search_site"}},
		{"a case number", "bn-0047", []string{"applicants_search_site"}},
	} {
		rec := &sqlRecorder{Interface: logger.Discard}
		db.Logger = rec
		var got []clinic.Case
		err := st.Tx(context.Background(), func(tx clinic.Tx) error {
			var err error
			got, err = tx.SearchCases(context.Background(), site, clinic.CaseFilter{Query: c.query, Limit: 51})
			return err
		})
		db.Logger = logger.Discard
		if err != nil || len(got) == 0 {
			t.Fatalf("%s: %d cases, %v", c.name, len(got), err)
		}
		// At 10,000 cases on one site a sequential scan costs about what the indexes do, so the
		// planner is asked to avoid it: what is checked is that an index serves each part (the
		// figures at a million applicants are in BENCHMARKS.md).
		var a access
		if err := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
				return err
			}
			a = accessOf(explain(t, tx, rec.sql[0]))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(a.perRow) > 0 || len(a.seqScans) > 0 {
			t.Errorf("%s: read once per row: %v, by sequential scan: %v in\n%s", c.name, a.perRow, a.seqScans, rec.sql[0])
		}
		for _, idx := range c.want {
			if !slices.Contains(a.indexes, idx) {
				t.Errorf("%s: the cases are found without %s (%v) in\n%s", c.name, idx, a.indexes, rec.sql[0])
			}
		}
	}
}
