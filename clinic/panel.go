package clinic

import "context"

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
	err := s.readLagging(ctx, func(tx Tx) error {
		page = PanelPage{}
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
		return nil
	}, func() AuditEntry { return s.audit(a, "panel.list", "form", "") })
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
