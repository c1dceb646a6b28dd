package postgres

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

type labResultRow struct {
	ID           string `gorm:"primaryKey"`
	SiteID       string
	AssessmentID string
	SpecimenID   string
	Accession    string
	OrderID      *string
	Test         string
	Step         string
	Components   jsonb
	Value        string
	Number       *float64
	Flag         string
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
	Amends       *string
	AmendReason  string
	Superseded   bool
	AckBy        *string
	AckName      string
	AckAt        *time.Time
}

func (labResultRow) TableName() string { return "lab_results" }

// labValueJSON is one component as the components column keeps it.
type labValueJSON struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	LOINC    string   `json:"loinc,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	Text     string   `json:"text,omitempty"`
	Number   *float64 `json:"number,omitempty"`
	Computed bool     `json:"computed,omitempty"`
	Flag     string   `json:"flag,omitempty"`
	Range    string   `json:"range,omitempty"`
}

func labResultToRow(r clinic.LabResult) (labResultRow, error) {
	vs := make([]labValueJSON, len(r.Components))
	for i, v := range r.Components {
		vs[i] = labValueJSON(v)
	}
	comps, err := json.Marshal(vs)
	return labResultRow{ID: r.ID, SiteID: r.SiteID, AssessmentID: r.AssessmentID, SpecimenID: r.SpecimenID, Accession: r.Accession,
		OrderID: nullable(r.OrderID), Test: r.Test, Step: r.Step, Components: comps, Value: r.Value, Number: r.Number, Flag: r.Flag,
		RecordedBy: r.RecordedBy, RecordedName: r.RecordedName, RecordedAt: r.RecordedAt, Amends: nullable(r.Amends),
		AmendReason: r.AmendReason, Superseded: r.Superseded, AckBy: nullable(r.AckBy), AckName: r.AckName, AckAt: r.AckAt}, err
}

func (r labResultRow) domain() (clinic.LabResult, error) {
	out := clinic.LabResult{ID: r.ID, SiteID: r.SiteID, AssessmentID: r.AssessmentID, SpecimenID: r.SpecimenID, Accession: r.Accession,
		OrderID: deref(r.OrderID), Test: r.Test, Step: r.Step, Value: r.Value, Number: r.Number, Flag: r.Flag, RecordedBy: r.RecordedBy,
		RecordedName: r.RecordedName, RecordedAt: r.RecordedAt.UTC(), Amends: deref(r.Amends), AmendReason: r.AmendReason,
		Superseded: r.Superseded, AckBy: deref(r.AckBy), AckName: r.AckName, AckAt: utcPtr(r.AckAt)}
	var vs []labValueJSON
	if err := json.Unmarshal(r.Components, &vs); err != nil {
		return out, clinic.Internal(err, "decode lab result")
	}
	for _, v := range vs {
		out.Components = append(out.Components, clinic.LabValue(v))
	}
	return out, nil
}

func (t *tx) AddLabResult(ctx context.Context, r clinic.LabResult) error {
	row, err := labResultToRow(r)
	if err != nil {
		return clinic.Internal(err, "encode lab result")
	}
	return mapErr(t.g.Create(&row).Error, "lab result")
}

func (t *tx) LabResultsOf(ctx context.Context, assessmentID string) ([]clinic.LabResult, error) {
	var rows []labResultRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Order("recorded_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "lab result")
	}
	out := make([]clinic.LabResult, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = r.domain(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) LabResultByID(ctx context.Context, siteID, id string, forUpdate bool) (clinic.LabResult, error) {
	q := t.g.Where("id = ? AND site_id = ?", id, siteID)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row labResultRow
	if err := q.Take(&row).Error; err != nil {
		return clinic.LabResult{}, mapErr(err, "lab result")
	}
	return row.domain()
}

func (t *tx) SupersedeLabResult(ctx context.Context, id string) error {
	return mapErr(t.g.Model(&labResultRow{}).Where("id = ?", id).Update("superseded", true).Error, "lab result")
}

func (t *tx) AcknowledgeLabResult(ctx context.Context, id, by, byName string, at time.Time) error {
	return mapErr(t.g.Model(&labResultRow{}).Where("id = ? AND ack_at IS NULL", id).
		Updates(map[string]any{"ack_by": by, "ack_name": byName, "ack_at": at}).Error, "lab result")
}

func (t *tx) CriticalUnacknowledged(ctx context.Context, siteID string, assessmentIDs []string) (map[string]int, error) {
	var rows []struct {
		AssessmentID string
		N            int
	}
	err := t.g.Table("lab_results").Select("assessment_id, count(*) AS n").
		Where("site_id = ? AND assessment_id IN ? AND flag = ? AND NOT superseded AND ack_at IS NULL", siteID, assessmentIDs, clinic.FlagCritical).
		Group("assessment_id").Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "lab result")
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.AssessmentID] = r.N
	}
	return out, nil
}
