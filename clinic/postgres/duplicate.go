package postgres

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// nameKey is the stored name key of migration 0014 (applicants.name_key), indexed for similarity
// by migration 0021.
const nameKey = "applicants.name_key"

type duplicateRow struct {
	ID         string
	CaseNumber string
	Match      string
	Similarity float64
	HasPhoto   bool
}

func (t *tx) FindDuplicates(ctx context.Context, siteID string, q clinic.DuplicateQuery, limit int) ([]clinic.DuplicateCandidate, error) {
	byDoc := q.DocumentNumber != ""
	byName := !q.BirthDate.IsZero() && (q.Surnames != "" || q.GivenNames != "")
	if !byDoc && !byName {
		return nil, nil
	}
	// Each way of matching is its own indexed query: the document number (applicants_document),
	// and the birth-date window with the name key's trigrams (applicants_name_trgm, migration
	// 0021), whose % operator reads the threshold set here for this transaction only.
	var parts []string
	if byDoc {
		parts = append(parts, `SELECT id FROM applicants WHERE site_id = @site AND document_number <> '' AND upper(document_number) = upper(@doc)`)
	}
	if byName {
		if err := t.g.Exec("SELECT set_config('pg_trgm.similarity_threshold', ?, true)", strconv.FormatFloat(clinic.DuplicateNameSimilarity, 'f', -1, 64)).Error; err != nil {
			return nil, mapErr(err, "applicant")
		}
		parts = append(parts, `SELECT id FROM applicants WHERE site_id = @site AND birth_date BETWEEN @from AND @to AND `+nameKey+` % mhac_name_key(@name)`)
	}
	params := map[string]any{"site": siteID, "doc": q.DocumentNumber, "name": q.Surnames + " " + q.GivenNames,
		"from": q.BirthDate.AddDate(-1, 0, 0), "to": q.BirthDate.AddDate(1, 0, 0), "limit": limit}
	var rows []duplicateRow
	err := t.g.Raw(`WITH found AS (`+strings.Join(parts, " UNION ")+`)
		SELECT applicants.id, cases.case_number,
		CASE WHEN @doc <> '' AND upper(applicants.document_number) = upper(@doc) THEN 'same_document' ELSE 'similar_name' END AS match,
		similarity(`+nameKey+`, mhac_name_key(@name)) AS similarity,
		EXISTS (SELECT 1 FROM applicant_photos p WHERE p.applicant_id = applicants.id AND p.replaced_at IS NULL) AS has_photo
		FROM found JOIN applicants ON applicants.id = found.id JOIN cases ON cases.id = applicants.case_id
		ORDER BY (@doc <> '' AND upper(applicants.document_number) = upper(@doc)) DESC, similarity DESC, applicants.created_at DESC, applicants.id
		LIMIT @limit`, params).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "applicant")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var people []applicantRow
	if err := t.g.Where("id IN ?", ids).Find(&people).Error; err != nil {
		return nil, mapErr(err, "applicant")
	}
	byID := make(map[string]applicantRow, len(people))
	for _, p := range people {
		byID[p.ID] = p
	}
	out := make([]clinic.DuplicateCandidate, len(rows))
	for i, r := range rows {
		out[i] = clinic.DuplicateCandidate{Person: byID[r.ID].domain(), CaseNumber: r.CaseNumber, Match: r.Match,
			Similarity: r.Similarity, HasPhoto: r.HasPhoto}
	}
	return out, nil
}

type duplicateDecisionRow struct {
	ApplicantID string `gorm:"primaryKey"`
	OtherID     string `gorm:"primaryKey"`
	Decision    string
	Reason      string
	Match       string
	DecidedBy   string
	DecidedAt   time.Time
}

func (duplicateDecisionRow) TableName() string { return "applicant_duplicates" }

func (t *tx) AddDuplicateDecision(ctx context.Context, d clinic.DuplicateDecision) error {
	row := duplicateDecisionRow{ApplicantID: d.ApplicantID, OtherID: d.OtherID, Decision: d.Decision, Reason: d.Reason,
		Match: d.Match, DecidedBy: d.By, DecidedAt: d.At}
	return mapErr(t.g.Create(&row).Error, "duplicate decision")
}
