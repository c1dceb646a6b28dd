package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// The monthly report's queries, all in this file. The TB indicators read the stations' own
// records where they keep them: chest X-ray studies and their final reading (imaging_studies),
// sputum specimens and the lab's current coded results (specimens, lab_results), DOT courses
// (dot_courses). A step the station did not record there (a result typed on the chart) is read
// from the latest per-step result (results) instead, so older records keep counting. The
// physician's outcome codes come from the classification.

// cohortSQL is the month's assessments by exam date, with the person's age at the exam.
const cohortSQL = `cohort AS (
	SELECT a.id, a.classification, c.destination,
		date_part('year', age(a.exam_date, p.birth_date))::int AS age
	FROM assessments a JOIN applicants p ON p.id = a.applicant_id JOIN cases c ON c.id = a.case_id
	WHERE a.site_id = @site AND a.exam_date >= @from AND a.exam_date < @to)`

// flagsSQL says, per assessment of the cohort, what its records hold: for each step the
// station's own table when it holds a record of that step, else the latest per-step result.
const flagsSQL = cohortSQL + `,
latest AS (
	SELECT DISTINCT ON (r.assessment_id, r.step) r.assessment_id, r.step, r.value
	FROM results r JOIN cohort ON cohort.id = r.assessment_id
	WHERE r.step IN ('cxr', 'sputum_smears', 'sputum_cultures', 'dst')
	ORDER BY r.assessment_id, r.step, r.id DESC),
typed AS (
	SELECT l.assessment_id,
		bool_or(l.step = 'cxr') AS cxr,
		bool_or(l.step = 'cxr' AND l.value->>'text' = 'suggestive_of_tb') AS cxr_suggestive,
		bool_or(l.step IN ('sputum_smears', 'sputum_cultures')) AS sputum,
		bool_or(l.step = 'sputum_smears') AS smear,
		bool_or(l.step = 'sputum_smears' AND jsonb_exists(l.value->'list', 'positive')) AS smear_pos,
		bool_or(l.step = 'sputum_cultures') AS culture,
		bool_or(l.step = 'sputum_cultures' AND jsonb_exists(l.value->'list', 'positive')) AS culture_pos,
		bool_or(l.step = 'dst') AS dst,
		bool_or(l.step = 'dst' AND l.value->>'text' = 'resistant') AS dst_res
	FROM latest l GROUP BY l.assessment_id),
study AS (
	SELECT s.assessment_id, bool_or(s.final = 'suggestive_of_tb') AS suggestive
	FROM imaging_studies s JOIN cohort ON cohort.id = s.assessment_id
	WHERE s.step = 'cxr' AND s.status = 'final' GROUP BY s.assessment_id),
sputum AS (
	SELECT DISTINCT sp.assessment_id FROM specimens sp JOIN cohort ON cohort.id = sp.assessment_id
	WHERE sp.type = 'sputum' AND sp.status <> 'rejected'),
lab AS (
	SELECT r.assessment_id,
		bool_or(r.step = 'sputum_smears') AS smear,
		bool_or(r.step = 'sputum_smears' AND r.value = 'positive') AS smear_pos,
		bool_or(r.step = 'sputum_cultures') AS culture,
		bool_or(r.step = 'sputum_cultures' AND r.value = 'positive') AS culture_pos,
		bool_or(r.step = 'dst') AS dst,
		bool_or(r.step = 'dst' AND r.value = 'resistant') AS dst_res
	FROM lab_results r JOIN cohort ON cohort.id = r.assessment_id
	WHERE NOT r.superseded AND r.value <> '' AND r.step IN ('sputum_smears', 'sputum_cultures', 'dst')
	GROUP BY r.assessment_id),
flags AS (
	SELECT cohort.id, coalesce(cohort.classification->'Codes', '[]'::jsonb) AS codes,
		study.assessment_id IS NOT NULL OR coalesce(t.cxr, false) AS cxr,
		CASE WHEN study.assessment_id IS NOT NULL THEN study.suggestive ELSE coalesce(t.cxr_suggestive, false) END AS cxr_suggestive,
		sputum.assessment_id IS NOT NULL OR coalesce(t.sputum, false) AS sputum,
		CASE WHEN coalesce(lab.smear, false) THEN lab.smear_pos ELSE coalesce(t.smear_pos, false) END AS smear_pos,
		CASE WHEN coalesce(lab.culture, false) THEN lab.culture_pos ELSE coalesce(t.culture_pos, false) END AS culture_pos,
		CASE WHEN coalesce(lab.dst, false) THEN lab.dst_res ELSE coalesce(t.dst_res, false) END AS dst_res
	FROM cohort LEFT JOIN typed t ON t.assessment_id = cohort.id LEFT JOIN study ON study.assessment_id = cohort.id
		LEFT JOIN sputum ON sputum.assessment_id = cohort.id LEFT JOIN lab ON lab.assessment_id = cohort.id)`

