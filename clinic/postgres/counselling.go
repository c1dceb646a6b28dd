package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type counsellingRow struct {
	ID              string `gorm:"primaryKey"`
	AssessmentID    string
	ApplicantID     string
	SiteID          string
	Topic           string
	Stage           string
	Language        string
	Interpreter     bool
	ResultDisclosed bool
	Referral        string
	Notes           string
	Counsellor      string
	CounsellorName  string
	At              time.Time
}

func (counsellingRow) TableName() string { return "counselling" }

func (t *tx) AddCounselling(ctx context.Context, c clinic.Counselling) error {
	row := counsellingRow(c)
	return mapErr(t.g.Create(&row).Error, "counselling")
}

func (t *tx) CounsellingOf(ctx context.Context, assessmentID string) ([]clinic.Counselling, error) {
	var rows []counsellingRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Order("at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "counselling")
	}
	out := make([]clinic.Counselling, len(rows))
	for i, r := range rows {
		out[i] = clinic.Counselling(r)
	}
	return out, nil
}
