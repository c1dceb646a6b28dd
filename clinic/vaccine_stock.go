package clinic

import (
	"context"
	"time"
)

// StockAlertSettings are a site's thresholds for its low-stock and expiring-soon list of
// vaccine lots: a lot with LowDoses doses left or fewer is low; one that expires within
// ExpiryDays days is expiring soon. They are the site's choice, not clinical rules (defaults 5
// and 30, set in the schema).
type StockAlertSettings struct {
	LowDoses   int
	ExpiryDays int
}

// StockAlert is one vaccine lot on the list, with why it is there.
type StockAlert struct {
	Batch    MedicineBatch
	Low      bool // doses left at or below the threshold (0: empty)
	Expiring bool // expires within the days of the threshold, doses still in it
	Expired  bool // past its expiry with doses still in it: take them out of use
	DaysLeft int  // days from today to the expiry date (negative once expired)
}

// StockAlerts is the nurse in charge's list for the site on its date today.
type StockAlerts struct {
	Today    time.Time
	Settings StockAlertSettings // the thresholds the list was drawn with
	Items    []StockAlert       // earliest expiry first
}

// VaccineStockStore reads the site's vaccine lots for the list and keeps its thresholds.
type VaccineStockStore interface {
	StockAlertSettingsOf(ctx context.Context, siteID string) (StockAlertSettings, error)
	SetStockAlertSettings(ctx context.Context, siteID string, s StockAlertSettings) error
	// VaccineLotsToWatch lists the site's vaccine lots that are low (doses left <= lowDoses,
	// not expired), or expire on or before `until` with doses left; earliest expiry first.
	VaccineLotsToWatch(ctx context.Context, siteID string, lowDoses int, today, until time.Time) ([]MedicineBatch, error)
}

// Bounds of the thresholds (the schema checks them too).
const (
	maxLowDoses   = 10000
	maxExpiryDays = 3650
)

// VaccineStockAlerts lists the caller's site's vaccine lots that are low or expiring soon. A
// nil threshold takes the site's setting.
//
// Errors: forbidden, validation (a threshold out of range).
func (s *Service) VaccineStockAlerts(ctx context.Context, a Actor, lowDoses, expiryDays *int) (StockAlerts, error) {
	if err := a.May(PermReadStock); err != nil {
		return StockAlerts{}, err
	}
	var p Problems
	if lowDoses != nil && (*lowDoses < 0 || *lowDoses > maxLowDoses) {
		p.Add("low_doses", "out_of_range", "Enter the doses left at or below which a lot is low: 0 to 10000.")
	}
	if expiryDays != nil && (*expiryDays < 0 || *expiryDays > maxExpiryDays) {
		p.Add("expiring_days", "out_of_range", "Enter the days within which a lot expires soon: 0 to 3650.")
	}
	if err := p.Err(); err != nil {
		return StockAlerts{}, err
	}
	var out StockAlerts
	err := s.store.Tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		if out.Settings, err = tx.StockAlertSettingsOf(ctx, a.SiteID); err != nil {
			return err
		}
		if lowDoses != nil {
			out.Settings.LowDoses = *lowDoses
		}
		if expiryDays != nil {
			out.Settings.ExpiryDays = *expiryDays
		}
		out.Today = site.Today(s.clock.Now())
		until := out.Today.AddDate(0, 0, out.Settings.ExpiryDays)
		lots, err := tx.VaccineLotsToWatch(ctx, a.SiteID, out.Settings.LowDoses, out.Today, until)
		if err != nil {
			return err
		}
		for _, b := range lots {
			out.Items = append(out.Items, stockAlert(b, out.Settings, out.Today, until))
		}
		return nil
	})
	return out, err
}

func stockAlert(b MedicineBatch, st StockAlertSettings, today, until time.Time) StockAlert {
	al := StockAlert{Batch: b, DaysLeft: int(b.ExpiresOn.Sub(today).Hours() / 24)}
	al.Expired = b.Expired(today) && b.Remaining > 0
	al.Expiring = !al.Expired && b.Remaining > 0 && !b.ExpiresOn.After(until)
	al.Low = !b.Expired(today) && b.Remaining <= float64(st.LowDoses)
	return al
}

// SetVaccineStockAlertSettings sets the caller's site's thresholds.
//
// Errors: forbidden, validation (a threshold out of range).
func (s *Service) SetVaccineStockAlertSettings(ctx context.Context, a Actor, st StockAlertSettings) (StockAlertSettings, error) {
	if err := a.May(PermManageVaccineSupply); err != nil {
		return StockAlertSettings{}, err
	}
	var p Problems
	if st.LowDoses < 0 || st.LowDoses > maxLowDoses {
		p.Add("low_doses", "out_of_range", "Enter the doses left at or below which a lot is low: 0 to 10000.")
	}
	if st.ExpiryDays < 0 || st.ExpiryDays > maxExpiryDays {
		p.Add("expiring_days", "out_of_range", "Enter the days within which a lot expires soon: 0 to 3650.")
	}
	if err := p.Err(); err != nil {
		return StockAlertSettings{}, err
	}
	err := s.store.Tx(ctx, func(tx Tx) error {
		if err := tx.SetStockAlertSettings(ctx, a.SiteID, st); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "vaccine_stock.alert_settings", "site", a.SiteID))
	})
	return st, err
}
