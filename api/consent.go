package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type consentRequest struct {
	Purpose         string `json:"purpose"` // examination | hiv_testing | share_authority | share_agency | statistics
	Country         string `json:"country"` // share_authority: US | CA | AU | NZ
	Kind            string `json:"kind"`    // written | verbal | proxy
	Witness         string `json:"witness"`
	ProxyName       string `json:"proxy_name"`
	ProxyRelation   string `json:"proxy_relation"`
	ProxyReason     string `json:"proxy_reason"`
	Language        string `json:"language"`
	Interpreter     bool   `json:"interpreter"`
	InterpreterName string `json:"interpreter_name"`
	GivenOn         string `json:"given_on"` // YYYY-MM-DD
}

type withdrawRequest struct {
	On     string `json:"on"` // YYYY-MM-DD
	Reason string `json:"reason"`
}

type consentJSON struct {
	ID              string                `json:"id"`
	ApplicantID     string                `json:"applicant_id"`
	Purpose         string                `json:"purpose"`
	Country         string                `json:"country"`
	Label           string                `json:"label"`
	Kind            string                `json:"kind"`
	Witness         string                `json:"witness"`
	ProxyName       string                `json:"proxy_name"`
	ProxyRelation   string                `json:"proxy_relation"`
	ProxyReason     string                `json:"proxy_reason"`
	Language        string                `json:"language"`
	Interpreter     bool                  `json:"interpreter"`
	InterpreterName string                `json:"interpreter_name"`
	GivenOn         string                `json:"given_on"`
	RecordedBy      string                `json:"recorded_by"`
	RecordedAt      time.Time             `json:"recorded_at"`
	Standing        bool                  `json:"standing"`
	Withdrawn       *consentWithdrawnJSON `json:"withdrawn"`
}

type consentWithdrawnJSON struct {
	On     string    `json:"on"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

type consentsResponse struct {
	Items []consentJSON `json:"items"`
	Next  *string       `json:"next"`
}

type consentScanJSON struct {
	ID          string    `json:"id"`
	ContentType string    `json:"content_type"`
	SHA256      string    `json:"sha256"`
	Size        int       `json:"size"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

type consentScansResponse struct {
	Items []consentScanJSON `json:"items"`
	Next  *string           `json:"next"`
}

func toConsentJSON(c clinic.Consent) consentJSON {
	j := consentJSON{ID: c.ID, ApplicantID: c.ApplicantID, Purpose: c.Purpose, Country: c.Country, Label: clinic.ConsentLabel(c.Purpose, c.Country),
		Kind: c.Kind, Witness: c.Witness, ProxyName: c.ProxyName, ProxyRelation: c.ProxyRelation, ProxyReason: c.ProxyReason,
		Language: c.Language, Interpreter: c.Interpreter, InterpreterName: c.InterpreterName, GivenOn: c.GivenOn.Format(time.DateOnly),
		RecordedBy: c.RecordedName, RecordedAt: c.RecordedAt, Standing: c.Standing()}
	if w := c.Withdrawn; w != nil {
		j.Withdrawn = &consentWithdrawnJSON{On: w.On.Format(time.DateOnly), Reason: w.Reason, At: w.At}
	}
	return j
}

func toConsentScanJSON(sc clinic.ConsentScan) consentScanJSON {
	return consentScanJSON{ID: sc.ID, ContentType: sc.ContentType, SHA256: sc.SHA256, Size: sc.Size, UploadedAt: sc.UploadedAt}
}

// postConsent records one consent of a person.
func (s *Server) postConsent(c *gin.Context) {
	var req consentRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	var p clinic.Problems
	on := dateField(&p, "given_on", req.GivenOn)
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	got, err := s.svc.RecordConsent(c.Request.Context(), actor(c), clinic.Consent{ApplicantID: c.Param("id"), Purpose: req.Purpose,
		Country: req.Country, Kind: req.Kind, Witness: req.Witness, ProxyName: req.ProxyName, ProxyRelation: req.ProxyRelation,
		ProxyReason: req.ProxyReason, Language: req.Language, Interpreter: req.Interpreter, InterpreterName: req.InterpreterName, GivenOn: on})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toConsentJSON(got))
}

// listConsents lists a person's consents, withdrawn ones included, oldest first.
func (s *Server) listConsents(c *gin.Context) {
	cs, err := s.svc.ConsentsOf(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	out := consentsResponse{Items: []consentJSON{}}
	for _, x := range cs {
		out.Items = append(out.Items, toConsentJSON(x))
	}
	c.JSON(http.StatusOK, out)
}

// withdrawConsent records the withdrawal of a consent.
func (s *Server) withdrawConsent(c *gin.Context) {
	var req withdrawRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	var p clinic.Problems
	on := dateField(&p, "on", req.On)
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	got, err := s.svc.WithdrawConsent(c.Request.Context(), actor(c), c.Param("id"), on, req.Reason)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toConsentJSON(got))
}

// consentSheet answers the printable consent sheet of a person (PDF, English, French, Kinyarwanda).
func (s *Server) consentSheet(c *gin.Context) {
	b, err := s.svc.ConsentSheetPDF(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Header("Content-Disposition", `inline; filename="consent-sheet.pdf"`)
	c.Data(http.StatusOK, "application/pdf", b)
}

// postConsentScan keeps a scan of the signed sheet (multipart field "file": PDF or JPEG).
func (s *Server) postConsentScan(c *gin.Context) {
	_, data, ok := readFileField(c, clinic.MaxConsentScanBytes, "Send the scan (PDF or JPEG, at most 4 MiB) as multipart form field \"file\".")
	if !ok {
		return
	}
	sc, err := s.svc.AttachConsentScan(c.Request.Context(), actor(c), c.Param("id"), data)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toConsentScanJSON(sc))
}

// listConsentScans lists the scans of the signed sheet, newest first.
func (s *Server) listConsentScans(c *gin.Context) {
	scs, err := s.svc.ConsentScans(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	out := consentScansResponse{Items: []consentScanJSON{}}
	for _, x := range scs {
		out.Items = append(out.Items, toConsentScanJSON(x))
	}
	c.JSON(http.StatusOK, out)
}

// getConsentScan answers one scan as it was uploaded.
func (s *Server) getConsentScan(c *gin.Context) {
	sc, err := s.svc.ConsentScan(c.Request.Context(), actor(c), c.Param("id"), c.Param("scan"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, sc.ContentType, sc.Data)
}
