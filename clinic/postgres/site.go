package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type siteRow struct {
	ID           string `gorm:"primaryKey"`
	Code         string
	Name         string
	City         string
	Country      string
	Timezone     string
	Organisation string
	CreatedAt    time.Time
}

func (siteRow) TableName() string { return "sites" }

func siteToRow(s clinic.Site) siteRow {
	return siteRow{ID: s.ID, Code: s.Code, Name: s.Name, City: s.City, Country: s.Country,
		Timezone: s.Timezone, Organisation: s.Organisation}
}

func (r siteRow) domain() clinic.Site {
	return clinic.Site{ID: r.ID, Code: r.Code, Name: r.Name, City: r.City, Country: r.Country,
		Timezone: r.Timezone, Organisation: r.Organisation}
}

func (t *tx) CreateSite(ctx context.Context, s *clinic.Site) error {
	row := siteToRow(*s)
	row.CreatedAt = time.Now().UTC()
	return mapErr(t.g.Create(&row).Error, "site")
}

func (t *tx) SiteByCode(ctx context.Context, code string) (clinic.Site, error) {
	var row siteRow
	if err := t.g.Where("code = ?", code).Take(&row).Error; err != nil {
		return clinic.Site{}, mapErr(err, "site")
	}
	return row.domain(), nil
}

func (t *tx) Sites(ctx context.Context) ([]clinic.Site, error) {
	var rows []siteRow
	if err := t.g.Order("code").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "site")
	}
	out := make([]clinic.Site, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
