package postgres

import (
	"context"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// PanelForms lists the applicants bound for one country that have valid forms, with those forms.
func (t *tx) PanelForms(ctx context.Context, f clinic.PanelFilter) ([]clinic.PanelRow, error) {
	cq := t.g.Model(&caseRow{}).Where("destination = ?", f.Country)
	if f.Flight != "" {
		cq = cq.Where("flight_number = ?", strings.ToUpper(f.Flight))
	}
	if f.From != nil {
		cq = cq.Where("departure_date >= ?", *f.From)
	}
	if f.To != nil {
		cq = cq.Where("departure_date <= ?", *f.To)
	}
	cq = cq.Where(`EXISTS (SELECT 1 FROM forms WHERE forms.assessment_id IN
		(SELECT id FROM assessments WHERE assessments.case_id = cases.id) AND forms.status = 'valid')`)
	var cases []caseRow
	if err := cq.Order("departure_date NULLS LAST, case_number").Limit(f.Limit).Find(&cases).Error; err != nil {
		return nil, mapErr(err, "case")
	}
	if len(cases) == 0 {
		return nil, nil
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	members, err := t.members(ids)
	if err != nil {
		return nil, err
	}
	var forms []formRow
	if err := t.g.Where("status IN ('valid','superseded','revoked') AND destination = ? AND assessment_id IN (SELECT id FROM assessments WHERE case_id IN ?)",
		f.Country, ids).Order("created_at, form_type").Find(&forms).Error; err != nil {
		return nil, mapErr(err, "form")
	}
	byApplicant := map[string][]clinic.Form{}
	for _, fr := range forms {
		byApplicant[fr.ApplicantID] = append(byApplicant[fr.ApplicantID], fr.domain())
	}
	notDone, err := t.notDone(forms)
	if err != nil {
		return nil, err
	}
	var out []clinic.PanelRow
	for _, c := range cases {
		for _, m := range members[c.ID] {
			a := m.domain()
			if len(byApplicant[a.ID]) == 0 {
				continue
			}
			out = append(out, clinic.PanelRow{ApplicantID: a.ID, Name: a.FullName(), BirthDate: a.BirthDate,
				Estimated: a.BirthDateEstimated, Sex: a.Sex, CaseNumber: c.CaseNumber, Program: c.Program,
				FlightNumber: c.FlightNumber, DepartureDate: dateUTC(c.DepartureDate), State: a.State, Forms: byApplicant[a.ID],
				NotDone: notDone[a.ID]})
		}
	}
	return out, nil
}

// notDone reads, per applicant, the steps their signed assessments were signed without.
func (t *tx) notDone(forms []formRow) (map[string][]clinic.DeferredStep, error) {
	var ids []string
	for _, f := range forms {
		ids = append(ids, f.AssessmentID)
	}
	out := map[string][]clinic.DeferredStep{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ApplicantID string
		Signoff     jsonb
	}
	if err := t.g.Raw("SELECT applicant_id, signoff FROM assessments WHERE id IN ? AND signoff IS NOT NULL", ids).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "assessment")
	}
	for _, r := range rows {
		so, err := fromJSON[clinic.Signoff](r.Signoff)
		if err != nil {
			return nil, err
		}
		if so != nil {
			out[r.ApplicantID] = append(out[r.ApplicantID], so.Deferred...)
		}
	}
	return out, nil
}
