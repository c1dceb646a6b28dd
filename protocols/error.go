package protocols

import "fmt"

// Error codes returned for bad input. They are stable: the API maps them to HTTP statuses.
const (
	CodeInvalidJSON        = "invalid_json"        // the input is not a JSON object
	CodeUnknownField       = "unknown_field"       // a field the contract does not have
	CodeMissingField       = "missing_field"       // destination, program, exam_date or birth_date missing
	CodeUnknownDestination = "unknown_destination" // not US, CA, AU or NZ
	CodeUnknownProgram     = "unknown_program"     // not a program of that destination
	CodeUnknownVersion     = "unknown_version"     // no such protocol version for the destination
	CodeNoVersionInForce   = "no_version_in_force" // the date is before the first version
	CodeInvalidDate        = "invalid_date"        // not a YYYY-MM-DD date, or birth after exam
	CodeInvalidValue       = "invalid_value"       // a value outside the contract's vocabulary or range
	CodeInternal           = "internal"            // the command line's code for a failure of the engine; never on *Error
)

// Error is the error the engine returns for bad input, and only for bad input: a failure of the
// engine itself (a rule that cannot be evaluated) is a plain error, so errors.As(err, &*Error)
// or errors.As(err, &clinic.AssessorInputError) tells the two apart. Field names the facts field
// at fault in the contract's spelling ("results.cxr").
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Field, e.Message, e.Code)
	}
	return fmt.Sprintf("%s (%s)", e.Message, e.Code)
}

// ErrorCode and ErrorField make *Error satisfy clinic.AssessorInputError.
func (e *Error) ErrorCode() string  { return e.Code }
func (e *Error) ErrorField() string { return e.Field }

func inputErr(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}
