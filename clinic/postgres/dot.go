package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// dotCourseRow is one course of TB treatment under observation; drugs is the JSON list of phases
// and daily doses fixed when it started.
type dotCourseRow struct {
	ID           string `gorm:"primaryKey"`
	AssessmentID string
	ApplicantID  string
	SiteID       string
	Regimen      string
	WeightKg     float64
	StartOn      time.Time
	PlannedEnd   time.Time
	DosesNeeded  int
	Drugs        jsonb
	Basis        string
	Reason       string
	Status       string
	CompletedOn  *time.Time
	CompletedBy  string
	StartedBy    string
	StartedName  string
	StartedAt    time.Time
}

func (dotCourseRow) TableName() string { return "dot_courses" }

type dotDoseRow struct {
	ID           string `gorm:"primaryKey"`
	CourseID     string
	Day          time.Time
	ObservedAt   time.Time
	ObservedBy   string
	ObservedName string
	RecordedAt   time.Time
	Late         bool
	Note         string
}

func (dotDoseRow) TableName() string { return "dot_doses" }

type dotEventRow struct {
	ID           string `gorm:"primaryKey"`
	CourseID     string
	Day          time.Time
	Severity     string
	Description  string
	Action       string
	RecordedBy   string
	RecordedName string
	RecordedAt   time.Time
}

func (dotEventRow) TableName() string { return "dot_adverse_events" }

func dotCourseToRow(c clinic.DOTCourse) (dotCourseRow, error) {
	drugs, err := json.Marshal(c.Drugs)
	return dotCourseRow{ID: c.ID, AssessmentID: c.AssessmentID, ApplicantID: c.ApplicantID, SiteID: c.SiteID,
		Regimen: c.Regimen, WeightKg: c.WeightKg, StartOn: c.StartOn, PlannedEnd: c.PlannedEnd, DosesNeeded: c.DosesNeeded,
		Drugs: jsonb(drugs), Basis: c.Basis, Reason: c.Reason, Status: c.Status, CompletedOn: c.CompletedOn,
		CompletedBy: c.CompletedBy, StartedBy: c.StartedBy, StartedName: c.StartedName, StartedAt: c.StartedAt}, err
}

func (r dotCourseRow) domain() (clinic.DOTCourse, error) {
	c := clinic.DOTCourse{ID: r.ID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID, SiteID: r.SiteID,
		Regimen: r.Regimen, WeightKg: r.WeightKg, StartOn: *dateUTC(&r.StartOn), PlannedEnd: *dateUTC(&r.PlannedEnd),
		DosesNeeded: r.DosesNeeded, Basis: r.Basis, Reason: r.Reason, Status: r.Status, CompletedOn: dateUTC(r.CompletedOn),
		CompletedBy: r.CompletedBy, StartedBy: r.StartedBy, StartedName: r.StartedName, StartedAt: r.StartedAt.UTC()}
	err := json.Unmarshal(r.Drugs, &c.Drugs)
	return c, err
}

func (t *tx) AddDOTCourse(ctx context.Context, c clinic.DOTCourse) error {
	row, err := dotCourseToRow(c)
	if err != nil {
		return clinic.Internal(err, "encode DOT drugs")
	}
	return mapErr(t.g.Create(&row).Error, "DOT course")
}

func (t *tx) DOTCourseOf(ctx context.Context, assessmentID string) (*clinic.DOTCourse, error) {
	var rows []dotCourseRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Limit(1).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "DOT course")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	c, err := rows[0].domain()
	if err != nil {
		return nil, clinic.Internal(err, "decode DOT drugs")
	}
	var doses []dotDoseRow
	if err := t.g.Where("course_id = ?", c.ID).Order("day").Find(&doses).Error; err != nil {
		return nil, mapErr(err, "DOT dose")
	}
	for _, d := range doses {
		c.Doses = append(c.Doses, clinic.DOTDose{ID: d.ID, CourseID: d.CourseID, Day: *dateUTC(&d.Day),
			ObservedAt: d.ObservedAt.UTC(), ObservedBy: d.ObservedBy, ObservedName: d.ObservedName,
			RecordedAt: d.RecordedAt.UTC(), Late: d.Late, Note: d.Note})
	}
	var events []dotEventRow
	if err := t.g.Where("course_id = ?", c.ID).Order("recorded_at, id").Find(&events).Error; err != nil {
		return nil, mapErr(err, "DOT adverse event")
	}
	for _, e := range events {
		c.Events = append(c.Events, clinic.DOTAdverseEvent{ID: e.ID, CourseID: e.CourseID, Day: *dateUTC(&e.Day),
			Severity: e.Severity, Description: e.Description, Action: e.Action, RecordedBy: e.RecordedBy,
			RecordedName: e.RecordedName, RecordedAt: e.RecordedAt.UTC()})
	}
	return &c, nil
}

