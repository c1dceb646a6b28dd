package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SignoffCheck is what the physician sees before signing: each step still missing and whether a
// rule lets it wait, and which forms will be issued and which will not, with why.
type SignoffCheck struct {
	Missing []MissingStep
	Forms   []FormPlan
	// Allowed is true when every missing step may be deferred by a rule (or none is missing).
	Allowed bool
}

// MissingStep is one step still missing at sign-off; Deferral is the rule allowing it to wait,
// nil when none does.
type MissingStep struct {
	Step     string
	Label    string
	Deferral *Deferral
}

// FormPlan says whether one form of the protocol will be issued at sign-off, and why not.
type FormPlan struct {
	FormType string
	Issue    bool
	Why      string // when not issued: the result it prints is missing
}

// SignoffRequest is the physician's sign-off: a reason for each missing step the rules allow to
// be deferred (step code → reason).
type SignoffRequest struct {
	Deferrals map[string]string
}

// CheckSignoff answers, for a chart, what signing now would leave undone and which forms it
// would issue.
func CheckSignoff(ch Chart) SignoffCheck {
	c := SignoffCheck{Allowed: true}
	for _, step := range ch.Incomplete {
		m := MissingStep{Step: step, Label: StepLabel(step)}
		if d, ok := ch.Plan.DeferralOf(step); ok {
			m.Deferral = &d
		} else {
			c.Allowed = false
		}
		c.Missing = append(c.Missing, m)
	}
	latest := ch.Assessment.LatestResults()
	for _, t := range ch.Plan.Forms {
		fp := FormPlan{FormType: t, Issue: true}
		if !FormDrawn(t) {
			fp.Issue = false
			fp.Why = fmt.Sprintf("Not issued here: form %s is not one the clinic draws; it is completed on the receiving country's own form.", t)
			c.Forms = append(c.Forms, fp)
			continue
		}
		for _, step := range FormNeeds(t) {
			if _, ok := latest[step]; !ok {
				fp.Issue = false
				fp.Why = fmt.Sprintf("Not issued: form %s prints the result of the %s (%s), and there is none.", t, StepLabel(step), step)
				break
			}
		}
		if r, ok := ch.Plan.photoRule(t); fp.Issue && ok && !ch.HasPhoto {
			fp.Issue = false
			fp.Why = fmt.Sprintf("Not issued: form %s must carry the person's photo (%s, rule %s), and there is no photo on file. Take the photo at registration before signing.",
				t, r.Source.Doc, r.Rule)
		}
		c.Forms = append(c.Forms, fp)
	}
	return c
}

// SignOff signs and locks the assessment, freezes a snapshot of it, and orders its forms. A step
// still missing is allowed only where a rule lets it be deferred, each with the physician's
// reason; otherwise sign-off is refused with the list of what is missing. A form whose printed
// result is missing is not issued.
//
// Errors: forbidden, validation (no classification, a missing step no rule lets wait, no reason
// for a deferred step), not_found, conflict (a stale version, or the Idempotency-Key),
// invalid_state (already signed), validation (a referral that holds the sign-off is open).
func (s *Service) SignOff(ctx context.Context, a Actor, id string, version int, req SignoffRequest) (Chart, error) {
	if err := a.May(PermSignOff); err != nil {
		return Chart{}, err
	}
	return s.mutate(ctx, a, id, version, ActSign, "assessment.signoff", func(tx Tx, ch *Chart, now time.Time) error {
		if ch.Assessment.Classification == nil {
			return (&Problems{{Field: "classification", Code: "required",
				Message: "Record the classification before signing."}}).Err()
		}
		if open := ch.openBlockingReferrals(); len(open) > 0 {
			var p Problems
			for _, r := range open {
				p.Add("referrals."+r.ID, "open", fmt.Sprintf("The %s referral (due %s) has no report yet.", r.Specialty, r.DueOn.Format(time.DateOnly)))
			}
			return p.Err()
		}
		check := CheckSignoff(*ch)
		deferred, err := deferredSteps(check, req.Deferrals)
		if err != nil {
			return err
		}
		u, err := tx.UserByID(ctx, a.UserID)
		if err != nil {
			return err
		}
		so := &Signoff{By: a.UserID, ByName: a.Name, RegistrationID: u.RegistrationID, At: now, Deferred: deferred}
		var types []string
		for _, f := range check.Forms {
			if f.Issue {
				types = append(types, f.FormType)
			} else {
				so.FormsNotIssued = append(so.FormsNotIssued, f)
			}
		}
		ch.Assessment.Signoff = so
		return s.issueForms(ctx, tx, a, ch, types, nil, now)
	})
}

// deferredSteps checks the physician's reasons against what is missing: every missing step must
// be deferrable by a rule and carry a reason; a reason for a step that is not missing is refused.
func deferredSteps(check SignoffCheck, reasons map[string]string) ([]DeferredStep, error) {
	var refused []string
	var p Problems
	var out []DeferredStep
	for _, m := range check.Missing {
		if m.Deferral == nil {
			refused = append(refused, m.Label)
			continue
		}
		why := strings.TrimSpace(reasons[m.Step])
		switch {
		case why == "":
			p.Add("deferrals."+m.Step, "required", fmt.Sprintf("Write why this step is not done: %s.", m.Label))
		case len(why) > 1000:
			p.Add("deferrals."+m.Step, "too_long", "A reason has at most 1000 characters.")
		}
		out = append(out, DeferredStep{Step: m.Step, Label: m.Label, Reason: why, Rule: m.Deferral.Rule,
			HoldsTravel: m.Deferral.HoldsTravel, Then: m.Deferral.Then})
	}
	if len(refused) > 0 {
		return nil, (&Problems{{Field: "deferrals", Code: "missing_steps",
			Message: "Cannot sign: still missing " + strings.Join(refused, ", ") + ". No protocol rule allows signing without them; record them first."}}).Err()
	}
	for step := range reasons {
		missing := false
		for _, m := range check.Missing {
			missing = missing || m.Step == step
		}
		if !missing {
			p.Add("deferrals."+step, "not_missing", fmt.Sprintf("%s is not missing; there is nothing to defer.", StepLabel(step)))
		}
	}
	return out, p.Err()
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
		if len(types) == 0 && ch.Assessment.Signoff != nil && len(ch.Assessment.Signoff.FormsNotIssued) == 0 {
			types = ch.Plan.Forms
		}
		return s.issueForms(ctx, tx, a, ch, types, &ad, now)
	})
}

// issueForms freezes a snapshot of the chart and orders one form of each type, each with an
// outbox message, in the caller's transaction. Earlier forms of the same types are superseded.
func (s *Service) issueForms(ctx context.Context, tx Tx, a Actor, ch *Chart, types []string, ad *Addendum, now time.Time) error {
	return s.issueFormsSuperseding(ctx, tx, a, ch, types, nil, ad, now)
}

// issueFormsSuperseding is issueForms that also supersedes the earlier forms of the types in
// retired, of which no new one is issued (e.g. a MEDIF when the new check needs none).
func (s *Service) issueFormsSuperseding(ctx context.Context, tx Tx, a Actor, ch *Chart, types, retired []string, ad *Addendum, now time.Time) error {
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
	if err := tx.SupersedeForms(ctx, ch.Assessment.ID, append(append([]string{}, types...), retired...), snap.ID); err != nil {
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
