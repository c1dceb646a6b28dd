package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// doseRow is one vaccine dose; the error columns are all NULL until the dose is marked entered
// in error.
type doseRow struct {
	ID             string `gorm:"primaryKey"`
	ApplicantID    string
	AssessmentID   string
	GivenOn        time.Time
	CVX            string `gorm:"column:cvx"`
	MVX            string `gorm:"column:mvx"`
	Manufacturer   string
	Lot            string
	BodySite       string
	Route          string
	Origin         string
	SourceDocument string
	BatchID        *string
	RecordedBy     string
	RecordedName   string
	RecordedAt     time.Time
	ErrorReason    *string
	ErrorBy        *string
	ErrorName      *string
	ErrorAt        *time.Time
}

func (doseRow) TableName() string { return "vaccination_doses" }

func doseToRow(d clinic.Dose) doseRow {
	r := doseRow{ID: d.ID, ApplicantID: d.ApplicantID, AssessmentID: d.AssessmentID, GivenOn: d.Date, CVX: d.CVX,
		MVX: d.MVX, Manufacturer: d.Manufacturer, Lot: d.Lot, BodySite: d.Site, Route: d.Route, Origin: d.Origin,
		SourceDocument: d.SourceDocument, RecordedBy: d.RecordedBy, RecordedName: d.RecordedName, RecordedAt: d.RecordedAt}
	if d.BatchID != "" {
		r.BatchID = &d.BatchID
	}
	if e := d.InError; e != nil {
		r.ErrorReason, r.ErrorBy, r.ErrorName, r.ErrorAt = &e.Reason, &e.By, &e.ByName, &e.At
	}
	return r
}

func (r doseRow) domain() clinic.Dose {
	d := clinic.Dose{ID: r.ID, ApplicantID: r.ApplicantID, AssessmentID: r.AssessmentID, Date: *dateUTC(&r.GivenOn),
		CVX: r.CVX, MVX: r.MVX, Manufacturer: r.Manufacturer, Lot: r.Lot, Site: r.BodySite, Route: r.Route,
		Origin: r.Origin, SourceDocument: r.SourceDocument, RecordedBy: r.RecordedBy, RecordedName: r.RecordedName,
		RecordedAt: r.RecordedAt.UTC(), BatchID: deref(r.BatchID)}
	if r.ErrorAt != nil {
		d.InError = &clinic.DoseError{Reason: deref(r.ErrorReason), By: deref(r.ErrorBy), ByName: deref(r.ErrorName), At: r.ErrorAt.UTC()}
	}
	return d
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (t *tx) AddDose(ctx context.Context, d clinic.Dose) error {
	row := doseToRow(d)
	return mapErr(t.g.Create(&row).Error, "dose")
}

func (t *tx) DosesOf(ctx context.Context, applicantID string) ([]clinic.Dose, error) {
	var rows []doseRow
	// A person linked at registration as the same as an earlier record carries its doses over.
	if err := t.g.Where(`applicant_id = ? OR applicant_id IN (SELECT other_id FROM applicant_duplicates
		WHERE applicant_id = ? AND decision = 'same_person')`, applicantID, applicantID).Order("given_on, recorded_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "dose")
	}
	out := make([]clinic.Dose, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) MarkDoseInError(ctx context.Context, doseID string, e clinic.DoseError) error {
	res := t.g.Model(&doseRow{}).Where("id = ? AND error_at IS NULL", doseID).Updates(map[string]any{
		"error_reason": e.Reason, "error_by": e.By, "error_name": e.ByName, "error_at": e.At})
	if res.Error != nil {
		return mapErr(res.Error, "dose")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("dose")
	}
	return nil
}

func (t *tx) StoredDosesAfter(ctx context.Context, afterID string, limit int) ([]clinic.StoredDose, error) {
	var rows []doseRow
	q := t.g.Model(&doseRow{})
	if afterID != "" {
		q = q.Where("id > ?", afterID)
	}
	if err := q.Order("id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "dose")
	}
	ids := map[string]bool{}
	var applicants []string
	for _, r := range rows {
		if !ids[r.ApplicantID] {
			ids[r.ApplicantID] = true
			applicants = append(applicants, r.ApplicantID)
		}
	}
	var births []struct {
		ID        string
		BirthDate time.Time
	}
	if len(applicants) > 0 {
		if err := t.g.Table("applicants").Select("id, birth_date").Where("id IN ?", applicants).Scan(&births).Error; err != nil {
			return nil, mapErr(err, "applicant")
		}
	}
	born := make(map[string]time.Time, len(births))
	for _, b := range births {
		born[b.ID] = *dateUTC(&b.BirthDate)
	}
	out := make([]clinic.StoredDose, len(rows))
	batches := map[string]*clinic.MedicineBatch{}
	for i, r := range rows {
		out[i] = clinic.StoredDose{Dose: r.domain(), BirthDate: born[r.ApplicantID]}
		if r.BatchID == nil {
			continue
		}
		b, ok := batches[*r.BatchID]
		if !ok {
			var br batchRow
			if err := t.g.Where("id = ?", *r.BatchID).Take(&br).Error; err != nil {
				return nil, mapErr(err, "medicine batch")
			}
			d := br.domain()
			b, batches[*r.BatchID] = &d, &d
		}
		out[i].Batch = b
	}
	return out, nil
}
