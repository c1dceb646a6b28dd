package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// dashboardCriticalSQL: a site's critical lab results not acknowledged (the current result of
// each, not one an amendment replaced), identity mismatches not resolved, and forms whose making
// failed; oldest first.
const dashboardCriticalSQL = `SELECT * FROM (
	SELECT 'critical_result' AS kind, r.assessment_id, c.case_number, p.surnames, p.given_names, r.test AS what, r.recorded_at AS since
	FROM lab_results r JOIN assessments a ON a.id = r.assessment_id JOIN applicants p ON p.id = a.applicant_id JOIN cases c ON c.id = a.case_id
	WHERE r.site_id = @site AND r.flag = 'critical' AND NOT r.superseded AND r.ack_at IS NULL
	UNION ALL
	SELECT 'identity_mismatch', i.assessment_id, c.case_number, p.surnames, p.given_names, i.station, i.checked_at
	FROM identity_checks i JOIN applicants p ON p.id = i.applicant_id JOIN cases c ON c.id = p.case_id
	WHERE i.site_id = @site AND i.outcome = 'mismatch' AND i.resolved_at IS NULL
	UNION ALL
	SELECT 'form_failed', f.assessment_id, c.case_number, p.surnames, p.given_names, f.form_type, f.created_at
	FROM forms f JOIN applicants p ON p.id = f.applicant_id JOIN cases c ON c.id = p.case_id
	WHERE f.site_id = @site AND f.status = 'failed') x
ORDER BY since, kind, assessment_id LIMIT @limit`

// DashboardCritical lists what is critical at a site now.
func (t *tx) DashboardCritical(ctx context.Context, siteID string, limit int) ([]clinic.Alert, error) {
	var rows []struct {
		Kind, AssessmentID, CaseNumber, Surnames, GivenNames, What string
		Since                                                      time.Time
	}
	if err := t.g.WithContext(ctx).Raw(dashboardCriticalSQL, map[string]any{"site": siteID, "limit": limit}).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "dashboard")
	}
	out := make([]clinic.Alert, 0, len(rows))
	for _, r := range rows {
		out = append(out, clinic.Alert{Kind: r.Kind, AssessmentID: r.AssessmentID, CaseNumber: r.CaseNumber, Surnames: r.Surnames,
			GivenNames: r.GivenNames, What: r.What, Since: r.Since.UTC()})
	}
	return out, nil
}
