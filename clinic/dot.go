package clinic

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Directly observed therapy (DOT): a person with TB disease takes each daily dose in front of an
// observer, who ticks the day. The regimens and doses are data (dot_regimen.go); the release of
// the travel hold is the rule files' (the US rules read findings.completed_panel_dot, which the
// completion of a course sets).

// Course statuses.
const (
	DOTActive    = "active"
	DOTCompleted = "completed"
)

// DOTSeverities are the grades of an adverse event.
var DOTSeverities = []string{"mild", "moderate", "severe"}

// OutcomeClassATB is the US rules' outcome for TB disease, which starts a course without a
// physician's stated reason.
const OutcomeClassATB = "class_a_tb"

// DOTCourse is one course of treatment under observation, for one assessment.
type DOTCourse struct {
	ID           string
	AssessmentID string
	ApplicantID  string
	SiteID       string
	Regimen      string
	WeightKg     float64
	StartOn      time.Time // a date (UTC midnight) in the site's calendar
	PlannedEnd   time.Time // the day of the last dose if none is missed
	DosesNeeded  int
	Drugs        []DOTDrug
	Basis        string // the weight bands the doses come from
	Reason       string // the physician's decision, when the rules did not find TB disease
	Status       string // DOTActive | DOTCompleted
	CompletedOn  *time.Time
	CompletedBy  string
	StartedBy    string
	StartedName  string
	StartedAt    time.Time
	Doses        []DOTDose         // by day
	Events       []DOTAdverseEvent // oldest first
	Today        time.Time         // the site's day when the chart was read
}

// DOTDrug is one phase's product and daily dose, from day FromDay to ToDay of the course.
type DOTDrug struct {
	Phase   string  `json:"phase"`
	Drug    string  `json:"drug"`
	Product string  `json:"product"`
	Dose    float64 `json:"dose"`
	Unit    string  `json:"unit"`
	FromDay int     `json:"from_day"`
	ToDay   int     `json:"to_day"`
}

// DOTDose is one day's dose, seen swallowed.
type DOTDose struct {
	ID           string
	CourseID     string
	Day          time.Time // the calendar day the dose belongs to
	ObservedAt   time.Time
	ObservedBy   string
	ObservedName string
	RecordedAt   time.Time
	Late         bool // entered after its day had ended
	Note         string
}

// DOTAdverseEvent is a side effect reported during the course.
type DOTAdverseEvent struct {
	ID           string
	CourseID     string
	Day          time.Time
	Severity     string
	Description  string
	Action       string // what was done: dose held, physician called, ...
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
}

// DOTDay is one day of the calendar.
type DOTDay struct {
	Day    time.Time
	Status string // observed | missed | due (today, not yet) | upcoming
	Dose   *DOTDose
}

// DOTFollowupDue is one sputum follow-up the course calls for.
type DOTFollowupDue struct {
	Due  time.Time
	What string
}

// DOTDueItem is one person whose dose of a day is not observed (yet), for the site's list.
type DOTDueItem struct {
	AssessmentID string
	CaseNumber   string
	Name         string
	Day          time.Time
	StartOn      time.Time
	PlannedEnd   time.Time
	Observed     int // doses observed so far
	DosesNeeded  int
}

// DOTStore holds DOT courses.
type DOTStore interface {
	AddDOTCourse(ctx context.Context, c DOTCourse) error
	// DOTCourseOf reads an assessment's course with its doses and events; nil when there is none.
	DOTCourseOf(ctx context.Context, assessmentID string) (*DOTCourse, error)
	AddDOTDose(ctx context.Context, d DOTDose) error
	AddDOTAdverseEvent(ctx context.Context, e DOTAdverseEvent) error
	CompleteDOTCourse(ctx context.Context, id string, on time.Time, by string) error
	// DOTDue lists a site's active courses that have no observed dose on day, by case number.
	DOTDue(ctx context.Context, siteID string, day time.Time, after string, limit int) ([]DOTDueItem, error)
}

// Observed counts the doses observed.
func (c DOTCourse) Observed() int { return len(c.Doses) }

func (c DOTCourse) doseOn(day time.Time) *DOTDose {
	for i := range c.Doses {
		if c.Doses[i].Day.Equal(day) {
			return &c.Doses[i]
		}
	}
	return nil
}

// Calendar lists every day from the start to the planned end (or to today, when today is later
// and the course is still open), each observed, missed, due or upcoming.
func (c DOTCourse) Calendar(today time.Time) []DOTDay {
	last := c.PlannedEnd
	if c.Status == DOTActive && today.After(last) {
		last = today
	}
	if c.CompletedOn != nil {
		last = *c.CompletedOn
		if c.PlannedEnd.After(last) {
			last = c.PlannedEnd
		}
	}
	var out []DOTDay
	for d := c.StartOn; !d.After(last); d = d.AddDate(0, 0, 1) {
		day := DOTDay{Day: d, Dose: c.doseOn(d)}
		switch {
		case day.Dose != nil:
			day.Status = "observed"
		case c.Status != DOTActive:
			day.Status = "not_needed"
		case d.Before(today):
			day.Status = "missed"
		case d.Equal(today):
			day.Status = "due"
		default:
			day.Status = "upcoming"
		}
		out = append(out, day)
	}
	return out
}

// Missed lists the days before today with no observed dose, while the course is open.
func (c DOTCourse) Missed(today time.Time) []time.Time {
	var out []time.Time
	for _, d := range c.Calendar(today) {
		if d.Status == "missed" {
			out = append(out, d.Day)
		}
	}
	return out
}

