package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// panelKey is the panel list's order; the index cases_panel (migration 0006) holds it per
// destination, so a page is read from the index from its cursor on.
const panelKey = "coalesce(c.departure_date, 'infinity'::date), c.case_number, c.id"

// PanelForms lists one page of the applicants bound for one country that have issued forms,
// with those forms. A case is listed when one of its assessments has a valid form for the
// case's destination: the case's has_valid_form, which the forms' triggers keep, read through
// the partial index cases_panel_ready from the cursor on. The forms of the page's people are
// then read through forms_applicant.
func (t *tx) PanelForms(ctx context.Context, f clinic.PanelFilter) ([]clinic.PanelRow, bool, error) {
	// has_valid_form (migration 0026, kept by the forms' triggers): the case has a valid form for
	// its destination now; the partial index cases_panel_ready holds those in the list's order.
	cq := t.g.Table("cases c").Select("c.*").Where("c.destination = ? AND c.has_valid_form", f.Country)
	if f.Flight != "" {
		cq = cq.Where("c.flight_number = ?", strings.ToUpper(f.Flight))
	}
	if f.From != nil {
		cq = cq.Where("c.departure_date >= ?", *f.From)
	}
	if f.To != nil {
		cq = cq.Where("c.departure_date <= ?", *f.To)
	}
	if k := f.After; k != nil {
		dep := "infinity" // a case without a departure date sorts last
		if k.DepartureDate != nil {
			dep = k.DepartureDate.Format(time.DateOnly)
		}
		cq = cq.Where("("+panelKey+") > (?::date, ?, ?::uuid)", dep, k.CaseNumber, k.CaseID)
	}
	var cases []caseRow
	if err := cq.Order(panelKey).Limit(f.Limit + 1).Find(&cases).Error; err != nil {
		return nil, false, mapErr(err, "case")
	}
	more := len(cases) > f.Limit
	if more {
		cases = cases[:f.Limit]
	}
	if len(cases) == 0 {
		return nil, false, nil
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	members, err := t.members(ids)
	if err != nil {
		return nil, false, err
	}
	var people []string
	for _, c := range cases {
		for _, m := range members[c.ID] {
			people = append(people, m.ID)
		}
	}
	var forms []formRow
	err = t.g.Where("applicant_id IN ? AND destination = ? AND status IN ('valid','superseded','revoked')", people, f.Country).
		Order("created_at, form_type").Find(&forms).Error
	if err != nil {
		return nil, false, mapErr(err, "form")
	}
	byApplicant := map[string][]clinic.Form{}
	for _, fr := range forms {
		byApplicant[fr.ApplicantID] = append(byApplicant[fr.ApplicantID], fr.domain())
	}
	notDone, err := t.notDone(forms)
	if err != nil {
		return nil, false, err
	}
	var out []clinic.PanelRow
	for _, c := range cases {
		for _, m := range members[c.ID] {
			a := m.domain()
			if len(byApplicant[a.ID]) == 0 {
				continue
			}
			out = append(out, clinic.PanelRow{CaseID: c.ID, ApplicantID: a.ID, Name: a.FullName(), BirthDate: a.BirthDate,
				Estimated: a.BirthDateEstimated, Sex: a.Sex, CaseNumber: c.CaseNumber, Program: c.Program,
				FlightNumber: c.FlightNumber, DepartureDate: dateUTC(c.DepartureDate), State: a.State, Forms: byApplicant[a.ID],
				NotDone: notDone[a.ID]})
		}
	}
	return out, more, nil
}

// notDone reads, per applicant, the steps their signed assessments were signed without.
func (t *tx) notDone(forms []formRow) (map[string][]clinic.DeferredStep, error) {
	var ids []string
	seen := map[string]bool{}
	for _, f := range forms {
		if !seen[f.AssessmentID] {
			seen[f.AssessmentID] = true
			ids = append(ids, f.AssessmentID)
		}
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
