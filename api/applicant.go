package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// personJSON is a person's registration details, as the registrar sends them (answers use
// applicantJSON).
type personJSON struct {
	Surnames           string   `json:"surnames"`
	GivenNames         string   `json:"given_names"`
	BirthDate          string   `json:"birth_date"`
	BirthDateEstimated bool     `json:"birth_date_estimated"`
	Sex                string   `json:"sex"`
	Relationship       string   `json:"relationship"`
	Nationality        string   `json:"nationality"`
	CountryOfBirth     string   `json:"country_of_birth"`
	ResidenceCountry   string   `json:"residence_country"`
	CountriesLived     []string `json:"countries_lived"`
	DocumentType       string   `json:"document_type"`
	DocumentNumber     string   `json:"document_number"`
	FileNumber         string   `json:"file_number"`
	Phone              string   `json:"phone"`
	UnaccompaniedMinor bool     `json:"unaccompanied_minor"`
	Adoptee            bool     `json:"adoptee"`
	personFactsJSON
}

// applicantJSON is a person as the API shows them. Every role that reads cases sees the fields
// of its own; the rest of the registration only roles that clinic.DisclosureFor gives the full
// disclosure (the embedded pointer is nil, so its fields are absent, in the travel view).
type applicantJSON struct {
	ID                 string `json:"id"`
	Surnames           string `json:"surnames"`
	GivenNames         string `json:"given_names"`
	BirthDate          string `json:"birth_date"`
	BirthDateEstimated bool   `json:"birth_date_estimated"`
	FileNumber         string `json:"file_number"`
	AgeYears           int    `json:"age_years"`
	State              string `json:"state"`
	StateLabel         string `json:"state_label"`
	*registrationJSON
}

// registrationJSON is the part of a person's registration that the travel view leaves out.
type registrationJSON struct {
	Sex                string   `json:"sex"`
	Relationship       string   `json:"relationship"`
	Nationality        string   `json:"nationality"`
	CountryOfBirth     string   `json:"country_of_birth"`
	ResidenceCountry   string   `json:"residence_country"`
	CountriesLived     []string `json:"countries_lived"`
	DocumentType       string   `json:"document_type"`
	DocumentNumber     string   `json:"document_number"`
	Phone              string   `json:"phone"`
	UnaccompaniedMinor bool     `json:"unaccompanied_minor"`
	Adoptee            bool     `json:"adoptee"`
	Version            int      `json:"version"`
	AssessmentID       *string  `json:"assessment_id"`
	personFactsJSON
}

// toApplicantJSON shows a person with their whole registration.
func toApplicantJSON(a clinic.Applicant, today time.Time) applicantJSON {
	return toMemberJSON(a, today, clinic.DiscloseFull)
}

// toMemberJSON shows a person as much as the disclosure allows.
func toMemberJSON(a clinic.Applicant, today time.Time, d clinic.Disclosure) applicantJSON {
	j := applicantJSON{ID: a.ID, Surnames: a.Surnames, GivenNames: a.GivenNames, BirthDate: a.BirthDate.Format(time.DateOnly),
		BirthDateEstimated: a.BirthDateEstimated, FileNumber: a.FileNumber, AgeYears: clinic.AgeOn(a.BirthDate, today),
		State: string(a.State), StateLabel: a.State.Label()}
	if j.State == "" {
		j.State, j.StateLabel = "registered", "registered, not yet in the queue"
	}
	if d != clinic.DiscloseFull {
		return j
	}
	lived := a.CountriesLived
	if lived == nil {
		lived = []string{}
	}
	j.registrationJSON = &registrationJSON{Sex: a.Sex, Relationship: a.Relationship, Nationality: a.Nationality,
		CountryOfBirth: a.CountryOfBirth, ResidenceCountry: a.ResidenceCountry, CountriesLived: lived,
		DocumentType: a.DocumentType, DocumentNumber: a.DocumentNumber, Phone: a.Phone,
		UnaccompaniedMinor: a.UnaccompaniedMinor, Adoptee: a.Adoptee, Version: a.Version, personFactsJSON: toPersonFactsJSON(a)}
	if a.AssessmentID != "" {
		j.AssessmentID = &a.AssessmentID
	}
	return j
}

type applicantRequest struct {
	personJSON
	Version int `json:"version"`
}

// updateApplicant corrects a person's registration details.
func (s *Server) updateApplicant(c *gin.Context) {
	var req applicantRequest
	v, ifMatch, ok := bindVersioned(c, &req, &req.Version)
	if !ok {
		return
	}
	n, err := newCaseRequest{Members: []personJSON{req.personJSON}}.domain()
	if err != nil {
		e := clinic.ErrorOf(err)
		for i := range e.Fields {
			e.Fields[i].Field = strings.TrimPrefix(e.Fields[i].Field, "members[0].")
		}
		fail(c, e)
		return
	}
	cs, err := s.svc.UpdateApplicant(c.Request.Context(), actor(c), c.Param("id"), v, n.Members[0])
	if err != nil {
		fail(c, stale(err, ifMatch))
		return
	}
	for _, m := range cs.Members {
		if m.ID == c.Param("id") {
			etag(c, m.Version)
		}
	}
	c.JSON(http.StatusOK, toCaseJSON(cs, actor(c)))
}

// reexamine opens a new assessment for a person whose last one is signed.
func (s *Server) reexamine(c *gin.Context) {
	cs, err := s.svc.Reexamine(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCaseJSON(cs, actor(c)))
}
