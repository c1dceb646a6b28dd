package api

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// dotJSON is the chart's course of treatment under observation, with its calendar.
type dotJSON struct {
	Regimen     string            `json:"regimen"`
	WeightKg    float64           `json:"weight_kg"`
	StartOn     string            `json:"start_on"`
	PlannedEnd  string            `json:"planned_end"`
	ExpectedEnd string            `json:"expected_end"` // the planned end pushed back by missed doses
	DosesNeeded int               `json:"doses_needed"`
	Observed    int               `json:"observed"`
	Drugs       []clinic.DOTDrug  `json:"drugs"`
	Basis       string            `json:"basis"`
	Source      sourceJSON        `json:"source"`
	Reason      string            `json:"reason"`
	Status      string            `json:"status"` // active | completed
	CompletedOn string            `json:"completed_on,omitempty"`
	CompletedBy string            `json:"completed_by,omitempty"`
	StartedBy   string            `json:"started_by"`
	Today       string            `json:"today"`
	Missed      []string          `json:"missed"` // days before today with no observed dose
	Calendar    []dotDayJSON      `json:"calendar"`
	Events      []dotEventJSON    `json:"adverse_events"`
	Followups   []dotFollowupJSON `json:"followups"`
	FollowupSrc sourceJSON        `json:"followup_source"`
}

type dotDayJSON struct {
	Day        string     `json:"day"`
	Status     string     `json:"status"` // observed | missed | due | upcoming | not_needed
	ObservedBy string     `json:"observed_by,omitempty"`
	ObservedAt *time.Time `json:"observed_at,omitempty"`
	RecordedAt *time.Time `json:"recorded_at,omitempty"`
	Late       bool       `json:"late"`
	Note       string     `json:"note,omitempty"`
}

type dotEventJSON struct {
	Day         string    `json:"day"`
	Severity    string    `json:"severity"`
	Description string    `json:"description"`
	Action      string    `json:"action"`
	RecordedBy  string    `json:"recorded_by"`
	RecordedAt  time.Time `json:"recorded_at"`
}

type dotFollowupJSON struct {
	Due  string `json:"due"`
	What string `json:"what"`
}

func toDOTJSON(c *clinic.DOTCourse) *dotJSON {
	if c == nil {
		return nil
	}
	_, source := clinic.DOTRegimens()
	j := &dotJSON{Regimen: c.Regimen, WeightKg: c.WeightKg, StartOn: day(c.StartOn), PlannedEnd: day(c.PlannedEnd),
		ExpectedEnd: day(c.ExpectedEnd(c.Today)), DosesNeeded: c.DosesNeeded, Observed: c.Observed(), Drugs: c.Drugs,
		Basis: c.Basis, Source: src(source), Reason: c.Reason, Status: c.Status, CompletedBy: c.CompletedBy,
		StartedBy: c.StartedName, Today: day(c.Today), Missed: []string{}, Calendar: []dotDayJSON{},
		Events: []dotEventJSON{}, Followups: []dotFollowupJSON{}, FollowupSrc: src(clinic.DOTFollowupSource())}
	if c.CompletedOn != nil {
		j.CompletedOn = day(*c.CompletedOn)
	}
	for _, m := range c.Missed(c.Today) {
		j.Missed = append(j.Missed, day(m))
	}
	for _, d := range c.Calendar(c.Today) {
		dj := dotDayJSON{Day: day(d.Day), Status: d.Status}
		if d.Dose != nil {
			at, rec := d.Dose.ObservedAt, d.Dose.RecordedAt
			dj.ObservedBy, dj.ObservedAt, dj.RecordedAt, dj.Late, dj.Note = d.Dose.ObservedName, &at, &rec, d.Dose.Late, d.Dose.Note
		}
		j.Calendar = append(j.Calendar, dj)
	}
	for _, e := range c.Events {
		j.Events = append(j.Events, dotEventJSON{Day: day(e.Day), Severity: e.Severity, Description: e.Description,
			Action: e.Action, RecordedBy: e.RecordedName, RecordedAt: e.RecordedAt})
	}
	for _, f := range c.Followups() {
		j.Followups = append(j.Followups, dotFollowupJSON{Due: day(f.Due), What: f.What})
	}
	return j
}

func day(t time.Time) string { return t.Format(time.DateOnly) }
