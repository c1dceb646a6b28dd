package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// seedPanel fills the database with n cases of three people each, every person with an
// assessment, in a few set-based statements. Cases go to US, CA, AU and NZ in turn; four cases
// in ten are signed, and each signed person has a valid DS-2054 and DS-3025 for the case's
// destination, plus a superseded one every fifth case. A case in five has no departure date; the
// others fly on one of 60 flights over 60 days. It returns the number of US cases with forms.
func seedPanel(tb testing.TB, db *gorm.DB, n int) int {
	tb.Helper()
	steps := []string{
		`INSERT INTO sites (id, code, name) VALUES ('00000000-0000-4000-8000-00000000b001', 'BEN', 'Bench MHAC')`,
		`INSERT INTO cases (id, site_id, case_number, destination, program, flight_number, departure_date, version, created_at)
		 SELECT md5('case' || i)::uuid, '00000000-0000-4000-8000-00000000b001', 'BN-' || lpad(i::text, 6, '0'),
		        (ARRAY['US','CA','AU','NZ'])[1 + i % 4], 'refugee',
		        CASE WHEN i % 5 = 0 THEN '' ELSE 'BF' || lpad((i % 60)::text, 3, '0') END,
		        CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2026-12-01' + (i % 60) END, 1, now()
		 FROM generate_series(1, @n) i`,
		`INSERT INTO applicants (id, case_id, site_id, position, surnames, given_names, birth_date, birth_date_estimated,
		        sex, relationship, residence_country, version, created_at, assessment_id)
		 SELECT md5('person' || i || '-' || p)::uuid, md5('case' || i)::uuid, '00000000-0000-4000-8000-00000000b001', p,
		        'Surname' || i, 'Given' || p, DATE '1970-01-01' + (i * 7 + p * 3000) % 18000, false,
		        (ARRAY['female','male'])[1 + (i + p) % 2], CASE p WHEN 0 THEN 'principal' WHEN 1 THEN 'spouse' ELSE 'child' END,
		        'RW', 1, now(), md5('assessment' || i || '-' || p)::uuid
		 FROM generate_series(1, @n) i, generate_series(0, 2) p`,
		`INSERT INTO assessments (id, applicant_id, case_id, site_id, state, exam_date, protocol_id, protocol_version,
		        version, queued_at, updated_at)
		 SELECT md5('assessment' || i || '-' || p)::uuid, md5('person' || i || '-' || p)::uuid, md5('case' || i)::uuid,
		        '00000000-0000-4000-8000-00000000b001', CASE WHEN i % 10 < 4 THEN 'signed' ELSE 'in_exam' END,
		        DATE '2026-11-01', (ARRAY['US','CA','AU','NZ'])[1 + i % 4], '2026-01-01', 1, now(), now()
		 FROM generate_series(1, @n) i, generate_series(0, 2) p`,
		`INSERT INTO form_snapshots (id, assessment_id, body, sha256, created_at)
		 SELECT md5('snapshot' || a.id)::uuid, a.id, '\x7b7d'::bytea, md5(a.id::text), now()
		 FROM assessments a WHERE a.state = 'signed'`,
		`INSERT INTO forms (id, snapshot_id, assessment_id, applicant_id, site_id, destination, form_type, status,
		        verify_token, created_at, issued_at)
		 SELECT md5('form' || a.id || t)::uuid, md5('snapshot' || a.id)::uuid, a.id, a.applicant_id, a.site_id,
		        c.destination, t, 'valid', md5('token' || a.id || t), now(), now()
		 FROM assessments a JOIN cases c ON c.id = a.case_id, unnest(ARRAY['DS-2054','DS-3025']) t
		 WHERE a.state = 'signed'`,
		`UPDATE forms SET status = 'superseded' FROM cases c, assessments a
		 WHERE a.id = forms.assessment_id AND c.id = a.case_id AND forms.form_type = 'DS-3025'
		   AND substr(c.case_number, 4)::int % 5 = 0`,
		// What the forms' trigger (migration 0026) marks, which the skipped triggers leave undone.
		`UPDATE cases c SET has_valid_form = true WHERE EXISTS (SELECT 1 FROM forms f JOIN applicants ap ON ap.id = f.applicant_id
		 WHERE ap.case_id = c.id AND f.status = 'valid' AND f.destination = c.destination)`,
	}
	// The rows are consistent by construction: the foreign-key triggers are skipped (the test
	// cluster's user is a superuser) so that 10,000 cases are written in seconds.
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL session_replication_role = replica").Error; err != nil {
			return err
		}
		for _, q := range steps {
			var args []any
			if strings.Contains(q, "@n") {
				args = append(args, map[string]any{"n": n})
			}
			if err := tx.Exec(q, args...).Error; err != nil {
				return fmt.Errorf("%w\n%s", err, q)
			}
		}
		return nil
	})
	if err == nil {
		err = db.Exec("ANALYZE").Error
	}
	if err != nil {
		tb.Fatalf("seed: %v", err)
	}
	var us int
	if err := db.Raw(`SELECT count(DISTINCT a.case_id) FROM forms f JOIN assessments a ON a.id = f.assessment_id
		WHERE f.destination = 'US' AND f.status = 'valid'`).Scan(&us).Error; err != nil {
		tb.Fatal(err)
	}
	return us
}

