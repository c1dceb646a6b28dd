package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func (t *tx) StockAlertSettingsOf(ctx context.Context, siteID string) (clinic.StockAlertSettings, error) {
	var row struct {
		VaccineLowDoses   int
		VaccineExpiryDays int
	}
	res := t.g.Raw("SELECT vaccine_low_doses, vaccine_expiry_days FROM sites WHERE id = ?", siteID).Scan(&row)
	if res.Error != nil {
		return clinic.StockAlertSettings{}, mapErr(res.Error, "site")
	}
	if res.RowsAffected == 0 {
		return clinic.StockAlertSettings{}, clinic.NotFound("site")
	}
	return clinic.StockAlertSettings{LowDoses: row.VaccineLowDoses, ExpiryDays: row.VaccineExpiryDays}, nil
}

func (t *tx) SetStockAlertSettings(ctx context.Context, siteID string, s clinic.StockAlertSettings) error {
	res := t.g.Exec("UPDATE sites SET vaccine_low_doses = ?, vaccine_expiry_days = ? WHERE id = ?", s.LowDoses, s.ExpiryDays, siteID)
	if res.Error != nil {
		return mapErr(res.Error, "site")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("site")
	}
	return nil
}

// VaccineLotsToWatch: low lots not expired (an empty one included: it is out), and lots with
// doses left that expire by `until` (an expired one included: its doses must be taken out).
func (t *tx) VaccineLotsToWatch(ctx context.Context, siteID string, lowDoses int, today, until time.Time) ([]clinic.MedicineBatch, error) {
	var rows []batchRow
	err := t.g.Where("site_id = ? AND drug = ?", siteID, clinic.DrugVaccine).
		Where("(remaining <= ? AND expires_on >= ?) OR (remaining > 0 AND expires_on <= ?)", lowDoses, today, until).
		Order("expires_on, cvx, lot, id").Find(&rows).Error
	if err != nil {
		return nil, mapErr(err, "medicine batch")
	}
	out := make([]clinic.MedicineBatch, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}
