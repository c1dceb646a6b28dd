package clinic

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Referral is a specialist referral of an assessment: the physician asks a specialty (at a
// facility, by a due date) for an opinion, and records the specialist's report when it comes.
type Referral struct {
	ID            string
	AssessmentID  string
	SiteID        string
	Specialty     string
	Reason        string
	Facility      string
	Urgency       string // routine | urgent
	DueOn         time.Time
	Rule          string // the rule that asked for it; "" when the physician's own decision
	BlocksSignoff bool   // while open, the assessment is not signed
	Status        string // open | answered
	Report        string
	HasPDF        bool
	AnsweredAt    *time.Time
	AnsweredBy    string
	AnsweredName  string
	CreatedBy     string
	CreatedName   string
	CreatedAt     time.Time
}

// Referral statuses and urgencies.
const (
	ReferralOpen     = "open"
	ReferralAnswered = "answered"
)

// ReferralUrgencies are the urgencies a referral may have.
var ReferralUrgencies = []string{"routine", "urgent"}

// MaxReferralPDF is the largest specialist's report accepted as a PDF (512 KiB: sent as base64, it
// stays within the API's 1 MiB request body).
const MaxReferralPDF = 512 << 10

// ReferralItem is one row of the physician's list: the referral and whose it is.
type ReferralItem struct {
	Referral
	CaseNumber string
	Name       string
	Overdue    bool
}

// ReferralStore holds referrals.
type ReferralStore interface {
	AddReferral(ctx context.Context, r Referral) error
	// ReferralsOf lists an assessment's referrals, oldest first (without the PDF).
	ReferralsOf(ctx context.Context, assessmentID string) ([]Referral, error)
	// AnswerReferral records the report of an open referral; pdf nil when none.
	AnswerReferral(ctx context.Context, r Referral, pdf []byte) error
	// ReferralPDF reads the report PDF of a site's referral; not_found when none.
	ReferralPDF(ctx context.Context, siteID, id string) ([]byte, string, error)
	// OpenReferrals lists a site's open referrals, soonest due first, after the cursor (due day
	// and id); only those due before dueBefore when it is not zero.
	OpenReferrals(ctx context.Context, siteID string, dueBefore time.Time, after string, limit int) ([]ReferralItem, error)
}

// ReferralInput is what the physician sends to refer.
type ReferralInput struct {
	Specialty     string
	Reason        string
	Facility      string
	Urgency       string
	DueOn         time.Time
	Rule          string
	BlocksSignoff bool
}

// Refer records a specialist referral on the assessment.
//
// Errors: forbidden, not_found, conflict (a stale version), locked (signed), validation
// (specialty, reason, facility, urgency, due_on, rule).
func (s *Service) Refer(ctx context.Context, a Actor, id string, version int, in ReferralInput) (Chart, error) {
	if err := a.May(PermRefer); err != nil {
		return Chart{}, err
	}
	in.Specialty, in.Reason, in.Facility, in.Rule = strings.TrimSpace(in.Specialty), strings.TrimSpace(in.Reason), strings.TrimSpace(in.Facility), strings.TrimSpace(in.Rule)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.referral", func(tx Tx, ch *Chart, now time.Time) error {
		var p Problems
		textField(&p, "specialty", in.Specialty, 200, true)
		textField(&p, "reason", in.Reason, 2000, true)
		textField(&p, "facility", in.Facility, 300, false)
		textField(&p, "rule", in.Rule, 200, false)
		if !slices.Contains(ReferralUrgencies, in.Urgency) {
			p.Add("urgency", "not_allowed", "Use one of "+strings.Join(ReferralUrgencies, ", ")+".")
		}
		zone, err := siteZone(ctx, tx, a.SiteID)
		if err != nil {
			return err
		}
		y, m, d := now.In(zone).Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		switch {
		case in.DueOn.IsZero():
			p.Add("due_on", "required", "Enter the day the report is due.")
		case in.DueOn.Before(today):
			p.Add("due_on", "in_past", "The due day is before today.")
		case in.DueOn.After(today.AddDate(1, 0, 0)):
			p.Add("due_on", "too_late", "The due day is more than a year ahead.")
		}
		if err := p.Err(); err != nil {
			return err
		}
		return tx.AddReferral(ctx, Referral{ID: NewID(), AssessmentID: id, SiteID: a.SiteID, Specialty: in.Specialty,
			Reason: in.Reason, Facility: in.Facility, Urgency: in.Urgency, DueOn: in.DueOn, Rule: in.Rule,
			BlocksSignoff: in.BlocksSignoff, Status: ReferralOpen, CreatedBy: a.UserID, CreatedName: a.Name, CreatedAt: now})
	})
}

