package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

const maxBody = 1 << 20 // 1 MiB: no JSON body of the clinic comes near it

// bindJSON decodes the body strictly into v: unknown fields, wrong types and trailing data are
// field-level errors, never a 500.
// The body must be declared application/json: a page of another site can send a form or
// text/plain without asking, but not JSON, so this closes cross-site writes (login included).
func bindJSON(c *gin.Context, v any) error {
	if c.ContentType() != "application/json" {
		return &clinic.Error{Code: codeMediaType, Message: "Send the body as JSON with the header Content-Type: application/json.",
			Fields: []clinic.FieldError{{Field: "Content-Type", Code: "unsupported", Message: "Use application/json."}}}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return &clinic.Error{Code: codeTooLarge, Message: "The request body is larger than 1 MiB."}
		}
		return badJSON("The request body could not be read.")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return badJSON("The request needs a JSON body.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return badJSON("The body holds more than one JSON value.")
	}
	return nil
}

// jsonError explains a decoding error in words, naming the field where it can.
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return badJSON(fmt.Sprintf("The body is not valid JSON (at byte %d).", syn.Offset))
	case errors.As(err, &typ):
		field := wireField(typ.Field)
		if field == "" {
			field = "(body)"
		}
		return badJSON(fmt.Sprintf("Field %s must be %s, not %s.", field, typeWord(typ.Type.Kind().String()), typ.Value),
			clinic.FieldError{Field: field, Code: "wrong_type", Message: fmt.Sprintf("Expected %s.", typeWord(typ.Type.Kind().String()))})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badJSON(fmt.Sprintf("Unknown field %q.", name), clinic.FieldError{Field: name, Code: "unknown_field", Message: "This field is not part of the request."})
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badJSON("The JSON body ends too early.")
	}
	return badJSON("The body is not the JSON this request expects: " + err.Error())
}

func typeWord(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "a list"
	case "struct", "map", "ptr":
		return "an object"
	}
	return "a number"
}

// dateField parses a YYYY-MM-DD field, recording a field error when it is not one.
func dateField(p *clinic.Problems, field, v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		p.Add(field, "invalid_date", "Use the form YYYY-MM-DD, e.g. 1988-04-02.")
	}
	return d
}

// version returns the version the client read: the If-Match header if present (a stale one is
// 412), else the body's version field (a stale one is 409).
func version(c *gin.Context, body *int) (int, bool, error) {
	if h := c.GetHeader("If-Match"); h != "" {
		v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
		if err != nil {
			return 0, true, (&clinic.Problems{{Field: "If-Match", Code: "invalid", Message: `Send the ETag you read, e.g. "3".`}}).Err()
		}
		return v, true, nil
	}
	if body == nil || *body <= 0 {
		return 0, false, (&clinic.Problems{{Field: "version", Code: "required", Message: "Send the version of the record you read."}}).Err()
	}
	return *body, false, nil
}

// stale turns a conflict into 412 when the client used If-Match.
func stale(err error, ifMatch bool) error {
	if ifMatch && isCode(err, clinic.EConflict) {
		e := *clinic.ErrorOf(err)
		e.Code = clinic.EPrecondition
		return &e
	}
	return err
}

// etag sets the ETag header of a versioned record.
func etag(c *gin.Context, v int) { c.Header("ETag", fmt.Sprintf(`"%d"`, v)) }

// wireField drops from a decoder's field path the names of embedded Go structs (they hold
// capitals; the API's own names are snake_case), leaving the path the client wrote.
func wireField(path string) string {
	var keep []string
	for _, part := range strings.Split(path, ".") {
		if strings.ToLower(part) == part {
			keep = append(keep, part)
		}
	}
	return strings.Join(keep, ".")
}

// bindVersioned binds a request that carries the version the client read (or If-Match). When it
// fails it has answered the client, and ok is false.
func bindVersioned(c *gin.Context, req any, ver *int) (v int, ifMatch bool, ok bool) {
	if err := bindJSON(c, req); err != nil {
		fail(c, err)
		return 0, false, false
	}
	v, ifMatch, err := version(c, ver)
	if err != nil {
		fail(c, err)
		return 0, false, false
	}
	return v, ifMatch, true
}
