package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// referralRow is one specialist referral; report_pdf is read only by ReferralPDF.
type referralRow struct {
	ID            string `gorm:"primaryKey"`
	AssessmentID  string
	SiteID        string
	Specialty     string
	Reason        string
	Facility      string
	Urgency       string
	DueOn         time.Time
	Rule          string
	BlocksSignoff bool
	Status        string
	Report        string
	ReportPDF     []byte `gorm:"column:report_pdf"`
	AnsweredAt    *time.Time
	AnsweredBy    *string
	AnsweredName  string
	CreatedBy     string
	CreatedName   string
	CreatedAt     time.Time
}

func (referralRow) TableName() string { return "referrals" }

// referralColumns are the columns of a referral without its PDF, with whether it has one.
const referralColumns = `r.id, r.assessment_id, r.site_id, r.specialty, r.reason, r.facility, r.urgency, r.due_on, r.rule,
       r.blocks_signoff, r.status, r.report, r.answered_at, r.answered_by, r.answered_name, r.created_by, r.created_name,
       r.created_at, r.report_pdf IS NOT NULL AS has_pdf`

// referralScan is a referral as the list and chart queries read it (no PDF).
type referralScan struct {
	ID            string
	AssessmentID  string
	SiteID        string
	Specialty     string
	Reason        string
	Facility      string
	Urgency       string
	DueOn         time.Time
	Rule          string
	BlocksSignoff bool
	Status        string
	Report        string
	AnsweredAt    *time.Time
	AnsweredBy    *string
	AnsweredName  string
	CreatedBy     string
	CreatedName   string
	CreatedAt     time.Time
	HasPDF        bool `gorm:"column:has_pdf"`
	CaseNumber    string
	Name          string
}

func (r referralScan) domain() clinic.Referral {
	out := clinic.Referral{ID: r.ID, AssessmentID: r.AssessmentID, SiteID: r.SiteID, Specialty: r.Specialty, Reason: r.Reason,
		Facility: r.Facility, Urgency: r.Urgency, DueOn: *dateUTC(&r.DueOn), Rule: r.Rule, BlocksSignoff: r.BlocksSignoff,
		Status: r.Status, Report: r.Report, HasPDF: r.HasPDF, AnsweredName: r.AnsweredName, CreatedBy: r.CreatedBy,
		CreatedName: r.CreatedName, CreatedAt: r.CreatedAt.UTC()}
	if r.AnsweredAt != nil {
		at := r.AnsweredAt.UTC()
		out.AnsweredAt = &at
	}
	if r.AnsweredBy != nil {
		out.AnsweredBy = *r.AnsweredBy
	}
	return out
}

func (t *tx) AddReferral(ctx context.Context, r clinic.Referral) error {
	row := referralRow{ID: r.ID, AssessmentID: r.AssessmentID, SiteID: r.SiteID, Specialty: r.Specialty, Reason: r.Reason,
		Facility: r.Facility, Urgency: r.Urgency, DueOn: r.DueOn, Rule: r.Rule, BlocksSignoff: r.BlocksSignoff,
		Status: r.Status, CreatedBy: r.CreatedBy, CreatedName: r.CreatedName, CreatedAt: r.CreatedAt}
	return mapErr(t.g.Omit("report_pdf", "answered_at", "answered_by").Create(&row).Error, "referral")
}

func (t *tx) ReferralsOf(ctx context.Context, assessmentID string) ([]clinic.Referral, error) {
	var rows []referralScan
	if err := t.g.Raw(`SELECT `+referralColumns+` FROM referrals r WHERE r.assessment_id = ? ORDER BY r.created_at, r.id`, assessmentID).
		Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "referral")
	}
	out := make([]clinic.Referral, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.domain())
	}
	return out, nil
}

func (t *tx) AnswerReferral(ctx context.Context, r clinic.Referral, pdf []byte) error {
	set := map[string]any{"status": r.Status, "report": r.Report, "answered_at": r.AnsweredAt, "answered_by": r.AnsweredBy,
		"answered_name": r.AnsweredName}
	if pdf != nil {
		set["report_pdf"] = pdf
	}
	res := t.g.Model(&referralRow{}).Where("id = ? AND status = ?", r.ID, clinic.ReferralOpen).Updates(set)
	if res.Error != nil {
		return mapErr(res.Error, "referral")
	}
	if res.RowsAffected != 1 {
		return clinic.NotFound("referral")
	}
	return nil
}

func (t *tx) ReferralPDF(ctx context.Context, siteID, id string) ([]byte, string, error) {
	var rows []referralRow
	if err := t.g.Where("id = ? AND site_id = ? AND report_pdf IS NOT NULL", id, siteID).Limit(1).Find(&rows).Error; err != nil {
		return nil, "", mapErr(err, "referral")
	}
	if len(rows) == 0 {
		return nil, "", clinic.NotFound("referral report")
	}
	return rows[0].ReportPDF, rows[0].AssessmentID, nil
}

func (t *tx) OpenReferrals(ctx context.Context, siteID string, dueBefore time.Time, after string, limit int) ([]clinic.ReferralItem, error) {
	q := `SELECT ` + referralColumns + `, cs.case_number, ap.given_names || ' ' || ap.surnames AS name
FROM referrals r
JOIN assessments a ON a.id = r.assessment_id
JOIN applicants ap ON ap.id = a.applicant_id
JOIN cases cs ON cs.id = ap.case_id
WHERE r.site_id = ? AND r.status = 'open'`
	args := []any{siteID}
	if !dueBefore.IsZero() {
		q += ` AND r.due_on < ?`
		args = append(args, dueBefore)
	}
	if day, id, ok := strings.Cut(after, "_"); ok {
		q += ` AND (r.due_on, r.id) > (?::date, ?::uuid)`
		args = append(args, day, id)
	}
	q += ` ORDER BY r.due_on, r.id LIMIT ?`
	args = append(args, limit)
	var rows []referralScan
	if err := t.g.Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "referral")
	}
	out := make([]clinic.ReferralItem, 0, len(rows))
	for _, r := range rows {
		out = append(out, clinic.ReferralItem{Referral: r.domain(), CaseNumber: r.CaseNumber, Name: r.Name})
	}
	return out, nil
}
