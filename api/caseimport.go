package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/sheets"
)

// maxCaseList bounds an uploaded case list (10,000 people take about 1.5 MB as CSV).
const maxCaseList = 20 << 20

// importJSON is the answer to a case-list import: the summary `mhac import cases` prints, and the
// preview of every case the upload page shows.
type importJSON struct {
	Cases     int                    `json:"cases"`
	People    int                    `json:"people"`
	Unchanged int                    `json:"unchanged"`
	Errors    []clinic.ImportProblem `json:"errors"`
	DryRun    bool                   `json:"dry_run"`
	Imported  bool                   `json:"imported"`
	Preview   []clinic.ImportPreview `json:"preview"`
}

// importRefusedJSON is the problem answer to an import with problems: nothing was added.
type importRefusedJSON struct {
	problem
	Import importJSON `json:"import"`
}

// codeImportRefused: a case list with problems; nothing of it was added.
const codeImportRefused clinic.ErrorCode = "import_refused"

func toImportJSON(s clinic.ImportSummary) importJSON {
	j := importJSON{Cases: s.Cases, People: s.People, Unchanged: s.Unchanged, Errors: s.Errors, DryRun: s.DryRun,
		Imported: !s.DryRun && len(s.Errors) == 0, Preview: s.Preview}
	if j.Errors == nil {
		j.Errors = []clinic.ImportProblem{}
	}
	if j.Preview == nil {
		j.Preview = []clinic.ImportPreview{}
	}
	return j
}

// importCases takes a case list (multipart field "file", CSV or XLSX) and, unless dry_run is
// true, registers its cases.
func (s *Server) importCases(c *gin.Context) {
	name, data, dryRun, ok := readUpload(c, "the case list")
	if !ok {
		return
	}
	in, err := sheets.Read(name, data)
	if errors.Is(err, sheets.ErrBadFile) {
		fail(c, (&clinic.Problems{{Field: "file", Code: "bad_file", Message: err.Error()}}).Err())
		return
	}
	if err != nil {
		fail(c, clinic.Internal(err, "read case list"))
		return
	}
	sum, err := s.svc.ImportCases(c.Request.Context(), actor(c), in, dryRun)
	if err != nil {
		fail(c, err)
		return
	}
	j := toImportJSON(sum)
	if len(sum.Errors) > 0 && !dryRun {
		st := statusOf[codeImportRefused]
		c.Header("Content-Type", "application/problem+json")
		c.AbortWithStatusJSON(st.status, importRefusedJSON{problem: problem{Type: "urn:mhac:problem:" + string(codeImportRefused),
			Code: string(codeImportRefused), Title: st.title, Status: st.status, RequestID: requestID(c),
			Detail: "The case list has problems; nothing was imported. Correct the lines listed and send it again."}, Import: j})
		return
	}
	c.JSON(http.StatusOK, j)
}
