package postgres_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// seedYear fills one site with a busy year: n assessments (three people a case) examined evenly
// over 2026, each registered at 08:00 on its exam day, with vitals; a chest X-ray for four in
// five (a study ordered, made final two hours later, one in twenty suggestive, and its step
// result); sputum smears and cultures for one in ten (two lab orders, three specimens on
// consecutive days, six coded lab results, and the step results: cultures pending, then final
// five weeks later); a four-month DOT course for one in fifty; a classification, a sign-off the
// next day, a PEC for half, and two forms per signed person.
func seedYear(b *testing.B, db interface {
	Exec(string, ...any) error
}, n int) {
	stmts := []string{
		`INSERT INTO sites (id, code, name, timezone) VALUES ('00000000-0000-0000-0000-0000000000a1', 'KGL', 'MHAC Kigali', 'Africa/Kigali')`,
		`INSERT INTO cases (id, site_id, case_number, destination, program, version, created_at)
		 SELECT md5('c' || i)::uuid, '00000000-0000-0000-0000-0000000000a1', 'RW-' || i,
		        (ARRAY['US','CA','AU','NZ'])[1 + i % 4], 'refugee', 1, '2026-01-01T00:00:00Z'
		 FROM generate_series(0, @cases - 1) i`,
		`INSERT INTO applicants (id, case_id, site_id, position, surnames, given_names, birth_date, birth_date_estimated, sex, relationship, residence_country, version, created_at)
		 SELECT md5('p' || i)::uuid, md5('c' || (i / 3))::uuid, '00000000-0000-0000-0000-0000000000a1', i % 3, 'S', 'G',
		        date '1960-01-01' + (i * 37 % 24000), false, 'female', 'principal', 'RW', 1, '2026-01-01T00:00:00Z'
		 FROM generate_series(0, @n - 1) i`,
		`INSERT INTO assessments (id, applicant_id, case_id, site_id, state, exam_date, protocol_id, protocol_version, version, queued_at, updated_at, vitals, classification, signoff, pec)
		 SELECT md5('a' || i)::uuid, md5('p' || i)::uuid, md5('c' || (i / 3))::uuid, '00000000-0000-0000-0000-0000000000a1', 'signed',
		        d, 'US', '2026-12-01', 1, d + time '06:00', d + time '06:00',
		        jsonb_build_object('RecordedAt', to_char(d + time '07:00', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
		        jsonb_build_object('Codes', CASE WHEN i % 50 = 0 THEN '["class_b1_tb_pulmonary"]'::jsonb WHEN i % 997 = 0 THEN '["class_a_tb"]'::jsonb ELSE '["no_class"]'::jsonb END),
		        jsonb_build_object('At', to_char(d + 1 + time '09:00', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
		        CASE WHEN i % 2 = 0 THEN jsonb_build_object('At', to_char(d + 20 + time '08:00', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'Fit', true, 'Outcome', 'fit') END
		 FROM generate_series(0, @n - 1) i, LATERAL (SELECT date '2026-01-01' + (i * 365 / @n) AS d) x`,
		`INSERT INTO results (assessment_id, step, value, recorded_by, by_name, recorded_at)
		 SELECT a.id, 'cxr', jsonb_build_object('text', CASE WHEN i % 10 = 0 THEN 'suggestive_of_tb' ELSE 'normal' END),
		        '00000000-0000-0000-0000-000000000001', 'R', a.queued_at + interval '3 hours'
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid WHERE i % 5 <> 0`,
		`INSERT INTO results (assessment_id, step, value, recorded_by, by_name, recorded_at)
		 SELECT a.id, s.step, s.value::jsonb, '00000000-0000-0000-0000-000000000001', 'L', a.queued_at + s.after
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid,
		 (VALUES ('sputum_smears', '{"list": ["negative", "negative", "negative"]}', interval '1 day'),
		         ('sputum_cultures', '{"list": ["pending", "pending", "pending"]}', interval '1 day'),
		         ('sputum_cultures', '{"list": ["negative", "negative", "negative"]}', interval '36 days')) s(step, value, after)
		 WHERE i % 10 = 0`,
		`INSERT INTO imaging_studies (id, site_id, assessment_id, applicant_id, accession, step, form, ordered_by, ordered_by_name, ordered_at, status, final, final_at, turnaround_seconds)
		 SELECT md5('x' || i)::uuid, a.site_id, a.id, a.applicant_id, 'X' || i, 'cxr', 'us', '00000000-0000-0000-0000-000000000001', 'P',
		        a.queued_at + interval '1 hour', 'final', CASE WHEN i % 20 = 1 THEN 'suggestive_of_tb' ELSE 'normal' END, a.queued_at + interval '3 hours', 7200
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid WHERE i % 5 <> 0`,
		`INSERT INTO lab_orders (id, site_id, assessment_id, applicant_id, step, test, specimen, rule, reason, source, ordered_by, ordered_name, ordered_at, status, updated_at)
		 SELECT md5('o' || i || o.step)::uuid, a.site_id, a.id, a.applicant_id, o.step, o.test, 'sputum', 'r', 'x', '{}',
		        '00000000-0000-0000-0000-000000000001', 'P', a.queued_at + interval '1 hour', 'resulted', a.queued_at + interval '45 days'
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid,
		 (VALUES ('sputum_smears', 'afb_smear'), ('sputum_cultures', 'mtb_culture')) o(step, test) WHERE i % 10 = 0`,
		`INSERT INTO specimens (id, accession, site_id, assessment_id, applicant_id, type, order_ids, tests, seq, collected_at, collected_by, collected_name, status, received_at, version)
		 SELECT md5('sp' || i || '-' || k)::uuid, 'S' || i || '-' || k, a.site_id, a.id, a.applicant_id, 'sputum',
		        jsonb_build_array(md5('o' || i || 'sputum_smears')::uuid::text, md5('o' || i || 'sputum_cultures')::uuid::text), '["afb_smear", "mtb_culture"]',
		        k, a.queued_at + (k - 1) * interval '1 day', '00000000-0000-0000-0000-000000000001', 'N', 'received',
		        a.queued_at + (k - 1) * interval '1 day' + interval '1 hour', 1
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid, generate_series(1, 3) k WHERE i % 10 = 0`,
		`INSERT INTO lab_results (id, site_id, assessment_id, specimen_id, accession, order_id, test, step, components, value, flag, recorded_by, recorded_name, recorded_at)
		 SELECT md5('r' || i || '-' || k || t.test)::uuid, a.site_id, a.id, md5('sp' || i || '-' || k)::uuid, 'S' || i || '-' || k,
		        md5('o' || i || t.step)::uuid, t.test, t.step, '[]', 'negative', 'normal', '00000000-0000-0000-0000-000000000001', 'L', a.queued_at + t.after
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid, generate_series(1, 3) k,
		 (VALUES ('afb_smear', 'sputum_smears', interval '3 days'), ('mtb_culture', 'sputum_cultures', interval '45 days')) t(test, step, after)
		 WHERE i % 10 = 0`,
		`INSERT INTO dot_courses (id, assessment_id, applicant_id, site_id, regimen, weight_kg, start_on, planned_end, doses_needed, drugs, basis, status, completed_on, started_by, started_name, started_at)
		 SELECT md5('d' || i)::uuid, a.id, a.applicant_id, a.site_id, '4R', 60, a.exam_date + 2, a.exam_date + 122, 120, '[]', 'x',
		        CASE WHEN a.exam_date + 122 < date '2027-01-01' THEN 'completed' ELSE 'active' END,
		        CASE WHEN a.exam_date + 122 < date '2027-01-01' THEN a.exam_date + 122 END, '00000000-0000-0000-0000-000000000001', 'P', a.queued_at
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid WHERE i % 50 = 0`,
		`INSERT INTO form_snapshots (id, assessment_id, body, sha256, created_at)
		 SELECT md5('s' || i)::uuid, md5('a' || i)::uuid, '\x7b7d', 'x', '2026-01-01T00:00:00Z' FROM generate_series(0, @n - 1) i`,
		`INSERT INTO forms (id, snapshot_id, assessment_id, applicant_id, site_id, destination, form_type, status, verify_token, created_at, issued_at)
		 SELECT md5('f' || i || t)::uuid, md5('s' || i)::uuid, a.id, a.applicant_id, a.site_id, 'US', t, 'valid', md5('f' || i || t),
		        a.queued_at + interval '1 day', a.queued_at + interval '1 day 5 minutes'
		 FROM generate_series(0, @n - 1) i JOIN assessments a ON a.id = md5('a' || i)::uuid, (VALUES ('DS-2054'), ('DS-3026')) f(t)`,
		`ANALYZE`,
	}
	for _, s := range stmts {
		s = strings.NewReplacer("@cases", strconv.Itoa((n+2)/3), "@n", strconv.Itoa(n)).Replace(s)
		if err := db.Exec(s); err != nil {
			b.Fatalf("%v\n%s", err, s)
		}
	}
}

