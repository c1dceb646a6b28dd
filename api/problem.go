package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// problem is an RFC 9457 problem document with the clinic's stable code and field errors.
type problem struct {
	Type           string              `json:"type"`
	Code           string              `json:"code"`
	Title          string              `json:"title"`
	Status         int                 `json:"status"`
	Detail         string              `json:"detail"`
	RequestID      string              `json:"request_id,omitempty"`
	Errors         []clinic.FieldError `json:"errors,omitempty"`
	CurrentVersion int                 `json:"current_version,omitempty"`
}

// statusOf maps each clinic error code to its HTTP status; the one place that does.
var statusOf = map[clinic.ErrorCode]struct {
	status int
	title  string
}{
	clinic.EValidation:          {http.StatusUnprocessableEntity, "Invalid input"},
	clinic.ENotFound:            {http.StatusNotFound, "Not found"},
	clinic.EForbidden:           {http.StatusForbidden, "Not allowed"},
	clinic.EUnauthorized:        {http.StatusUnauthorized, "Not logged in"},
	clinic.EConflict:            {http.StatusConflict, "Changed by someone else"},
	clinic.EPrecondition:        {http.StatusPreconditionFailed, "Changed by someone else"},
	clinic.ELocked:              {http.StatusConflict, "Signed and locked"},
	clinic.EInvalidState:        {http.StatusConflict, "Not possible now"},
	clinic.ERateLimited:         {http.StatusTooManyRequests, "Too many attempts"},
	clinic.EUnavailable:         {http.StatusServiceUnavailable, "Temporarily unavailable"},
	clinic.EDuplicate:           {http.StatusConflict, "Already exists"},
	clinic.EIdempotencyKey:      {http.StatusUnprocessableEntity, "Idempotency key reused"},
	clinic.EIdentityCheck:       {http.StatusConflict, "Identity not checked"},
	clinic.EIdentityHold:        {http.StatusConflict, "Held: identity mismatch"},
	clinic.EPossibleDuplicate:   {http.StatusConflict, "Possibly already registered"},
	clinic.EInternal:            {http.StatusInternalServerError, "Internal error"},
	clinic.EConsentRequired:     {http.StatusForbidden, "Consent missing"},
	clinic.ECounsellingRequired: {http.StatusConflict, "Counselling missing"},
	clinic.ESecondFactor:        {http.StatusUnauthorized, "Second factor required"},
	clinic.EEnrolSecondFactor:   {http.StatusForbidden, "Set up a second factor first"},
	codeBadJSON:                 {http.StatusBadRequest, "Malformed request"},
	codeCSRF:                    {http.StatusForbidden, "Missing or wrong CSRF token"},
	codeTooLarge:                {http.StatusRequestEntityTooLarge, "Request too large"},
	codeMethod:                  {http.StatusMethodNotAllowed, "Method not allowed"},
	codeMediaType:               {http.StatusUnsupportedMediaType, "Unsupported media type"},
	codeImportRefused:           {http.StatusUnprocessableEntity, "Import refused"},
}

// Codes the HTTP layer adds to the clinic's own.
const (
	codeBadJSON   clinic.ErrorCode = "bad_json"
	codeCSRF      clinic.ErrorCode = "csrf_failed"
	codeTooLarge  clinic.ErrorCode = "too_large"
	codeMethod    clinic.ErrorCode = "method_not_allowed"
	codeMediaType clinic.ErrorCode = "unsupported_media_type"
)

// retryUnavailable is the Retry-After (seconds) of a 503: a database restart takes seconds.
const retryUnavailable = "5"

// fail writes err as problem+json. An internal error says only "Internal error." to the client
// and logs its cause with the request id.
func fail(c *gin.Context, err error) {
	if lostClaim(c, err) {
		// Another request with the same Idempotency-Key made the change: the idempotent
		// middleware answers with its answer instead.
		c.Abort()
		return
	}
	e := clinic.ErrorOf(err)
	st, ok := statusOf[e.Code]
	if !ok {
		st = statusOf[clinic.EInternal]
	}
	p := problem{Type: "urn:mhac:problem:" + string(e.Code), Code: string(e.Code), Title: st.title, Status: st.status,
		Detail: e.Message, RequestID: requestID(c), Errors: e.Fields, CurrentVersion: e.CurrentVersion}
	if e.Code == clinic.EInternal || st.status >= 500 {
		slog.Error("request failed", "request_id", p.RequestID, "method", c.Request.Method, "path", c.FullPath(), "err", logSafe(err))
		if e.Code == clinic.EInternal {
			p.Detail = "Internal error."
		}
	}
	switch st.status {
	case http.StatusTooManyRequests:
		c.Header("Retry-After", "900")
	case http.StatusServiceUnavailable:
		c.Header("Retry-After", retryUnavailable)
	}
	c.Header("Content-Type", "application/problem+json")
	c.AbortWithStatusJSON(st.status, p)
}

// logFailure logs an error that does not change the answer already given.
func logFailure(c *gin.Context, err error) {
	slog.Error("after the answer", "request_id", requestID(c), "path", c.FullPath(), "err", logSafe(err))
}

// badJSON is the error for a body that is not the JSON the route expects.
func badJSON(msg string, fields ...clinic.FieldError) error {
	return &clinic.Error{Code: codeBadJSON, Message: msg, Fields: fields}
}

func isCode(err error, code clinic.ErrorCode) bool {
	var e *clinic.Error
	return errors.As(err, &e) && e.Code == code
}

// logSafe shortens an error for the log: a driver's message can quote a value it failed to
// convert, and logs must not carry clinical data, so only its start is kept.
func logSafe(err error) string {
	const max = 240
	msg := err.Error()
	if len(msg) > max {
		return msg[:max] + "… (cut)"
	}
	return msg
}
