package postgres

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

type consentRow struct {
	ID              string `gorm:"primaryKey"`
	ApplicantID     string
	SiteID          string
	Purpose         string
	Country         string
	Kind            string
	Witness         string
	ProxyName       string
	ProxyRelation   string
	ProxyReason     string
	Language        string
	Interpreter     bool
	InterpreterName string
	GivenOn         time.Time
	RecordedBy      string
	RecordedName    string
	RecordedAt      time.Time
	WithdrawnOn     *time.Time
	WithdrawnReason string
	WithdrawnBy     *string
	WithdrawnAt     *time.Time
}

func (consentRow) TableName() string { return "consents" }

func consentRowOf(c clinic.Consent) consentRow {
	r := consentRow{ID: c.ID, ApplicantID: c.ApplicantID, SiteID: c.SiteID, Purpose: c.Purpose, Country: c.Country, Kind: c.Kind,
		Witness: c.Witness, ProxyName: c.ProxyName, ProxyRelation: c.ProxyRelation, ProxyReason: c.ProxyReason, Language: c.Language,
		Interpreter: c.Interpreter, InterpreterName: c.InterpreterName, GivenOn: c.GivenOn, RecordedBy: c.RecordedBy,
		RecordedName: c.RecordedName, RecordedAt: c.RecordedAt}
	if w := c.Withdrawn; w != nil {
		on, by, at := w.On, w.By, w.At
		r.WithdrawnOn, r.WithdrawnReason, r.WithdrawnBy, r.WithdrawnAt = &on, w.Reason, &by, &at
	}
	return r
}

func (r consentRow) domain() clinic.Consent {
	c := clinic.Consent{ID: r.ID, ApplicantID: r.ApplicantID, SiteID: r.SiteID, Purpose: r.Purpose, Country: r.Country, Kind: r.Kind,
		Witness: r.Witness, ProxyName: r.ProxyName, ProxyRelation: r.ProxyRelation, ProxyReason: r.ProxyReason, Language: r.Language,
		Interpreter: r.Interpreter, InterpreterName: r.InterpreterName, GivenOn: dateOnly(r.GivenOn), RecordedBy: r.RecordedBy,
		RecordedName: r.RecordedName, RecordedAt: r.RecordedAt}
	if r.WithdrawnAt != nil {
		w := clinic.ConsentWithdrawal{Reason: r.WithdrawnReason, At: *r.WithdrawnAt}
		if r.WithdrawnOn != nil {
			w.On = dateOnly(*r.WithdrawnOn)
		}
		if r.WithdrawnBy != nil {
			w.By = *r.WithdrawnBy
		}
		c.Withdrawn = &w
	}
	return c
}

// dateOnly keeps the calendar day of a date column, at midnight UTC.
func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (t *tx) AddConsent(ctx context.Context, c clinic.Consent) error {
	row := consentRowOf(c)
	return mapErr(t.g.Create(&row).Error, "consent")
}

func (t *tx) ConsentsOf(ctx context.Context, applicantID string) ([]clinic.Consent, error) {
	var rows []consentRow
	if err := t.g.Where("applicant_id = ?", applicantID).Order("recorded_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "consent")
	}
	out := make([]clinic.Consent, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) ConsentByID(ctx context.Context, siteID, id string, forUpdate bool) (clinic.Consent, error) {
	var row consentRow
	q := t.g.Where("id = ? AND site_id = ?", id, siteID)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&row).Error; err != nil {
		return clinic.Consent{}, mapErr(err, "consent")
	}
	return row.domain(), nil
}

func (t *tx) WithdrawConsent(ctx context.Context, id string, w clinic.ConsentWithdrawal) error {
	res := t.g.Exec(`UPDATE consents SET withdrawn_on = ?, withdrawn_reason = ?, withdrawn_by = ?, withdrawn_at = ?
		WHERE id = ? AND withdrawn_at IS NULL`, w.On, w.Reason, w.By, w.At, id)
	if res.Error != nil {
		return mapErr(res.Error, "consent")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("consent")
	}
	return nil
}

func (t *tx) Consenting(ctx context.Context, applicantIDs []string, purpose, country string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(applicantIDs) == 0 {
		return out, nil
	}
	var ids []string
	err := t.g.Raw(`SELECT applicant_id FROM consents WHERE applicant_id IN ? AND purpose = ? AND country = ? AND withdrawn_at IS NULL`,
		applicantIDs, purpose, country).Scan(&ids).Error
	if err != nil {
		return nil, mapErr(err, "consent")
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

type consentScanRow struct {
	ID          string `gorm:"primaryKey"`
	ApplicantID string
	SiteID      string
	ContentType string
	Data        []byte
	SHA256      string `gorm:"column:sha256"`
	UploadedBy  string
	UploadedAt  time.Time
	Size        int `gorm:"->;-:migration"`
}

func (consentScanRow) TableName() string { return "consent_scans" }

func (r consentScanRow) domain() clinic.ConsentScan {
	size := r.Size
	if len(r.Data) > 0 {
		size = len(r.Data)
	}
	return clinic.ConsentScan{ID: r.ID, ApplicantID: r.ApplicantID, SiteID: r.SiteID, ContentType: r.ContentType, Data: r.Data,
		SHA256: r.SHA256, Size: size, UploadedBy: r.UploadedBy, UploadedAt: r.UploadedAt}
}

func (t *tx) AddConsentScan(ctx context.Context, s clinic.ConsentScan) error {
	row := consentScanRow{ID: s.ID, ApplicantID: s.ApplicantID, SiteID: s.SiteID, ContentType: s.ContentType, Data: s.Data,
		SHA256: s.SHA256, UploadedBy: s.UploadedBy, UploadedAt: s.UploadedAt}
	return mapErr(t.g.Omit("Size").Create(&row).Error, "consent scan")
}

func (t *tx) ConsentScansOf(ctx context.Context, applicantID string) ([]clinic.ConsentScan, error) {
	var rows []consentScanRow
	err := t.g.Table("consent_scans").Select("id, applicant_id, site_id, content_type, sha256, uploaded_by, uploaded_at, octet_length(data) AS size").
		Where("applicant_id = ?", applicantID).Order("uploaded_at DESC, id").Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "consent scan")
	}
	out := make([]clinic.ConsentScan, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) ConsentScanByID(ctx context.Context, applicantID, id string) (clinic.ConsentScan, error) {
	var row consentScanRow
	if err := t.g.Omit("Size").Where("id = ? AND applicant_id = ?", id, applicantID).Take(&row).Error; err != nil {
		return clinic.ConsentScan{}, mapErr(err, "consent scan")
	}
	return row.domain(), nil
}
