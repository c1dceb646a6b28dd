package postgres

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

type snapshotRow struct {
	ID           string `gorm:"primaryKey"`
	AssessmentID string
	Body         []byte
	SHA256       string `gorm:"column:sha256"`
	Supersedes   *string
	CreatedAt    time.Time
}

func (snapshotRow) TableName() string { return "form_snapshots" }

type formRow struct {
	ID            string `gorm:"primaryKey"`
	SnapshotID    string
	AssessmentID  string
	ApplicantID   string
	SiteID        string
	Destination   string
	FormType      string
	Status        string
	VerifyToken   string
	SHA256        string `gorm:"column:sha256"`
	Size          int
	Problem       string
	Attempts      int
	CreatedAt     time.Time
	IssuedAt      *time.Time
	SupersededBy  *string
	RevokedAt     *time.Time
	RevokedReason string
}

func (formRow) TableName() string { return "forms" }

func formToRow(f clinic.Form) formRow {
	return formRow{ID: f.ID, SnapshotID: f.SnapshotID, AssessmentID: f.AssessmentID, ApplicantID: f.ApplicantID,
		SiteID: f.SiteID, Destination: f.Destination, FormType: f.FormType, Status: string(f.Status),
		VerifyToken: f.VerifyToken, SHA256: f.SHA256, Size: f.Size, Problem: f.Problem, Attempts: f.Attempts,
		CreatedAt: f.CreatedAt, IssuedAt: f.IssuedAt, SupersededBy: nullable(f.SupersededBy)}
}

func (r formRow) domain() clinic.Form {
	f := clinic.Form{ID: r.ID, SnapshotID: r.SnapshotID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID,
		SiteID: r.SiteID, Destination: r.Destination, FormType: r.FormType, Status: clinic.FormStatus(r.Status),
		VerifyToken: r.VerifyToken, SHA256: r.SHA256, Size: r.Size, Problem: r.Problem, Attempts: r.Attempts,
		CreatedAt: r.CreatedAt, IssuedAt: r.IssuedAt, RevokedAt: r.RevokedAt, RevokedWhy: r.RevokedReason}
	if r.SupersededBy != nil {
		f.SupersededBy = *r.SupersededBy
	}
	return f
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (t *tx) CreateSnapshot(ctx context.Context, s clinic.StoredSnapshot) error {
	row := snapshotRow{ID: s.ID, AssessmentID: s.AssessmentID, Body: s.JSON, SHA256: s.SHA256,
		Supersedes: nullable(s.Supersedes), CreatedAt: s.CreatedAt}
	return mapErr(t.g.Create(&row).Error, "snapshot")
}

func (t *tx) SnapshotByID(ctx context.Context, id string) (clinic.StoredSnapshot, error) {
	var r snapshotRow
	if err := t.g.Where("id = ?", id).Take(&r).Error; err != nil {
		return clinic.StoredSnapshot{}, mapErr(err, "snapshot")
	}
	s := clinic.StoredSnapshot{ID: r.ID, AssessmentID: r.AssessmentID, JSON: r.Body, SHA256: r.SHA256, CreatedAt: r.CreatedAt}
	if r.Supersedes != nil {
		s.Supersedes = *r.Supersedes
	}
	return s, nil
}

func (t *tx) CreateForm(ctx context.Context, f *clinic.Form) (bool, error) {
	row := formToRow(*f)
	res := t.g.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "snapshot_id"}, {Name: "form_type"}}, DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, mapErr(res.Error, "form")
	}
	return res.RowsAffected == 1, nil
}

func (t *tx) FormByID(ctx context.Context, id string) (clinic.Form, error) {
	return t.formWhere("id = ?", id)
}

func (t *tx) FormByToken(ctx context.Context, token string) (clinic.Form, error) {
	return t.formWhere("verify_token = ?", token)
}

