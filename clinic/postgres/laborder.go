package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// openOrderStatuses are the statuses the lab worklist lists.
var openOrderStatuses = []string{clinic.OrderOpen, clinic.OrderCollected, clinic.OrderInLab}

type labOrderRow struct {
	ID           string `gorm:"primaryKey"`
	SiteID       string
	AssessmentID string
	ApplicantID  string
	Step         string
	Test         string
	Specimen     string
	Rule         string
	Reason       string
	Source       jsonb
	OrderedBy    string
	OrderedName  string
	OrderedAt    time.Time
	Status       string
	UpdatedAt    time.Time
	HasPhoto     bool `gorm:"->;-:migration"` // read by the worklist only
	WithNurse    bool `gorm:"->;-:migration"` // read by the worklist only: history or vitals not recorded
}

func (labOrderRow) TableName() string { return "lab_orders" }

type sourceJSON struct {
	Doc     string `json:"doc"`
	Section string `json:"section,omitempty"`
	Edition string `json:"edition,omitempty"`
	URL     string `json:"url,omitempty"`
}

func labOrderToRow(o clinic.LabOrder) (labOrderRow, error) {
	src, err := json.Marshal(sourceJSON(o.Source))
	return labOrderRow{ID: o.ID, SiteID: o.SiteID, AssessmentID: o.AssessmentID, ApplicantID: o.ApplicantID, Step: o.Step,
		Test: o.Test, Specimen: o.Specimen, Rule: o.Rule, Reason: o.Reason, Source: src, OrderedBy: o.OrderedBy,
		OrderedName: o.OrderedName, OrderedAt: o.OrderedAt, Status: o.Status, UpdatedAt: o.UpdatedAt}, err
}

func (r labOrderRow) domain() (clinic.LabOrder, error) {
	var src sourceJSON
	if len(r.Source) > 0 {
		if err := json.Unmarshal(r.Source, &src); err != nil {
			return clinic.LabOrder{}, clinic.Internal(err, "decode order source")
		}
	}
	return clinic.LabOrder{ID: r.ID, SiteID: r.SiteID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID, Step: r.Step,
		Test: r.Test, Specimen: r.Specimen, Rule: r.Rule, Reason: r.Reason, Source: clinic.Source(src), OrderedBy: r.OrderedBy,
		OrderedName: r.OrderedName, OrderedAt: r.OrderedAt.UTC(), Status: r.Status, UpdatedAt: r.UpdatedAt.UTC()}, nil
}

func (t *tx) AddLabOrder(ctx context.Context, o clinic.LabOrder) error {
	row, err := labOrderToRow(o)
	if err != nil {
		return clinic.Internal(err, "encode order")
	}
	return mapErr(t.g.Omit("HasPhoto", "WithNurse").Create(&row).Error, "order")
}

func (t *tx) LabOrdersOf(ctx context.Context, assessmentID string) ([]clinic.LabOrder, error) {
	var rows []labOrderRow
	if err := t.g.Omit("HasPhoto", "WithNurse").Where("assessment_id = ?", assessmentID).Order("ordered_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "order")
	}
	return ordersOf(rows)
}

func ordersOf(rows []labOrderRow) ([]clinic.LabOrder, error) {
	out := make([]clinic.LabOrder, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = r.domain(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) SetLabOrderStatus(ctx context.Context, id, status string, at time.Time) error {
	return mapErr(t.g.Model(&labOrderRow{}).Where("id = ?", id).Updates(map[string]any{"status": status, "updated_at": at}).Error, "order")
}

// labOrderColumns are an order's columns and whether its person has a current photo.
const labOrderColumns = "lab_orders.*, EXISTS (SELECT 1 FROM applicant_photos p WHERE p.applicant_id = lab_orders.applicant_id AND p.replaced_at IS NULL) AS has_photo, " +
	"EXISTS (SELECT 1 FROM assessments s WHERE s.id = lab_orders.assessment_id AND (s.history IS NULL OR s.vitals IS NULL)) AS with_nurse"

// LabWorklist reads one page in three queries: the orders, their people, their specimens.
func (t *tx) LabWorklist(ctx context.Context, siteID string, after *clinic.LabCursor, limit int) ([]clinic.LabWorkItem, error) {
	q := t.g.Table("lab_orders").Select(labOrderColumns).Where("site_id = ? AND status IN ?", siteID, openOrderStatuses)
	if after != nil {
		q = q.Where("(ordered_at, id) > (?, ?)", after.OrderedAt, after.ID)
	}
	var rows []labOrderRow
	if err := q.Order("ordered_at, id").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "order")
	}
	return t.workItems(siteID, rows)
}

func (t *tx) LabOrdersInLab(ctx context.Context, siteID string, tests []string, limit int) ([]clinic.LabWorkItem, error) {
	if len(tests) == 0 {
		return nil, nil
	}
	var rows []labOrderRow
	err := t.g.Table("lab_orders").Select(labOrderColumns).Where("site_id = ? AND status = ? AND test IN ?", siteID, clinic.OrderInLab, tests).
		Order("ordered_at, id").Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "order")
	}
	return t.workItems(siteID, rows)
}

// workItems adds to orders their people and specimens.
func (t *tx) workItems(siteID string, rows []labOrderRow) ([]clinic.LabWorkItem, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	var people, assessments []string
	for _, r := range rows {
		people, assessments = append(people, r.ApplicantID), append(assessments, r.AssessmentID)
	}
	var aps []applicantRow
	if err := t.g.Table("applicants").Select(applicantColumns).Joins("LEFT JOIN assessments ON assessments.id = applicants.assessment_id").
		Where("applicants.id IN ? AND applicants.site_id = ?", people, siteID).Find(&aps).Error; err != nil {
		return nil, mapErr(err, "person")
	}
	byID := map[string]clinic.Applicant{}
	for _, a := range aps {
		byID[a.ID] = a.domain()
	}
	var sps []specimenRow
	if err := t.g.Where("assessment_id IN ?", assessments).Order("collected_at, id").Find(&sps).Error; err != nil {
		return nil, mapErr(err, "specimen")
	}
	specimens := make([]clinic.Specimen, len(sps))
	for i, r := range sps {
		var err error
		if specimens[i], err = r.domain(); err != nil {
			return nil, err
		}
	}
	out := make([]clinic.LabWorkItem, len(rows))
	for i, r := range rows {
		o, err := r.domain()
		if err != nil {
			return nil, err
		}
		out[i] = clinic.LabWorkItem{Order: o, Applicant: byID[r.ApplicantID], HasPhoto: r.HasPhoto, WithNurse: r.WithNurse}
		for _, sp := range specimens {
			for _, id := range sp.OrderIDs {
				if id == o.ID {
					out[i].Specimens = append(out[i].Specimens, sp)
				}
			}
		}
	}
	return out, nil
}
