package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type newCaseRequest struct {
	CaseNumber  string       `json:"case_number"`
	Destination string       `json:"destination"`
	Program     string       `json:"program"`
	Members     []personJSON `json:"members"`
	// Duplicates are the registrar's decisions on the possible duplicates shown before saving.
	Duplicates []duplicateChoiceJSON `json:"duplicates,omitempty"`
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
	Members []memberJSON `json:"members"`
	// Can lists what the logged-in user may do on the case (clinic.Case.Can).
	Can []string `json:"can"`
}

// memberJSON is one person of a case, with what the logged-in user may do on them.
type memberJSON struct {
	applicantJSON
	Can []string `json:"can"`
}

func toCaseHeadJSON(c clinic.Case) caseHeadJSON {
	h := caseHeadJSON{ID: c.ID, CaseNumber: c.CaseNumber, Destination: c.Destination, Program: c.Program, Version: c.Version}
	if c.FlightNumber != "" && c.DepartureDate != nil {
		h.Flight = &flightJSON{Number: c.FlightNumber, DepartureDate: c.DepartureDate.Format(time.DateOnly)}
	}
	return h
}

// toCaseJSON shows a case as clinic disclosed it to the reader (clinic.Case.DisclosedTo).
func toCaseJSON(c clinic.Case, a clinic.Actor) caseJSON {
	j := caseJSON{caseHeadJSON: toCaseHeadJSON(c), Members: []memberJSON{}, Can: permNames(c.Can(a))}
	today := time.Now().UTC()
	for _, m := range c.Members {
		j.Members = append(j.Members, memberJSON{applicantJSON: toMemberJSON(m, today, c.Disclosure), Can: permNames(m.Can(a))})
	}
	return j
}

// permNames turns permissions into their wire names.
func permNames(ps []clinic.Permission) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	return out
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
		m.personFactsJSON.domain(&p, fmt.Sprintf("members[%d].", i), &n.Members[i])
	}
	n.Duplicates = duplicateChoices(&p, r.Duplicates, len(r.Members))
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
	c.JSON(http.StatusCreated, toCaseJSON(created, actor(c)))
}

func (s *Server) searchCases(c *gin.Context) {
	f, err := caseFilter(c)
	if err != nil {
		fail(c, err)
		return
	}
	page, err := s.svc.SearchCases(c.Request.Context(), actor(c), f)
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]caseJSON, len(page.Items))
	for i, cs := range page.Items {
		out[i] = toCaseJSON(cs, actor(c))
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}

func (s *Server) getCase(c *gin.Context) {
	cs, err := s.svc.Case(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	etag(c, cs.Version)
	c.JSON(http.StatusOK, toCaseJSON(cs, actor(c)))
}

func (s *Server) queueCase(c *gin.Context) {
	cs, err := s.svc.QueueCase(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCaseJSON(cs, actor(c)))
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
	c.JSON(http.StatusOK, toCaseJSON(cs, actor(c)))
}
