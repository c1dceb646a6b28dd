package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// personJSON is a person's registration details, as the registrar sends them and every screen
// shows them.
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
}

type applicantJSON struct {
	personJSON
	ID           string  `json:"id"`
	Version      int     `json:"version"`
	AgeYears     int     `json:"age_years"`
	AssessmentID *string `json:"assessment_id"`
	State        string  `json:"state"`
	StateLabel   string  `json:"state_label"`
}

func toPersonJSON(a clinic.Applicant) personJSON {
	lived := a.CountriesLived
	if lived == nil {
		lived = []string{}
	}
	return personJSON{Surnames: a.Surnames, GivenNames: a.GivenNames, BirthDate: a.BirthDate.Format(time.DateOnly),
		BirthDateEstimated: a.BirthDateEstimated, Sex: a.Sex, Relationship: a.Relationship, Nationality: a.Nationality,
		CountryOfBirth: a.CountryOfBirth, ResidenceCountry: a.ResidenceCountry, CountriesLived: lived,
		DocumentType: a.DocumentType, DocumentNumber: a.DocumentNumber, FileNumber: a.FileNumber, Phone: a.Phone,
		UnaccompaniedMinor: a.UnaccompaniedMinor, Adoptee: a.Adoptee}
}

func toApplicantJSON(a clinic.Applicant, today time.Time) applicantJSON {
	j := applicantJSON{personJSON: toPersonJSON(a), ID: a.ID, Version: a.Version, AgeYears: clinic.AgeOn(a.BirthDate, today),
		State: string(a.State), StateLabel: a.State.Label()}
	if a.AssessmentID != "" {
		j.AssessmentID = &a.AssessmentID
	}
	if j.State == "" {
		j.State, j.StateLabel = "registered", "registered, not yet in the queue"
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