// AnswerReferral records the specialist's report of an open referral: its text, and the PDF the
// specialist sent when there is one (at most MaxReferralPDF bytes, a PDF by its header).
//
// Errors: forbidden, not_found (no such referral on the assessment), conflict (a stale version),
// locked (signed), invalid_state (already answered), validation (report, pdf).
func (s *Service) AnswerReferral(ctx context.Context, a Actor, id string, version int, referralID, report string, pdf []byte) (Chart, error) {
	if err := a.May(PermRefer); err != nil {
		return Chart{}, err
	}
	report = strings.TrimSpace(report)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.referral_answer", func(tx Tx, ch *Chart, now time.Time) error {
		i := slices.IndexFunc(ch.Referrals, func(r Referral) bool { return r.ID == referralID })
		if i < 0 {
			return Errorf(ENotFound, "This assessment has no such referral.")
		}
		r := ch.Referrals[i]
		if r.Status != ReferralOpen {
			return Errorf(EInvalidState, "The referral was answered on %s.", r.AnsweredAt.Format(time.DateOnly))
		}
		var p Problems
		textField(&p, "report", report, 20000, true)
		switch {
		case len(pdf) > MaxReferralPDF:
			p.Add("pdf", "too_large", fmt.Sprintf("A report PDF has at most %d KiB.", MaxReferralPDF>>10))
		case pdf != nil && !strings.HasPrefix(string(pdf[:min(len(pdf), 5)]), "%PDF-"):
			p.Add("pdf", "not_pdf", "The file is not a PDF.")
		}
		if err := p.Err(); err != nil {
			return err
		}
		r.Status, r.Report, r.HasPDF, r.AnsweredAt, r.AnsweredBy, r.AnsweredName = ReferralAnswered, report, pdf != nil, &now, a.UserID, a.Name
		return tx.AnswerReferral(ctx, r, pdf)
	})
}

// ReferralReport returns the PDF report of one of the site's referrals and its assessment.
//
// Errors: forbidden, not_found (no referral, or no PDF).
func (s *Service) ReferralReport(ctx context.Context, a Actor, referralID string) ([]byte, error) {
	if err := a.May(PermReadReferrals); err != nil {
		return nil, err
	}
	if !uuidLike.MatchString(referralID) {
		return nil, Errorf(ENotFound, "No such referral.")
	}
	var out []byte
	err := s.store.Tx(ctx, func(tx Tx) error {
		pdf, assessmentID, err := tx.ReferralPDF(ctx, a.SiteID, referralID)
		if err != nil {
			return err
		}
		out = pdf
		return tx.Audit(ctx, s.audit(a, "assessment.referral_report.read", "assessment", assessmentID))
	})
	return out, err
}

