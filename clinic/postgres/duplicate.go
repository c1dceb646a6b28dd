package postgres

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// nameKey is the stored name key of migration 0014 (applicants.name_key).
const nameKey = "applicants.name_key"

type duplicateRow struct {
	ID         string
	CaseNumber string
	Match      string
	Similarity float64
	HasPhoto   bool
}

func (t *tx) FindDuplicates(ctx context.Context, siteID string, q clinic.DuplicateQuery, limit int) ([]clinic.DuplicateCandidate, error) {
	name := q.Surnames + " " + q.GivenNames
	var conds []string
	var args []any
	if q.DocumentNumber != "" {
		conds = append(conds, "(applicants.document_number <> '' AND upper(applicants.document_number) = upper(@doc))")
	}
	if !q.BirthDate.IsZero() && (q.Surnames != "" || q.GivenNames != "") {
		// The birth-date window (index applicants_birth) narrows first; the similarity of the stored
		// keys is then computed on those few. Common names share most trigrams, so the trigram
		// index alone would recheck thousands of rows (BENCHMARKS.md, "Duplicate search").
		conds = append(conds, "(applicants.site_id = @site AND applicants.birth_date BETWEEN @from AND @to AND similarity("+nameKey+", mhac_name_key(@name)) >= @threshold)")
	}
	if len(conds) == 0 {
		return nil, nil
	}
	where := conds[0]
	if len(conds) == 2 {
		where = conds[0] + " OR " + conds[1]
	}
	params := map[string]any{"site": siteID, "doc": q.DocumentNumber, "name": name, "threshold": clinic.DuplicateNameSimilarity,
		"from": q.BirthDate.AddDate(-1, 0, 0), "to": q.BirthDate.AddDate(1, 0, 0), "limit": limit}
	args = append(args, params)
	var rows []duplicateRow
	err := t.g.Raw(`SELECT applicants.id, cases.case_number,
		CASE WHEN @doc <> '' AND upper(applicants.document_number) = upper(@doc) THEN 'same_document' ELSE 'similar_name' END AS match,
		similarity(`+nameKey+`, mhac_name_key(@name)) AS similarity,
		EXISTS (SELECT 1 FROM applicant_photos p WHERE p.applicant_id = applicants.id AND p.replaced_at IS NULL) AS has_photo
		FROM applicants JOIN cases ON cases.id = applicants.case_id
		WHERE applicants.site_id = @site AND (`+where+`)
		ORDER BY (@doc <> '' AND upper(applicants.document_number) = upper(@doc)) DESC, similarity DESC, applicants.created_at DESC, applicants.id
		LIMIT @limit`, args...).Scan(&rows).Error
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
