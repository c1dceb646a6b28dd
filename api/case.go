package api

import (
	"fmt"
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
}

type newCaseRequest struct {
	CaseNumber  string       `json:"case_number"`
	Destination string       `json:"destination"`
	Program     string       `json:"program"`
	Members     []personJSON `json:"members"`
}

type flightRequest struct {
	FlightNumber  string `json:"flight_number"`
	DepartureDate string `json:"departure_date"`
	Version       int    `json:"version"`
}

type flightJSON struct {
	Number        string `json:"number"`
	DepartureDate string `json:"departure_date"`
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
}

// caseHeadJSON is what every view of a case shows about it.
type caseHeadJSON struct {
	ID          string      `json:"id"`
	CaseNumber  string      `json:"case_number"`
	Destination string      `json:"destination"`
	Program     string      `json:"program"`
	Version     int         `json:"version"`
	Flight      *flightJSON `json:"flight"`
}

type caseJSON struct {
	caseHeadJSON
	Members []applicantJSON `json:"members"`
}

func toCaseHeadJSON(c clinic.Case) caseHeadJSON {
	h := caseHeadJSON{ID: c.ID, CaseNumber: c.CaseNumber, Destination: c.Destination, Program: c.Program, Version: c.Version}
	if c.FlightNumber != "" && c.DepartureDate != nil {
		h.Flight = &flightJSON{Number: c.FlightNumber, DepartureDate: c.DepartureDate.Format(time.DateOnly)}
	}
	return h
}

type casesResponse struct {
	Cases []caseJSON `json:"cases"`
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
		UnaccompaniedMinor: a.UnaccompaniedMinor, Adoptee: a.Adoptee, Version: a.Version}
	if a.AssessmentID != "" {
		j.AssessmentID = &a.AssessmentID
	}
	return j
}

// toCaseJSON shows a case as clinic disclosed it to the reader (clinic.Case.DisclosedTo).
func toCaseJSON(c clinic.Case) caseJSON {
	j := caseJSON{caseHeadJSON: toCaseHeadJSON(c), Members: []applicantJSON{}}
	today := time.Now().UTC()
	for _, m := range c.Members {
		j.Members = append(j.Members, toMemberJSON(m, today, c.Disclosure))
	}
	return j
}

func (r newCaseRequest) domain() (clinic.NewCase, error) {
	var p clinic.Problems
	n := clinic.NewCase{CaseNumber: r.CaseNumber, Destination: r.Destination, Program: r.Program}
	for i, m := range r.Members {
		n.Members = append(n.Members, clinic.Applicant{Surnames: m.Surnames, GivenNames: m.GivenNames,
			BirthDate: dateField(&p, fmt.Sprintf("members[%d].birth_date", i), m.BirthDate), BirthDateEstimated: m.BirthDateEstimated,
			Sex: m.Sex, Relationship: m.Relationship, Nationality: m.Nationality, CountryOfBirth: m.CountryOfBirth,
			ResidenceCountry: m.ResidenceCountry, CountriesLived: append([]string(nil), m.CountriesLived...),
			DocumentType: m.DocumentType, DocumentNumber: m.DocumentNumber, FileNumber: m.FileNumber, Phone: m.Phone,
			UnaccompaniedMinor: m.UnaccompaniedMinor, Adoptee: m.Adoptee})
	}
	return n, p.Err()
}

// createCase registers a case. A repeat with the same Idempotency-Key gets the first answer
// (see idempotent).
func (s *Server) createCase(c *gin.Context) {
	var req newCaseRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	n, err := req.domain()
	if err != nil {
		fail(c, err)
		return
	}
	created, err := s.svc.RegisterCase(c.Request.Context(), actor(c), n)
	if err != nil {
		fail(c, err)
		return
	}
	etag(c, created.Version)
	c.JSON(http.StatusCreated, toCaseJSON(created))
}

func (s *Server) searchCases(c *gin.Context) {
	cases, err := s.svc.SearchCases(c.Request.Context(), actor(c), clinic.CaseFilter{Query: c.Query("q"), Flight: c.Query("flight")})
	if err != nil {
		fail(c, err)
		return
	}
	out := casesResponse{Cases: []caseJSON{}}
	for _, cs := range cases {
		out.Cases = append(out.Cases, toCaseJSON(cs))
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) getCase(c *gin.Context) {
	cs, err := s.svc.Case(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	etag(c, cs.Version)
	c.JSON(http.StatusOK, toCaseJSON(cs))
}

func (s *Server) queueCase(c *gin.Context) {
	cs, err := s.svc.QueueCase(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCaseJSON(cs))
}

func (s *Server) setFlight(c *gin.Context) {
	var req flightRequest
	v, ifMatch, ok := bindVersioned(c, &req, &req.Version)
	if !ok {
		return
	}
	var p clinic.Problems
	var dep *time.Time
	if d := dateField(&p, "departure_date", req.DepartureDate); !d.IsZero() {
		dep = &d
	}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	cs, err := s.svc.SetFlight(c.Request.Context(), actor(c), c.Param("id"), v, req.FlightNumber, dep)
	if err != nil {
		fail(c, stale(err, ifMatch))
		return
	}
	etag(c, cs.Version)
	c.JSON(http.StatusOK, toCaseJSON(cs))
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
	c.JSON(http.StatusOK, toCaseJSON(cs))
}

// reexamine opens a new assessment for a person whose last one is signed.
func (s *Server) reexamine(c *gin.Context) {
	cs, err := s.svc.Reexamine(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCaseJSON(cs))
}
