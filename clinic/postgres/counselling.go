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
	m, err := t.CounsellingOfMany(ctx, []string{assessmentID})
	return nonNil(m[assessmentID]), err
}

func (t *tx) CounsellingOfMany(ctx context.Context, assessmentIDs []string) (map[string][]clinic.Counselling, error) {
	out := map[string][]clinic.Counselling{}
	if len(assessmentIDs) == 0 {
		return out, nil
	}
	var rows []counsellingRow
	if err := t.g.Where("assessment_id IN ?", assessmentIDs).Order("at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "counselling")
	}
	for _, r := range rows {
		out[r.AssessmentID] = append(out[r.AssessmentID], clinic.Counselling(r))
	}
	return out, nil
}