// ExpectedEnd is the planned end pushed back by the doses still owed: the day of the last dose
// if every dose from today on is observed.
func (c DOTCourse) ExpectedEnd(today time.Time) time.Time {
	left := c.DosesNeeded - c.Observed()
	if c.Status != DOTActive || left <= 0 {
		return c.PlannedEnd
	}
	from := today
	if c.doseOn(today) != nil {
		from = today.AddDate(0, 0, 1)
	}
	if c.StartOn.After(from) {
		from = c.StartOn
	}
	end := from.AddDate(0, 0, left-1)
	if end.Before(c.PlannedEnd) {
		return c.PlannedEnd
	}
	return end
}

// Followups lists the sputum checks due during the course, every so many days from the start.
func (c DOTCourse) Followups() []DOTFollowupDue {
	f := dotRegimens.Followup
	var out []DOTFollowupDue
	for d := c.StartOn.AddDate(0, 0, f.EveryDays); !d.After(c.PlannedEnd); d = d.AddDate(0, 0, f.EveryDays) {
		out = append(out, DOTFollowupDue{Due: d, What: f.What})
	}
	return out
}

// DOTFollowupSource is where the follow-up schedule comes from.
func DOTFollowupSource() Source { return dotRegimens.Followup.Source }

// StartDOT starts a course of treatment under observation: the regimen from the data file, the
// daily doses for the person's weight (the weight given, or the vitals' weight), the start day and
// the planned end. The rules' Class A TB outcome starts it; without it the physician states why.
//
// Errors: forbidden, not_found, conflict (a stale version, or a course already started), locked (signed), validation (a regimen, weight, start day or reason the course does not allow).
func (s *Service) StartDOT(ctx context.Context, a Actor, id string, version int, c DOTCourse) (Chart, error) {
	if err := a.May(PermStartDOT); err != nil {
		return Chart{}, err
	}
	c.Regimen, c.Reason = strings.TrimSpace(c.Regimen), strings.TrimSpace(c.Reason)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.dot_start", func(tx Tx, ch *Chart, now time.Time) error {
		if ch.DOT != nil {
			return Errorf(EConflict, "A course of treatment under observation was already started on %s.", ch.DOT.StartOn.Format(time.DateOnly))
		}
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		today := site.Today(now)
		if c.WeightKg == 0 && ch.Assessment.Vitals != nil {
			c.WeightKg = ch.Assessment.Vitals.WeightKg
		}
		var p Problems
		reg, ok := dotRegimen(c.Regimen)
		if !ok {
			p.Add("regimen", "unknown", "Choose one of the regimens listed.")
		}
		switch {
		case c.WeightKg <= 0:
			p.Add("weight_kg", "required", "Enter the weight (no weight is recorded in the vitals).")
		case c.WeightKg > 250:
			p.Add("weight_kg", "out_of_range", "Enter a weight of at most 250 kg.")
		}
		switch {
		case c.StartOn.IsZero():
			p.Add("start_on", "required", "Enter the day of the first dose.")
		case c.StartOn.After(today.AddDate(0, 0, 30)):
			p.Add("start_on", "too_late", "The first dose is at most 30 days from today.")
		case c.StartOn.Before(today.AddDate(-1, 0, 0)):
			p.Add("start_on", "too_early", "The first dose is at most a year before today.")
		}
		textField(&p, "reason", c.Reason, 500, false)
		if !hasOutcome(ch.Plan, OutcomeClassATB) && c.Reason == "" {
			p.Add("reason", "required", "The rules have not found TB disease: say why treatment starts.")
		}
		if ok && c.WeightKg > 0 {
			if c.Drugs, c.Basis, ok = dotDrugs(reg, c.WeightKg); !ok {
				p.Add("weight_kg", "no_band", fmt.Sprintf("The regimen's dosing table has no band for %g kg; a physician doses this person outside it.", c.WeightKg))
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		c.ID, c.AssessmentID, c.ApplicantID, c.SiteID = NewID(), ch.Assessment.ID, ch.Applicant.ID, a.SiteID
		c.DosesNeeded, c.Status = reg.Days(), DOTActive
		c.PlannedEnd = c.StartOn.AddDate(0, 0, c.DosesNeeded-1)
		c.StartedBy, c.StartedName, c.StartedAt = a.UserID, a.Name, now
		return tx.AddDOTCourse(ctx, c)
	})
}

func hasOutcome(p Plan, code string) bool {
	return contains(p.Outcome.Codes, code)
}

// dotHold tells the caseworker, in neutral words, that a course under observation holds travel
// and when it is planned to end (pushed back by missed doses): it takes the place of the
// outcome's "on hold".
func (s *Service) dotHold(ctx context.Context, tx Tx, ch *Chart, ms *MemberStatus, now time.Time) error {
	if !hasOutcome(ch.Plan, OutcomeClassATB) {
		return nil
	}
	c, err := tx.DOTCourseOf(ctx, ch.Assessment.ID)
	if err != nil || c == nil || c.Status != DOTActive {
		return err
	}
	zone := ch.Zone
	if zone == nil {
		if zone, err = siteZone(ctx, tx, ch.Assessment.SiteID); err != nil {
			return err
		}
	}
	y, m, d := now.In(zone).Date()
	end := c.ExpectedEnd(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	held := Blocker{Code: HoldUnderObservation, Earliest: &end}
	for i, h := range ms.Holds {
		if h.Code == HoldOnHold {
			ms.Holds[i] = held
			return nil
		}
	}
	ms.Holds = append(ms.Holds, held)
	return nil
}
