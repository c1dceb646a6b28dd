package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type workItemJSON struct {
	AssessmentID string    `json:"assessment_id"`
	ApplicantID  string    `json:"applicant_id"`
	Name         string    `json:"name"`
	AgeYears     int       `json:"age_years"`
	Estimated    bool      `json:"birth_date_estimated"`
	Sex          string    `json:"sex"`
	CaseNumber   string    `json:"case_number"`
	Destination  string    `json:"destination"`
	Program      string    `json:"program"`
	State        string    `json:"state"`
	StateLabel   string    `json:"state_label"`
	Pending      []string  `json:"pending"`
	WaitingSince time.Time `json:"waiting_since"`
	Version      int       `json:"version"`
	// IdentityHold is the identity mismatch holding the person, with why; null when none.
	IdentityHold *identityCheckJSON `json:"identity_hold"`
	Critical     int                `json:"critical"` // critical lab results not acknowledged (physician's worklist)
}

func (s *Server) worklist(c *gin.Context) {
	st := clinic.Station(c.Query("station"))
	var p clinic.Problems
	limit := queryLimit(c, &p)
	if p.Err() != nil {
		fail(c, p.Err())
		return
	}
	page, err := s.svc.Worklist(c.Request.Context(), actor(c), st, c.Query("cursor"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	out := []workItemJSON{}
	for _, it := range page.Items {
		out = append(out, workItemJSON{AssessmentID: it.Assessment.ID, ApplicantID: it.Applicant.ID,
			Name: it.Applicant.FullName(), AgeYears: clinic.AgeOn(it.Applicant.BirthDate, it.Assessment.ExamDate),
			Estimated: it.Applicant.BirthDateEstimated, Sex: it.Applicant.Sex, CaseNumber: it.Case.CaseNumber,
			Destination: it.Case.Destination, Program: it.Case.Program, State: string(it.Assessment.State),
			StateLabel: it.Assessment.State.Label(), Pending: nonNil(it.Pending), WaitingSince: it.Waiting, Version: it.Assessment.Version,
			IdentityHold: identityCheckPtr(it.IdentityHold), Critical: it.Critical})
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}
