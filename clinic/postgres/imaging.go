package postgres

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"

	"github.com/mhac-clinic/mhac/clinic"
)

// studyRow is one imaging study.
type studyRow struct {
	ID                string `gorm:"primaryKey"`
	SiteID            string
	AssessmentID      string
	ApplicantID       string
	Accession         string
	Step              string
	Rule              string
	Reason            string
	Source            string
	Form              string
	OrderedBy         string
	OrderedByName     string
	OrderedAt         time.Time
	PregnancyAsked    bool
	Pregnancy         string
	PregnancyBy       *string
	PregnancyByName   string
	PregnancyAt       *time.Time
	Status            string
	SecondRead        string
	Final             string
	FinalAt           *time.Time
	TurnaroundSeconds *int64
	Version           int
}

func (studyRow) TableName() string { return "imaging_studies" }

func studyToRow(s clinic.ImagingStudy) studyRow {
	r := studyRow{ID: s.ID, SiteID: s.SiteID, AssessmentID: s.AssessmentID, ApplicantID: s.ApplicantID,
		Accession: s.Accession, Step: s.Step, Rule: s.Rule, Reason: s.Reason, Source: s.Source, Form: s.Form,
		OrderedBy: s.OrderedBy, OrderedByName: s.OrderedByName, OrderedAt: s.OrderedAt, PregnancyAsked: s.PregnancyAsked,
		Pregnancy: s.Pregnancy, PregnancyByName: s.PregnancyByName, PregnancyAt: s.PregnancyAt, Status: s.Status,
		SecondRead: s.SecondRead, Final: s.Final, FinalAt: s.FinalAt, TurnaroundSeconds: s.TurnaroundSeconds, Version: s.Version}
	if s.PregnancyBy != "" {
		by := s.PregnancyBy
		r.PregnancyBy = &by
	}
	return r
}

func (r studyRow) domain() clinic.ImagingStudy {
	return clinic.ImagingStudy{ID: r.ID, SiteID: r.SiteID, AssessmentID: r.AssessmentID, ApplicantID: r.ApplicantID,
		Accession: r.Accession, Step: r.Step, Rule: r.Rule, Reason: r.Reason, Source: r.Source, Form: r.Form,
		OrderedBy: r.OrderedBy, OrderedByName: r.OrderedByName, OrderedAt: r.OrderedAt.UTC(), PregnancyAsked: r.PregnancyAsked,
		Pregnancy: r.Pregnancy, PregnancyBy: deref(r.PregnancyBy), PregnancyByName: r.PregnancyByName,
		PregnancyAt: utcPtr(r.PregnancyAt), Status: r.Status, SecondRead: r.SecondRead, Final: r.Final,
		FinalAt: utcPtr(r.FinalAt), TurnaroundSeconds: r.TurnaroundSeconds, Version: r.Version}
}

// readingRow is one reading of a study.
type readingRow struct {
	ID           string `gorm:"primaryKey"`
	StudyID      string
	Seq          int
	Kind         string
	Form         string
	Findings     jsonb
	Grade        string
	Result       string
	Remarks      string
	Participants string
	ReportID     *string
	ReportedBy   string
	ReaderID     string
	ReaderName   string
	ReadAt       time.Time
}

func (readingRow) TableName() string { return "imaging_readings" }

func readingToRow(r clinic.ImagingReading) (readingRow, error) {
	findings := r.Findings
	if findings == nil {
		findings = []string{}
	}
	f, err := json.Marshal(findings)
	if err != nil {
		return readingRow{}, err
	}
	row := readingRow{ID: r.ID, StudyID: r.StudyID, Seq: r.Seq, Kind: r.Kind, Form: r.Form, Findings: f, Grade: r.Grade,
		Result: r.Result, Remarks: r.Remarks, Participants: r.Participants, ReportedBy: r.ReportedBy,
		ReaderID: r.ReaderID, ReaderName: r.ReaderName, ReadAt: r.ReadAt}
	if r.ReportID != "" {
		id := r.ReportID
		row.ReportID = &id
	}
	return row, nil
}

