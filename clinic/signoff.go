package clinic

import (
	"context"
	"strings"
	"time"
)

// SignOff signs and locks the assessment, freezes a snapshot of it, and orders its forms. If the
// protocol still finds steps missing, the physician must say why.
//
// Errors: forbidden, validation (no classification, no reason while steps are missing), not_found,
// conflict (a stale version, or the Idempotency-Key), invalid_state (already signed).
func (s *Service) SignOff(ctx context.Context, a Actor, id string, version int, incompleteReason string) (Chart, error) {
	if err := a.May(PermSignOff); err != nil {
		return Chart{}, err
	}
	incompleteReason = strings.TrimSpace(incompleteReason)
	return s.mutate(ctx, a, id, version, ActSign, "assessment.signoff", func(tx Tx, ch *Chart, now time.Time) error {
		if ch.Assessment.Classification == nil {
			return (&Problems{{Field: "classification", Code: "required",
				Message: "Record the classification before signing."}}).Err()
		}
		if len(ch.Incomplete) > 0 && incompleteReason == "" {
			missing := make([]string, len(ch.Incomplete))
			for i, st := range ch.Incomplete {
				missing[i] = StepLabel(st)
			}
			return (&Problems{{Field: "incomplete_reason", Code: "required",
				Message: "Still missing: " + strings.Join(missing, ", ") + ". Write why you sign now."}}).Err()
		}
		u, err := tx.UserByID(ctx, a.UserID)
		if err != nil {
			return err
		}
		ch.Assessment.Signoff = &Signoff{By: a.UserID, ByName: a.Name, RegistrationID: u.RegistrationID,
			At: now, IncompleteReason: incompleteReason}
		return s.issueForms(ctx, tx, a, ch, ch.Plan.Forms, nil, now)
	})
}

// AddAddendum adds a note to a signed assessment and reissues its forms from a new snapshot; the
// old forms become superseded.
//
// Errors: forbidden, validation (no text), not_found, conflict (a stale version, or the
// Idempotency-Key), invalid_state (not signed yet).
func (s *Service) AddAddendum(ctx context.Context, a Actor, id string, version int, text string) (Chart, error) {
	if err := a.May(PermAddAddendum); err != nil {
		return Chart{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 4000 {
		return Chart{}, (&Problems{{Field: "text", Code: "required", Message: "Write the addendum (at most 4000 characters)."}}).Err()
	}
	return s.mutate(ctx, a, id, version, ActAddendum, "assessment.addendum", func(tx Tx, ch *Chart, now time.Time) error {
		ad := Addendum{ID: NewID(), Text: text, By: a.UserID, ByName: a.Name, At: now}
		if err := tx.AddAddendum(ctx, id, ad); err != nil {
			return err
		}
		ch.Assessment.Addenda = append(ch.Assessment.Addenda, ad)
		var types []string
		for _, f := range ch.Forms {
			if f.Status == FormValid || f.Status == FormPending {
				types = appendUnique(types, f.FormType)
			}
		}
		if len(types) == 0 {
			types = ch.Plan.Forms
		}
		return s.issueForms(ctx, tx, a, ch, types, &ad, now)
	})
}

// issueForms freezes a snapshot of the chart and orders one form of each type, each with an
// outbox message, in the caller's transaction. Earlier forms of the same types are superseded.
func (s *Service) issueForms(ctx context.Context, tx Tx, a Actor, ch *Chart, types []string, ad *Addendum, now time.Time) error {
	site, err := tx.SiteByCode(ctx, a.SiteCode)
	if err != nil {
		return err
	}
	snap := BuildSnapshot(*ch, site)
	if err := attachPhoto(ctx, tx, ch.Applicant.ID, &snap); err != nil {
		return err
	}
	if ad != nil {
		snap.Addendum = &FormAddendum{Text: ad.Text, Supersedes: latestSnapshot(ch.Forms)}
	}
	js, err := snap.Canonical()
	if err != nil {
		return Internal(err, "encode snapshot")
	}
	sum, err := snap.SHA256()
	if err != nil {
		return Internal(err, "hash snapshot")
	}
	stored := StoredSnapshot{ID: snap.ID, AssessmentID: ch.Assessment.ID, JSON: js, SHA256: sum, CreatedAt: now}
	if snap.Addendum != nil {
		stored.Supersedes = snap.Addendum.Supersedes
	}
	if err := tx.CreateSnapshot(ctx, stored); err != nil {
		return err
	}
	if err := tx.SupersedeForms(ctx, ch.Assessment.ID, types, snap.ID); err != nil {
		return err
	}
	for _, t := range types {
		f := Form{ID: NewID(), SnapshotID: snap.ID, AssessmentID: ch.Assessment.ID, ApplicantID: ch.Applicant.ID,
			SiteID: ch.Assessment.SiteID, Destination: ch.Case.Destination, FormType: t, Status: FormPending,
			VerifyToken: NewToken(16), CreatedAt: now}
		created, err := tx.CreateForm(ctx, &f)
		if err != nil {
			return err
		}
		if !created {
			continue
		}
		if err := tx.AddOutbox(ctx, OutboxMessage{ID: NewID(), Kind: OutboxRenderForm, Ref: f.ID, CreatedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

func latestSnapshot(forms []Form) string {
	var id string
	var at time.Time
	for _, f := range forms {
		if f.CreatedAt.After(at) && f.Status != FormSuperseded {
			id, at = f.SnapshotID, f.CreatedAt
		}
	}
	return id
}

func appendUnique(list []string, v string) []string {
	if contains(list, v) {
		return list
	}
	return append(list, v)
}
