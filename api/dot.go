package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type dotStartRequest struct {
	Version  int     `json:"version"`
	Regimen  string  `json:"regimen"`   // a code of GET /api/dot/regimens
	WeightKg float64 `json:"weight_kg"` // 0: the vitals' weight
	StartOn  string  `json:"start_on"`  // YYYY-MM-DD, the day of the first dose
	Reason   string  `json:"reason"`    // the physician's decision, required when the rules found no Class A TB
}

type dotDoseRequest struct {
	Version    int    `json:"version"`
	Day        string `json:"day"`         // YYYY-MM-DD
	ObservedAt string `json:"observed_at"` // RFC 3339; "" is now (required for a past day)
	Note       string `json:"note"`
}

type dotEventRequest struct {
	Version     int    `json:"version"`
	Day         string `json:"day"`
	Severity    string `json:"severity"` // mild | moderate | severe
	Description string `json:"description"`
	Action      string `json:"action"`
}

type versionRequest struct {
	Version int `json:"version"`
}

func (s *Server) postDOT(c *gin.Context) {
	var req dotStartRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		start := dateField(&p, "start_on", req.StartOn)
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.StartDOT(c.Request.Context(), actor(c), c.Param("id"), v, clinic.DOTCourse{Regimen: req.Regimen,
			WeightKg: req.WeightKg, StartOn: start, Reason: req.Reason})
	})
}

func (s *Server) postDOTDose(c *gin.Context) {
	var req dotDoseRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		day := dateField(&p, "day", req.Day)
		at := instantField(&p, "observed_at", req.ObservedAt)
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.RecordDOTDose(c.Request.Context(), actor(c), c.Param("id"), v, clinic.DOTDose{Day: day, ObservedAt: at, Note: req.Note})
	})
}

func (s *Server) postDOTEvent(c *gin.Context) {
	var req dotEventRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		day := dateField(&p, "day", req.Day)
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.RecordDOTAdverseEvent(c.Request.Context(), actor(c), c.Param("id"), v, clinic.DOTAdverseEvent{Day: day,
			Severity: req.Severity, Description: req.Description, Action: req.Action})
	})
}

func (s *Server) postDOTComplete(c *gin.Context) {
	var req versionRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		return s.svc.CompleteDOT(c.Request.Context(), actor(c), c.Param("id"), v)
	})
}

type dotRegimenJSON struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	LabelFR string `json:"label_fr"`
	Days    int    `json:"days"`
}

type dotRegimensJSON struct {
	Regimens []dotRegimenJSON `json:"regimens"`
	Source   sourceJSON       `json:"source"`
}

func (s *Server) dotRegimens(c *gin.Context) {
	regs, source, err := s.svc.DOTRegimenList(actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := dotRegimensJSON{Regimens: []dotRegimenJSON{}, Source: src(source)}
	for _, r := range regs {
		out.Regimens = append(out.Regimens, dotRegimenJSON{Code: r.Code, Label: r.Label, LabelFR: r.LabelFR, Days: r.Days()})
	}
	c.JSON(http.StatusOK, out)
}

type dotDueJSON struct {
	AssessmentID string `json:"assessment_id"`
	CaseNumber   string `json:"case_number"`
	Name         string `json:"name"`
	Day          string `json:"day"`
	StartOn      string `json:"start_on"`
	PlannedEnd   string `json:"planned_end"`
	Observed     int    `json:"observed"`
	DosesNeeded  int    `json:"doses_needed"`
}

// dotDue lists the site's doses not observed on a day (?day=YYYY-MM-DD, today when absent).
func (s *Server) dotDue(c *gin.Context) {
	var p clinic.Problems
	var day time.Time
	if d := c.Query("day"); d != "" {
		day = dateField(&p, "day", d)
	}
	limit := 100
	if n := queryLimit(c, &p); n > 0 {
		limit = n
	}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	page, err := s.svc.DOTDue(c.Request.Context(), actor(c), day, c.Query("cursor"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	out := []dotDueJSON{}
	for _, it := range page.Items {
		out = append(out, dotDueJSON{AssessmentID: it.AssessmentID, CaseNumber: it.CaseNumber, Name: it.Name,
			Day: it.Day.Format(time.DateOnly), StartOn: it.StartOn.Format(time.DateOnly),
			PlannedEnd: it.PlannedEnd.Format(time.DateOnly), Observed: it.Observed, DosesNeeded: it.DosesNeeded})
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}
