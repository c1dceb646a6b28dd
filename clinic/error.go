package clinic

import (
	"errors"
	"fmt"
)

// ErrorCode is a stable, machine-readable error kind. The api package maps each to one HTTP status.
type ErrorCode string

// The error codes of the clinic. They are part of the API: never rename one.
const (
	EValidation     ErrorCode = "validation"      // the input breaks a rule; see Fields
	ENotFound       ErrorCode = "not_found"       // no such record, or not visible to the caller
	EForbidden      ErrorCode = "forbidden"       // the caller's role may not do this
	EUnauthorized   ErrorCode = "unauthenticated" // no valid session, or wrong password
	EConflict       ErrorCode = "conflict"        // a stale version: someone else changed the record
	ELocked         ErrorCode = "locked"          // the record is signed; add an addendum instead
	EInvalidState   ErrorCode = "invalid_state"   // the workflow does not allow this step now
	ERateLimited    ErrorCode = "rate_limited"    // too many attempts
	EUnavailable    ErrorCode = "unavailable"     // a dependency is down; retry later
	EInternal       ErrorCode = "internal"        // a bug or an infrastructure failure
	EPrecondition   ErrorCode = "precondition_failed"
	EDuplicate      ErrorCode = "duplicate" // a record with this natural key exists
	EIdempotencyKey ErrorCode = "idempotency_key_reused"
	EIdentityCheck  ErrorCode = "identity_check_required" // the station has not checked the person against the photo
	EIdentityHold   ErrorCode = "identity_hold"           // an identity mismatch holds the assessment
	// EPossibleDuplicate: a person being registered may be someone already registered; the
	// registrar decides (same person, or different with a reason) before saving.
	EPossibleDuplicate ErrorCode = "possible_duplicate"
	// EConsentRequired: the person has no standing consent for what was asked (or withdrew it).
	EConsentRequired ErrorCode = "consent_required"
	// ECounsellingRequired: the counselling the step needs first is not recorded.
	ECounsellingRequired ErrorCode = "counselling_required"
	// ESecondFactor: the password is right; the account needs its second factor's code too.
	ESecondFactor ErrorCode = "second_factor_required"
	// EEnrolSecondFactor: the account's role needs a second factor; until enrolled, the
	// session may only enrol.
	EEnrolSecondFactor ErrorCode = "second_factor_enrolment_required"
)

// FieldError is one field-level problem of a validation error.
type FieldError struct {
	Field   string `json:"field"`   // the input path, e.g. "members[1].birth_date"
	Code    string `json:"code"`    // e.g. "required", "invalid_date", "not_allowed"
	Message string `json:"message"` // plain English for the person at the screen
}

// Error is the one error type of the clinic. Wrap it with fmt.Errorf("...: %w", err) freely;
// ErrorOf finds it again.
type Error struct {
	Code    ErrorCode
	Message string
	Fields  []FieldError
	// CurrentVersion is set on conflicts so the caller can reload and merge.
	CurrentVersion int
	cause          error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.cause)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the underlying cause of an internal error.
func (e *Error) Unwrap() error { return e.cause }

// Errorf makes an Error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected failure; its message is never shown to users.
func Internal(cause error, what string) *Error {
	return &Error{Code: EInternal, Message: what, cause: cause}
}

// NotFound says that a record of the given kind does not exist (or is not the caller's to see).
func NotFound(kind string) *Error {
	return &Error{Code: ENotFound, Message: kind + " not found."}
}

// Conflict says that the record changed since the caller read it.
func Conflict(kind string, current int) *Error {
	return &Error{Code: EConflict, CurrentVersion: current,
		Message: "Someone else changed this " + kind + " since you opened it. Reload to see their change; nothing was saved."}
}

// ErrorOf returns the clinic Error in err's chain, or an internal error wrapping err.
func ErrorOf(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err, "Internal error.")
}

// IsCode reports whether err carries the given clinic error code.
func IsCode(err error, code ErrorCode) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// Problems collects field errors while validating input.
type Problems []FieldError

// Add records one field problem.
func (p *Problems) Add(field, code, message string) {
	*p = append(*p, FieldError{Field: field, Code: code, Message: message})
}

// Err returns a validation error when problems were found, else nil.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msg := p[0].Message
	if len(p) > 1 {
		msg = fmt.Sprintf("%d fields need attention.", len(p))
	}
	return &Error{Code: EValidation, Message: msg, Fields: p}
}
