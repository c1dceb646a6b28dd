package api_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// TestWorklistPagesPastFiveHundred queues 600 people for the nurse (one registered through the
// service, the others copies of it made in SQL, many queued at the same instant) and 150 more
// already examined, then pages through the nurse's worklist: every waiting person appears exactly
// once, oldest first, and the examined ones never; a cursor the list did not give is refused.
func TestWorklistPagesPastFiveHundred(t *testing.T) {
	var dbURL string
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, DatabaseURL: &dbURL})
	ctx := context.Background()
	reg := st.Actors["registrar"]
	c, err := clinictest.RegisterGoingOn(ctx, st.Svc, reg, clinic.NewCase{CaseNumber: "WL-0000", Destination: "US", Program: "refugee",
		Members: []clinic.Applicant{{Surnames: "Keyset", GivenNames: demo.Name(1), BirthDate: time.Date(1990, 3, 4, 0, 0, 0, 0, time.UTC),
			Sex: "female", ResidenceCountry: "RW", CountriesLived: []string{"CD"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = st.Svc.QueueCase(ctx, reg, c.ID); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	const waiting, examined = 599, 150
	// Copies i = 1..749 of the one case; three share each queued_at, so ties are ordered by id.
	// The last 150 have history and vitals, which takes them off the nurse's list.
	for _, q := range []string{
		`INSERT INTO cases (id, site_id, case_number, destination, program, version, created_at)
		 SELECT md5('wc' || i)::uuid, site_id, 'WL-' || lpad(i::text, 4, '0'), destination, program, 1, created_at
		 FROM cases, generate_series(1, @total) i WHERE id = $1`,
		`INSERT INTO applicants (id, case_id, site_id, position, surnames, given_names, birth_date, birth_date_estimated, sex,
		        relationship, residence_country, countries_lived, version, created_at)
		 SELECT md5('wp' || i)::uuid, md5('wc' || i)::uuid, site_id, 0, surnames, given_names || ' ' || i, birth_date, false, sex,
		        relationship, residence_country, countries_lived, 1, created_at
		 FROM applicants, generate_series(1, @total) i WHERE case_id = $1`,
		`INSERT INTO assessments (id, applicant_id, case_id, site_id, state, exam_date, protocol_id, protocol_version, version,
		        queued_at, updated_at, history, vitals)
		 SELECT md5('wa' || i)::uuid, md5('wp' || i)::uuid, md5('wc' || i)::uuid, site_id, state, exam_date, protocol_id,
		        protocol_version, 1, queued_at + (i / 3) * interval '1 second', updated_at,
		        CASE WHEN i > @waiting THEN '{"Answers": []}'::jsonb END, CASE WHEN i > @waiting THEN '{"HeightCm": 170, "WeightKg": 60}'::jsonb END
		 FROM assessments, generate_series(1, @total) i WHERE case_id = $1`,
	} {
		q = strings.NewReplacer("@total", strconv.Itoa(waiting+examined), "@waiting", strconv.Itoa(waiting)).Replace(q)
		if _, err := conn.Exec(ctx, q, c.ID); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := conn.Exec(ctx, `UPDATE applicants p SET assessment_id = a.id FROM assessments a WHERE a.applicant_id = p.id AND p.assessment_id IS NULL`); err != nil {
		t.Fatal(err)
	}

	nurse := st.Login(t, "nurse")
	var all []string
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		var page struct {
			Items []struct {
				AssessmentID string    `json:"assessment_id"`
				WaitingSince time.Time `json:"waiting_since"`
				Pending      []string  `json:"pending"`
			} `json:"items"`
			Next string `json:"next"`
		}
		nurse.Must(200, "GET", "/api/worklist?station=nurse&limit=200&cursor="+url.QueryEscape(cursor), nil, &page)
		pages++
		if len(page.Items) > 200 {
			t.Fatalf("page %d holds %d people, more than the limit", pages, len(page.Items))
		}
		for _, it := range page.Items {
			if seen[it.AssessmentID] {
				t.Fatalf("%s listed twice", it.AssessmentID)
			}
			if len(it.Pending) == 0 {
				t.Errorf("%s listed with nothing pending", it.AssessmentID)
			}
			seen[it.AssessmentID] = true
			all = append(all, it.AssessmentID)
		}
		if page.Next == "" {
			break
		}
		if pages > 10 {
			t.Fatal("the worklist does not end")
		}
		cursor = page.Next
	}
	if len(all) != waiting+1 {
		t.Fatalf("the nurse's worklist lists %d people over %d pages, want %d", len(all), pages, waiting+1)
	}
	if pages != 3 {
		t.Errorf("%d pages of 200 for %d people, want 3", pages, len(all))
	}
	// Oldest first, ties by id: the order the database gives for the same rows.
	rows, err := conn.Query(ctx, `SELECT id::text FROM assessments WHERE history IS NULL ORDER BY queued_at, id`)
	if err != nil {
		t.Fatal(err)
	}
	want, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != len(all) {
		t.Fatalf("%d waiting in the database, %d listed", len(want), len(all))
	}
	for i := range want {
		if want[i] != all[i] {
			t.Fatalf("position %d: listed %s, want %s (oldest first, ties by id)", i, all[i], want[i])
		}
	}

	// The default page is 50; a cursor or limit the list did not give is a field problem.
	var first struct {
		Items []any  `json:"items"`
		Next  string `json:"next"`
	}
	nurse.Must(200, "GET", "/api/worklist?station=nurse", nil, &first)
	if len(first.Items) != clinic.WorklistPageDefault || first.Next == "" {
		t.Errorf("the first default page holds %d with next %q, want %d and a next", len(first.Items), first.Next, clinic.WorklistPageDefault)
	}
	for _, q := range []struct{ query, field string }{
		{"&cursor=bm9wZQ", "cursor"}, {"&limit=0", "limit"}, {"&limit=201", "limit"}, {"&limit=x", "limit"},
	} {
		code, raw := nurse.Do("GET", "/api/worklist?station=nurse"+q.query, nil, nil)
		if p := clinictest.ProblemOf(t, raw); code != 422 || len(p.Errors) == 0 || p.Errors[0].Field != q.field {
			t.Errorf("%s: %d %s, want 422 on %s", q.query, code, p, q.field)
		}
	}
}
