package clinic

import (
	"context"
	"time"
)

// FlightZip is what one ZIP download of a panel holds: since, when only the forms issued after
// the user's last download of the same flight (or the same date range) were asked for (nil:
// every current form, or no earlier download), and how many forms went in.
type FlightZip struct {
	Since *time.Time
	Forms int
}

// FlightForms hands every current form of the applicants on one flight bound for the panel's
// country to each, one at a time with its signed file, for a ZIP written as it goes (no whole
// ZIP in memory). With onlyNew, only the forms issued after the user's last download of this
// flight. Each form and the download itself are audited (form.download, panel.flight_zip).
//
// Errors: forbidden, not_found (no such flight among the panel's applicants); any error of each.
func (s *Service) FlightForms(ctx context.Context, a Actor, flight string, onlyNew bool, each func(Form, PanelRow, []byte) error) (FlightZip, error) {
	if flight == "" {
		return FlightZip{}, NotFound("flight")
	}
	return s.panelForms(ctx, a, PanelFilter{Flight: flight}, "panel.flight_zip", flight, onlyNew, true, each)
}

// RangeForms is FlightForms for every applicant whose departure date falls in [from, to] (both
// days included), whatever their flight. With onlyNew, only the forms issued after the user's
// last download of the same range. The download is audited as panel.range_zip with the range
// ("2026-12-01..2026-12-31") as its record; nothing in the range gives an empty ZIP.
//
// Errors: forbidden, validation (from after to, or a range longer than a year); any error of each.
func (s *Service) RangeForms(ctx context.Context, a Actor, from, to time.Time, onlyNew bool, each func(Form, PanelRow, []byte) error) (FlightZip, error) {
	from, to = dayOf(from), dayOf(to)
	var p Problems
	if to.Before(from) {
		p.Add("to", "before_from", "The range ends before it starts.")
	} else if to.After(from.AddDate(1, 0, 0)) {
		p.Add("to", "too_long", "Ask for at most a year at a time.")
	}
	if err := p.Err(); err != nil {
		return FlightZip{}, err
	}
	key := from.Format(time.DateOnly) + ".." + to.Format(time.DateOnly)
	return s.panelForms(ctx, a, PanelFilter{From: &from, To: &to}, "panel.range_zip", key, onlyNew, false, each)
}

// panelForms lists the panel's applicants of the filter, page by page, then hands each current
// form (or each issued after the user's last download under key) to each, auditing every form
// and the download in one transaction.
func (s *Service) panelForms(ctx context.Context, a Actor, f PanelFilter, action, key string, onlyNew, needRows bool, each func(Form, PanelRow, []byte) error) (FlightZip, error) {
	var out FlightZip
	var rows []PanelRow
	f.Limit = PanelPageMax
	for {
		page, err := s.PanelApplicants(ctx, a, f)
		if err != nil {
			return out, err
		}
		rows = append(rows, page.Rows...)
		if page.Next == "" {
			break
		}
		if f.After, err = ParsePanelCursor(page.Next); err != nil {
			return out, err
		}
	}
	if len(rows) == 0 && needRows {
		return out, NotFound("flight")
	}
	err := s.store.Tx(ctx, func(tx Tx) error {
		if onlyNew {
			last, err := tx.LastAudit(ctx, a.UserID, action, key)
			if err != nil {
				return err
			}
			out.Since = last
		}
		for _, r := range rows {
			for _, f := range r.Forms {
				if f.Status != FormValid || out.Since != nil && (f.IssuedAt == nil || !f.IssuedAt.After(*out.Since)) {
					continue
				}
				b, err := tx.FormFile(ctx, f.ID)
				if err != nil {
					return err
				}
				if err := tx.Audit(ctx, s.audit(a, "form.download", "form", f.ID)); err != nil {
					return err
				}
				if err := each(f, r, b); err != nil {
					return err
				}
				out.Forms++
			}
		}
		record := "flight"
		if f.Flight == "" {
			record = "departure_range"
		}
		e := s.audit(a, action, record, key)
		if out.Since != nil {
			e.Detail = "new since " + out.Since.UTC().Format(time.RFC3339)
		}
		return tx.Audit(ctx, e)
	})
	return out, err
}