var uuidLike = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// referralCursor is the list's cursor: the due day and the id of the last row.
var referralCursor = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}_[0-9a-f-]{36}$`)

// OpenReferrals lists the site's open referrals, soonest due first; overdue only lists those
// whose due day has passed.
//
// Errors: forbidden, validation (a bad cursor or limit).
func (s *Service) OpenReferrals(ctx context.Context, a Actor, overdue bool, after string, limit int) (Page[ReferralItem], error) {
	if err := a.May(PermReadReferrals); err != nil {
		return Page[ReferralItem]{}, err
	}
	var p Problems
	if after != "" && !referralCursor.MatchString(after) {
		p.Add("cursor", "invalid", "Use the next value of the previous page.")
	}
	if limit < 1 || limit > 500 {
		p.Add("limit", "out_of_range", "Use a limit from 1 to 500.")
	}
	if err := p.Err(); err != nil {
		return Page[ReferralItem]{}, err
	}
	var out Page[ReferralItem]
	err := s.store.Tx(ctx, func(tx Tx) error {
		zone, err := siteZone(ctx, tx, a.SiteID)
		if err != nil {
			return err
		}
		y, m, d := s.clock.Now().In(zone).Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		var before time.Time
		if overdue {
			before = today
		}
		items, err := tx.OpenReferrals(ctx, a.SiteID, before, after, limit+1)
		if err != nil {
			return err
		}
		for i := range items {
			items[i].Overdue = items[i].DueOn.Before(today)
		}
		if len(items) > limit {
			last := items[limit-1]
			out = Page[ReferralItem]{Items: items[:limit], Next: last.DueOn.Format(time.DateOnly) + "_" + last.ID}
		} else {
			out = Page[ReferralItem]{Items: items}
		}
		return tx.Audit(ctx, s.audit(a, "referrals.read", "site", a.SiteID))
	})
	return out, err
}

// openBlockingReferrals are the referrals that hold the sign-off while open.
func (ch Chart) openBlockingReferrals() []Referral {
	var out []Referral
	for _, r := range ch.Referrals {
		if r.Status == ReferralOpen && r.BlocksSignoff {
			out = append(out, r)
		}
	}
	return out
}

// ReferralStepPrefix starts the step codes of a specialist's report ("referral_nephrology"): a
// rule file may require one, and an answered referral of that specialty completes it.
const ReferralStepPrefix = "referral_"

// ReferralSpecialtyCode writes a specialty as the step codes name it: lower case, every run of
// other characters one underscore ("Nephrology" and " nephrology " are "nephrology", "Chest
// physician" is "chest_physician").
func ReferralSpecialtyCode(specialty string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(strings.TrimSpace(specialty)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
			continue
		}
		gap = true
	}
	return b.String()
}

// specialistReports are the specialties (as codes) of the referrals whose report is recorded:
// the protocol's facts.
func specialistReports(rs []Referral) []string {
	var out []string
	for _, r := range rs {
		if code := ReferralSpecialtyCode(r.Specialty); r.Status == ReferralAnswered && code != "" && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// awaitsSpecialist reports whether a specialist's report is among the plan's pending steps.
func (p Plan) awaitsSpecialist() bool {
	return slices.ContainsFunc(p.Pending, func(s string) bool { return strings.HasPrefix(s, ReferralStepPrefix) })
}

// FormReferral is a specialist referral as the forms print it: what the record holds, the report's
// date nil while none is recorded.
type FormReferral struct {
	Specialty  string     `json:"specialty"`
	Reason     string     `json:"reason"`
	Facility   string     `json:"facility"` // "" when not recorded
	DueOn      time.Time  `json:"due_on"`
	Status     string     `json:"status"` // open | answered
	ReportedAt *time.Time `json:"reported_at,omitempty"`
}

// formReferrals copies the exam's referrals for its forms, oldest first.
func formReferrals(rs []Referral) []FormReferral {
	var out []FormReferral
	for _, r := range rs {
		f := FormReferral{Specialty: r.Specialty, Reason: r.Reason, Facility: r.Facility, DueOn: r.DueOn, Status: r.Status}
		if r.Status == ReferralAnswered && r.AnsweredAt != nil {
			at := *r.AnsweredAt
			f.ReportedAt = &at
		}
		out = append(out, f)
	}
	return out
}
