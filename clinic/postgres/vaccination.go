package postgres

import (
	"context"
	"slices"
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
	m, err := t.DosesOfMany(ctx, []string{applicantID})
	return nonNil(m[applicantID]), err
}

func (t *tx) DosesOfMany(ctx context.Context, applicantIDs []string) (map[string][]clinic.Dose, error) {
	out := map[string][]clinic.Dose{}
	if len(applicantIDs) == 0 {
		return out, nil
	}
	// A person linked at registration as the same as an earlier record carries its doses over:
	// each person owns their own doses and those of the records linked to them.
	var links []struct{ Owner, Source string }
	err := t.g.Raw(`SELECT applicant_id AS owner, other_id AS source FROM applicant_duplicates
		WHERE applicant_id IN ? AND decision = 'same_person'`, applicantIDs).Scan(&links).Error
	if err != nil {
		return nil, mapErr(err, "dose")
	}
	owners := map[string][]string{}
	sources := append([]string(nil), applicantIDs...)
	for _, id := range applicantIDs {
		owners[id] = append(owners[id], id)
	}
	for _, l := range links {
		if _, seen := owners[l.Source]; !seen {
			sources = append(sources, l.Source)
		}
		owners[l.Source] = append(owners[l.Source], l.Owner)
	}
	var rows []doseRow
	if err := t.g.Where("applicant_id IN ?", sources).Order("given_on, recorded_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "dose")
	}
	for _, r := range rows {
		d := r.domain()
		for _, owner := range uniq(owners[r.ApplicantID]) {
			out[owner] = append(out[owner], d)
		}
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

// uniq drops repeated strings, keeping the first of each.
func uniq(in []string) []string {
	out := in[:0:0]
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// nonNil answers an empty list rather than none, as a single record's reader always has.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