// BenchmarkTBIndicators counts one month's report on a site holding a busy year (50,000
// assessments, about 4,100 in the month).
func BenchmarkTBIndicators(b *testing.B) {
	st := pgtest.NewStore(b)
	db := st.DB()
	seedYear(b, execFunc(func(q string, args ...any) error { return db.Exec(q, args...).Error }), 50000)
	var counts struct{ Assessments, Results, Forms, Studies, Specimens, LabResults, DotCourses int }
	db.Raw(`SELECT (SELECT count(*) FROM assessments) AS assessments, (SELECT count(*) FROM results) AS results,
		(SELECT count(*) FROM forms) AS forms, (SELECT count(*) FROM imaging_studies) AS studies,
		(SELECT count(*) FROM specimens) AS specimens, (SELECT count(*) FROM lab_results) AS lab_results,
		(SELECT count(*) FROM dot_courses) AS dot_courses`).Scan(&counts)
	b.Logf("%d assessments, %d results, %d forms, %d X-ray studies, %d specimens, %d lab results, %d DOT courses",
		counts.Assessments, counts.Results, counts.Forms, counts.Studies, counts.Specimens, counts.LabResults, counts.DotCourses)
	kigali, _ := time.LoadLocation("Africa/Kigali")
	q := clinic.ReportQuery{SiteID: "00000000-0000-0000-0000-0000000000a1", From: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Zone: kigali}
	ctx := context.Background()
	var r clinic.TBIndicators
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := st.Tx(ctx, func(tx clinic.Tx) (err error) {
			r, err = tx.TBIndicators(ctx, q)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if r.Screened == 0 || r.CXRSuggestive == 0 || r.CXRReportHours.N == 0 || r.CultureDays.N == 0 || r.DOTCompleted == 0 {
		b.Fatalf("June's report misses what the year holds: %+v", r)
	}
	b.ReportMetric(float64(r.Screened), "screened")
}

type execFunc func(string, ...any) error

func (f execFunc) Exec(q string, args ...any) error { return f(q, args...) }
