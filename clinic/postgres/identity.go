package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type identityCheckRow struct {
	ID           string `gorm:"primaryKey"`
	AssessmentID string
	ApplicantID  string
	SiteID       string
	Station      string
	Outcome      string
	Reason       string
	CheckedBy    string
	CheckedName  string
	CheckedAt    time.Time
	ResolvedBy   *string
	ResolvedName string
	ResolvedAt   *time.Time
	Resolution   string
}

func (identityCheckRow) TableName() string { return "identity_checks" }

func identityCheckRowOf(c clinic.IdentityCheck) identityCheckRow {
	r := identityCheckRow{ID: c.ID, AssessmentID: c.AssessmentID, ApplicantID: c.ApplicantID, SiteID: c.SiteID,
		Station: string(c.Station), Outcome: c.Outcome, Reason: c.Reason, CheckedBy: c.By, CheckedName: c.ByName,
		CheckedAt: c.At, ResolvedName: c.ResolvedName, ResolvedAt: c.ResolvedAt, Resolution: c.Resolution}
	if c.ResolvedBy != "" {
		r.ResolvedBy = &c.ResolvedBy
	}
	return r
}

func (r identityCheckRow) domain() clinic.IdentityCheck {
	c := clinic.IdentityCheck{ID: r.ID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID, SiteID: r.SiteID,
		Station: clinic.IdentityStation(r.Station), Outcome: r.Outcome, Reason: r.Reason, By: r.CheckedBy, ByName: r.CheckedName,
		At: r.CheckedAt, ResolvedName: r.ResolvedName, ResolvedAt: r.ResolvedAt, Resolution: r.Resolution}
	if r.ResolvedBy != nil {
		c.ResolvedBy = *r.ResolvedBy
	}
	return c
}

func (t *tx) AddIdentityCheck(ctx context.Context, c clinic.IdentityCheck) error {
	row := identityCheckRowOf(c)
	return mapErr(t.g.Create(&row).Error, "identity check")
}

func (t *tx) IdentityChecksOf(ctx context.Context, assessmentID string) ([]clinic.IdentityCheck, error) {
	m, err := t.IdentityChecksOfMany(ctx, []string{assessmentID})
	return nonNil(m[assessmentID]), err
}

func (t *tx) IdentityChecksOfMany(ctx context.Context, assessmentIDs []string) (map[string][]clinic.IdentityCheck, error) {
	out := map[string][]clinic.IdentityCheck{}
	if len(assessmentIDs) == 0 {
		return out, nil
	}
	var rows []identityCheckRow
	if err := t.g.Where("assessment_id IN ?", assessmentIDs).Order("checked_at DESC, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "identity check")
	}
	for _, r := range rows {
		out[r.AssessmentID] = append(out[r.AssessmentID], r.domain())
	}
	return out, nil
}

func (t *tx) ResolveIdentityCheck(ctx context.Context, c clinic.IdentityCheck) error {
	res := t.g.Exec(`UPDATE identity_checks SET resolved_by = ?, resolved_name = ?, resolved_at = ?, resolution = ?
		WHERE id = ? AND assessment_id = ? AND outcome = 'mismatch' AND resolved_at IS NULL`,
		c.ResolvedBy, c.ResolvedName, c.ResolvedAt, c.Resolution, c.ID, c.AssessmentID)
	if res.Error != nil {
		return mapErr(res.Error, "identity check")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("open identity mismatch")
	}
	return nil
}

type identityHoldRow struct {
	ID         string
	Surnames   string
	GivenNames string
	CaseID     string
	CaseNumber string
}

func (t *tx) IdentityHolds(ctx context.Context, siteID string) ([]clinic.IdentityHold, error) {
	var rows []identityHoldRow
	err := t.g.Raw(`SELECT ic.id, ap.surnames, ap.given_names, c.id AS case_id, c.case_number
		FROM identity_checks ic JOIN applicants ap ON ap.id = ic.applicant_id JOIN cases c ON c.id = ap.case_id
		WHERE ic.site_id = ? AND ic.outcome = 'mismatch' AND ic.resolved_at IS NULL
		ORDER BY ic.checked_at, ic.id LIMIT 500`, siteID).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "identity check")
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var checks []identityCheckRow
	if err := t.g.Where("id IN ?", ids).Find(&checks).Error; err != nil {
		return nil, mapErr(err, "identity check")
	}
	byID := make(map[string]identityCheckRow, len(checks))
	for _, c := range checks {
		byID[c.ID] = c
	}
	out := make([]clinic.IdentityHold, len(rows))
	for i, r := range rows {
		out[i] = clinic.IdentityHold{Check: byID[r.ID].domain(), Person: strings.ToUpper(r.Surnames) + " " + r.GivenNames,
			CaseID: r.CaseID, CaseNumber: r.CaseNumber}
	}
	return out, nil
}