// panelPages reads the whole US list page by page and returns the case numbers in order.
func panelPages(tb testing.TB, st *postgres.Store, f clinic.PanelFilter) (cases []string, pages int) {
	tb.Helper()
	f.Country = "US"
	for {
		var rows []clinic.PanelRow
		var more bool
		err := st.Tx(context.Background(), func(tx clinic.Tx) error {
			var err error
			rows, more, err = tx.PanelForms(context.Background(), f)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
		pages++
		for _, r := range rows {
			if len(cases) == 0 || cases[len(cases)-1] != r.CaseNumber {
				cases = append(cases, r.CaseNumber)
			}
		}
		if !more {
			return cases, pages
		}
		last := rows[len(rows)-1]
		f.After = &clinic.PanelKey{DepartureDate: last.DepartureDate, CaseNumber: last.CaseNumber, CaseID: last.CaseID}
	}
}

// TestPanelPaging: reading the list page by page gives every US case with a valid form once, in
// order (departure date, cases without one last, then case number).
func TestPanelPaging(t *testing.T) {
	st := pgtest.NewStore(t)
	want := seedPanel(t, st.DB(), 400)
	cases, pages := panelPages(t, st, clinic.PanelFilter{Limit: 7})
	if len(cases) != want || pages != (want+6)/7 {
		t.Fatalf("read %d cases in %d pages; want %d cases in %d pages", len(cases), pages, want, (want+6)/7)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c] {
			t.Fatalf("case %s listed twice", c)
		}
		seen[c] = true
	}
	var order []string
	if err := st.DB().Raw(`SELECT case_number FROM cases c WHERE destination = 'US' AND EXISTS (SELECT 1 FROM forms f
		JOIN assessments a ON a.id = f.assessment_id WHERE a.case_id = c.id AND f.status = 'valid')
		ORDER BY departure_date NULLS LAST, case_number`).Scan(&order).Error; err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, ",") != strings.Join(cases, ",") {
		t.Fatalf("pages out of order:\n got %v\nwant %v", cases, order)
	}
	flight, _ := panelPages(t, st, clinic.PanelFilter{Flight: "bf012", Limit: 3})
	for _, c := range flight {
		var fl string
		st.DB().Raw("SELECT flight_number FROM cases WHERE case_number = ?", c).Scan(&fl)
		if fl != "BF012" {
			t.Errorf("flight BF012 lists case %s of flight %q", c, fl)
		}
	}
	if len(flight) == 0 {
		t.Error("flight BF012 lists no case")
	}
}

