package clinic

import (
	"context"
	"strings"
)

// RevokeForm withdraws a signed form, e.g. one issued in error. The verification page then says
// "revoked"; the file stays, so the record of what was issued is complete.
//
// Errors: forbidden, validation (no reason), not_found (no such form at the actor's site),
// invalid_state (not an issued form), conflict (the Idempotency-Key).
func (s *Service) RevokeForm(ctx context.Context, a Actor, formID, reason string) (Form, error) {
	if err := a.May(PermRevokeForm); err != nil {
		return Form{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 1000 {
		return Form{}, (&Problems{{Field: "reason", Code: "required", Message: "Write why the form is revoked (at most 1000 characters)."}}).Err()
	}
	var f Form
	err := s.tx(ctx, func(tx Tx) error {
		var err error
		if f, err = tx.FormByID(ctx, formID); err != nil {
			return err
		}
		if f.SiteID != a.SiteID {
			return NotFound("form")
		}
		if f.Status != FormValid && f.Status != FormSuperseded {
			return Errorf(EInvalidState, "Only an issued form can be revoked; this one is %s.", f.Status)
		}
		if err := tx.RevokeForm(ctx, formID, a.UserID, reason, s.clock.Now()); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "form.revoke", "form", formID)); err != nil {
			return err
		}
		f, err = tx.FormByID(ctx, formID)
		return err
	})
	return f, err
}
