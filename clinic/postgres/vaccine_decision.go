package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// vaccineDecisionRow is one decision about a vaccine; the error columns are all NULL until it is
// marked entered in error.
type vaccineDecisionRow struct {
	ID           string `gorm:"primaryKey"`
	ApplicantID  string
	AssessmentID string
	Vaccine      string
	Kind         string
	ReasonCode   string
	Reason       string
	SaidBy       string
	Antigen      string
	Test         string
	Result       string
	Value        string
	SampledOn    *time.Time
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
	ErrorReason  *string
	ErrorBy      *string
	ErrorName    *string
	ErrorAt      *time.Time
}

func (vaccineDecisionRow) TableName() string { return "vaccine_decisions" }

func (t *tx) AddVaccineDecision(ctx context.Context, d clinic.VaccineDecision) error {
	row := vaccineDecisionRow{ID: d.ID, ApplicantID: d.ApplicantID, AssessmentID: d.AssessmentID, Vaccine: d.Vaccine,
		Kind: d.Kind, ReasonCode: d.ReasonCode, Reason: d.Reason, SaidBy: d.SaidBy, Antigen: d.Antigen, Test: d.Test,
		Result: d.Result, Value: d.Value, SampledOn: d.SampledOn, RecordedBy: d.RecordedBy, RecordedName: d.RecordedName,
		RecordedAt: d.RecordedAt}
	return mapErr(t.g.Create(&row).Error, "vaccine decision")
}

func (t *tx) VaccineDecisionsOf(ctx context.Context, assessmentID string) ([]clinic.VaccineDecision, error) {
	m, err := t.VaccineDecisionsOfMany(ctx, []string{assessmentID})
	return nonNil(m[assessmentID]), err
}

func (t *tx) VaccineDecisionsOfMany(ctx context.Context, assessmentIDs []string) (map[string][]clinic.VaccineDecision, error) {
	out := map[string][]clinic.VaccineDecision{}
	if len(assessmentIDs) == 0 {
		return out, nil
	}
	var rows []vaccineDecisionRow
	if err := t.g.Where("assessment_id IN ?", assessmentIDs).Order("recorded_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "vaccine decision")
	}
	for _, r := range rows {
		d := clinic.VaccineDecision{ID: r.ID, ApplicantID: r.ApplicantID, AssessmentID: r.AssessmentID, Vaccine: r.Vaccine,
			Kind: r.Kind, ReasonCode: r.ReasonCode, Reason: r.Reason, SaidBy: r.SaidBy, Antigen: r.Antigen, Test: r.Test,
			Result: r.Result, Value: r.Value, SampledOn: dateUTC(r.SampledOn), RecordedBy: r.RecordedBy,
			RecordedName: r.RecordedName, RecordedAt: r.RecordedAt.UTC()}
		if r.ErrorAt != nil {
			d.InError = &clinic.DoseError{Reason: deref(r.ErrorReason), By: deref(r.ErrorBy), ByName: deref(r.ErrorName), At: r.ErrorAt.UTC()}
		}
		out[r.AssessmentID] = append(out[r.AssessmentID], d)
	}
	return out, nil
}

func (t *tx) MarkVaccineDecisionInError(ctx context.Context, id string, e clinic.DoseError) error {
	res := t.g.Model(&vaccineDecisionRow{}).Where("id = ? AND error_at IS NULL", id).Updates(map[string]any{
		"error_reason": e.Reason, "error_by": e.By, "error_name": e.ByName, "error_at": e.At})
	if res.Error != nil {
		return mapErr(res.Error, "vaccine decision")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("vaccine decision")
	}
	return nil
}
