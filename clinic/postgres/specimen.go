package postgres

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

type specimenRow struct {
	ID            string `gorm:"primaryKey"`
	Accession     string
	SiteID        string
	AssessmentID  string
	ApplicantID   string
	Type          string
	OrderIDs      jsonb `gorm:"column:order_ids"`
	Tests         jsonb
	Seq           int
	EarlyMorning  bool
	Observed      bool
	CollectedAt   time.Time
	CollectedBy   string
	CollectedName string
	Status        string
	ReceivedAt    *time.Time
	ReceivedBy    *string
	RejectReason  string
	RejectNote    string
	RejectedAt    *time.Time
	RejectedBy    *string
	Replaces      *string
	Version       int
}

func (specimenRow) TableName() string { return "specimens" }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func specimenToRow(sp clinic.Specimen) (specimenRow, error) {
	ids, err := json.Marshal(sp.OrderIDs)
	if err != nil {
		return specimenRow{}, err
	}
	tests, err := json.Marshal(sp.Tests)
	return specimenRow{ID: sp.ID, Accession: sp.Accession, SiteID: sp.SiteID, AssessmentID: sp.AssessmentID, ApplicantID: sp.ApplicantID,
		Type: sp.Type, OrderIDs: ids, Tests: tests, Seq: sp.Seq, EarlyMorning: sp.EarlyMorning, Observed: sp.Observed,
		CollectedAt: sp.CollectedAt, CollectedBy: sp.CollectedBy, CollectedName: sp.CollectedName, Status: sp.Status,
		ReceivedAt: sp.ReceivedAt, ReceivedBy: nullable(sp.ReceivedBy), RejectReason: sp.RejectReason, RejectNote: sp.RejectNote,
		RejectedAt: sp.RejectedAt, RejectedBy: nullable(sp.RejectedBy), Replaces: nullable(sp.Replaces), Version: sp.Version}, err
}

func (r specimenRow) domain() (clinic.Specimen, error) {
	sp := clinic.Specimen{ID: r.ID, Accession: r.Accession, SiteID: r.SiteID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID,
		Type: r.Type, Seq: r.Seq, EarlyMorning: r.EarlyMorning, Observed: r.Observed, CollectedAt: r.CollectedAt.UTC(),
		CollectedBy: r.CollectedBy, CollectedName: r.CollectedName, Status: r.Status, ReceivedAt: utcPtr(r.ReceivedAt),
		ReceivedBy: deref(r.ReceivedBy), RejectReason: r.RejectReason, RejectNote: r.RejectNote, RejectedAt: utcPtr(r.RejectedAt),
		RejectedBy: deref(r.RejectedBy), Replaces: deref(r.Replaces), Version: r.Version}
	if err := json.Unmarshal(r.OrderIDs, &sp.OrderIDs); err != nil {
		return sp, clinic.Internal(err, "decode specimen orders")
	}
	if err := json.Unmarshal(r.Tests, &sp.Tests); err != nil {
		return sp, clinic.Internal(err, "decode specimen tests")
	}
	return sp, nil
}

func (t *tx) NextAccession(ctx context.Context) (int64, error) {
	var n int64
	err := t.g.Raw("SELECT nextval('specimen_accession_seq')").Scan(&n).Error
	return n, mapErr(err, "accession")
}

func (t *tx) AddSpecimen(ctx context.Context, sp clinic.Specimen) error {
	row, err := specimenToRow(sp)
	if err != nil {
		return clinic.Internal(err, "encode specimen")
	}
	return mapErr(t.g.Create(&row).Error, "specimen")
}

func (t *tx) SpecimenByAccession(ctx context.Context, siteID, accession string, forUpdate bool) (clinic.Specimen, error) {
	q := t.g.Where("site_id = ? AND accession = ?", siteID, accession)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row specimenRow
	if err := q.Take(&row).Error; err != nil {
		return clinic.Specimen{}, mapErr(err, "specimen")
	}
	return row.domain()
}

func (t *tx) SpecimensOf(ctx context.Context, assessmentID string) ([]clinic.Specimen, error) {
	var rows []specimenRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Order("collected_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "specimen")
	}
	out := make([]clinic.Specimen, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = r.domain(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) SaveSpecimen(ctx context.Context, sp *clinic.Specimen, expected int) error {
	res := t.g.Model(&specimenRow{}).Where("id = ? AND version = ?", sp.ID, expected).Updates(map[string]any{
		"status": sp.Status, "received_at": sp.ReceivedAt, "received_by": nullable(sp.ReceivedBy), "reject_reason": sp.RejectReason,
		"reject_note": sp.RejectNote, "rejected_at": sp.RejectedAt, "rejected_by": nullable(sp.RejectedBy), "version": expected + 1})
	if res.Error != nil {
		return mapErr(res.Error, "specimen")
	}
	if res.RowsAffected == 0 {
		return clinic.Conflict("specimen", expected)
	}
	sp.Version = expected + 1
	return nil
}
