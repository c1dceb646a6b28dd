package api

import (
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// readFileField reads the multipart field "file" of at most limit bytes; missing is the problem's
// words when there is none. On a problem it has answered and ok is false.
func readFileField(c *gin.Context, limit int64, missing string) (name string, data []byte, ok bool) {
	// The multipart envelope adds a little to the file itself.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+64<<10)
	fh, err := c.FormFile("file")
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		fail(c, &clinic.Error{Code: codeTooLarge, Message: "The file is too large. " + missing,
			Fields: []clinic.FieldError{{Field: "file", Code: "too_large", Message: missing}}})
		return "", nil, false
	}
	if err != nil {
		fail(c, (&clinic.Problems{{Field: "file", Code: "required", Message: missing}}).Err())
		return "", nil, false
	}
	f, err := fh.Open()
	if err != nil {
		fail(c, clinic.Internal(err, "open upload"))
		return "", nil, false
	}
	defer f.Close()
	// One byte more than the limit lets the service say the file is too large.
	if data, err = io.ReadAll(io.LimitReader(f, limit+1)); err != nil {
		fail(c, clinic.Internal(err, "read upload"))
		return "", nil, false
	}
	return fh.Filename, data, true
}

// readUpload reads a spreadsheet upload (multipart field "file", at most maxCaseList bytes) and
// its "dry_run" flag; on a problem it has answered and ok is false. what names the file in the
// problem ("the case list", "the manifest").
func readUpload(c *gin.Context, what string) (name string, data []byte, dryRun, ok bool) {
	name, data, ok = readFileField(c, maxCaseList, "Send "+what+" (CSV or XLSX, at most 20 MiB) as multipart form field \"file\".")
	if !ok {
		return "", nil, false, false
	}
	if len(data) > maxCaseList {
		fail(c, (&clinic.Problems{{Field: "file", Code: "too_large", Message: "The file is larger than 20 MiB; split it."}}).Err())
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
	return name, data, dryRun, true
}