func (r readingRow) domain() (clinic.ImagingReading, error) {
	out := clinic.ImagingReading{ID: r.ID, StudyID: r.StudyID, Seq: r.Seq, Kind: r.Kind, Form: r.Form, Grade: r.Grade,
		Result: r.Result, Remarks: r.Remarks, Participants: r.Participants, ReportID: deref(r.ReportID),
		ReportedBy: r.ReportedBy, ReaderID: r.ReaderID, ReaderName: r.ReaderName, ReadAt: r.ReadAt.UTC()}
	if err := json.Unmarshal(r.Findings, &out.Findings); err != nil {
		return out, err
	}
	return out, nil
}

// reportRow is one teleradiology report matched to a study.
type reportRow struct {
	ID         string `gorm:"primaryKey"`
	StudyID    string
	ControlID  string
	Accession  string
	Status     string
	Reader     string
	ReadAt     time.Time
	Report     string
	File       string
	ReceivedAt time.Time
}

func (reportRow) TableName() string { return "radiology_reports" }

func (r reportRow) domain() clinic.RadiologyReport {
	return clinic.RadiologyReport{ID: r.ID, StudyID: r.StudyID, ControlID: r.ControlID, Accession: r.Accession,
		Status: r.Status, Reader: r.Reader, ReadAt: r.ReadAt.UTC(), Report: r.Report, File: r.File, ReceivedAt: r.ReceivedAt.UTC()}
}

// importErrorRow is one message that could not be imported.
type importErrorRow struct {
	ID         string `gorm:"primaryKey"`
	File       string
	ControlID  string
	Accession  string
	Reason     string
	Message    string
	ReceivedAt time.Time
}

func (importErrorRow) TableName() string { return "radiology_import_errors" }

func (t *tx) NextImagingAccession(ctx context.Context) (int64, error) {
	var n int64
	err := t.g.Raw("SELECT nextval('imaging_accession_seq')").Scan(&n).Error
	return n, mapErr(err, "accession number")
}

func (t *tx) CreateStudy(ctx context.Context, st *clinic.ImagingStudy) error {
	row := studyToRow(*st)
	return mapErr(t.g.Create(&row).Error, "imaging study")
}

