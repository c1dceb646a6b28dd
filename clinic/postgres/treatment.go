package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// treatmentRow is one treatment given, withheld or refused at an exam. The dose columns are NULL
// unless it was given.
type treatmentRow struct {
	ID           string `gorm:"primaryKey"`
	AssessmentID string
	ApplicantID  string
	Drug         string
	Rule         string
	Status       string
	DoseAmount   *float64
	DoseUnit     string
	Route        string
	BatchID      *string
	Lot          string
	Quantity     *float64
	At           time.Time
	Observed     bool
	ReasonCode   string
	Reason       string
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
}

func (treatmentRow) TableName() string { return "treatment_records" }

func treatmentToRow(r clinic.TreatmentRecord) treatmentRow {
	row := treatmentRow{ID: r.ID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID, Drug: r.Drug, Rule: r.Rule,
		Status: r.Status, DoseUnit: r.DoseUnit, Route: r.Route, Lot: r.Lot, At: r.At, Observed: r.Observed,
		ReasonCode: r.ReasonCode, Reason: r.Reason, RecordedBy: r.RecordedBy, RecordedName: r.RecordedName, RecordedAt: r.RecordedAt}
	if r.Status == clinic.TreatGiven {
		amount, qty, batch := r.DoseAmount, r.Quantity, r.BatchID
		row.DoseAmount, row.Quantity, row.BatchID = &amount, &qty, &batch
	}
	return row
}

func (r treatmentRow) domain() clinic.TreatmentRecord {
	out := clinic.TreatmentRecord{ID: r.ID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID, Drug: r.Drug,
		Rule: r.Rule, Status: r.Status, DoseUnit: r.DoseUnit, Route: r.Route, Lot: r.Lot, At: r.At.UTC(),
		Observed: r.Observed, ReasonCode: r.ReasonCode, Reason: r.Reason, RecordedBy: r.RecordedBy,
		RecordedName: r.RecordedName, RecordedAt: r.RecordedAt.UTC()}
	if r.DoseAmount != nil {
		out.DoseAmount = *r.DoseAmount
	}
	if r.Quantity != nil {
		out.Quantity = *r.Quantity
	}
	out.BatchID = deref(r.BatchID)
	return out
}

func (t *tx) AddTreatment(ctx context.Context, r clinic.TreatmentRecord) error {
	row := treatmentToRow(r)
	return mapErr(t.g.Create(&row).Error, "treatment")
}

func (t *tx) TreatmentsOf(ctx context.Context, assessmentID string) ([]clinic.TreatmentRecord, error) {
	var rows []treatmentRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Order("recorded_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "treatment")
	}
	out := make([]clinic.TreatmentRecord, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
