package postgres

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

// assessmentRow keeps the sections that are written whole (history, vitals, classification,
// sign-off, PEC) as JSON columns; results and addenda, which only grow, have tables of their own.
type assessmentRow struct {
	ID              string `gorm:"primaryKey"`
	ApplicantID     string
	CaseID          string
	SiteID          string
	State           string
	ExamDate        time.Time
	ProtocolID      string
	ProtocolVersion string
	Version         int
	QueuedAt        time.Time
	UpdatedAt       time.Time
	History         jsonb
	Vitals          jsonb
	Findings        jsonb
	Classification  jsonb
	Signoff         jsonb
	PEC             jsonb `gorm:"column:pec"`
	MentalHealth    jsonb
}

func (assessmentRow) TableName() string { return "assessments" }

type resultRow struct {
	ID           int64 `gorm:"primaryKey"`
	AssessmentID string
	Step         string
	Value        jsonb
	Unit         string
	RecordedBy   string
	ByName       string
	RecordedAt   time.Time
}

func (resultRow) TableName() string { return "results" }

type addendumRow struct {
	ID           string `gorm:"primaryKey"`
	AssessmentID string
	Text         string
	ByUser       string
	ByName       string
	At           time.Time
}

func (addendumRow) TableName() string { return "addenda" }

// resultValue is how a result's value is kept: one of the three shapes.
type resultValue struct {
	Text   string   `json:"text,omitempty"`
	List   []string `json:"list,omitempty"`
	Number *float64 `json:"number,omitempty"`
	// Collected: the last sputum specimen's collection (results fed by the lab).
	Collected *time.Time `json:"collected,omitempty"`
}

