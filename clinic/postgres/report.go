package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The monthly report's queries, all in this file so they can be pointed at new record tables
// (X-ray orders and readings, specimens and cultures, DOT courses) as those come. Each reads the
// latest result of a step code of the rule files (cxr, sputum_smears, sputum_cultures) from
// results, and the physician's outcome codes from the classification.

// cohortSQL is the month's assessments by exam date, with the person's age at the exam.
const cohortSQL = `cohort AS (
	SELECT a.id, a.classification, c.destination,
		date_part('year', age(a.exam_date, p.birth_date))::int AS age
	FROM assessments a JOIN applicants p ON p.id = a.applicant_id JOIN cases c ON c.id = a.case_id
	WHERE a.site_id = @site AND a.exam_date >= @from AND a.exam_date < @to)`

// flagsSQL says, per assessment of the cohort, what its latest results and outcome codes hold.
const flagsSQL = cohortSQL + `,
latest AS (
	SELECT DISTINCT ON (r.assessment_id, r.step) r.assessment_id, r.step, r.value
	FROM results r JOIN cohort ON cohort.id = r.assessment_id
	WHERE r.step IN ('cxr', 'sputum_smears', 'sputum_cultures')
	ORDER BY r.assessment_id, r.step, r.id DESC),
flags AS (
	SELECT cohort.id, cohort.age, cohort.destination,
		coalesce(cohort.classification->'Codes', '[]'::jsonb) AS codes,
		coalesce(bool_or(l.step = 'cxr'), false) AS cxr,
		coalesce(bool_or(l.step = 'cxr' AND l.value->>'text' = 'suggestive_of_tb'), false) AS cxr_suggestive,
		coalesce(bool_or(l.step IN ('sputum_smears', 'sputum_cultures')), false) AS sputum,
		coalesce(bool_or(l.step = 'sputum_smears' AND jsonb_exists(l.value->'list', 'positive')), false) AS smear_pos,
		coalesce(bool_or(l.step = 'sputum_cultures' AND jsonb_exists(l.value->'list', 'positive')), false) AS culture_pos
	FROM cohort LEFT JOIN latest l ON l.assessment_id = cohort.id
	GROUP BY cohort.id, cohort.age, cohort.destination, cohort.classification)`

const indicatorSQL = `WITH ` + flagsSQL + `
SELECT count(*) AS screened,
	count(*) FILTER (WHERE cxr) AS cxr,
	count(*) FILTER (WHERE cxr_suggestive) AS cxr_suggestive,
	count(*) FILTER (WHERE sputum) AS sputum,
	count(*) FILTER (WHERE smear_pos) AS smear_pos,
	count(*) FILTER (WHERE culture_pos) AS culture_pos,
	count(*) FILTER (WHERE culture_pos OR jsonb_exists(codes, 'class_a_tb') OR jsonb_exists(codes, 'class_b0_tb')) AS tb_disease
FROM flags`

const byAgeSQL = `WITH ` + cohortSQL + `
SELECT CASE WHEN age < 2 THEN 'under_2' WHEN age < 15 THEN '2_14' ELSE '15_plus' END AS key, count(*) AS n
FROM cohort GROUP BY 1 ORDER BY min(age)`

const byDestinationSQL = `WITH ` + cohortSQL + `
SELECT destination AS key, count(*) AS n FROM cohort GROUP BY 1 ORDER BY 1`

const classBSQL = `WITH ` + cohortSQL + `
SELECT code AS key, count(*) AS n
FROM cohort, jsonb_array_elements_text(coalesce(cohort.classification->'Codes', '[]'::jsonb)) AS code
WHERE code LIKE 'class_b%' GROUP BY 1 ORDER BY 1`

// cultureDaysSQL: days from the first culture record with a pending value to the first record
// with none pending, for the cohort.
const cultureDaysSQL = `WITH ` + cohortSQL + `,
cult AS (
	SELECT r.assessment_id,
		min(r.recorded_at) FILTER (WHERE jsonb_exists(r.value->'list', 'pending')) AS sent,
		min(r.recorded_at) FILTER (WHERE NOT jsonb_exists(r.value->'list', 'pending')) AS final
	FROM results r JOIN cohort ON cohort.id = r.assessment_id
	WHERE r.step = 'sputum_cultures' GROUP BY r.assessment_id),
d AS (SELECT extract(epoch FROM final - sent) / 86400 AS x FROM cult WHERE sent IS NOT NULL AND final > sent)
SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median,
	percentile_cont(0.9) WITHIN GROUP (ORDER BY x) AS p90 FROM d`

// throughputSQL counts the assessments each station handled per local day.
const throughputSQL = `WITH ev AS (
	SELECT 'registration' AS station, a.id, a.queued_at AS at FROM assessments a WHERE a.site_id = @site
	UNION ALL
	SELECT 'nurse', a.id, (a.vitals->>'RecordedAt')::timestamptz FROM assessments a
		WHERE a.site_id = @site AND a.vitals IS NOT NULL AND a.vitals->>'RecordedAt' NOT LIKE '0001-%'
	UNION ALL
	SELECT CASE WHEN r.step = 'cxr' THEN 'radiology' ELSE 'lab' END, r.assessment_id, r.recorded_at
		FROM results r JOIN assessments a ON a.id = r.assessment_id WHERE a.site_id = @site
	UNION ALL
	SELECT 'physician', a.id, (a.signoff->>'At')::timestamptz FROM assessments a WHERE a.site_id = @site AND a.signoff IS NOT NULL
	UNION ALL
	SELECT 'pec', a.id, (a.pec->>'At')::timestamptz FROM assessments a WHERE a.site_id = @site AND a.pec IS NOT NULL)
SELECT station, (at AT TIME ZONE @zone)::date AS day, count(DISTINCT id) AS n
FROM ev WHERE at >= @start AND at < @end GROUP BY 1, 2 ORDER BY 2, 1`