const indicatorSQL = `WITH ` + flagsSQL + `
SELECT count(*) AS screened,
	count(*) FILTER (WHERE cxr) AS cxr,
	count(*) FILTER (WHERE cxr_suggestive) AS cxr_suggestive,
	count(*) FILTER (WHERE sputum) AS sputum,
	count(*) FILTER (WHERE smear_pos) AS smear_pos,
	count(*) FILTER (WHERE culture_pos) AS culture_pos,
	count(*) FILTER (WHERE dst_res) AS drug_resistant,
	count(*) FILTER (WHERE culture_pos OR jsonb_exists(codes, 'class_a_tb') OR jsonb_exists(codes, 'class_b0_tb')) AS tb_disease
FROM flags`

// dotCompletedSQL counts the site's DOT courses completed in the month.
const dotCompletedSQL = `SELECT count(*) AS n FROM dot_courses
WHERE site_id = @site AND status = 'completed' AND completed_on >= @from AND completed_on < @to`

const byAgeSQL = `WITH ` + cohortSQL + `
SELECT CASE WHEN age < 2 THEN 'under_2' WHEN age < 15 THEN '2_14' ELSE '15_plus' END AS key, count(*) AS n
FROM cohort GROUP BY 1 ORDER BY min(age)`

const byDestinationSQL = `WITH ` + cohortSQL + `
SELECT destination AS key, count(*) AS n FROM cohort GROUP BY 1 ORDER BY 1`

const classBSQL = `WITH ` + cohortSQL + `
SELECT code AS key, count(*) AS n
FROM cohort, jsonb_array_elements_text(coalesce(cohort.classification->'Codes', '[]'::jsonb)) AS code
WHERE code LIKE 'class_b%' GROUP BY 1 ORDER BY 1`

// cultureDaysSQL: days to the culture result, for the cohort. Where the lab recorded the
// cultures: from the first culture specimen's collection to the last culture read, once every
// culture specimen not rejected is read. Otherwise, from the first per-step culture result with
// a pending value (specimens sent) to the first with none pending.
const cultureDaysSQL = `WITH ` + cohortSQL + `,
cspec AS (
	SELECT sp.id, sp.assessment_id, sp.collected_at FROM specimens sp JOIN cohort ON cohort.id = sp.assessment_id
	WHERE sp.status <> 'rejected' AND EXISTS (SELECT 1 FROM lab_orders o
		WHERE o.assessment_id = sp.assessment_id AND o.step = 'sputum_cultures' AND jsonb_exists(sp.order_ids, o.id::text))),
cread AS (
	SELECT r.specimen_id, min(r.recorded_at) AS at FROM lab_results r JOIN cspec ON cspec.id = r.specimen_id
	WHERE r.step = 'sputum_cultures' AND NOT r.superseded AND r.value <> '' GROUP BY r.specimen_id),
lab AS (
	SELECT cspec.assessment_id, min(cspec.collected_at) AS sent, max(cread.at) AS final,
		count(*) AS specimens, count(cread.at) AS read
	FROM cspec LEFT JOIN cread ON cread.specimen_id = cspec.id GROUP BY cspec.assessment_id),
typed AS (
	SELECT r.assessment_id,
		min(r.recorded_at) FILTER (WHERE jsonb_exists(r.value->'list', 'pending')) AS sent,
		min(r.recorded_at) FILTER (WHERE NOT jsonb_exists(r.value->'list', 'pending')) AS final
	FROM results r JOIN cohort ON cohort.id = r.assessment_id
	WHERE r.step = 'sputum_cultures' AND NOT EXISTS (SELECT 1 FROM lab WHERE lab.assessment_id = r.assessment_id)
	GROUP BY r.assessment_id),
d AS (
	SELECT extract(epoch FROM final - sent) / 86400 AS x FROM lab WHERE read = specimens AND final > sent
	UNION ALL
	SELECT extract(epoch FROM final - sent) / 86400 FROM typed WHERE sent IS NOT NULL AND final > sent)
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
	SELECT 'lab', r.assessment_id, r.recorded_at FROM lab_results r WHERE r.site_id = @site
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

// cxrHoursSQL: X-ray order → final report, for the studies made final in the month.
const cxrHoursSQL = `WITH d AS (
	SELECT s.turnaround_seconds / 3600.0 AS x FROM imaging_studies s
	WHERE s.site_id = @site AND s.status = 'final' AND s.final_at >= @start AND s.final_at < @end)
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
		Screened, Cxr, CxrSuggestive, Sputum, SmearPos, CulturePos, DrugResistant, TbDisease int
	}
	if err := g.Raw(indicatorSQL, args).Scan(&head).Error; err != nil {
		return r, mapErr(err, "report")
	}
	r.Screened, r.CXR, r.CXRSuggestive, r.SputumCollected = head.Screened, head.Cxr, head.CxrSuggestive, head.Sputum
	r.SmearPositive, r.CulturePositive, r.TBDisease = head.SmearPos, head.CulturePos, head.TbDisease
	r.DrugResistant = head.DrugResistant
	if err := g.Raw(dotCompletedSQL, args).Scan(&r.DOTCompleted).Error; err != nil {
		return r, mapErr(err, "report")
	}
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