func (t *tx) AddDOTDose(ctx context.Context, d clinic.DOTDose) error {
	row := dotDoseRow{ID: d.ID, CourseID: d.CourseID, Day: d.Day, ObservedAt: d.ObservedAt, ObservedBy: d.ObservedBy,
		ObservedName: d.ObservedName, RecordedAt: d.RecordedAt, Late: d.Late, Note: d.Note}
	return mapErr(t.g.Create(&row).Error, "DOT dose")
}

func (t *tx) AddDOTAdverseEvent(ctx context.Context, e clinic.DOTAdverseEvent) error {
	row := dotEventRow{ID: e.ID, CourseID: e.CourseID, Day: e.Day, Severity: e.Severity, Description: e.Description,
		Action: e.Action, RecordedBy: e.RecordedBy, RecordedName: e.RecordedName, RecordedAt: e.RecordedAt}
	return mapErr(t.g.Create(&row).Error, "DOT adverse event")
}

func (t *tx) CompleteDOTCourse(ctx context.Context, id string, on time.Time, by string) error {
	res := t.g.Model(&dotCourseRow{}).Where("id = ? AND status = ?", id, clinic.DOTActive).
		Updates(map[string]any{"status": clinic.DOTCompleted, "completed_on": on, "completed_by": by})
	if res.Error != nil {
		return mapErr(res.Error, "DOT course")
	}
	if res.RowsAffected != 1 {
		return clinic.NotFound("DOT course")
	}
	return nil
}

// dotDueSQL: the site's active courses under way on the day (started, not past planned end or
// still owing doses) with no dose observed on it, with the doses observed so far.
const dotDueSQL = `
SELECT c.assessment_id, cs.case_number, ap.given_names || ' ' || ap.surnames AS name, c.start_on, c.planned_end,
       c.doses_needed, (SELECT count(*) FROM dot_doses d WHERE d.course_id = c.id) AS observed
FROM dot_courses c
JOIN applicants ap ON ap.id = c.applicant_id
JOIN cases cs ON cs.id = ap.case_id
WHERE c.site_id = ? AND c.status = 'active' AND c.start_on <= ? AND c.assessment_id > ?
  AND NOT EXISTS (SELECT 1 FROM dot_doses d WHERE d.course_id = c.id AND d.day = ?)
ORDER BY c.assessment_id
LIMIT ?`

func (t *tx) DOTDue(ctx context.Context, siteID string, day time.Time, after string, limit int) ([]clinic.DOTDueItem, error) {
	if after == "" {
		after = "00000000-0000-0000-0000-000000000000"
	}
	var rows []struct {
		AssessmentID string
		CaseNumber   string
		Name         string
		StartOn      time.Time
		PlannedEnd   time.Time
		DosesNeeded  int
		Observed     int
	}
	if err := t.g.Raw(dotDueSQL, siteID, day, after, day, limit).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "DOT course")
	}
	out := make([]clinic.DOTDueItem, 0, len(rows))
	for _, r := range rows {
		out = append(out, clinic.DOTDueItem{AssessmentID: r.AssessmentID, CaseNumber: r.CaseNumber, Name: r.Name, Day: day,
			StartOn: *dateUTC(&r.StartOn), PlannedEnd: *dateUTC(&r.PlannedEnd), Observed: r.Observed, DosesNeeded: r.DosesNeeded})
	}
	return out, nil
}
