package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// identityCheckJSON is one station's identity check.
type identityCheckJSON struct {
	ID           string  `json:"id"`
	Station      string  `json:"station"`
	StationLabel string  `json:"station_label"`
	Outcome      string  `json:"outcome"`
	Reason       string  `json:"reason"`
	By           string  `json:"by"`
	At           string  `json:"at"`
	ResolvedBy   string  `json:"resolved_by"`
	ResolvedAt   *string `json:"resolved_at"`
	Resolution   string  `json:"resolution"`
}

// identityJSON is the chart's identity section.
type identityJSON struct {
	HasPhoto bool                `json:"has_photo"`
	Hold     *identityCheckJSON  `json:"hold"`
	Checks   []identityCheckJSON `json:"checks"`
}

type identityHoldJSON struct {
	Check        identityCheckJSON `json:"check"`
	AssessmentID string            `json:"assessment_id"`
	ApplicantID  string            `json:"applicant_id"`
	Person       string            `json:"person"`
	CaseID       string            `json:"case_id"`
	CaseNumber   string            `json:"case_number"`
}

type identityCheckRequest struct {
	Station string `json:"station"`
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
}

type identityResolveRequest struct {
	Resolution string `json:"resolution"`
}

func toIdentityCheckJSON(c clinic.IdentityCheck) identityCheckJSON {
	j := identityCheckJSON{ID: c.ID, Station: string(c.Station), StationLabel: c.Station.Label(), Outcome: c.Outcome, Reason: c.Reason,
		By: c.ByName, At: c.At.UTC().Format(time.RFC3339), ResolvedBy: c.ResolvedName, Resolution: c.Resolution}
	if c.ResolvedAt != nil {
		s := c.ResolvedAt.UTC().Format(time.RFC3339)
		j.ResolvedAt = &s
	}
	return j
}

func identityCheckPtr(c *clinic.IdentityCheck) *identityCheckJSON {
	if c == nil {
		return nil
	}
	j := toIdentityCheckJSON(*c)
	return &j
}

func toIdentityJSON(ch clinic.Chart) identityJSON {
	out := identityJSON{HasPhoto: ch.HasPhoto, Hold: identityCheckPtr(ch.IdentityHold()), Checks: []identityCheckJSON{}}
	for _, c := range ch.IdentityChecks {
		out.Checks = append(out.Checks, toIdentityCheckJSON(c))
	}
	return out
}

func (s *Server) postIdentityCheck(c *gin.Context) {
	var req identityCheckRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	ch, err := s.svc.CheckIdentity(c.Request.Context(), actor(c), c.Param("id"), clinic.IdentityStation(req.Station), req.Outcome, req.Reason)
	s.answerChart(c, ch, err, false)
}

func (s *Server) resolveIdentity(c *gin.Context) {
	var req identityResolveRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	ic, err := s.svc.ResolveIdentityHold(c.Request.Context(), actor(c), c.Param("id"), c.Param("check"), req.Resolution)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toIdentityCheckJSON(ic))
}

func (s *Server) identityHolds(c *gin.Context) {
	holds, err := s.svc.IdentityHolds(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := []identityHoldJSON{}
	for _, h := range holds {
		out = append(out, identityHoldJSON{Check: toIdentityCheckJSON(h.Check), AssessmentID: h.Check.AssessmentID,
			ApplicantID: h.Check.ApplicantID, Person: h.Person, CaseID: h.CaseID, CaseNumber: h.CaseNumber})
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}
