package postgres

import (
	"context"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// SignedAssessments lists the signed assessments with a valid form that match the filter,
// oldest sign-off first. The sign-off time is read from the signoff JSON the assessment row
// keeps; the date range compares its UTC calendar date.
func (t *tx) SignedAssessments(ctx context.Context, f clinic.ExportFilter) ([]string, error) {
	q := t.g.WithContext(ctx).Table("assessments AS a").Select("a.id").
		Joins("JOIN cases AS c ON c.id = a.case_id").
		Where("a.signoff IS NOT NULL").
		Where("EXISTS (SELECT 1 FROM forms WHERE forms.assessment_id = a.id AND forms.status = 'valid')")
	if f.Flight != "" {
		q = q.Where("c.flight_number = ?", strings.ToUpper(f.Flight))
	}
	if f.Country != "" {
		q = q.Where("c.destination = ?", f.Country)
	}
	if f.SiteID != "" {
		q = q.Where("a.site_id = ?", f.SiteID)
	}
	signed := "((a.signoff->>'At')::timestamptz AT TIME ZONE 'UTC')::date"
	if f.From != nil {
		q = q.Where(signed+" >= ?::date", f.From.Format("2006-01-02"))
	}
	if f.To != nil {
		q = q.Where(signed+" <= ?::date", f.To.Format("2006-01-02"))
	}
	var ids []string
	err := q.Order("(a.signoff->>'At')::timestamptz, a.id").Limit(f.Limit).Pluck("a.id", &ids).Error
	if err != nil {
		return nil, mapErr(err, "assessment")
	}
	return ids, nil
}
