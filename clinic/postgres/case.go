package postgres

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mhac-clinic/mhac/clinic"
)

type caseRow struct {
	ID            string `gorm:"primaryKey"`
	SiteID        string
	CaseNumber    string
	Destination   string
	Program       string
	FlightNumber  string
	DepartureDate *time.Time
	Version       int
	CreatedAt     time.Time
	DepartureTime string `gorm:"->;-:migration"` // read from the case's flight (caseColumns)
}

func (caseRow) TableName() string { return "cases" }

// caseColumns are a case's columns with the departure time of its flight ("" when the flight has
// none, or the read does not select it).
const caseColumns = `cases.*, coalesce((SELECT f.departure_time FROM flights f WHERE f.site_id = cases.site_id
	AND f.number = cases.flight_number AND f.departure_date = cases.departure_date), '') AS departure_time`

type applicantRow struct {
	ID                 string `gorm:"primaryKey"`
	CaseID             string
	SiteID             string
	Position           int
	Surnames           string
	GivenNames         string
	BirthDate          time.Time
	BirthDateEstimated bool
	Sex                string
	Relationship       string
	Nationality        string
	CountryOfBirth     string
	ResidenceCountry   string
	CountriesLived     codeArray `gorm:"type:text[]"`
	DocumentType       string
	DocumentNumber     string
	FileNumber         string
	Phone              string
	UnaccompaniedMinor bool
	Adoptee            bool
	Version            int
	CreatedAt          time.Time
	AssessmentID       *string
	State              string     `gorm:"->;-:migration"` // read from the joined assessment
	Citizenships       codeArray  `gorm:"type:text[]"`
	Stays              jsonb      `gorm:"type:jsonb"`
	Occupation         string     `gorm:"column:occupation"`
	IMEType            string     `gorm:"column:ime_type"`
	PreviousCXRDate    *time.Time `gorm:"column:previous_cxr_date"`
}

func (applicantRow) TableName() string { return "applicants" }

func caseToRow(c clinic.Case) caseRow {
	return caseRow{ID: c.ID, SiteID: c.SiteID, CaseNumber: c.CaseNumber, Destination: c.Destination,
		Program: c.Program, FlightNumber: c.FlightNumber, DepartureDate: c.DepartureDate, Version: c.Version, CreatedAt: c.CreatedAt}
}

func (r caseRow) domain(members []applicantRow) clinic.Case {
	c := clinic.Case{ID: r.ID, SiteID: r.SiteID, CaseNumber: r.CaseNumber, Destination: r.Destination,
		Program: r.Program, FlightNumber: r.FlightNumber, DepartureDate: dateUTC(r.DepartureDate), DepartureTime: r.DepartureTime,
		Version: r.Version, CreatedAt: r.CreatedAt}
	for _, m := range members {
		c.Members = append(c.Members, m.domain())
	}
	return c
}

func applicantToRow(a clinic.Applicant, pos int) applicantRow {
	r := applicantRow{ID: a.ID, CaseID: a.CaseID, SiteID: a.SiteID, Position: pos, Surnames: a.Surnames,
		GivenNames: a.GivenNames, BirthDate: a.BirthDate, BirthDateEstimated: a.BirthDateEstimated, Sex: a.Sex,
		Relationship: a.Relationship, Nationality: a.Nationality, CountryOfBirth: a.CountryOfBirth,
		ResidenceCountry: a.ResidenceCountry, CountriesLived: codeArray(a.CountriesLived), DocumentType: a.DocumentType,
		DocumentNumber: a.DocumentNumber, FileNumber: a.FileNumber, Phone: a.Phone,
		UnaccompaniedMinor: a.UnaccompaniedMinor, Adoptee: a.Adoptee, Version: a.Version, CreatedAt: a.CreatedAt}
	if r.CountriesLived == nil {
		r.CountriesLived = codeArray{}
	}
	r.Citizenships = codeArray(a.Citizenships)
	if r.Citizenships == nil {
		r.Citizenships = codeArray{}
	}
	r.Stays, r.Occupation, r.IMEType, r.PreviousCXRDate = staysToJSON(a.Stays), a.Occupation, a.IMEType, a.PreviousCXRDate
	if a.AssessmentID != "" {
		r.AssessmentID = &a.AssessmentID
	}
	return r
}

func (r applicantRow) domain() clinic.Applicant {
	a := clinic.Applicant{ID: r.ID, CaseID: r.CaseID, SiteID: r.SiteID, Surnames: r.Surnames, GivenNames: r.GivenNames,
		BirthDate: *dateUTC(&r.BirthDate), BirthDateEstimated: r.BirthDateEstimated, Sex: r.Sex, Relationship: r.Relationship,
		Nationality: r.Nationality, CountryOfBirth: r.CountryOfBirth, ResidenceCountry: r.ResidenceCountry,
		CountriesLived: []string(r.CountriesLived), DocumentType: r.DocumentType, DocumentNumber: r.DocumentNumber,
		FileNumber: r.FileNumber, Phone: r.Phone, UnaccompaniedMinor: r.UnaccompaniedMinor, Adoptee: r.Adoptee,
		Version: r.Version, CreatedAt: r.CreatedAt, State: clinic.State(r.State)}
	if r.AssessmentID != nil {
		a.AssessmentID = *r.AssessmentID
	}
	if len(r.Citizenships) > 0 {
		a.Citizenships = []string(r.Citizenships)
	}
	a.Stays, a.Occupation, a.IMEType, a.PreviousCXRDate = staysOf(r.Stays), r.Occupation, r.IMEType, dateUTC(r.PreviousCXRDate)
	return a
}

// dateUTC normalises a DATE column to 00:00 UTC of the same calendar day.
func dateUTC(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &u
}

