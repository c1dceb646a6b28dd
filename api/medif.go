package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// medifJSON is one passenger's MEDIF on a flight, as the movement officer's list shows it.
type medifJSON struct {
	ApplicantID string   `json:"applicant_id"`
	CaseNumber  string   `json:"case_number"`
	Name        string   `json:"name"`
	Needs       []string `json:"needs"`
	Form        formJSON `json:"form"`
	PDF         string   `json:"pdf"` // the PDF's address, once signed
}

type medifsResponse struct {
	Items []medifJSON `json:"items"`
	Next  *string     `json:"next"`
}

func (s *Server) flightMEDIFs(c *gin.Context) {
	list, err := s.svc.FlightMEDIFs(c.Request.Context(), actor(c), c.Param("flight"))
	if err != nil {
		fail(c, err)
		return
	}
	out := medifsResponse{Items: make([]medifJSON, len(list))}
	for i, e := range list {
		out.Items[i] = medifJSON{ApplicantID: e.ApplicantID, CaseNumber: e.CaseNumber, Name: e.Name, Needs: nonNil(e.Needs),
			Form: s.toFormJSON(e.Form), PDF: "/api/flights/" + c.Param("flight") + "/medifs/" + e.Form.ID + "/pdf"}
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) medifPDF(c *gin.Context) {
	f, pdf, err := s.svc.MEDIFFile(c.Request.Context(), actor(c), c.Param("flight"), c.Param("form"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+formFileName(f)+`"`)
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "application/pdf", pdf)
}
