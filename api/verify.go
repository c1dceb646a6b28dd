package api

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type verifyJSON struct {
	FormType  string     `json:"form_type"`
	IssuedAt  *time.Time `json:"issued_at"`
	Site      string     `json:"site"`
	Signer    string     `json:"signer"`
	Status    string     `json:"status"`
	Initials  string     `json:"initials"`
	BirthYear int        `json:"birth_year"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

type uploadCheckJSON struct {
	Matches bool   `json:"matches"`
	Status  string `json:"status"`
	Reason  string `json:"reason"`
	Signer  string `json:"signer"`
}

// maxUpload caps the verification upload: a signed form is well under 1 MiB.
const maxUpload = 4 << 20

// errUploadTooLarge is the 413 of an upload over maxUpload.
var errUploadTooLarge = &clinic.Error{Code: codeTooLarge, Message: "The file is larger than 4 MiB: it is not a form of this clinic.",
	Fields: []clinic.FieldError{{Field: "file", Code: "too_large", Message: "Choose the PDF form itself (at most 4 MiB)."}}}

func (s *Server) verifyToken(c *gin.Context) {
	f, err := s.svc.VerifyToken(c.Request.Context(), c.Param("token"), requestID(c), c.ClientIP())
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, verifyJSON{FormType: f.FormType, IssuedAt: f.IssuedAt, Site: f.SiteName, Signer: f.SignerName,
		Status: string(f.Status), Initials: f.Initials, BirthYear: f.BirthYear, RevokedAt: f.RevokedAt})
}

func (s *Server) verifyUpload(c *gin.Context) {
	if c.Request.ContentLength > maxUpload+64<<10 {
		fail(c, errUploadTooLarge)
		return
	}
	// The multipart envelope adds a little to the file itself.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUpload+64<<10)
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		fail(c, errUploadTooLarge)
		return
	case err != nil:
		fail(c, (&clinic.Problems{{Field: "file", Code: "required", Message: "Send the PDF as multipart form field \"file\" (at most 4 MiB)."}}).Err())
		return
	case fh.Size > maxUpload:
		fail(c, errUploadTooLarge)
		return
	}
	f, err := fh.Open()
	if err != nil {
		fail(c, clinic.Internal(err, "open upload"))
		return
	}
	defer f.Close()
	pdf, err := io.ReadAll(f)
	if err != nil {
		fail(c, clinic.Internal(err, "read upload"))
		return
	}
	res, err := s.svc.VerifyUpload(c.Request.Context(), c.Param("token"), pdf, requestID(c), c.ClientIP())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, uploadCheckJSON{Matches: res.Matches, Status: string(res.Status), Reason: res.Reason, Signer: res.Signature.Signer})
}