func (t *tx) StudyByID(ctx context.Context, siteID, id string, forUpdate bool) (clinic.ImagingStudy, error) {
	q := t.g.Where("id = ? AND site_id = ?", id, siteID)
	if forUpdate {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row studyRow
	if err := q.Take(&row).Error; err != nil {
		return clinic.ImagingStudy{}, mapErr(err, "imaging study")
	}
	return t.studyWithParts(row)
}

func (t *tx) StudyByAccession(ctx context.Context, accession string) (clinic.ImagingStudy, error) {
	var row studyRow
	err := t.g.Clauses(clause.Locking{Strength: "UPDATE"}).Where("accession = ?", accession).Take(&row).Error
	if err != nil {
		return clinic.ImagingStudy{}, mapErr(err, "imaging study")
	}
	return row.domain(), nil
}

// studyWithParts loads a study's readings and reports.
func (t *tx) studyWithParts(row studyRow) (clinic.ImagingStudy, error) {
	st := row.domain()
	var readings []readingRow
	if err := t.g.Where("study_id = ?", st.ID).Order("seq").Find(&readings).Error; err != nil {
		return st, mapErr(err, "imaging reading")
	}
	for _, r := range readings {
		d, err := r.domain()
		if err != nil {
			return st, clinic.Internal(err, "decode reading")
		}
		st.Readings = append(st.Readings, d)
	}
	var reports []reportRow
	if err := t.g.Where("study_id = ?", st.ID).Order("received_at, id").Find(&reports).Error; err != nil {
		return st, mapErr(err, "radiology report")
	}
	for _, r := range reports {
		st.Reports = append(st.Reports, r.domain())
	}
	return st, nil
}

func (t *tx) StudiesOf(ctx context.Context, assessmentID string) ([]clinic.ImagingStudy, error) {
	var rows []studyRow
	if err := t.g.Where("assessment_id = ?", assessmentID).Order("ordered_at, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "imaging study")
	}
	out := make([]clinic.ImagingStudy, 0, len(rows))
	for _, r := range rows {
		st, err := t.studyWithParts(r)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func (t *tx) SaveStudy(ctx context.Context, st *clinic.ImagingStudy, expected int) error {
	row := studyToRow(*st)
	res := t.g.Model(&studyRow{}).Where("id = ? AND version = ?", st.ID, expected).Updates(map[string]any{
		"pregnancy": row.Pregnancy, "pregnancy_by": row.PregnancyBy, "pregnancy_by_name": row.PregnancyByName,
		"pregnancy_at": row.PregnancyAt, "status": row.Status, "second_read": row.SecondRead, "final": row.Final,
		"final_at": row.FinalAt, "turnaround_seconds": row.TurnaroundSeconds, "version": expected + 1})
	if res.Error != nil {
		return mapErr(res.Error, "imaging study")
	}
	if res.RowsAffected == 0 {
		return clinic.Conflict("imaging study", expected)
	}
	st.Version = expected + 1
	return nil
}

func (t *tx) AddReading(ctx context.Context, r clinic.ImagingReading) error {
	row, err := readingToRow(r)
	if err != nil {
		return clinic.Internal(err, "encode reading")
	}
	return mapErr(t.g.Create(&row).Error, "imaging reading")
}

// worklistRow is a study's id with its person's names.
type worklistRow struct {
	ID         string
	Surnames   string
	GivenNames string
}

func (t *tx) RadiologyWorklist(ctx context.Context, siteID string, statuses []string, limit int) ([]clinic.ImagingStudy, error) {
	var rows []worklistRow
	err := t.g.Raw(`SELECT s.id, p.surnames, p.given_names FROM imaging_studies s JOIN applicants p ON p.id = s.applicant_id
		WHERE s.site_id = ? AND s.status IN ? ORDER BY s.ordered_at, s.id LIMIT ?`, siteID, statuses, limit).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "imaging study")
	}
	out := make([]clinic.ImagingStudy, 0, len(rows))
	for _, r := range rows {
		st, err := t.StudyByID(ctx, siteID, r.ID, false)
		if err != nil {
			return nil, err
		}
		st.Surnames, st.GivenNames = r.Surnames, r.GivenNames
		out = append(out, st)
	}
	return out, nil
}

func (t *tx) AddRadiologyReport(ctx context.Context, r clinic.RadiologyReport) (bool, error) {
	row := reportRow{ID: r.ID, StudyID: r.StudyID, ControlID: r.ControlID, Accession: r.Accession, Status: r.Status,
		Reader: r.Reader, ReadAt: r.ReadAt, Report: r.Report, File: r.File, ReceivedAt: r.ReceivedAt}
	res := t.g.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, mapErr(res.Error, "radiology report")
	}
	return res.RowsAffected == 1, nil
}

func (t *tx) AddImportError(ctx context.Context, e clinic.RadiologyImportError) error {
	row := importErrorRow(e)
	return mapErr(t.g.Create(&row).Error, "radiology import error")
}

func (t *tx) ImportErrors(ctx context.Context, limit int) ([]clinic.RadiologyImportError, error) {
	var rows []importErrorRow
	if err := t.g.Order("received_at DESC, id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "radiology import error")
	}
	out := make([]clinic.RadiologyImportError, len(rows))
	for i, r := range rows {
		r.ReceivedAt = r.ReceivedAt.UTC()
		out[i] = clinic.RadiologyImportError(r)
	}
	return out, nil
}

func (t *tx) SecondReadPercent(ctx context.Context, siteID string) (int, error) {
	var pct int
	err := t.g.Raw("SELECT second_read_percent FROM sites WHERE id = ?", siteID).Scan(&pct).Error
	return pct, mapErr(err, "site")
}

func (t *tx) SetSecondReadPercent(ctx context.Context, siteID string, percent int) error {
	res := t.g.Exec("UPDATE sites SET second_read_percent = ? WHERE id = ?", percent, siteID)
	if res.Error != nil {
		return mapErr(res.Error, "site")
	}
	if res.RowsAffected == 0 {
		return clinic.NotFound("site")
	}
	return nil
}