func assessmentToRow(a clinic.Assessment) (assessmentRow, error) {
	r := assessmentRow{ID: a.ID, ApplicantID: a.ApplicantID, CaseID: a.CaseID, SiteID: a.SiteID, State: string(a.State),
		ExamDate: a.ExamDate, ProtocolID: a.ProtocolID, ProtocolVersion: a.ProtocolVersion, Version: a.Version,
		QueuedAt: a.QueuedAt, UpdatedAt: a.UpdatedAt}
	var errs [7]error
	r.History, errs[0] = toJSON(a.History)
	r.Vitals, errs[1] = toJSON(a.Vitals)
	r.Findings, errs[2] = toJSON(&a.Findings)
	r.Classification, errs[3] = toJSON(a.Classification)
	r.Signoff, errs[4] = toJSON(a.Signoff)
	r.PEC, errs[5] = toJSON(a.PEC)
	r.MentalHealth, errs[6] = toJSON(a.MentalHealth)
	for _, err := range errs {
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

func (r assessmentRow) domain(results []resultRow, addenda []addendumRow) (clinic.Assessment, error) {
	a := clinic.Assessment{ID: r.ID, ApplicantID: r.ApplicantID, CaseID: r.CaseID, SiteID: r.SiteID,
		State: clinic.State(r.State), ExamDate: *dateUTC(&r.ExamDate), ProtocolID: r.ProtocolID,
		ProtocolVersion: r.ProtocolVersion, Version: r.Version, QueuedAt: r.QueuedAt, UpdatedAt: r.UpdatedAt}
	var errs [7]error
	a.History, errs[0] = fromJSON[clinic.History](r.History)
	a.Vitals, errs[1] = fromJSON[clinic.Vitals](r.Vitals)
	f, err := fromJSON[clinic.Findings](r.Findings)
	if f != nil {
		a.Findings = *f
	}
	errs[2] = err
	a.Classification, errs[3] = fromJSON[clinic.Classification](r.Classification)
	a.Signoff, errs[4] = fromJSON[clinic.Signoff](r.Signoff)
	a.PEC, errs[5] = fromJSON[clinic.PEC](r.PEC)
	a.MentalHealth, errs[6] = fromJSON[clinic.MentalHealth](r.MentalHealth)
	for _, err := range errs {
		if err != nil {
			return a, err
		}
	}
	for _, rr := range results {
		var v resultValue
		if err := json.Unmarshal(rr.Value, &v); err != nil {
			return a, err
		}
		a.Results = append(a.Results, clinic.Result{Step: rr.Step, Text: v.Text, List: v.List, Number: v.Number,
			Collected: derefTime(v.Collected), Unit: rr.Unit, RecordedBy: rr.RecordedBy, ByName: rr.ByName, RecordedAt: rr.RecordedAt})
	}
	for _, ad := range addenda {
		a.Addenda = append(a.Addenda, clinic.Addendum{ID: ad.ID, Text: ad.Text, By: ad.ByUser, ByName: ad.ByName, At: ad.At})
	}
	return a, nil
}

func (t *tx) CreateAssessment(ctx context.Context, a *clinic.Assessment) error {
	row, err := assessmentToRow(*a)
	if err != nil {
		return clinic.Internal(err, "encode assessment")
	}
	return mapErr(t.g.Create(&row).Error, "assessment")
}

func (t *tx) AssessmentByID(ctx context.Context, siteID, id string, forUpdate bool) (clinic.Assessment, error) {
	var row assessmentRow
	q := t.g.Where("id = ? AND site_id = ?", id, siteID)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&row).Error; err != nil {
		return clinic.Assessment{}, mapErr(err, "assessment")
	}
	var results []resultRow
	if err := t.g.Where("assessment_id = ?", id).Order("id").Find(&results).Error; err != nil {
		return clinic.Assessment{}, mapErr(err, "result")
	}
	var addenda []addendumRow
	if err := t.g.Where("assessment_id = ?", id).Order("at").Find(&addenda).Error; err != nil {
		return clinic.Assessment{}, mapErr(err, "addendum")
	}
	a, err := row.domain(results, addenda)
	if err != nil {
		return a, clinic.Internal(err, "decode assessment")
	}
	return a, nil
}

func (t *tx) SaveAssessment(ctx context.Context, a *clinic.Assessment, expected int) error {
	row, err := assessmentToRow(*a)
	if err != nil {
		return clinic.Internal(err, "encode assessment")
	}
	res := t.g.Model(&assessmentRow{}).Where("id = ? AND version = ?", a.ID, expected).Updates(map[string]any{
		"state": row.State, "version": expected + 1, "updated_at": row.UpdatedAt, "history": row.History,
		"vitals": row.Vitals, "findings": row.Findings, "classification": row.Classification,
		"signoff": row.Signoff, "pec": row.PEC, "mental_health": row.MentalHealth})
	if res.Error != nil {
		return mapErr(res.Error, "assessment")
	}
	if res.RowsAffected == 0 {
		return clinic.Conflict("assessment", expected)
	}
	a.Version = expected + 1
	return nil
}

// derefTime is the time a pointer holds, zero for nil.
func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func (t *tx) AddResult(ctx context.Context, assessmentID string, r clinic.Result) error {
	rv := resultValue{Text: r.Text, List: r.List, Number: r.Number}
	if !r.Collected.IsZero() {
		c := r.Collected.UTC()
		rv.Collected = &c
	}
	v, err := json.Marshal(rv)
	if err != nil {
		return clinic.Internal(err, "encode result")
	}
	row := resultRow{AssessmentID: assessmentID, Step: r.Step, Value: v, Unit: r.Unit, RecordedBy: r.RecordedBy,
		ByName: r.ByName, RecordedAt: r.RecordedAt}
	return mapErr(t.g.Create(&row).Error, "result")
}

func (t *tx) AddAddendum(ctx context.Context, assessmentID string, ad clinic.Addendum) error {
	row := addendumRow{ID: ad.ID, AssessmentID: assessmentID, Text: ad.Text, ByUser: ad.By, ByName: ad.ByName, At: ad.At}
	return mapErr(t.g.Create(&row).Error, "addendum")
}
