package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type formJSON struct {
	ID           string            `json:"id"`
	FormType     string            `json:"form_type"`
	Status       clinic.FormStatus `json:"status"`
	IssuedAt     *time.Time        `json:"issued_at"`
	SHA256       string            `json:"sha256"`
	VerifyURL    string            `json:"verify_url"`
	Problem      string            `json:"problem,omitempty"`
	SupersededBy string            `json:"superseded_by,omitempty"` // the snapshot of the reissue
	RevokedAt    *time.Time        `json:"revoked_at,omitempty"`
	Revoked      string            `json:"revoked_reason,omitempty"`
}

func (s *Server) toFormJSON(f clinic.Form) formJSON {
	return formJSON{ID: f.ID, FormType: f.FormType, Status: f.Status, IssuedAt: f.IssuedAt, SHA256: f.SHA256,
		VerifyURL: s.svc.VerifyURL(f), Problem: f.Problem, SupersededBy: f.SupersededBy, RevokedAt: f.RevokedAt, Revoked: f.RevokedWhy}
}

func (s *Server) assessmentForms(c *gin.Context) {
	forms, err := s.svc.FormsOf(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	out := make([]formJSON, len(forms))
	for i, f := range forms {
		out[i] = s.toFormJSON(f)
	}
	c.JSON(http.StatusOK, listOf(out, ""))
}

func (s *Server) formPDF(c *gin.Context) {
	f, pdf, err := s.svc.FormFile(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+formFileName(f)+`"`)
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "application/pdf", pdf)
}

type revokeRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) revokeForm(c *gin.Context) {
	var req revokeRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	f, err := s.svc.RevokeForm(c.Request.Context(), actor(c), c.Param("id"), req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.toFormJSON(f))
}

// formFileName is a download name without spaces: DS-2054_<id>.pdf.
func formFileName(f clinic.Form) string {
	return safeName(f.FormType) + "_" + f.ID[:8] + ".pdf"
}
