package api

import (
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

type verifyJSON struct {
	FormType string     `json:"form_type"`
	IssuedAt *time.Time `json:"issued_at"`
	Site     string     `json:"site"`
	// SiteTimezone is the IANA zone of the site: the page shows every time in it.
	SiteTimezone string     `json:"site_timezone"`
	Signer       string     `json:"signer"`
	Status       string     `json:"status"`
	Initials     string     `json:"initials"`
	BirthYear    int        `json:"birth_year"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	// NotDone lists the required steps signed without, each with the physician's reason;
	// NotDoneLine says it in one sentence ("Signed with steps not done: HIV test — reason").
	NotDone     []notDoneJSON `json:"not_done"`
	NotDoneLine string        `json:"not_done_line,omitempty"`
}

type notDoneJSON struct {
	Step   string `json:"step"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
}

type uploadCheckJSON struct {
	Matches bool   `json:"matches"`
	Status  string `json:"status"`
	Reason  string `json:"reason"`
	Signer  string `json:"signer"`
}

const maxUpload = 20 << 20 // 20 MiB; a signed form is well under 1 MiB

func (s *Server) verifyToken(c *gin.Context) {
	f, err := s.svc.VerifyToken(c.Request.Context(), c.Param("token"), requestID(c), c.ClientIP())
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, verifyJSON{FormType: f.FormType, IssuedAt: f.IssuedAt, Site: f.SiteName, Signer: f.SignerName,
		Status: string(f.Status), Initials: f.Initials, BirthYear: f.BirthYear, RevokedAt: f.RevokedAt,
		SiteTimezone: f.SiteTimezone, NotDone: notDone(f.NotDone), NotDoneLine: clinic.NotDoneLine(f.NotDone)})
}

func (s *Server) verifyUpload(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUpload)
	fh, err := c.FormFile("file")
	if err != nil {
		fail(c, (&clinic.Problems{{Field: "file", Code: "required", Message: "Send the PDF as multipart form field \"file\" (at most 20 MiB)."}}).Err())
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

func notDone(ds []clinic.FormDeferred) []notDoneJSON {
	out := make([]notDoneJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, notDoneJSON{Step: d.Step, Label: d.Label, Reason: d.Reason})
	}
	return out
}
