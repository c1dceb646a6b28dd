package api

import (
	"encoding/base64"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/mhac-clinic/mhac/clinic"
)

type referralRequest struct {
	Version       int    `json:"version"`
	Specialty     string `json:"specialty"` // e.g. "Pulmonology", "Cardiology"
	Reason        string `json:"reason"`
	Facility      string `json:"facility"`
	Urgency       string `json:"urgency"` // routine | urgent
	DueOn         string `json:"due_on"`  // YYYY-MM-DD
	Rule          string `json:"rule"`    // the rule that asked for it; "" for the physician's own decision
	BlocksSignoff bool   `json:"blocks_signoff"`
}

type referralAnswerRequest struct {
	Version int    `json:"version"`
	Report  string `json:"report"`
	PDF     string `json:"pdf"` // the specialist's report as base64 PDF (at most 512 KiB), "" when none
}

// referralJSON is one referral on the chart or in the physician's list.
type referralJSON struct {
	ID            string     `json:"id"`
	AssessmentID  string     `json:"assessment_id"`
	Specialty     string     `json:"specialty"`
	Reason        string     `json:"reason"`
	Facility      string     `json:"facility"`
	Urgency       string     `json:"urgency"`
	DueOn         string     `json:"due_on"`
	Rule          string     `json:"rule"`
	BlocksSignoff bool       `json:"blocks_signoff"`
	Status        string     `json:"status"` // open | answered
	Report        string     `json:"report"`
	HasPDF        bool       `json:"has_pdf"`
	AnsweredAt    *time.Time `json:"answered_at"`
	AnsweredBy    string     `json:"answered_by"`
	CreatedBy     string     `json:"created_by"`
	CreatedAt     time.Time  `json:"created_at"`
	CaseNumber    string     `json:"case_number,omitempty"`
	Name          string     `json:"name,omitempty"`
	Overdue       bool       `json:"overdue"`
}

func toReferralJSON(r clinic.Referral) referralJSON {
	return referralJSON{ID: r.ID, AssessmentID: r.AssessmentID, Specialty: r.Specialty, Reason: r.Reason, Facility: r.Facility,
		Urgency: r.Urgency, DueOn: day(r.DueOn), Rule: r.Rule, BlocksSignoff: r.BlocksSignoff, Status: r.Status,
		Report: r.Report, HasPDF: r.HasPDF, AnsweredAt: r.AnsweredAt, AnsweredBy: r.AnsweredName, CreatedBy: r.CreatedName,
		CreatedAt: r.CreatedAt}
}

func toReferralsJSON(rs []clinic.Referral) []referralJSON {
	out := []referralJSON{}
	for _, r := range rs {
		out = append(out, toReferralJSON(r))
	}
	return out
}

func (s *Server) postReferral(c *gin.Context) {
	var req referralRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var p clinic.Problems
		due := dateField(&p, "due_on", req.DueOn)
		if err := p.Err(); err != nil {
			return clinic.Chart{}, err
		}
		return s.svc.Refer(c.Request.Context(), actor(c), c.Param("id"), v, clinic.ReferralInput{Specialty: req.Specialty,
			Reason: req.Reason, Facility: req.Facility, Urgency: req.Urgency, DueOn: due, Rule: req.Rule, BlocksSignoff: req.BlocksSignoff})
	})
}

func (s *Server) postReferralAnswer(c *gin.Context) {
	var req referralAnswerRequest
	write(s, c, &req, &req.Version, func(v int) (clinic.Chart, error) {
		var pdf []byte
		if req.PDF != "" {
			if base64.StdEncoding.DecodedLen(len(req.PDF)) > clinic.MaxReferralPDF+3 {
				return clinic.Chart{}, (&clinic.Problems{{Field: "pdf", Code: "too_large", Message: "A report PDF has at most 512 KiB."}}).Err()
			}
			b, err := base64.StdEncoding.DecodeString(req.PDF)
			if err != nil {
				return clinic.Chart{}, (&clinic.Problems{{Field: "pdf", Code: "invalid", Message: "Send the PDF as base64."}}).Err()
			}
			pdf = b
		}
		return s.svc.AnswerReferral(c.Request.Context(), actor(c), c.Param("id"), v, c.Param("rid"), req.Report, pdf)
	})
}

func (s *Server) referralReport(c *gin.Context) {
	pdf, err := s.svc.ReferralReport(c.Request.Context(), actor(c), c.Param("rid"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Disposition", `inline; filename="referral-report.pdf"`)
	c.Data(http.StatusOK, "application/pdf", pdf)
}

// referrals lists the site's open referrals, soonest due first (?overdue=1: only those past due).
func (s *Server) referrals(c *gin.Context) {
	var p clinic.Problems
	limit := 100
	if n := queryLimit(c, &p); n > 0 {
		limit = n
	}
	overdue := false
	switch c.Query("overdue") {
	case "", "0", "false":
	case "1", "true":
		overdue = true
	default:
		p.Add("overdue", "not_allowed", "Use overdue=1 or leave it out.")
	}
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	page, err := s.svc.OpenReferrals(c.Request.Context(), actor(c), overdue, c.Query("cursor"), limit)
	if err != nil {
		fail(c, err)
		return
	}
	out := []referralJSON{}
	for _, it := range page.Items {
		j := toReferralJSON(it.Referral)
		j.CaseNumber, j.Name, j.Overdue = it.CaseNumber, it.Name, it.Overdue
		out = append(out, j)
	}
	c.JSON(http.StatusOK, listOf(out, page.Next))
}