const signoffHoursSQL = `WITH d AS (
	SELECT extract(epoch FROM (a.signoff->>'At')::timestamptz - a.queued_at) / 3600 AS x
	FROM assessments a WHERE a.site_id = @site AND a.signoff IS NOT NULL
		AND (a.signoff->>'At')::timestamptz >= @start AND (a.signoff->>'At')::timestamptz < @end)
SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median,
	percentile_cont(0.9) WITHIN GROUP (ORDER BY x) AS p90 FROM d`

const cxrHoursSQL = `WITH first_cxr AS (
	SELECT r.assessment_id, min(r.recorded_at) AS at FROM results r JOIN assessments a ON a.id = r.assessment_id
	WHERE a.site_id = @site AND r.step = 'cxr' GROUP BY r.assessment_id),
d AS (SELECT extract(epoch FROM f.at - a.queued_at) / 3600 AS x FROM first_cxr f JOIN assessments a ON a.id = f.assessment_id
	WHERE f.at >= @start AND f.at < @end)
SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median,
	percentile_cont(0.9) WITHIN GROUP (ORDER BY x) AS p90 FROM d`

const formsIssuedSQL = `SELECT form_type AS key, count(*) AS n FROM forms
WHERE site_id = @site AND issued_at >= @start AND issued_at < @end AND status IN ('valid', 'superseded', 'revoked')
GROUP BY 1 ORDER BY 1`

// pecOutcomesSQL: a check recorded before the outcome had three values has only Fit.
const pecOutcomesSQL = `SELECT coalesce(nullif(pec->>'Outcome', ''), CASE WHEN (pec->>'Fit')::boolean THEN 'fit' ELSE 'not_fit' END) AS key,
	count(*) AS n FROM assessments
WHERE site_id = @site AND pec IS NOT NULL AND (pec->>'At')::timestamptz >= @start AND (pec->>'At')::timestamptz < @end
GROUP BY 1 ORDER BY 1`

type spreadRow struct {
	N      int
	Median *float64
	P90    *float64
}

// TBIndicators counts the month's indicators for one site.
func (t *tx) TBIndicators(ctx context.Context, q clinic.ReportQuery) (clinic.TBIndicators, error) {
	zone := q.Zone
	if zone == nil {
		zone = time.UTC
	}
	args := map[string]any{
		"site": q.SiteID, "from": q.From.Format(time.DateOnly), "to": q.To.Format(time.DateOnly), "zone": zone.String(),
		"start": time.Date(q.From.Year(), q.From.Month(), q.From.Day(), 0, 0, 0, 0, zone),
		"end":   time.Date(q.To.Year(), q.To.Month(), q.To.Day(), 0, 0, 0, 0, zone),
	}
	g := t.g.WithContext(ctx)
	var r clinic.TBIndicators
	var head struct {
		Screened, Cxr, CxrSuggestive, Sputum, SmearPos, CulturePos, TbDisease int
	}
	if err := g.Raw(indicatorSQL, args).Scan(&head).Error; err != nil {
		return r, mapErr(err, "report")
	}
	r.Screened, r.CXR, r.CXRSuggestive, r.SputumCollected = head.Screened, head.Cxr, head.CxrSuggestive, head.Sputum
	r.SmearPositive, r.CulturePositive, r.TBDisease = head.SmearPos, head.CulturePos, head.TbDisease
	for _, c := range []struct {
		sql string
		out *[]clinic.Count
	}{{byAgeSQL, &r.ByAge}, {byDestinationSQL, &r.ByDestination}, {classBSQL, &r.ClassB},
		{formsIssuedSQL, &r.FormsIssued}, {pecOutcomesSQL, &r.PECOutcomes}} {
		var rows []struct {
			Key string
			N   int
		}
		if err := g.Raw(c.sql, args).Scan(&rows).Error; err != nil {
			return r, mapErr(err, "report")
		}
		*c.out = []clinic.Count{}
		for _, x := range rows {
			*c.out = append(*c.out, clinic.Count{Key: x.Key, N: x.N})
		}
	}
	for _, s := range []struct {
		sql string
		out *clinic.Spread
	}{{cultureDaysSQL, &r.CultureDays}, {signoffHoursSQL, &r.SignoffHours}, {cxrHoursSQL, &r.CXRReportHours}} {
		var row spreadRow
		if err := g.Raw(s.sql, args).Scan(&row).Error; err != nil {
			return r, mapErr(err, "report")
		}
		*s.out = clinic.Spread{N: row.N, Median: row.Median, P90: row.P90}
	}
	var days []struct {
		Station string
		Day     time.Time
		N       int
	}
	if err := g.Raw(throughputSQL, args).Scan(&days).Error; err != nil {
		return r, mapErr(err, "report")
	}
	r.Throughput = []clinic.StationDay{}
	for _, d := range days {
		r.Throughput = append(r.Throughput, clinic.StationDay{Station: d.Station, Day: d.Day, N: d.N})
	}
	return r, nil
}
