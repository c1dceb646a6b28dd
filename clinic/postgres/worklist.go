package postgres

import (
	"context"

	"github.com/mhac-clinic/mhac/clinic"
)

// Worklist loads a batch of the open assessments of a site, oldest queued first (ties by id, after
// f.After when set), with their results, applicants and cases in four queries, whatever the length
// of the batch.
func (t *tx) Worklist(ctx context.Context, siteID string, f clinic.WorkFilter) ([]clinic.WorkItem, error) {
	st := make([]string, len(f.States))
	for i, s := range f.States {
		st[i] = string(s)
	}
	q := t.g.Where("site_id = ?", siteID)
	if len(st) > 0 {
		q = q.Where("state IN ?", st)
	}
	if len(f.CaseIDs) > 0 {
		q = q.Where("case_id IN ?", f.CaseIDs)
	}
	if f.Examined != nil && *f.Examined {
		q = q.Where("history IS NOT NULL AND vitals IS NOT NULL")
	} else if f.Examined != nil {
		q = q.Where("(history IS NULL OR vitals IS NULL)")
	}
	if f.After != nil {
		q = q.Where("(queued_at, id) > (?, ?)", f.After.QueuedAt, f.After.ID)
	}
	var rows []assessmentRow
	if err := q.Order("queued_at, id").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "assessment")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids, caseIDs := make([]string, len(rows)), make([]string, 0, len(rows))
	seenCase := map[string]bool{}
	for i, r := range rows {
		ids[i] = r.ID
		if !seenCase[r.CaseID] {
			seenCase[r.CaseID] = true
			caseIDs = append(caseIDs, r.CaseID)
		}
	}
	var results []resultRow
	if err := t.g.Where("assessment_id IN ?", ids).Order("id").Find(&results).Error; err != nil {
		return nil, mapErr(err, "result")
	}
	byAssessment := map[string][]resultRow{}
	for _, r := range results {
		byAssessment[r.AssessmentID] = append(byAssessment[r.AssessmentID], r)
	}
	var cases []caseRow
	if err := t.g.Table("cases").Select(caseColumns).Where("id IN ?", caseIDs).Find(&cases).Error; err != nil {
		return nil, mapErr(err, "case")
	}
	members, err := t.members(caseIDs)
	if err != nil {
		return nil, err
	}
	caseByID := map[string]clinic.Case{}
	for _, c := range cases {
		caseByID[c.ID] = c.domain(members[c.ID])
	}
	out := make([]clinic.WorkItem, 0, len(rows))
	for _, r := range rows {
		a, err := r.domain(byAssessment[r.ID], nil)
		if err != nil {
			return nil, clinic.Internal(err, "decode assessment")
		}
		it := clinic.WorkItem{Assessment: a, Case: caseByID[r.CaseID], Waiting: r.UpdatedAt}
		for _, m := range it.Case.Members {
			if m.ID == a.ApplicantID {
				it.Applicant = m
			}
		}
		out = append(out, it)
	}
	return out, nil
}
