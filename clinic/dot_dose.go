package clinic

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// RecordDOTDose ticks one day of the course: the observer saw the dose swallowed. A dose entered
// after its day has ended is marked late (and audited like every dose); a late dose names when it
// was observed.
//
// Errors: forbidden, not_found, conflict (a stale version), locked (signed), invalid_state (no course, or the course is completed), validation (a day or time the course does not allow, a day already observed).
func (s *Service) RecordDOTDose(ctx context.Context, a Actor, id string, version int, d DOTDose) (Chart, error) {
	if err := a.May(PermObserveDOT); err != nil {
		return Chart{}, err
	}
	d.Note = strings.TrimSpace(d.Note)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.dot_dose", func(tx Tx, ch *Chart, now time.Time) error {
		c, err := openCourse(ch)
		if err != nil {
			return err
		}
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		today := site.Today(now)
		var p Problems
		switch {
		case d.Day.IsZero():
			p.Add("day", "required", "Enter the day of the dose.")
		case d.Day.Before(c.StartOn):
			p.Add("day", "before_start", "The course starts on "+c.StartOn.Format(time.DateOnly)+".")
		case d.Day.After(today):
			p.Add("day", "in_future", "A dose is ticked once it is swallowed, not before its day.")
		case c.doseOn(d.Day) != nil:
			p.Add("day", "already_observed", "The dose of "+d.Day.Format(time.DateOnly)+" is already ticked by "+c.doseOn(d.Day).ObservedName+".")
		case c.Observed() >= c.DosesNeeded:
			p.Add("day", "course_complete", "Every dose of the course is observed; complete the course.")
		}
		d.Late = d.Day.Before(today)
		switch {
		case d.ObservedAt.IsZero() && d.Late:
			p.Add("observed_at", "required", "A dose entered late says when it was observed.")
		case d.ObservedAt.IsZero():
			d.ObservedAt = now
		case d.ObservedAt.After(now.Add(5 * time.Minute)):
			p.Add("observed_at", "in_future", "The time is after now.")
		case !d.Day.IsZero() && !site.Today(d.ObservedAt).Equal(d.Day):
			p.Add("observed_at", "other_day", "The time is not on "+d.Day.Format(time.DateOnly)+" at this site.")
		}
		textField(&p, "note", d.Note, 500, false)
		if err := p.Err(); err != nil {
			return err
		}
		d.ID, d.CourseID = NewID(), c.ID
		d.ObservedBy, d.ObservedName, d.RecordedAt = a.UserID, a.Name, now
		return tx.AddDOTDose(ctx, d)
	})
}

// RecordDOTAdverseEvent records a side effect reported during the course.
//
// Errors: forbidden, not_found, conflict (a stale version), locked (signed), invalid_state (no course), validation (a day, severity or description the record does not allow).
func (s *Service) RecordDOTAdverseEvent(ctx context.Context, a Actor, id string, version int, e DOTAdverseEvent) (Chart, error) {
	if err := a.May(PermObserveDOT); err != nil {
		return Chart{}, err
	}
	e.Severity, e.Description, e.Action = strings.TrimSpace(e.Severity), strings.TrimSpace(e.Description), strings.TrimSpace(e.Action)
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.dot_adverse_event", func(tx Tx, ch *Chart, now time.Time) error {
		if ch.DOT == nil {
			return Errorf(EInvalidState, "No course of treatment under observation is started.")
		}
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		var p Problems
		switch {
		case e.Day.IsZero():
			p.Add("day", "required", "Enter the day it began.")
		case e.Day.Before(ch.DOT.StartOn):
			p.Add("day", "before_start", "The course starts on "+ch.DOT.StartOn.Format(time.DateOnly)+".")
		case e.Day.After(site.Today(now)):
			p.Add("day", "in_future", "The day is after today.")
		}
		if !contains(DOTSeverities, e.Severity) {
			p.Add("severity", "not_allowed", "Use one of "+strings.Join(DOTSeverities, ", ")+".")
		}
		textField(&p, "description", e.Description, 1000, true)
		textField(&p, "action", e.Action, 500, false)
		if err := p.Err(); err != nil {
			return err
		}
		e.ID, e.CourseID = NewID(), ch.DOT.ID
		e.RecordedBy, e.RecordedName, e.RecordedAt = a.UserID, a.Name, now
		return tx.AddDOTAdverseEvent(ctx, e)
	})
}

