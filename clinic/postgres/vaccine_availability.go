package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// unavailabilityRow is one entry of a site's list of vaccines it cannot routinely get.
type unavailabilityRow struct {
	ID         string `gorm:"primaryKey"`
	SiteID     string
	Vaccine    string
	Note       string
	SetOn      time.Time
	SetBy      string
	SetName    string
	SetAt      time.Time
	LiftedBy   *string
	LiftedName *string
	LiftedAt   *time.Time
	LiftNote   string
}

func (unavailabilityRow) TableName() string { return "vaccine_unavailability" }

func (r unavailabilityRow) domain() clinic.VaccineUnavailability {
	return clinic.VaccineUnavailability{ID: r.ID, SiteID: r.SiteID, Vaccine: r.Vaccine, Note: r.Note, SetOn: *dateUTC(&r.SetOn),
		SetBy: r.SetBy, SetName: r.SetName, SetAt: r.SetAt.UTC(), LiftedBy: deref(r.LiftedBy), LiftedName: deref(r.LiftedName),
		LiftedAt: utcPtr(r.LiftedAt), LiftNote: r.LiftNote}
}

func (t *tx) AddVaccineUnavailability(ctx context.Context, u clinic.VaccineUnavailability) error {
	row := unavailabilityRow{ID: u.ID, SiteID: u.SiteID, Vaccine: u.Vaccine, Note: u.Note, SetOn: u.SetOn, SetBy: u.SetBy,
		SetName: u.SetName, SetAt: u.SetAt}
	return mapErr(t.g.Create(&row).Error, "vaccine unavailability")
}

func (t *tx) VaccineUnavailabilityOf(ctx context.Context, siteID string) ([]clinic.VaccineUnavailability, error) {
	var rows []unavailabilityRow
	if err := t.g.Where("site_id = ?", siteID).Order("set_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "vaccine unavailability")
	}
	out := make([]clinic.VaccineUnavailability, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

func (t *tx) LiftVaccineUnavailability(ctx context.Context, siteID, id, by, name, note string, at time.Time) error {
	res := t.g.Model(&unavailabilityRow{}).Where("id = ? AND site_id = ? AND lifted_at IS NULL", id, siteID).
		Updates(map[string]any{"lifted_by": by, "lifted_name": name, "lifted_at": at, "lift_note": note})
	if res.Error != nil {
		return mapErr(res.Error, "vaccine unavailability")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("vaccine unavailability")
	}
	return nil
}
