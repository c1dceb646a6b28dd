package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Counselling is one counselling session at an examination: before an HIV test, or when a result
// is disclosed (HIV, or a result that changes travel: TB, syphilis, a Class A condition).
type Counselling struct {
	ID              string
	AssessmentID    string
	ApplicantID     string
	SiteID          string
	Topic           string // hiv | tb | syphilis | class_a
	Stage           string // pre_test | post_test
	Language        string // ISO 639 code of the language it was held in
	Interpreter     bool
	ResultDisclosed bool   // post_test: the result was told to the person
	Referral        string // post_test: the referral made, "" when none
	Notes           string
	Counsellor      string
	CounsellorName  string
	At              time.Time
}

// CounsellingTopics and CounsellingStages are the values a record may take.
var (
	CounsellingTopics = []string{"hiv", "tb", "syphilis", "class_a"}
	CounsellingStages = []string{"pre_test", "post_test"}
)

// The protocol step codes counselling records complete (protocol-contract.md, "Additions 2026-12",
// and the step added with the consent rules).
const (
	// StepHIVCounselling is HIV pre-test counselling, and post-test counselling once there is a
	// result.
	StepHIVCounselling = "hiv_counselling"
	// StepResultDisclosure is the disclosure of a result that changes travel (TB, syphilis, Class
	// A), with counselling and referral.
	StepResultDisclosure = "result_disclosure"
)

// CounsellingStore holds counselling records.
type CounsellingStore interface {
	AddCounselling(ctx context.Context, c Counselling) error
	// CounsellingOf lists the counselling of one assessment, oldest first.
	CounsellingOf(ctx context.Context, assessmentID string) ([]Counselling, error)
	// CounsellingOfMany is CounsellingOf for a page of assessments, by assessment.
	CounsellingOfMany(ctx context.Context, assessmentIDs []string) (map[string][]Counselling, error)
}

func checkCounselling(c *Counselling) error {
	var p Problems
	c.Topic, c.Stage = strings.TrimSpace(c.Topic), strings.TrimSpace(c.Stage)
	c.Language = strings.ToLower(strings.TrimSpace(c.Language))
	c.Referral, c.Notes = strings.TrimSpace(c.Referral), strings.TrimSpace(c.Notes)
	if !oneOf(c.Topic, CounsellingTopics) {
		p.Add("topic", "not_allowed", "Choose one of: "+strings.Join(CounsellingTopics, ", ")+".")
	}
	if !oneOf(c.Stage, CounsellingStages) {
		p.Add("stage", "not_allowed", "Choose one of: "+strings.Join(CounsellingStages, ", ")+".")
	}
	if c.Stage == "pre_test" && c.Topic != "" && c.Topic != "hiv" {
		p.Add("stage", "not_allowed", "Pre-test counselling is recorded for HIV; for TB, syphilis or a Class A condition record the disclosure (post-test).")
	}
	if c.Stage == "pre_test" && (c.ResultDisclosed || c.Referral != "") {
		p.Add("result_disclosed", "not_allowed", "Before the test there is no result to disclose or refer for.")
	}
	if n := len(c.Language); n < 2 || n > 3 || strings.Trim(c.Language, "abcdefghijklmnopqrstuvwxyz") != "" {
		p.Add("language", "required", "Give the language of the session as a 2- or 3-letter code (rw, fr, en, sw, ...).")
	}
	if len(c.Referral) > 1000 {
		p.Add("referral", "too_long", "At most 1000 characters.")
	}
	if len(c.Notes) > 4000 {
		p.Add("notes", "too_long", "At most 4000 characters.")
	}
	return p.Err()
}

// RecordCounselling records a counselling session at an examination. A post-test session on HIV
// needs an HIV result on record.
//
// Errors: forbidden, validation (topic, stage, language, result_disclosed, referral, notes),
// not_found, conflict (a stale version, or the Idempotency-Key), locked (signed), invalid_state.
func (s *Service) RecordCounselling(ctx context.Context, a Actor, id string, version int, c Counselling) (Chart, error) {
	if err := a.May(PermRecordCounselling); err != nil {
		return Chart{}, err
	}
	if err := checkCounselling(&c); err != nil {
		return Chart{}, err
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.counselling", func(tx Tx, ch *Chart, now time.Time) error {
		if c.Topic == "hiv" && c.Stage == "post_test" {
			if _, ok := ch.Assessment.LatestResults()["hiv"]; !ok {
				return (&Problems{{Field: "stage", Code: "no_result", Message: "There is no HIV result yet to counsel on."}}).Err()
			}
		}
		c.ID, c.AssessmentID, c.ApplicantID, c.SiteID = NewID(), id, ch.Applicant.ID, a.SiteID
		c.Counsellor, c.CounsellorName, c.At = a.UserID, a.Name, now
		ch.Counselling = append(ch.Counselling, c)
		return tx.AddCounselling(ctx, c)
	})
}

// RequireHIVTestConsent refuses an HIV result for a person without a standing consent to HIV
// testing (consent_required) or without pre-test counselling at this examination
// (counselling_required). Every path that records an HIV result calls it in its transaction.
func RequireHIVTestConsent(ctx context.Context, tx Tx, applicantID, assessmentID string) error {
	if err := requireConsent(ctx, tx, applicantID, ConsentHIVTesting, "", "an HIV result cannot be recorded"); err != nil {
		return err
	}
	cs, err := tx.CounsellingOf(ctx, assessmentID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Topic == "hiv" && c.Stage == "pre_test" {
			return nil
		}
	}
	return &Error{Code: ECounsellingRequired, Message: "HIV pre-test counselling is not recorded at this examination: an HIV result cannot be recorded before it.",
		Fields: []FieldError{{Field: "counselling.hiv.pre_test", Code: "counselling_missing", Message: "Record the HIV pre-test counselling first."}}}
}

// counsellingDone reports whether the counselling records complete a counselling step.
func counsellingDone(step string, as Assessment, cs []Counselling) bool {
	switch step {
	case StepHIVCounselling:
		pre, post := false, false
		var resultAt time.Time
		if r, ok := as.LatestResults()["hiv"]; ok {
			resultAt = r.RecordedAt
		}
		for _, c := range cs {
			if c.Topic != "hiv" {
				continue
			}
			pre = pre || c.Stage == "pre_test"
			post = post || c.Stage == "post_test" && c.ResultDisclosed && !c.At.Before(resultAt)
		}
		return pre && (resultAt.IsZero() || post)
	case StepResultDisclosure:
		for _, c := range cs {
			if c.Topic != "hiv" && c.Stage == "post_test" && c.ResultDisclosed {
				return true
			}
		}
	}
	return false
}

// counsellingPending lists the counselling steps the plan requires that the records do not
// complete yet.
func counsellingPending(ch Chart) []string {
	var out []string
	for _, step := range []string{StepHIVCounselling, StepResultDisclosure} {
		if ch.Plan.requires(step) && !counsellingDone(step, ch.Assessment, ch.Counselling) {
			out = append(out, step)
		}
	}
	return out
}

// CounsellingLabel names a counselling record in plain English.
func CounsellingLabel(c Counselling) string {
	stage := map[string]string{"pre_test": "pre-test counselling", "post_test": "post-test counselling"}[c.Stage]
	topic := map[string]string{"hiv": "HIV", "tb": "TB", "syphilis": "syphilis", "class_a": "Class A condition"}[c.Topic]
	return fmt.Sprintf("%s %s", topic, stage)
}