// CompleteDOT ends the course once every dose is observed. Completion records the finding
// "completed TB treatment under direct observation at this clinic", which the rule files read to
// release the travel hold (US: Class A becomes Class B0).
//
// Errors: forbidden, not_found, conflict (a stale version), locked (signed), invalid_state (no course, or already completed), validation (doses still owed).
func (s *Service) CompleteDOT(ctx context.Context, a Actor, id string, version int) (Chart, error) {
	if err := a.May(PermStartDOT); err != nil {
		return Chart{}, err
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.dot_complete", func(tx Tx, ch *Chart, now time.Time) error {
		c, err := openCourse(ch)
		if err != nil {
			return err
		}
		if left := c.DosesNeeded - c.Observed(); left > 0 {
			return (&Problems{{Field: "doses", Code: "doses_outstanding",
				Message: strconv.Itoa(left) + " of the " + strconv.Itoa(c.DosesNeeded) + " doses are not observed yet."}}).Err()
		}
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		ch.Assessment.Findings.CompletedPanelDOT = true
		return tx.CompleteDOTCourse(ctx, c.ID, site.Today(now), a.Name)
	})
}

func openCourse(ch *Chart) (*DOTCourse, error) {
	switch {
	case ch.DOT == nil:
		return nil, Errorf(EInvalidState, "No course of treatment under observation is started.")
	case ch.DOT.Status != DOTActive:
		return nil, Errorf(EInvalidState, "The course was completed on %s.", ch.DOT.CompletedOn.Format(time.DateOnly))
	}
	return ch.DOT, nil
}

var dotCursor = regexp.MustCompile(`^[0-9a-f-]{36}$`)

// DOTDue lists the people of the actor's site whose dose of a day is not observed: on a past day
// these are the missed doses; today, the doses still to observe. day zero means today.
//
// Errors: forbidden, validation (a day after today, a bad cursor or limit).
func (s *Service) DOTDue(ctx context.Context, a Actor, day time.Time, after string, limit int) (Page[DOTDueItem], error) {
	if err := a.May(PermObserveDOT); err != nil {
		return Page[DOTDueItem]{}, err
	}
	var p Problems
	if after != "" && !dotCursor.MatchString(after) {
		p.Add("after", "invalid", "Use the next value of the previous page.")
	}
	if limit < 1 || limit > 500 {
		p.Add("limit", "out_of_range", "Use a limit from 1 to 500.")
	}
	var out Page[DOTDueItem]
	err := s.store.Tx(ctx, func(tx Tx) error {
		sites, err := tx.Sites(ctx)
		if err != nil {
			return err
		}
		today := s.clock.Now().UTC().Truncate(24 * time.Hour)
		for _, st := range sites {
			if st.ID == a.SiteID {
				today = st.Today(s.clock.Now())
			}
		}
		if day.IsZero() {
			day = today
		} else if day.After(today) {
			p.Add("day", "in_future", "The day is after today.")
		}
		if err := p.Err(); err != nil {
			return err
		}
		items, err := tx.DOTDue(ctx, a.SiteID, day, after, limit+1)
		if err != nil {
			return err
		}
		if len(items) > limit {
			out = Page[DOTDueItem]{Items: items[:limit], Next: items[limit-1].AssessmentID}
		} else {
			out = Page[DOTDueItem]{Items: items}
		}
		return tx.Audit(ctx, s.audit(a, "dot.due.read", "site", a.SiteID))
	})
	return out, err
}
