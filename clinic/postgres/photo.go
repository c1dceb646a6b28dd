package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type photoRow struct {
	ID          string `gorm:"primaryKey"`
	ApplicantID string
	SiteID      string
	JPEG        []byte `gorm:"column:jpeg"`
	SHA256      string `gorm:"column:sha256"`
	Width       int
	Height      int
	TakenBy     string
	TakenAt     time.Time
	ReplacedAt  *time.Time
	Size        int `gorm:"->;-:migration"` // octet_length(jpeg), read only
}

func (photoRow) TableName() string { return "applicant_photos" }

func (r photoRow) domain() clinic.Photo {
	size := r.Size
	if len(r.JPEG) > 0 {
		size = len(r.JPEG)
	}
	return clinic.Photo{ID: r.ID, ApplicantID: r.ApplicantID, SiteID: r.SiteID, SHA256: r.SHA256, Width: r.Width, Height: r.Height,
		Size: size, TakenBy: r.TakenBy, TakenAt: r.TakenAt, ReplacedAt: r.ReplacedAt, JPEG: r.JPEG}
}

func (t *tx) AddPhoto(ctx context.Context, p clinic.Photo) error {
	if err := t.g.Exec("UPDATE applicant_photos SET replaced_at = ? WHERE applicant_id = ? AND replaced_at IS NULL",
		p.TakenAt, p.ApplicantID).Error; err != nil {
		return mapErr(err, "photo")
	}
	row := photoRow{ID: p.ID, ApplicantID: p.ApplicantID, SiteID: p.SiteID, JPEG: p.JPEG, SHA256: p.SHA256,
		Width: p.Width, Height: p.Height, TakenBy: p.TakenBy, TakenAt: p.TakenAt}
	return mapErr(t.g.Omit("Size").Create(&row).Error, "photo")
}

func (t *tx) CurrentPhoto(ctx context.Context, applicantID string) (clinic.Photo, error) {
	var row photoRow
	err := t.g.Select("*").Where("applicant_id = ? AND replaced_at IS NULL", applicantID).Take(&row).Error
	if err != nil {
		return clinic.Photo{}, mapErr(err, "photo")
	}
	return row.domain(), nil
}

func (t *tx) PhotosOf(ctx context.Context, applicantID string) ([]clinic.Photo, error) {
	var rows []photoRow
	err := t.g.Table("applicant_photos").Select("id, applicant_id, site_id, sha256, width, height, taken_by, taken_at, replaced_at, octet_length(jpeg) AS size").
		Where("applicant_id = ?", applicantID).Order("taken_at DESC").Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "photo")
	}
	out := make([]clinic.Photo, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
