package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// PanelForms lists the applicants bound for one country that have valid forms, with those forms.
func (t *tx) PanelForms(ctx context.Context, f clinic.PanelFilter) ([]clinic.PanelRow, error) {
	q := t.g.Table("applicants").Select(`applicants.*, assessments.state AS state, cases.case_number, cases.program,
			cases.flight_number, cases.departure_date`).
		Joins("JOIN cases ON cases.id = applicants.case_id").
		Joins("JOIN assessments ON assessments.id = applicants.assessment_id").
		Where("cases.destination = ?", f.Country).
		Where("EXISTS (SELECT 1 FROM forms WHERE forms.applicant_id = applicants.id AND forms.status = 'valid')")
	if f.Flight != "" {
		q = q.Where("cases.flight_number = ?", strings.ToUpper(f.Flight))
	}
	if f.From != nil {
		q = q.Where("cases.departure_date >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("cases.departure_date <= ?", *f.To)
	}
	var rows []struct {
		applicantRow
		CaseNumber    string
		Program       string
		FlightNumber  string
		DepartureDate *time.Time
	}
	if err := q.Order("cases.departure_date NULLS LAST, cases.case_number, applicants.position").Limit(f.Limit).Scan(&rows).Error; err != nil {
		return nil, mapErr(err, "applicant")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var forms []formRow
	if err := t.g.Where("applicant_id IN ? AND status IN ('valid','superseded') AND destination = ?", ids, f.Country).
		Order("created_at, form_type").Find(&forms).Error; err != nil {
		return nil, mapErr(err, "form")
	}
	byApplicant := map[string][]clinic.Form{}
	for _, fr := range forms {
		byApplicant[fr.ApplicantID] = append(byApplicant[fr.ApplicantID], fr.domain())
	}
	out := make([]clinic.PanelRow, len(rows))
	for i, r := range rows {
		a := r.applicantRow.domain()
		out[i] = clinic.PanelRow{ApplicantID: a.ID, Name: a.FullName(), BirthDate: a.BirthDate, Estimated: a.BirthDateEstimated,
			Sex: a.Sex, CaseNumber: r.CaseNumber, Program: r.Program, FlightNumber: r.FlightNumber,
			DepartureDate: dateUTC(r.DepartureDate), State: a.State, Forms: byApplicant[a.ID]}
	}
	return out, nil
}
