package clinic

import (
	"context"
	"time"
)

// Panel list page sizes, counted in cases: a case's members are never split across pages.
const (
	PanelPageDefault = 50
	PanelPageMax     = 200
)

// PanelPage is one page of a panel's list; Next is the cursor of the following page, "" at the end.
type PanelPage struct {
	Rows []PanelRow
	Next string
}

// PanelApplicants lists one page of the applicants bound for the panel's own country that have
// forms, by departure date (none last), case number and case. A person without a standing
// consent to share results with that country is listed with ConsentMissing and no forms.
//
// Errors: forbidden (not a panel, or a panel account without a country), validation (a bad cursor).
func (s *Service) PanelApplicants(ctx context.Context, a Actor, f PanelFilter) (PanelPage, error) {
	if err := a.May(PermReadPanel); err != nil {
		return PanelPage{}, err
	}
	if a.Country == "" {
		return PanelPage{}, Errorf(EForbidden, "Your panel account has no receiving country.")
	}
	f.Country = a.Country
	if n, ok := NormalizeFlight(f.Flight); ok {
		f.Flight = n // "rwa 9b" finds RWA9B
	}
	if f.Limit <= 0 {
		f.Limit = PanelPageDefault
	}
	f.Limit = min(f.Limit, PanelPageMax)
	var page PanelPage
	err := s.store.Tx(ctx, func(tx Tx) error {
		rows, more, err := tx.PanelForms(ctx, f)
		if err != nil {
			return err
		}
		if err := withholdUnconsented(ctx, tx, f.Country, rows); err != nil {
			return err
		}
		page.Rows = rows
		if more && len(rows) > 0 {
			last := rows[len(rows)-1]
			page.Next = PanelKey{DepartureDate: last.DepartureDate, CaseNumber: last.CaseNumber, CaseID: last.CaseID}.Cursor()
		}
		return tx.Audit(ctx, s.audit(a, "panel.list", "form", ""))
	})
	return page, err
}

// FormFile returns a signed form's PDF. Panels see only forms for their own country; anything
// else is "not found", so a panel cannot learn that a form exists. A panel gets the form only
// while the person consents to share results with its country.
//
// Errors: forbidden, not_found (no such form, or not visible to the caller), invalid_state (no
// signed file yet), consent_required (no standing consent to share with the panel's country).
func (s *Service) FormFile(ctx context.Context, a Actor, formID string) (Form, []byte, error) {
	if err := a.May(PermDownloadForm); err != nil {
		return Form{}, nil, err
	}
	var f Form
	var pdf []byte
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.FormByID(ctx, formID); err != nil {
			return err
		}
		if !formVisible(a, f) {
			return NotFound("form")
		}
		if !issued(f) {
			return Errorf(EInvalidState, "This form is %s; there is no signed file yet.", f.Status)
		}
		if a.Role == RolePanel {
			if err := requireConsent(ctx, tx, f.ApplicantID, ConsentShareAuthority, f.Destination, "the form is not shared"); err != nil {
				return err
			}
		}
		if pdf, err = tx.FormFile(ctx, formID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "form.download", "form", formID))
	})
	return f, pdf, err
}

func formVisible(a Actor, f Form) bool {
	if a.Role == RolePanel {
		return a.Country != "" && f.Destination == a.Country && issued(f)
	}
	return f.SiteID == a.SiteID
}

// FlightZip is what one flight ZIP download holds: since, when only the forms issued after the
// user's last download of the flight were asked for (nil: every current form, or no earlier
// download), and how many forms went in.
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
	var out FlightZip
	if flight == "" {
		return out, NotFound("flight")
	}
	var rows []PanelRow
	f := PanelFilter{Flight: flight, Limit: PanelPageMax}
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
	if len(rows) == 0 {
		return out, NotFound("flight")
	}
	err := s.store.Tx(ctx, func(tx Tx) error {
		if onlyNew {
			last, err := tx.LastAudit(ctx, a.UserID, "panel.flight_zip", flight)
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
		e := s.audit(a, "panel.flight_zip", "flight", flight)
		if out.Since != nil {
			e.Detail = "new since " + out.Since.UTC().Format(time.RFC3339)
		}
		return tx.Audit(ctx, e)
	})
	return out, err
}

// FormsOf lists the forms of one assessment for the clinic's own staff.
//
// Errors: forbidden, not_found (no such assessment at the actor's site).
func (s *Service) FormsOf(ctx context.Context, a Actor, assessmentID string) ([]Form, error) {
	if err := a.May(PermReadForms); err != nil {
		return nil, err
	}
	var forms []Form
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.AssessmentByID(ctx, a.SiteID, assessmentID, false); err != nil {
			return err
		}
		var err error
		if forms, err = tx.FormsOf(ctx, assessmentID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "form.list", "assessment", assessmentID))
	})
	return forms, err
}

// VerifyURL is the public address the QR code of a form points at.
//
// Errors: none.
func (s *Service) VerifyURL(f Form) string { return s.publicURL + "/verify/" + f.VerifyToken }

// withholdUnconsented empties the forms of the rows whose person has no standing consent to share
// results with the country, and marks them.
func withholdUnconsented(ctx context.Context, tx Tx, country string, rows []PanelRow) error {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ApplicantID
	}
	ok, err := tx.Consenting(ctx, ids, ConsentShareAuthority, country)
	if err != nil {
		return err
	}
	for i := range rows {
		if !ok[rows[i].ApplicantID] {
			rows[i].Forms, rows[i].NotDone, rows[i].ConsentMissing = nil, nil, true
		}
	}
	return nil
}

// issued reports whether a form has its signed file: valid, or later superseded or revoked.
func issued(f Form) bool {
	return f.Status == FormValid || f.Status == FormSuperseded || f.Status == FormRevoked
}