// sqlRecorder keeps the SQL statements GORM runs, with their arguments inlined.
type sqlRecorder struct {
	logger.Interface
	mu  sync.Mutex
	sql []string
}

func (r *sqlRecorder) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	s, _ := fc()
	r.mu.Lock()
	r.sql = append(r.sql, s)
	r.mu.Unlock()
}

// planNode is a node of EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType           string     `json:"Node Type"`
	RelationName       string     `json:"Relation Name"`
	IndexName          string     `json:"Index Name"`
	ParentRelationship string     `json:"Parent Relationship"`
	Plans              []planNode `json:"Plans"`
}

// walk calls fn for every node with whether it lies under a SubPlan (run once per outer row).
func (n planNode) walk(inSubPlan bool, fn func(planNode, bool)) {
	inSubPlan = inSubPlan || n.ParentRelationship == "SubPlan"
	fn(n, inSubPlan)
	for _, c := range n.Plans {
		c.walk(inSubPlan, fn)
	}
}

func explain(t *testing.T, db *gorm.DB, sql string) planNode {
	t.Helper()
	var out string
	if err := db.Raw("EXPLAIN (FORMAT JSON) " + sql).Row().Scan(&out); err != nil {
		t.Fatalf("explain: %v\n%s", err, sql)
	}
	var plans []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(out), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("explain output: %v %s", err, out)
	}
	return plans[0].Plan
}

// bigTables are the tables that grow with the clinic's work.
var bigTables = []string{"cases", "applicants", "assessments", "forms"}

// access describes how a plan reads the big tables: reads under a SubPlan (run once per outer
// row), sequential scans, and the indexes used.
type access struct {
	perRow, seqScans []string
	indexes          []string
}

func accessOf(p planNode) access {
	var a access
	p.walk(false, func(n planNode, inSubPlan bool) {
		if n.IndexName != "" {
			a.indexes = append(a.indexes, n.IndexName)
		}
		if !slices.Contains(bigTables, n.RelationName) {
			return
		}
		if inSubPlan {
			a.perRow = append(a.perRow, n.RelationName)
		}
		if n.NodeType == "Seq Scan" {
			a.seqScans = append(a.seqScans, n.RelationName)
		}
	})
	return a
}

// TestPanelPlan: every statement of the panel's list reads the big tables through indexes, never
// once per case through a SubPlan and never by a sequential scan; the cases with valid forms are
// found through cases_panel_ready. The statements checked are the ones the store runs, recorded
// from GORM, on 10,000 ANALYZEd cases. The old query is checked the same way to show that the
// check sees the fault it guards against.
func TestPanelPlan(t *testing.T) {
	st := pgtest.NewStore(t)
	db := st.DB()
	seedPanel(t, db, 10000)
	rec := &sqlRecorder{Interface: logger.Discard}
	db.Logger = rec
	err := st.Tx(context.Background(), func(tx clinic.Tx) error {
		_, _, err := tx.PanelForms(context.Background(), clinic.PanelFilter{Country: "US", Limit: 50,
			After: &clinic.PanelKey{DepartureDate: ptr(time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)), CaseNumber: "BN-000001",
				CaseID: "00000000-0000-4000-8000-000000000000"}})
		return err
	})
	db.Logger = logger.Discard
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.sql) != 4 {
		t.Fatalf("the list ran %d statements, want 4 (cases, people, forms, the sign-offs' steps not done): %q", len(rec.sql), rec.sql)
	}
	for i, sql := range rec.sql {
		a := accessOf(explain(t, db, sql))
		if len(a.perRow) > 0 || len(a.seqScans) > 0 || len(a.indexes) == 0 {
			t.Errorf("read once per row: %v, by sequential scan: %v, indexes: %v; want indexes only in\n%s",
				a.perRow, a.seqScans, a.indexes, sql)
		}
		if i == 0 && !slices.Contains(a.indexes, "cases_panel_ready") {
			t.Errorf("the cases with forms are found without cases_panel_ready (%v) in\n%s", a.indexes, sql)
		}
	}
	old := `SELECT * FROM cases WHERE destination = 'US' AND EXISTS (SELECT 1 FROM forms WHERE forms.assessment_id IN
		(SELECT id FROM assessments WHERE assessments.case_id = cases.id) AND forms.status = 'valid')
		ORDER BY departure_date NULLS LAST, case_number LIMIT 200`
	if a := accessOf(explain(t, db, old)); !slices.Contains(a.perRow, "assessments") {
		t.Errorf("the check does not see the per-case SubPlan of the old query: %+v", a)
	}
}