func (t *tx) CreateCase(ctx context.Context, c *clinic.Case) error {
	row := caseToRow(*c)
	if err := t.g.Create(&row).Error; err != nil {
		return mapErr(err, "case")
	}
	for i, m := range c.Members {
		ar := applicantToRow(m, i)
		if err := t.g.Omit("State").Create(&ar).Error; err != nil {
			return mapErr(err, "applicant")
		}
	}
	return nil
}

const applicantColumns = "applicants.*, coalesce(assessments.state, '') AS state"

func (t *tx) members(caseIDs []string) (map[string][]applicantRow, error) {
	var rows []applicantRow
	err := t.g.Table("applicants").Select(applicantColumns).
		Joins("LEFT JOIN assessments ON assessments.id = applicants.assessment_id").
		Where("applicants.case_id IN ?", caseIDs).Order("applicants.case_id, applicants.position").Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err, "applicant")
	}
	out := map[string][]applicantRow{}
	for _, r := range rows {
		out[r.CaseID] = append(out[r.CaseID], r)
	}
	return out, nil
}

func (t *tx) CaseByID(ctx context.Context, siteID, id string) (clinic.Case, error) {
	var row caseRow
	if err := t.g.Table("cases").Select(caseColumns).Where("id = ? AND site_id = ?", id, siteID).Take(&row).Error; err != nil {
		return clinic.Case{}, mapErr(err, "case")
	}
	ms, err := t.members([]string{id})
	if err != nil {
		return clinic.Case{}, err
	}
	return row.domain(ms[id]), nil
}

func (t *tx) SearchCases(ctx context.Context, siteID string, f clinic.CaseFilter) ([]clinic.Case, error) {
	q := t.g.Model(&caseRow{}).Select(caseColumns).Where("site_id = ?", siteID)
	if s := strings.TrimSpace(f.Query); s != "" {
		like := "%" + strings.ToLower(escapeLike(s)) + "%"
		doc := "false"
		if f.ByDocument {
			doc = "lower(document_number) LIKE @like"
		}
		args := map[string]any{"like": like, "site": siteID}
		if utf8.RuneCountInString(s) >= 3 {
			// Three letters or more: the matches come from the trigram indexes of 0027 and
			// are then ordered, whether they are few or many.
			q = q.Where(`id IN (SELECT id FROM cases WHERE site_id = @site AND lower(case_number) LIKE @like
				UNION SELECT case_id FROM applicants WHERE site_id = @site AND
				(lower(surnames) LIKE @like OR lower(given_names) LIKE @like OR `+doc+`))`, args)
		} else {
			// One or two letters have no trigram and match most cases: walk the site's
			// cases newest first and keep the matching ones until the page is full.
			q = q.Where(`(lower(case_number) LIKE @like OR id IN (SELECT case_id FROM applicants WHERE site_id = @site AND
				(lower(surnames) LIKE @like OR lower(given_names) LIKE @like OR `+doc+`)))`, args)
		}
	}
	if f.Flight != "" {
		q = q.Where("flight_number = ?", strings.ToUpper(f.Flight))
	}
	if f.Destination != "" {
		q = q.Where("destination = ?", f.Destination)
	}
	if f.After != nil {
		q = q.Where("(created_at, id) < (?, ?)", f.After.CreatedAt, f.After.ID)
	}
	var rows []caseRow
	if err := q.Order("created_at DESC, id DESC").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "case")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	ms, err := t.members(ids)
	if err != nil {
		return nil, err
	}
	out := make([]clinic.Case, len(rows))
	for i, r := range rows {
		out[i] = r.domain(ms[r.ID])
	}
	return out, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (t *tx) SetCurrentAssessment(ctx context.Context, applicantID, assessmentID string) error {
	return mapErr(t.g.Exec("UPDATE applicants SET assessment_id = ? WHERE id = ?", assessmentID, applicantID).Error, "applicant")
}

func (t *tx) ApplicantByID(ctx context.Context, siteID, id string) (clinic.Applicant, error) {
	var row applicantRow
	err := t.g.Table("applicants").Select(applicantColumns).
		Joins("LEFT JOIN assessments ON assessments.id = applicants.assessment_id").
		Where("applicants.id = ? AND applicants.site_id = ?", id, siteID).Take(&row).Error
	if err != nil {
		return clinic.Applicant{}, mapErr(err, "person")
	}
	return row.domain(), nil
}

func (t *tx) UpdateApplicant(ctx context.Context, a *clinic.Applicant, expected int) error {
	r := applicantToRow(*a, 0)
	res := t.g.Model(&applicantRow{}).Where("id = ? AND version = ?", a.ID, expected).Updates(map[string]any{
		"surnames": r.Surnames, "given_names": r.GivenNames, "birth_date": r.BirthDate, "birth_date_estimated": r.BirthDateEstimated,
		"sex": r.Sex, "relationship": r.Relationship, "nationality": r.Nationality, "country_of_birth": r.CountryOfBirth,
		"residence_country": r.ResidenceCountry, "countries_lived": r.CountriesLived, "document_type": r.DocumentType,
		"document_number": r.DocumentNumber, "file_number": r.FileNumber, "phone": r.Phone,
		"unaccompanied_minor": r.UnaccompaniedMinor, "adoptee": r.Adoptee, "citizenships": r.Citizenships, "stays": r.Stays,
		"occupation": r.Occupation, "ime_type": r.IMEType, "previous_cxr_date": r.PreviousCXRDate, "version": expected + 1})
	if res.Error != nil {
		return mapErr(res.Error, "person")
	}
	if res.RowsAffected == 0 {
		return clinic.Conflict("person", expected)
	}
	a.Version = expected + 1
	return nil
}
