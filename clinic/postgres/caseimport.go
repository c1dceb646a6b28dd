package postgres

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type caseImportRow struct {
	ID        string `gorm:"primaryKey"`
	SiteID    string
	UserID    string
	FileName  string
	SHA256    string `gorm:"column:sha256"`
	At        time.Time
	Cases     int
	People    int
	Unchanged int
	Errors    []byte `gorm:"type:jsonb"`
}

func (caseImportRow) TableName() string { return "case_imports" }

func (t *tx) CasesByNumbers(ctx context.Context, siteID string, numbers []string) (map[string]clinic.Case, error) {
	out := map[string]clinic.Case{}
	if len(numbers) == 0 {
		return out, nil
	}
	var rows []caseRow
	if err := t.g.Where("site_id = ? AND case_number IN ?", siteID, numbers).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "case")
	}
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	ms, err := t.members(ids)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.CaseNumber] = r.domain(ms[r.ID])
	}
	return out, nil
}

func (t *tx) ApplicantsByDocuments(ctx context.Context, siteID string, numbers []string) ([]clinic.Applicant, error) {
	if len(numbers) == 0 {
		return nil, nil
	}
	upper := make([]string, len(numbers))
	for i, n := range numbers {
		upper[i] = strings.ToUpper(n)
	}
	var rows []applicantRow
	err := t.g.Table("applicants").Select("applicants.*, '' AS state").
		Where("site_id = ? AND document_number <> '' AND upper(document_number) IN ?", siteID, upper).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "applicant")
	}
	out := make([]clinic.Applicant, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// CreateCases adds many cases and their members in batched inserts.
func (t *tx) CreateCases(ctx context.Context, cs []clinic.Case) error {
	if len(cs) == 0 {
		return nil
	}
	cases := make([]caseRow, len(cs))
	var members []applicantRow
	for i, c := range cs {
		cases[i] = caseToRow(c)
		for j, m := range c.Members {
			members = append(members, applicantToRow(m, j))
		}
	}
	if err := t.g.CreateInBatches(cases, 1000).Error; err != nil {
		return mapErr(err, "case")
	}
	if len(members) == 0 {
		return nil
	}
	return mapErr(t.g.Omit("State").CreateInBatches(members, 1000).Error, "applicant")
}

func (t *tx) RecordImport(ctx context.Context, r clinic.ImportRecord) error {
	errs := r.Summary.Errors
	if errs == nil {
		errs = []clinic.ImportProblem{}
	}
	b, err := json.Marshal(errs)
	if err != nil {
		return clinic.Internal(err, "encode import problems")
	}
	row := caseImportRow{ID: r.ID, SiteID: r.SiteID, UserID: r.UserID, FileName: r.FileName, SHA256: r.SHA256, At: r.At,
		Cases: r.Summary.Cases, People: r.Summary.People, Unchanged: r.Summary.Unchanged, Errors: b}
	return mapErr(t.g.Create(&row).Error, "import")
}