func ptr[T any](v T) *T { return &v }

// BenchmarkPanelPage reads one page (50 cases) of the US panel's list from 10,000 cases: the
// first page, a page from the middle of the list, and one flight's first page.
func BenchmarkPanelPage(b *testing.B) {
	st := pgtest.NewStore(b)
	us := seedPanel(b, st.DB(), 10000)
	var forms int
	st.DB().Raw("SELECT count(*) FROM forms").Scan(&forms)
	b.Logf("10000 cases, 30000 people, %d forms; %d US cases with forms", forms, us)
	all, _ := panelPages(b, st, clinic.PanelFilter{Limit: 200})
	var mid clinic.PanelKey
	st.DB().Raw(`SELECT departure_date, case_number, id AS case_id FROM cases WHERE case_number = ?`, all[len(all)/2]).Scan(&mid)
	for _, bc := range []struct {
		name string
		f    clinic.PanelFilter
	}{
		{"first", clinic.PanelFilter{Country: "US", Limit: 50}},
		{"middle", clinic.PanelFilter{Country: "US", Limit: 50, After: &mid}},
		{"flight", clinic.PanelFilter{Country: "US", Limit: 50, Flight: "BF012"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			rows := 0
			for i := 0; i < b.N; i++ {
				err := st.Tx(ctx, func(tx clinic.Tx) error {
					r, _, err := tx.PanelForms(ctx, bc.f)
					rows = len(r)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			if rows == 0 {
				b.Fatal("empty page")
			}
			b.ReportMetric(float64(rows), "people/page")
		})
	}
}

// TestPanelReadyMark: the forms keep their case's has_valid_form (migration 0026): revoking the
// last valid forms clears it, superseding keeps it while a valid form stays, and a form made
// valid again sets it.
func TestPanelReadyMark(t *testing.T) {
	st := pgtest.NewStore(t)
	db := st.DB()
	seedPanel(t, db, 10)
	kase := "BN-000001" // signed (i % 10 < 4), US, with a DS-2054 and a DS-3025 per person
	mark := func() bool {
		var m bool
		if err := db.Raw("SELECT has_valid_form FROM cases WHERE case_number = ?", kase).Scan(&m).Error; err != nil {
			t.Fatal(err)
		}
		return m
	}
	forms := func(set, where string) {
		q := `UPDATE forms SET status = ` + set + ` WHERE applicant_id IN (SELECT ap.id FROM applicants ap JOIN cases c ON c.id = ap.case_id
			WHERE c.case_number = ?) AND ` + where
		if err := db.Exec(q, kase).Error; err != nil {
			t.Fatal(err)
		}
	}
	if !mark() {
		t.Fatal("a case with valid forms is not marked")
	}
	forms("'superseded'", "form_type = 'DS-3025'")
	if !mark() {
		t.Error("superseding one form cleared the mark while the DS-2054s are valid")
	}
	forms("'revoked'", "status = 'valid'")
	if mark() {
		t.Error("the mark stayed after every valid form was revoked")
	}
	forms("'valid'", "form_type = 'DS-2054'")
	if !mark() {
		t.Error("a form made valid again did not set the mark")
	}
}