// formWhere loads one form with what the verification page shows about it.
func (t *tx) formWhere(cond string, arg any) (clinic.Form, error) {
	var r formRow
	if err := t.g.Where(cond, arg).Take(&r).Error; err != nil {
		return clinic.Form{}, mapErr(err, "form")
	}
	var about struct {
		SignerName string
		SiteName   string
		SiteTZ     string
		GivenNames string
		Surnames   string
		BirthDate  time.Time
	}
	err := t.g.Raw(`SELECT coalesce(a.signoff->>'ByName', '') AS signer_name, s.name AS site_name, s.timezone AS site_tz,
			p.given_names, p.surnames, p.birth_date
		FROM assessments a JOIN applicants p ON p.id = a.applicant_id JOIN sites s ON s.id = a.site_id
		WHERE a.id = ?`, r.AssessmentID).Scan(&about).Error
	if err != nil {
		return clinic.Form{}, mapErr(err, "form")
	}
	f := r.domain()
	ap := clinic.Applicant{GivenNames: about.GivenNames, Surnames: about.Surnames}
	f.SignerName, f.SiteName, f.Initials, f.BirthYear = about.SignerName, about.SiteName, ap.Initials(), about.BirthDate.Year()
	f.SiteTimezone = about.SiteTZ
	return f, nil
}

func (t *tx) FormsOf(ctx context.Context, assessmentID string) ([]clinic.Form, error) {
	var rows []formRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Order("created_at, form_type").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "form")
	}
	out := make([]clinic.Form, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) FinishForm(ctx context.Context, formID string, file []byte, sha string, at time.Time) (bool, error) {
	res := t.g.Model(&formRow{}).Where("id = ? AND status IN ('pending','failed')", formID).
		Updates(map[string]any{"status": "valid", "sha256": sha, "size": len(file), "issued_at": at, "problem": ""})
	if res.Error != nil || res.RowsAffected == 0 {
		return false, mapErr(res.Error, "form")
	}
	err := t.g.Exec("INSERT INTO files (form_id, sha256, content, created_at) VALUES (?, ?, ?, ?)", formID, sha, file, at).Error
	return err == nil, mapErr(err, "file")
}

func (t *tx) FailForm(ctx context.Context, formID, problem string) error {
	return mapErr(t.g.Exec("UPDATE forms SET status = 'failed', problem = ?, attempts = attempts + 1 WHERE id = ? AND status IN ('pending','failed')",
		problem, formID).Error, "form")
}

func (t *tx) SupersedeForms(ctx context.Context, assessmentID string, types []string, by string) error {
	return mapErr(t.g.Exec(`UPDATE forms SET status = 'superseded', superseded_by = ?
		WHERE assessment_id = ? AND form_type IN ? AND status IN ('valid','pending','failed')`, by, assessmentID, types).Error, "form")
}

func (t *tx) FormFile(ctx context.Context, formID string) ([]byte, error) {
	var row struct{ Content []byte }
	res := t.g.Raw("SELECT content FROM files WHERE form_id = ?", formID).Scan(&row)
	if res.Error != nil {
		return nil, mapErr(res.Error, "file")
	}
	if res.RowsAffected == 0 {
		return nil, clinic.NotFound("file")
	}
	return row.Content, nil
}

func (t *tx) RevokeForm(ctx context.Context, formID, by, reason string, at time.Time) error {
	return mapErr(t.g.Exec(`UPDATE forms SET status = 'revoked', revoked_at = ?, revoked_by = ?, revoked_reason = ?
		WHERE id = ? AND status IN ('valid','superseded')`, at, by, reason, formID).Error, "form")
}

func (t *tx) StalePendingForms(ctx context.Context, before time.Time, limit int) ([]string, error) {
	var ids []string
	err := t.g.Raw("SELECT id FROM forms WHERE status = 'pending' AND created_at < ? ORDER BY created_at LIMIT ?", before, limit).Scan(&ids).Error
	return ids, mapErr(err, "form")
}
