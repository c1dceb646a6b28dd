package api

import (
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// readUpload reads a spreadsheet upload (multipart field "file", at most maxCaseList bytes) and
// its "dry_run" flag; on a problem it has answered and ok is false. what names the file in the
// problem ("the case list", "the manifest").
func readUpload(c *gin.Context, what string) (name string, data []byte, dryRun, ok bool) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxCaseList)
	fh, err := c.FormFile("file")
	if err != nil {
		fail(c, (&clinic.Problems{{Field: "file", Code: "required", Message: "Send " + what + " (CSV or XLSX, at most 20 MiB) as multipart form field \"file\"."}}).Err())
		return "", nil, false, false
	}
	f, err := fh.Open()
	if err != nil {
		fail(c, clinic.Internal(err, "open upload"))
		return "", nil, false, false
	}
	defer f.Close()
	if data, err = io.ReadAll(f); err != nil {
		fail(c, clinic.Internal(err, "read upload"))
		return "", nil, false, false
	}
	switch c.PostForm("dry_run") {
	case "", "false", "0":
	case "true", "1":
		dryRun = true
	default:
		fail(c, (&clinic.Problems{{Field: "dry_run", Code: "not_allowed", Message: "dry_run is true or false."}}).Err())
		return "", nil, false, false
	}
	return fh.Filename, data, dryRun, true
}
