package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/sheets"
)

// manifestJSON is the answer to a manifest upload: the summary `mhac import manifest` prints,
// with whether it was a dry run and whether anything was booked.
type manifestJSON struct {
	Flights    int                      `json:"flights"`
	Passengers int                      `json:"passengers"`
	Unchanged  int                      `json:"unchanged"`
	Errors     []clinic.ManifestProblem `json:"errors"`
	DryRun     bool                     `json:"dry_run"`
	Imported   bool                     `json:"imported"`
}

type manifestRefusedJSON struct {
	problem
	Import manifestJSON `json:"import"`
}

// importManifest takes a manifest (multipart field "file", CSV or XLSX) and, unless dry_run is
// true, books its people on their flights: all or nothing, line-level problems.
func (s *Server) importManifest(c *gin.Context) {
	name, data, dryRun, ok := readUpload(c, "the manifest")
	if !ok {
		return
	}
	in, err := sheets.ReadManifest(name, data)
	if errors.Is(err, sheets.ErrBadFile) {
		fail(c, (&clinic.Problems{{Field: "file", Code: "bad_file", Message: err.Error()}}).Err())
		return
	}
	if err != nil {
		fail(c, clinic.Internal(err, "read manifest"))
		return
	}
	sum, err := s.svc.ImportManifest(c.Request.Context(), actor(c), in, dryRun)
	if err != nil {
		fail(c, err)
		return
	}
	j := manifestJSON{Flights: sum.Flights, Passengers: sum.Passengers, Unchanged: sum.Unchanged, Errors: sum.Errors,
		DryRun: dryRun, Imported: !dryRun && len(sum.Errors) == 0}
	if j.Errors == nil {
		j.Errors = []clinic.ManifestProblem{}
	}
	if len(sum.Errors) > 0 && !dryRun {
		st := statusOf[codeImportRefused]
		c.Header("Content-Type", "application/problem+json")
		c.AbortWithStatusJSON(st.status, manifestRefusedJSON{problem: problem{Type: "urn:mhac:problem:" + string(codeImportRefused),
			Code: string(codeImportRefused), Title: st.title, Status: st.status, RequestID: requestID(c),
			Detail: "The manifest has problems; nothing was booked. Correct the lines listed and send it again."}, Import: j})
		return
	}
	c.JSON(http.StatusOK, j)
}
